import type { DataQualityIssue } from '../fhir/parse.js';
import { ageInYears } from '../fhir/patient.js';
import type { CodeableConcept, Observation, ObservationComponent, Quantity, ReferenceRange } from '../fhir/schemas.js';
import { SOURCES, sourceCitation } from '../sources.js';
import { memoizeString } from '../util/memo.js';
import { appliesAtAge, type BiomarkerDefinition, biomarkerById, biomarkerByLoinc, type Threshold } from './catalog.js';
import { canonicalDisplay, type DisplayUnit, decimalsOf } from './display-unit.js';
import { tidy } from './tidy.js';
import { conversionFactor, normalizeUnit } from './units.js';

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export type Interpretation = 'critical-low' | 'low' | 'normal' | 'high' | 'critical-high' | 'abnormal' | 'unknown';
export type AdministrativeSex = 'male' | 'female';
export type Comparator = '<' | '<=' | '>=' | '>';

export interface AppliedThreshold {
  value: number;
  source: string;
  citation: string;
  /** How the source is named inline ("IOM 2011"), when it has a short name. */
  short?: string;
  verified: boolean;
  note?: string;
}

export interface AppliedRange {
  low?: number;
  high?: number;
  /** `observation`: the laboratory's own range; `catalog`: the fallback range for the age. */
  origin: 'observation' | 'catalog';
  source?: string;
  verified?: boolean;
}

/** One immune biomarker value, normalised to the catalog's canonical unit. */
export interface Measurement {
  biomarker: string;
  value: number;
  unit: string;
  comparator?: Comparator | undefined;
  /** The value and unit as the lab sent them. */
  originalValue: number | string;
  originalUnit?: string | undefined;
  /** The unit and precision the result is shown in (the lab's unit when it converts). */
  shownIn?: DisplayUnit | undefined;
  /** The Observation's time as written, and as epoch milliseconds. */
  time: string;
  epochMs: number;
  /** The calendar day as recorded (YYYY-MM-DD), used to pair same-day values. */
  day: string;
  referenceRange?: AppliedRange | undefined;
  interpretation: Interpretation;
  interpretationOrigin: 'observation' | 'range' | 'none';
  status: string;
  preliminary: boolean;
  /** `Observation/<id>`, with `#component[i]` for panel components. */
  sourceId: string;
  matchedBy: { system: string; code: string; via: 'loinc' | 'local' | 'derived' };
  deficit?: AppliedThreshold | undefined;
  excess?: AppliedThreshold | undefined;
  derived?: { method: string; inputs: string[] } | undefined;
}

/** A site's mapping of a local lab code onto a catalog biomarker. */
export interface LocalLabCode {
  system: string;
  code: string;
  biomarker: string;
  /** Unit to assume when the lab sends values without one. */
  unit?: string;
}

export interface MeasureOptions {
  localLabCodes?: readonly LocalLabCode[] | undefined;
  sex?: AdministrativeSex | undefined;
  /** The patient's birthDate: ranges and thresholds are chosen for the age at each result. */
  birthDate?: string | undefined;
}

const IGNORED_STATUSES = new Set(['entered-in-error', 'cancelled']);

interface CodeMatch {
  marker: BiomarkerDefinition;
  /** Shared by every measurement of the code (read-only). */
  matchedBy: Measurement['matchedBy'];
  defaultUnit?: string;
}

const parseTime = memoizeString(Date.parse);
/** The calendar day as recorded; memoised because a panel shares one timestamp. */
const dayOf = memoizeString((time) => time.slice(0, 10));

const loincMatches = new Map<string, CodeMatch | null>();
function loincMatch(code: string): CodeMatch | null {
  let match = loincMatches.get(code);
  if (match === undefined) {
    const marker = biomarkerByLoinc(code);
    match = marker ? { marker, matchedBy: Object.freeze({ system: LOINC_SYSTEM, code, via: 'loinc' }) } : null;
    loincMatches.set(code, match);
  }
  return match;
}

export class LocalCodeIndex {
  private readonly map = new Map<string, LocalLabCode>();
  constructor(codes: readonly LocalLabCode[] = []) {
    for (const c of codes) this.map.set(`${c.system}|${c.code}`, c);
  }
  get(system: string | undefined, code: string): LocalLabCode | undefined {
    return this.map.get(`${system ?? ''}|${code}`);
  }
  get size(): number {
    return this.map.size;
  }
}

