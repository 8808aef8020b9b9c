import type { SiteConfig } from '../../../src/core/config/schema.js';
import type { RecognizedOrder } from '../../../src/core/drugs/orders.js';
import type { ResourceSet } from '../../../src/core/fhir/parse.js';
import type { Condition, MedicationRequest, Observation } from '../../../src/core/fhir/schemas.js';
import type { Translator } from '../../../src/core/messages/translator.js';
import { buildPatientContext, type PatientContext } from '../../../src/core/rules/context.js';
import { OrderIndex } from '../../../src/core/rules/order-index.js';

/**
 * The record as the prescriber saw it when signing an order at `atMs`: results issued by then,
 * orders written by then, conditions and immunizations recorded by then. An export carries each
 * resource's status of today, so what was running at `atMs` is made current again: an order whose
 * planned course covered that instant was active, a condition that abated later was active.
 */

const parse = (value: string | undefined) => (value === undefined ? Number.NaN : Date.parse(value));

/** Undated resources stay in: the card would have seen them. */
const byThen = (ms: number, atMs: number) => Number.isNaN(ms) || ms <= atMs;

function observationTime(o: Observation): number {
  return parse(o.issued ?? o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start);
}

function orderTime(r: MedicationRequest): number {
  const bounds = (r.dosageInstruction ?? [])[0]?.timing?.repeat?.boundsPeriod?.start;
  return parse(r.authoredOn ?? bounds);
}

const ACTIVE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] };

function conditionThen(c: Condition, atMs: number): Condition {
  const abated = parse(c.abatementDateTime);
  return !Number.isNaN(abated) && abated > atMs ? { ...c, clinicalStatus: ACTIVE } : c;
}

const ENDED = new Set(['completed', 'stopped']);

/** An order that ended after `atMs` and had started by then was being taken at `atMs`. */
function statusThen(o: RecognizedOrder, atMs: number): RecognizedOrder {
  const start = o.course.startMs ?? o.authoredOnMs;
  const end = o.course.endMs;
  const running = ENDED.has(o.status) && end !== undefined && end >= atMs && (start === undefined || start <= atMs);
  return running ? { ...o, status: 'active' } : o;
}

export function recordAt(set: ResourceSet, atMs: number, excluded: ReadonlySet<MedicationRequest>): ResourceSet {
  return {
    ...set,
    observations: set.observations.filter((o) => byThen(observationTime(o), atMs)),
    medicationRequests: set.medicationRequests.filter((r) => !excluded.has(r) && byThen(orderTime(r), atMs)),
    conditions: set.conditions
      .filter((c) => byThen(parse(c.onsetDateTime ?? c.recordedDate), atMs))
      .map((c) => conditionThen(c, atMs)),
    immunizations: set.immunizations.filter((i) => byThen(parse(i.occurrenceDateTime ?? i.recorded), atMs)),
    serviceRequests: [],
  };
}

/** The rules' patient context at `atMs`, without the orders in `excluded` (the one being signed and its course's later ones). */
export function contextAt(
  set: ResourceSet,
  atMs: number,
  excluded: ReadonlySet<MedicationRequest>,
  options: { config: SiteConfig; t: Translator; patientId?: string },
): PatientContext {
  const context = buildPatientContext(recordAt(set, atMs, excluded), {
    now: new Date(atMs),
    config: options.config,
    t: options.t,
    ...(set.patients[0] ? { patient: set.patients[0] } : {}),
    ...(options.patientId ? { patientId: options.patientId } : {}),
  });
  const history = context.history.map((o) => statusThen(o, atMs));
  return { ...context, history, historyIndex: new OrderIndex(history) };
}
