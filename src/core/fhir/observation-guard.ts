import { memoizeString } from '../util/memo.js';
import { FHIR_DATE_TIME, type Observation } from './schemas.js';

/**
 * A fast structural check of the Observation subset, used before zod on the hot path: mapping a
 * million Observations cannot afford a zod copy of each. It is sound by construction and by test
 * (test/core/fhir/observation-guard.test.ts): whatever it accepts, the zod schema accepts. When
 * it refuses, zod parses the resource and names the problem.
 */

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
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
  const subject = v.subject;
  const period = v.effectivePeriod;
  return (
    optString(v.id) &&
    optString(v.status) &&
    isCodeableConcept(v.code) &&
    (subject === undefined || (isRecord(subject) && optString(subject.reference) && optString(subject.display))) &&
    optDateTime(v.effectiveDateTime) &&
    optDateTime(v.effectiveInstant) &&
    optDateTime(v.issued) &&
    (period === undefined || (isRecord(period) && optDateTime(period.start) && optDateTime(period.end))) &&
    hasValidValue(v) &&
    optArrayOf(v.component, isComponent)
  );
}
