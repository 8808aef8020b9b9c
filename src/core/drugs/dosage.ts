import { tidy } from '../biomarkers/tidy.js';
import { conversionFactor, normalizeUnit } from '../biomarkers/units.js';
import type { Dosage, Medication, MedicationRequest, Quantity } from '../fhir/schemas.js';
import { memoizeString } from '../util/memo.js';

/**
 * Dose per day and course dates of a MedicationRequest, from dose × frequency / period and from
 * boundsDuration, boundsPeriod, repeat.count and dispenseRequest.expectedSupplyDuration.
 */

export const DAY_MS = 86_400_000;

const UNIT_DAYS: Record<string, number> = {
  s: 1 / 86_400,
  min: 1 / 1_440,
  h: 1 / 24,
  d: 1,
  wk: 7,
  mo: 30,
  a: 365,
};

/** A UCUM duration (`d`, `wk`, `mo`, `a`, `h`; `days`, `weeks` text too) in days. */
export function durationDays(q: Quantity | undefined): number | undefined {
  if (q?.value === undefined) return undefined;
  const unit = (q.code ?? q.unit ?? 'd').trim().toLowerCase();
  const days =
    UNIT_DAYS[unit] ??
    (unit.startsWith('day') || unit === 'д' ? 1 : undefined) ??
    (unit.startsWith('week') ? 7 : undefined) ??
    (unit.startsWith('month') ? 30 : undefined) ??
    (unit.startsWith('hour') ? 1 / 24 : undefined) ??
    (unit.startsWith('year') ? 365 : undefined);
  return days === undefined ? undefined : q.value * days;
}

export interface DosePerDay {
  value: number;
  /** UCUM unit of the amount (`mg`, `ug`, `[IU]`, `g`). */
  unit: string;
  /** How it was computed, for the finding's detail. */
  basis: string;
}

/** Administrations per day of one dosage instruction (1 when the timing says nothing). */
function perDay(dosage: Dosage): number | undefined {
  const repeat = dosage.timing?.repeat;
  const frequency = repeat?.frequency ?? 1;
  const period = repeat?.period ?? 1;
  const periodDays = (repeat?.periodUnit ? UNIT_DAYS[repeat.periodUnit] : 1) ?? undefined;
  if (periodDays === undefined || period <= 0) return undefined;
  return frequency / (period * periodDays);
}

/** Far past any real daily dose in any unit (mg, ug, [IU]), and far from overflowing in arithmetic. */
const MAX_DAILY_AMOUNT = 1e12;

function isAmountUnit(ucum: string): boolean {
  return conversionFactor(ucum, 'mg') !== null || ucum.includes('[IU]');
}

/**
 * The largest daily amount among the dosage instructions. A dose counted in tablets or drops is
 * multiplied by the single ingredient's strength when the Medication gives one.
 */
export function dosePerDay(request: MedicationRequest, medication?: Medication): DosePerDay | undefined {
  let best: DosePerDay | undefined;
  for (const dosage of request.dosageInstruction ?? []) {
    const q = dosage.doseAndRate?.[0]?.doseQuantity;
    const times = perDay(dosage);
    if (q?.value === undefined || times === undefined) continue;
    let unit = normalizeUnit(q.code ?? q.unit);
    let amount = q.value;
    let basis = `${q.value} ${q.unit ?? q.code ?? ''}`.trim();
    if (unit === null || unit === '' || !isAmountUnit(unit)) {
      const strength = medication?.ingredient?.length === 1 ? medication.ingredient[0]?.strength : undefined;
      const numerator = strength?.numerator;
      const numeratorUnit = numerator ? normalizeUnit(numerator.code ?? numerator.unit) : null;
      if (numerator?.value === undefined || !numeratorUnit || !isAmountUnit(numeratorUnit)) continue;
      amount = q.value * numerator.value;
      unit = numeratorUnit;
      basis += ` × ${numerator.value} ${numerator.unit ?? numerator.code ?? ''}`.trimEnd();
    }
    const value = tidy(amount * times);
    // A daily amount no one could take (1e308 mg, Infinity once multiplied) is no dose: the rules
    // quoted "Infinity mg/day" (found by the fuzz suite).
    if (!(Math.abs(value) <= MAX_DAILY_AMOUNT)) continue;
    const repeat = dosage.timing?.repeat;
    basis += ` × ${repeat?.frequency ?? 1}/${repeat?.period ?? 1} ${repeat?.periodUnit ?? 'd'}`;
    if (!best || value > best.value) best = { value, unit, basis };
  }
  return best;
}

/** Converts an amount to another UCUM unit (`[IU]` ↔ `[IU]`, mass ↔ mass); undefined if not commensurable. */
export function convertAmount(value: number, from: string, to: string): number | undefined {
  const factor = conversionFactor(from, to);
  return factor === null ? undefined : tidy(value * factor);
}

