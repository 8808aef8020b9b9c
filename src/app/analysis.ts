import type { ImmuneProfile } from '../core/biomarkers/profile.js';
import { siteConfigSchema } from '../core/config/schema.js';
import type { RecognizedOrder } from '../core/drugs/orders.js';
import { readResources } from '../core/fhir/parse.js';
import type { Patient } from '../core/fhir/schemas.js';
import { buildPatientContext } from '../core/rules/context.js';
import { evaluateCurrent } from '../core/rules/engine.js';
import type { Finding } from '../core/rules/types.js';

/**
 * The core's verdict on the loaded record — the same code the CDS service runs. Loaded lazily:
 * the core (UCUM tables, knowledge base) stays out of the initial bundle.
 */
export interface Analysis {
  profile: ImmuneProfile;
  orders: RecognizedOrder[];
  findings: Finding[];
  nowMs: number;
}

export function analyse(
  resources: unknown[],
  options: {
    patientId: string;
    now: Date;
    localLabCodes?: { system: string; code: string; biomarker: string; unit?: string }[];
  },
): Analysis {
  const config = siteConfigSchema.parse({ localCodes: { labs: options.localLabCodes ?? [] } });
  const set = readResources(resources);
  const patient = set.patients.find((p: Patient) => p.id === options.patientId);
  const context = buildPatientContext(set, {
    now: options.now,
    config,
    patientId: options.patientId,
    ...(patient ? { patient } : {}),
  });
  return {
    profile: { ...context.profile, issues: context.issues },
    orders: context.history,
    findings: evaluateCurrent(context, config),
    nowMs: context.nowMs,
  };
}