function matchCode(concept: CodeableConcept, local: LocalCodeIndex): CodeMatch | undefined {
  const codings = concept.coding;
  if (!codings) return undefined;
  let found: CodeMatch | undefined;
  for (const c of codings) {
    if (c.code === undefined) continue;
    if (local.size > 0) {
      const mapped = local.get(c.system, c.code);
      const marker = mapped && biomarkerById(mapped.biomarker);
      if (mapped && marker) {
        return {
          marker,
          matchedBy: { system: c.system ?? '', code: c.code, via: 'local' },
          ...(mapped.unit ? { defaultUnit: mapped.unit } : {}),
        };
      }
    }
    if (!found && c.system === LOINC_SYSTEM) found = loincMatch(c.code) ?? undefined;
  }
  return found;
}

const VALUE_STRING = /^\s*(<=|>=|<|>|≤|≥)?\s*(-?\d+(?:[.,]\d+)?)\s*(.*?)\s*$/;
const COMPARATOR_ALIASES: Record<string, Comparator> = { '≤': '<=', '≥': '>=' };

type ValueCarrier = Pick<ObservationComponent, 'valueQuantity' | 'valueString' | 'valueInteger'>;

/**
 * The value of a part, or undefined when it has none; its comparator, unit text and written form
 * go into the context (no object per value: a record has tens of thousands).
 */
function rawValue(carrier: ValueCarrier, ctx: PartContext): number | undefined {
  const q = carrier.valueQuantity;
  if (q?.value !== undefined) {
    ctx.comparator = q.comparator;
    ctx.unitText = quantityUnit(q);
    ctx.written = q.value;
    return q.value;
  }
  const int = carrier.valueInteger;
  if (int !== undefined) {
    ctx.comparator = undefined;
    ctx.unitText = undefined;
    ctx.written = int;
    return int;
  }
  if (carrier.valueString !== undefined) {
    const m = VALUE_STRING.exec(carrier.valueString);
    if (!m?.[2]) return undefined;
    ctx.comparator = m[1] ? (COMPARATOR_ALIASES[m[1]] ?? (m[1] as Comparator)) : undefined;
    ctx.unitText = m[3] || undefined;
    ctx.written = carrier.valueString;
    return Number(m[2].replace(',', '.'));
  }
  return undefined;
}

/** The UCUM code when the quantity says it is UCUM, otherwise the human unit text. */
function quantityUnit(q: Quantity): string | undefined {
  if (q.code && (q.system === UCUM_SYSTEM || q.system === undefined)) return q.code;
  return q.unit ?? q.code;
}

function interpretationFromCodes(concepts: CodeableConcept[] | undefined): Interpretation | undefined {
  if (!concepts) return undefined;
  for (const concept of concepts) {
    for (const c of concept.coding ?? []) {
      if (c.system !== undefined && c.system !== INTERPRETATION_SYSTEM) continue;
      switch (c.code) {
        case 'LL':
          return 'critical-low';
        case 'L':
        case 'LU':
        case '<':
          return 'low';
        case 'N':
          return 'normal';
        case 'H':
        case 'HU':
        case '>':
          return 'high';
        case 'HH':
          return 'critical-high';
        case 'A':
        case 'AA':
          return 'abnormal';
      }
    }
  }
  return undefined;
}

function pickThreshold(
  marker: BiomarkerDefinition,
  all: readonly Threshold[] | undefined,
  sex: AdministrativeSex | undefined,
  ageYears: number | undefined,
) {
  const list = all?.filter((t) => appliesAtAge(marker, t, ageYears));
  if (!list || list.length === 0) return undefined;
  const own = list.filter((t) => t.sex === undefined || t.sex === sex);
  // Unknown sex: the least alarming of the sex-specific cut-offs, so no deficit is invented.
  const pool = own.length > 0 && sex !== undefined ? own : list;
  return pool.reduce((a, b) => (b.value < a.value ? b : a));
}

function pickExcess(
  marker: BiomarkerDefinition,
  all: readonly Threshold[] | undefined,
  sex: AdministrativeSex | undefined,
  ageYears: number | undefined,
) {
  const list = all?.filter((t) => appliesAtAge(marker, t, ageYears));
  if (!list || list.length === 0) return undefined;
  const own = list.filter((t) => t.sex === undefined || t.sex === sex);
  const pool = own.length > 0 && sex !== undefined ? own : list;
  return pool.reduce((a, b) => (b.value > a.value ? b : a));
}

interface MarkerThresholds {
  critical?: Threshold | undefined;
  deficit?: AppliedThreshold | undefined;
  excess?: AppliedThreshold | undefined;
}