/** IOM 2011: the vitamin D UL of 4,000 IU is 100 µg, i.e. 40 IU per µg. */
const VITAMIN_D_IU_PER_UG = 40;

/** A daily dose in another unit; vitamin D (class id) converts between µg and IU. */
export function dailyAmountIn(dose: DosePerDay | undefined, unit: string, classId: string): number | undefined {
  if (!dose) return undefined;
  const direct = convertAmount(dose.value, dose.unit, unit);
  if (direct !== undefined) return direct;
  if (classId === 'vitamin-d' && unit === '[IU]') {
    const ug = convertAmount(dose.value, dose.unit, 'ug');
    return ug === undefined ? undefined : ug * VITAMIN_D_IU_PER_UG;
  }
  return undefined;
}

export interface Course {
  startMs?: number;
  endMs?: number;
  /** Whether the order says when it ends (duration, end date, count or supply). */
  bounded: boolean;
  plannedDays?: number;
  /** Which element bounded it, e.g. "boundsDuration 10 d". */
  basis?: string;
}

const parseMs = memoizeString(Date.parse);

/** A Date holds ±8.64e15 ms (about 275,000 years either side of 1970). */
const MAX_DATE_MS = 8.64e15;

/**
 * A computed end as an instant, or undefined when it lies beyond what a Date holds: an absurd
 * duration (1e12 days, −1e8 days) has no end date, so formatting it cannot throw (`toISOString`
 * RangeError, found by the fuzz suite as a 500 on order-sign).
 */
function instant(ms: number): number | undefined {
  return Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}

function parseDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = parseMs(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Course of a MedicationRequest. Start: boundsPeriod.start, else authoredOn, else `defaultStartMs`
 * (a draft order starts now). End: the earliest stated bound. (Written as plain loops: it runs for
 * every order of every request.)
 */
export function courseOf(request: MedicationRequest, defaultStartMs?: number): Course {
  const dosages = request.dosageInstruction ?? [];
  let periodStart: number | undefined;
  for (const d of dosages) {
    periodStart = parseDate(d.timing?.repeat?.boundsPeriod?.start);
    if (periodStart !== undefined) break;
  }
  const startMs =
    periodStart ??
    parseDate(request.authoredOn) ??
    parseDate(request.dispenseRequest?.validityPeriod?.start) ??
    defaultStartMs;
  let bestDays = Number.POSITIVE_INFINITY;
  let bestEnd: number | undefined;
  let basis: string | undefined;
  let bounded = false;
  const consider = (days: number | undefined, endMs: number | undefined, why: () => string) => {
    const end = endMs ?? (startMs === undefined || days === undefined ? undefined : instant(startMs + days * DAY_MS));
    const span = days ?? (startMs === undefined || end === undefined ? undefined : (end - startMs) / DAY_MS);
    // A course of zero or negative length (or ending before it starts) is bad data, not a stop date.
    if (span !== undefined && span <= 0) return;
    bounded = true;
    if (basis === undefined || (span ?? Number.POSITIVE_INFINITY) < bestDays) {
      bestDays = span ?? Number.POSITIVE_INFINITY;
      bestEnd = end;
      basis = why();
    }
  };
  for (const d of dosages) {
    const r = d.timing?.repeat;
    if (!r) continue;
    const periodEnd = parseDate(r.boundsPeriod?.end);
    if (periodEnd !== undefined) consider(undefined, periodEnd, () => `boundsPeriod.end ${r.boundsPeriod?.end}`);
    const bounds = durationDays(r.boundsDuration);
    if (bounds !== undefined) {
      consider(bounds, undefined, () =>
        `boundsDuration ${r.boundsDuration?.value} ${r.boundsDuration?.code ?? r.boundsDuration?.unit ?? ''}`.trim(),
      );
    }
    if (r.count !== undefined && r.count > 0) {
      const times = perDay(d);
      if (times) consider(r.count / times, undefined, () => `${r.count} administrations`);
    }
  }
  const supply = durationDays(request.dispenseRequest?.expectedSupplyDuration);
  if (supply !== undefined) {
    const repeatsAllowed = request.dispenseRequest?.numberOfRepeatsAllowed ?? 0;
    consider(
      supply * (1 + repeatsAllowed),
      undefined,
      () => `supply ${supply} d${repeatsAllowed ? ` × ${1 + repeatsAllowed} fills` : ''}`,
    );
  }
  const course: Course = { bounded };
  if (startMs !== undefined) course.startMs = startMs;
  if (bestEnd !== undefined) course.endMs = bestEnd;
  if (bounded && bestDays !== Number.POSITIVE_INFINITY) course.plannedDays = Math.round(bestDays * 10) / 10;
  if (basis !== undefined) course.basis = basis;
  return course;
}
