import {
  defaultSiteConfig,
  type SiteConfig,
  type SiteConfigInput,
  siteConfigSchema,
} from '../../src/core/config/schema.js';
import { readResources } from '../../src/core/fhir/parse.js';
import { buildPatientContext, recognizeDraftOrders } from '../../src/core/rules/context.js';
import { evaluate } from '../../src/core/rules/engine.js';
import type { Finding } from '../../src/core/rules/types.js';
import { patient } from './orders.js';

export const NOW = new Date('2026-11-01T09:00:00+05:00');

export interface Scenario {
  /** The patient's record: observations, orders (any status), conditions, immunizations. */
  record?: unknown[];
  drafts: unknown[];
  config?: SiteConfigInput;
  now?: Date;
  /** Replaces the default adult patient (e.g. a child's birthDate); keep its id `p1`. */
  patient?: Record<string, unknown>;
}

export function run(scenario: Scenario): Finding[] {
  const config: SiteConfig = scenario.config ? siteConfigSchema.parse(scenario.config) : defaultSiteConfig();
  const now = scenario.now ?? NOW;
  const set = readResources([scenario.patient ?? patient, ...(scenario.record ?? [])]);
  const context = buildPatientContext(set, { now, config, patient: set.patients[0] as never, patientId: 'p1' });
  const drafts = recognizeDraftOrders(
    readResources({ resourceType: 'Bundle', entry: scenario.drafts.map((resource) => ({ resource })) }),
    context,
  );
  return evaluate(context, drafts, config);
}

export function byRule(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}