/**
 * Per-marker caches of static data, keyed by marker object and a number or an existing string:
 * building a string key for every value cost an allocation per Observation (measured).
 */
function markerCache<T>(): (marker: BiomarkerDefinition) => Map<number | string, T> {
  const byMarker = new Map<BiomarkerDefinition, Map<number | string, T>>();
  return (marker) => {
    let own = byMarker.get(marker);
    if (!own) {
      own = new Map();
      byMarker.set(marker, own);
    }
    // Bounded: ages and lab units are few, but input is not trusted.
    if (own.size >= 1_000) own.clear();
    return own;
  };
}

/** One number for a sex and an age in years (ages from the catalog's bands are small integers). */
function sexAgeKey(sex: AdministrativeSex | undefined, ageYears: number | undefined): number {
  return ((ageYears ?? -1) + 1) * 3 + (sex === 'male' ? 1 : sex === 'female' ? 2 : 0);
}

const thresholdCache = markerCache<MarkerThresholds>();

/** The thresholds that apply to a marker for a sex and age (cached: they are static data). */
function thresholdsFor(
  marker: BiomarkerDefinition,
  sex: AdministrativeSex | undefined,
  ageYears: number | undefined,
): MarkerThresholds {
  const cache = thresholdCache(marker);
  const key = sexAgeKey(sex, ageYears);
  let t = cache.get(key);
  if (!t) {
    const deficit = pickThreshold(marker, marker.deficitBelow, sex, ageYears);
    const excess = pickExcess(marker, marker.excessAbove, sex, ageYears);
    t = {
      critical: pickThreshold(marker, marker.criticalBelow, sex, ageYears),
      deficit: deficit && Object.freeze(applied(deficit)),
      excess: excess && Object.freeze(applied(excess)),
    };
    cache.set(key, t);
  }
  return t;
}

function applied(t: Threshold): AppliedThreshold {
  return {
    value: t.value,
    source: t.source,
    citation: sourceCitation(t.source),
    ...(SOURCES.get(t.source)?.short ? { short: SOURCES.get(t.source)?.short as string } : {}),
    verified: t.verified,
    ...(t.note ? { note: t.note } : {}),
  };
}

/** Markers whose canonical unit (cells/µL) is not the one a CBC is read in. */
const USUAL_UNIT: Record<string, string> = {
  wbc: '10*9/L',
  neutrophils: '10*9/L',
  monocytes: '10*9/L',
  lymphocytes: '10*9/L',
  eosinophils: '10*9/L',
  platelets: '10*9/L',
};

/** A lab's unit as UCUM, read as the marker's own unit where the two mean the same (IU/L of ALT is U/L). */
function labUnit(marker: BiomarkerDefinition, unitText: string | undefined): string | null {
  const ucum = normalizeUnit(unitText);
  return (ucum && marker.sameUnits?.[ucum]) ?? ucum;
}

/**
 * A value of a marker and a lab's unit text, computed once per pair: a record repeats the same
 * few (one object each, shared). No unit and an empty one read the same (normalizeUnit gives ''
 * for both).
 */
function perMarkerUnit<T>(
  compute: (marker: BiomarkerDefinition, unit: string | undefined) => T,
): (marker: BiomarkerDefinition, unit: string | undefined) => T {
  const caches = markerCache<T>();
  return (marker, unit) => {
    const cache = caches(marker);
    const key = unit ?? '';
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(marker, unit);
      cache.set(key, value);
    }
    return value;
  };
}

/** The unit to show a measurement in: the lab's (when it converts), else the usual one, else the canonical one. */
const chooseDisplayUnit = perMarkerUnit(displayUnitFor);

function displayUnitFor(marker: BiomarkerDefinition, originalUnit: string | undefined): DisplayUnit {
  const canonical = marker.unit === '{ratio}' || marker.unit === '{INR}' ? '' : marker.unit;
  const candidates = [labUnit(marker, originalUnit), USUAL_UNIT[marker.id], marker.unit];
  for (const [i, ucum] of candidates.entries()) {
    if (ucum === null || ucum === undefined || ucum === '') continue;
    const unit = ucum === '{cells}/uL' ? '/uL' : ucum;
    const factor = unit === marker.unit ? 1 : conversionFactor(canonical, unit, marker.molecularWeight);
    if (factor === null) continue;
    const decimals = decimalsOf(marker, unit);
    // A CBC count is written with its tenths (1.0 ×10⁹/L), unless the marker shows none (250 ×10⁹/L platelets).
    const minDecimals = unit === '10*9/L' || unit === '10*3/uL' ? Math.min(1, decimals) : 0;
    return { ucum: unit, factor, decimals, minDecimals, fromLab: i === 0 };
  }
  return canonicalDisplay(marker);
}

