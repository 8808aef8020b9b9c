import { assessmentToCard } from '../cds-hooks/cards/render.js';
import type { Card } from '../src/contract/cds-hooks.js';
import { defaultSiteConfig } from '../src/core/config/schema.js';
import { emptyResourceSet, readResources } from '../src/core/fhir/parse.js';
import { translator } from '../src/core/messages/translator.js';
import { assessOrders } from '../src/core/rules/assessment.js';
import { buildPatientContext, recognizeDraftOrders } from '../src/core/rules/context.js';
import { evaluate } from '../src/core/rules/engine.js';

/**
 * The domain work of one order-sign with full prefetch, as cds-hooks/http/calls.ts does it but
 * without the framework: read the prefetch, build the patient context, recognise the drafts, run
 * the rules and render the cards. Each stage's CPU time (`process.cpuUsage`, garbage collection
 * inside the stage included) is added to `stages`, in µs: on a busy machine wall time would count
 * the time other processes held the core.
 */

export const STAGES = ['parse', 'verify', 'context', 'rules', 'cards'] as const;
export type Stage = (typeof STAGES)[number];
export type StageTimes = Record<Stage, number>;

export function emptyStageTimes(): StageTimes {
  return { parse: 0, verify: 0, context: 0, rules: 0, cards: 0 };
}

/** CPU µs (user + system) of this process since `since`, or so far. */
export function cpuMicros(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

const config = defaultSiteConfig();
const t = translator('en');

interface OrderSignBody {
  context: { patientId: string; draftOrders: unknown };
  prefetch: Record<string, unknown>;
}

/** The cards of a parsed order-sign body (prefetch complete), timing context, rules and cards. */
export function coreCards(body: OrderSignBody, stages: StageTimes, now: Date): string {
  const t0 = cpuMicros();
  const resources = emptyResourceSet();
  for (const value of Object.values(body.prefetch)) if (value !== null) readResources(value, resources);
  const patientId = body.context.patientId;
  const patient = resources.patients.find((p) => p.id === patientId);
  const context = buildPatientContext(resources, { now, t, config, patientId, ...(patient ? { patient } : {}) });
  const t1 = cpuMicros();
  const draftSet = readResources(body.context.draftOrders);
  const drafts = recognizeDraftOrders(draftSet, context);
  const assessments = assessOrders(
    evaluate(context, drafts, config, () => true, t),
    t,
  );
  const t2 = cpuMicros();
  const draftResources = new Map<string, Record<string, unknown>>();
  for (const r of [...draftSet.medicationRequests, ...draftSet.serviceRequests]) {
    draftResources.set(`${r.resourceType}/${r.id}`, r as Record<string, unknown>);
  }
  const cardContext = { config, t, patientId, drafts: draftResources, missing: [] };
  const cards: Card[] = assessments.map((a) => assessmentToCard(a, cardContext));
  const json = JSON.stringify({ cards });
  const t3 = cpuMicros();
  stages.context += t1 - t0;
  stages.rules += t2 - t1;
  stages.cards += t3 - t2;
  return json;
}
