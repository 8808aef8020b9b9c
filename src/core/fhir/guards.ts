import { memoizeString } from '../util/memo.js';
import { FHIR_DATE_TIME, type MedicationRequest, type Observation } from './schemas.js';

/**
 * Fast structural checks of the Observation and MedicationRequest subsets, used before zod on
 * the hot paths (a million Observations; every order-sign call): zod copies what it parses. They
 * are sound by construction and by test (test/core/fhir/guards.test.ts): whatever a guard accepts,
 * the zod schema accepts. When a guard refuses, zod parses the resource and names the problem.
 */

type Rec = Record<string, unknown>;

export const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';
const isDateTime = memoizeString((v) => FHIR_DATE_TIME.test(v));
const optDateTime = (v: unknown) => v === undefined || (typeof v === 'string' && isDateTime(v));
const COMPARATORS = new Set(['<', '<=', '>=', '>']);

function optArrayOf(v: unknown, item: (x: unknown) => boolean): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (const x of v) if (!item(x)) return false;
  return true;
}

function isCoding(v: unknown): boolean {
  return isRecord(v) && optString(v.system) && optString(v.code) && optString(v.display);
}

function isCodeableConcept(v: unknown): boolean {
  return isRecord(v) && optArrayOf(v.coding, isCoding) && optString(v.text);
}

const optCodeableConcept = (v: unknown) => v === undefined || isCodeableConcept(v);

function optQuantity(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isRecord(v)) return false;
  const value = v.value;
  return (
    (value === undefined || (typeof value === 'number' && Number.isFinite(value))) &&
    (v.comparator === undefined || (typeof v.comparator === 'string' && COMPARATORS.has(v.comparator))) &&
    optString(v.unit) &&
    optString(v.system) &&
    optString(v.code)
  );
}

function optReference(v: unknown): boolean {
  return v === undefined || (isRecord(v) && optString(v.reference) && optString(v.display));
}

function optPeriod(v: unknown): boolean {
  return v === undefined || (isRecord(v) && optDateTime(v.start) && optDateTime(v.end));
}

const optInt = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isSafeInteger(v));

function isDosage(v: unknown): boolean {
  if (!isRecord(v) || !optString(v.text) || !optCodeableConcept(v.route)) return false;
  const timing = v.timing;
  if (timing !== undefined) {
    if (!isRecord(timing) || !optCodeableConcept(timing.code)) return false;
    const r = timing.repeat;
    if (r !== undefined) {
      if (!isRecord(r)) return false;
      const period = r.period;
      if (
        !optQuantity(r.boundsDuration) ||
        !optPeriod(r.boundsPeriod) ||
        !optInt(r.count) ||
        !optInt(r.frequency) ||
        !(period === undefined || (typeof period === 'number' && Number.isFinite(period))) ||
        !optString(r.periodUnit)
      ) {
        return false;
      }
    }
  }
  return optArrayOf(v.doseAndRate, (d) => isRecord(d) && optQuantity(d.doseQuantity));
}

export function isMedicationRequestShape(v: unknown): v is MedicationRequest {
  if (!isRecord(v) || v.resourceType !== 'MedicationRequest') return false;
  const dispense = v.dispenseRequest;
  return (
    optString(v.id) &&
    optString(v.status) &&
    optString(v.intent) &&
    optCodeableConcept(v.medicationCodeableConcept) &&
    optReference(v.medicationReference) &&
    optReference(v.subject) &&
    optDateTime(v.authoredOn) &&
    optArrayOf(v.dosageInstruction, isDosage) &&
    (dispense === undefined ||
      (isRecord(dispense) &&
        optPeriod(dispense.validityPeriod) &&
        optInt(dispense.numberOfRepeatsAllowed) &&
        optQuantity(dispense.expectedSupplyDuration))) &&
    (v.contained === undefined || Array.isArray(v.contained))
  );
}

function isReferenceRange(v: unknown): boolean {
  return isRecord(v) && optQuantity(v.low) && optQuantity(v.high) && optString(v.text);
}

function hasValidValue(v: Rec): boolean {
  const int = v.valueInteger;
  return (
    optQuantity(v.valueQuantity) &&
    optString(v.valueString) &&
    (int === undefined || (typeof int === 'number' && Number.isSafeInteger(int))) &&
    optCodeableConcept(v.valueCodeableConcept) &&
    optCodeableConcept(v.dataAbsentReason) &&
    optArrayOf(v.interpretation, isCodeableConcept) &&
    optArrayOf(v.referenceRange, isReferenceRange)
  );
}

function isComponent(v: unknown): boolean {
  return isRecord(v) && isCodeableConcept(v.code) && hasValidValue(v);
}

export function isObservationShape(v: unknown): v is Observation {
  if (!isRecord(v) || v.resourceType !== 'Observation') return false;
  return (
    optString(v.id) &&
    optString(v.status) &&
    isCodeableConcept(v.code) &&
    optReference(v.subject) &&
    optDateTime(v.effectiveDateTime) &&
    optDateTime(v.effectiveInstant) &&
    optDateTime(v.issued) &&
    optPeriod(v.effectivePeriod) &&
    hasValidValue(v) &&
    optArrayOf(v.component, isComponent)
  );
}