const catalogRangeCache = markerCache<AppliedRange | null>();

/**
 * The catalog's fallback range for a marker, sex and age (cached: ranges are static data). A
 * child's absolute count has none unless the catalog holds an age-banded range.
 */
export function catalogRange(
  marker: BiomarkerDefinition,
  sex: AdministrativeSex | undefined,
  ageYears: number | undefined,
): AppliedRange | undefined {
  const cache = catalogRangeCache(marker);
  const key = sexAgeKey(sex, ageYears);
  let range = cache.get(key);
  if (range === undefined) {
    range = computeCatalogRange(marker, sex, ageYears) ?? null;
    cache.set(key, range);
  }
  return range ?? undefined;
}

function computeCatalogRange(
  marker: BiomarkerDefinition,
  sex: AdministrativeSex | undefined,
  ageYears: number | undefined,
) {
  const ranges = marker.ranges.filter((r) => appliesAtAge(marker, r, ageYears));
  if (ranges.length === 0) return undefined;
  const own = sex === undefined ? [] : ranges.filter((r) => r.sex === sex);
  const pool = own.length > 0 ? own : ranges.filter((r) => r.sex === undefined);
  if (pool.length > 0) {
    const r = pool[0] as (typeof pool)[number];
    return { ...pickBounds(r.low, r.high), origin: 'catalog', source: r.source, verified: r.verified } as AppliedRange;
  }
  // Sex unknown and only sex-specific ranges: the widest span, so no abnormal flag is invented.
  const lows = ranges.flatMap((r) => (r.low === undefined ? [] : [r.low]));
  const highs = ranges.flatMap((r) => (r.high === undefined ? [] : [r.high]));
  const first = ranges[0] as (typeof ranges)[number];
  return {
    ...pickBounds(lows.length ? Math.min(...lows) : undefined, highs.length ? Math.max(...highs) : undefined),
    origin: 'catalog',
    source: first.source,
    verified: ranges.every((r) => r.verified),
  } as AppliedRange;
}

function pickBounds(low: number | undefined, high: number | undefined) {
  return { ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
}

/** How a lab unit converts to a marker's canonical unit: a factor, or why it cannot. */
type Conversion = { factor: number; problem?: undefined } | { factor?: undefined; problem: string };

const conversionOf = perMarkerUnit(computeConversion);

function computeConversion(marker: BiomarkerDefinition, unitText: string | undefined): Conversion {
  const ucum = labUnit(marker, unitText);
  if (ucum === null) return { problem: `unit "${unitText}" is not a UCUM unit ImmunoSteward can read` };
  const canonical = marker.unit === '{ratio}' || marker.unit === '{INR}' ? '' : marker.unit;
  if (ucum === canonical) return { factor: 1 };
  if (ucum === '') return { problem: `value has no unit (expected ${marker.unit})` };
  const factor = conversionFactor(ucum, canonical, marker.molecularWeight);
  if (factor === null) return { problem: `unit "${unitText}" cannot be converted to ${marker.unit}` };
  return { factor };
}

function toCanonical(
  value: number,
  unitText: string | undefined,
  marker: BiomarkerDefinition,
): number | { problem: string } {
  const { factor, problem } = conversionOf(marker, unitText);
  if (factor === undefined) return { problem };
  const converted = factor === 1 ? value : tidy(value * factor);
  // A value past what a double holds once converted (1e306 10*9/L in /uL) is no result: as
  // Infinity it would read as normal or high (found by the fuzz suite).
  if (!Number.isFinite(converted)) return { problem: `value ${value} ${unitText} is out of range` };
  return converted;
}

function observationRange(
  ranges: ReferenceRange[] | undefined,
  valueUnit: string | undefined,
  marker: BiomarkerDefinition,
): AppliedRange | undefined {
  if (!ranges) return undefined;
  let r: ReferenceRange | undefined;
  for (const x of ranges) {
    if (x.low?.value !== undefined || x.high?.value !== undefined) {
      r = x;
      break;
    }
  }
  if (!r) return undefined;
  const low = rangeBound(r.low, valueUnit, marker);
  const high = rangeBound(r.high, valueUnit, marker);
  if (low === undefined && high === undefined) return undefined;
  return { low, high, origin: 'observation' };
}

function rangeBound(q: Quantity | undefined, valueUnit: string | undefined, marker: BiomarkerDefinition) {
  if (q?.value === undefined) return undefined;
  const converted = toCanonical(q.value, quantityUnit(q) ?? valueUnit, marker);
  return typeof converted === 'number' ? converted : undefined;
}

/** Interpretation from a range, honest about comparators (`<5` below a low of 10 is low). */
export function interpretAgainst(
  value: number,
  comparator: Comparator | undefined,
  range: AppliedRange | undefined,
): Interpretation {
  if (!range) return 'unknown';
  const { low, high } = range;
  const below = comparator === '<' || comparator === '<=';
  const above = comparator === '>' || comparator === '>=';
  if (low !== undefined && (below ? value <= low : value < low) && !above) return 'low';
  if (high !== undefined && (above ? value >= high : value > high) && !below) return 'high';
  if (below && low !== undefined) return 'unknown';
  if (above && high !== undefined) return 'unknown';
  return 'normal';
}

function timeOf(obs: Observation): string | undefined {
  return obs.effectiveDateTime ?? obs.effectivePeriod?.start ?? obs.effectiveInstant ?? obs.issued;
}

/**
 * Where measurements and issues of a batch of Observations are collected, and the Observation
 * being measured. Every field exists from the start: adding the per-Observation ones later would
 * change the object's hidden class on every batch and throw away the optimised loop (measured).
 */
export interface MeasureContext {
  local: LocalCodeIndex;
  sex: AdministrativeSex | undefined;
  birthDate: string | undefined;
  issues: DataQualityIssue[];
  out: Measurement[];
  obs: Observation | undefined;
  status: string;
  time: string | undefined;
  epochMs: number;
  /** The patient's age in completed years on the Observation's day. */
  ageYears: number | undefined;
  /** Ages by calendar day: a record has far fewer draw days than results. */
  ages: Map<string, number | undefined>;
  /** The value being measured: its comparator, unit text and written form (see rawValue). */
  comparator: Comparator | undefined;
  unitText: string | undefined;
  written: number | string;
}

interface PartContext extends MeasureContext {
  obs: Observation;
}

export function measureContext(
  options: MeasureOptions,
  issues: DataQualityIssue[] = [],
  out: Measurement[] = [],
): MeasureContext {
  return {
    local: new LocalCodeIndex(options.localLabCodes),
    sex: options.sex,
    birthDate: options.birthDate,
    issues,
    out,
    obs: undefined,
    status: '',
    time: undefined,
    epochMs: Number.NaN,
    ageYears: undefined,
    ages: new Map(),
    comparator: undefined,
    unitText: undefined,
    written: 0,
  };
}

/**
 * Observation → zero or more measurements (panels yield one per matched component). Problems
 * are reported as data-quality issues and the affected value is skipped.
 */
export function measureObservation(obs: Observation, context: MeasureContext): void {
  const status = obs.status ?? 'unknown';
  if (IGNORED_STATUSES.has(status)) return;
  const ctx = context as PartContext;
  ctx.obs = obs;
  ctx.status = status;
  ctx.time = undefined;
  ctx.epochMs = Number.NaN;
  ctx.ageYears = undefined;
  const sourceId = `Observation/${obs.id ?? '?'}`;
  if (!measurePart(ctx, obs.code, obs, sourceId, 'Observation')) return;
  const components = obs.component;
  if (components) {
    for (let i = 0; i < components.length; i++) {
      const component = components[i] as ObservationComponent;
      const suffix = `component[${i}]`;
      if (!measurePart(ctx, component.code, component, `${sourceId}#${suffix}`, `Observation.${suffix}`)) return;
    }
  }
}

function ageOn(ctx: PartContext, day: string): number | undefined {
  if (ctx.ages.has(day)) return ctx.ages.get(day);
  const age = ageInYears(ctx.birthDate, day);
  ctx.ages.set(day, age);
  return age;
}

function issue(ctx: PartContext, path: string, problem: string): void {
  const id = ctx.obs.id;
  ctx.issues.push(
    id === undefined
      ? { resourceType: 'Observation', path, problem }
      : { resourceType: 'Observation', id, path, problem },
  );
}

/** Measures one coded part (the Observation itself or a component); false stops the Observation. */
function measurePart(
  ctx: PartContext,
  concept: CodeableConcept,
  carrier: ValueCarrier & Pick<ObservationComponent, 'referenceRange' | 'interpretation' | 'dataAbsentReason'>,
  sourceId: string,
  path: string,
): boolean {
  const match = matchCode(concept, ctx.local);
  if (!match) return true;
  if (ctx.time === undefined) {
    ctx.time = timeOf(ctx.obs);
    if (ctx.time === undefined) {
      issue(ctx, 'Observation.effective[x]', 'no date');
      return false;
    }
    ctx.epochMs = parseTime(ctx.time);
    ctx.ageYears = ctx.birthDate === undefined ? undefined : ageOn(ctx, dayOf(ctx.time));
  }
  const value = rawValue(carrier, ctx);
  if (value === undefined) {
    const reason = carrier.dataAbsentReason?.coding?.[0]?.code ?? carrier.dataAbsentReason?.text;
    if (reason) issue(ctx, `${path}.dataAbsentReason`, `no value (${reason})`);
    else issue(ctx, `${path}.value[x]`, 'no usable value');
    return true;
  }
  const { marker } = match;
  const { comparator } = ctx;
  const unitText = ctx.unitText ?? match.defaultUnit ?? (marker.unit === '%' ? '%' : undefined);
  const canonical = toCanonical(value, unitText, marker);
  if (typeof canonical !== 'number') {
    issue(ctx, `${path}.value[x]`, canonical.problem);
    return true;
  }
  const { time, ageYears } = ctx;
  const range = observationRange(carrier.referenceRange, unitText, marker) ?? catalogRange(marker, ctx.sex, ageYears);
  const fromLab = interpretationFromCodes(carrier.interpretation);
  // One object shape for every measurement, derived ones included (optional fields present as
  // undefined, same order): the mapping of a million Observations stays monomorphic.
  const m: Measurement = {
    biomarker: marker.id,
    value: canonical,
    unit: marker.unit,
    comparator,
    originalValue: ctx.written,
    originalUnit: unitText,
    shownIn: undefined,
    time,
    epochMs: ctx.epochMs,
    day: dayOf(time),
    referenceRange: range,
    interpretation: fromLab ?? (range ? interpretAgainst(canonical, comparator, range) : 'unknown'),
    interpretationOrigin: fromLab ? 'observation' : range ? 'range' : 'none',
    status: ctx.status,
    preliminary: ctx.status === 'preliminary',
    sourceId,
    matchedBy: match.matchedBy,
    deficit: undefined,
    excess: undefined,
    derived: undefined,
  };
  classify(m, marker, ctx.sex, ageYears);
  ctx.out.push(m);
  return true;
}

/** Adds critical, deficit and excess flags from the catalog thresholds for the sex and age. */
export function classify(
  m: Measurement,
  marker: BiomarkerDefinition,
  sex: AdministrativeSex | undefined,
  ageYears: number | undefined,
): void {
  m.shownIn = chooseDisplayUnit(marker, m.originalUnit);
  const upperBoundOnly = m.comparator === '>' || m.comparator === '>=';
  const lowerBoundOnly = m.comparator === '<' || m.comparator === '<=';
  const { critical, deficit, excess } = thresholdsFor(marker, sex, ageYears);
  if (critical && !upperBoundOnly && (lowerBoundOnly ? m.value <= critical.value : m.value < critical.value)) {
    m.interpretation = 'critical-low';
  }
  if (deficit && !upperBoundOnly && (lowerBoundOnly ? m.value <= deficit.value : m.value < deficit.value)) {
    m.deficit = deficit;
  } else if (
    marker.deficitBelowRange &&
    (m.interpretation === 'low' || m.interpretation === 'critical-low') &&
    m.referenceRange?.low !== undefined
  ) {
    m.deficit = {
      value: m.referenceRange.low,
      source: m.referenceRange.origin === 'observation' ? 'laboratory' : marker.deficitBelowRange.source,
      citation:
        m.referenceRange.origin === 'observation'
          ? "below the laboratory's lower reference limit"
          : sourceCitation(marker.deficitBelowRange.source),
      ...(m.referenceRange.origin !== 'observation' && SOURCES.get(marker.deficitBelowRange.source)?.short
        ? { short: SOURCES.get(marker.deficitBelowRange.source)?.short as string }
        : {}),
      verified: marker.deficitBelowRange.verified,
      note: 'below the lower reference limit',
    };
  }
  if (excess && !lowerBoundOnly && (upperBoundOnly ? m.value >= excess.value : m.value > excess.value)) {
    m.excess = excess;
  }
}
