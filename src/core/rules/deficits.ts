import {
  ADULT_FROM_YEARS,
  appliesAtAge,
  type BiomarkerDefinition,
  biomarkerById,
  isAbsoluteCount,
} from '../biomarkers/catalog.js';
import type { BiomarkerSeries } from '../biomarkers/profile.js';
import type { SiteConfig } from '../config/schema.js';
import { DAY_MS } from '../drugs/dosage.js';
import { ageInYears } from '../fhir/patient.js';
import type { PatientContext } from './context.js';
import { seriesOf } from './exposure.js';

/**
 * Whether the labs document an immune deficit, with the site's thresholds. A stale or absent
 * result is "unknown", never "normal"; so is a current result with no range to judge it by
 * (`no-range`: a child's count with no laboratory or age-banded range).
 */

export type DeficitState = 'deficit' | 'normal' | 'stale' | 'absent' | 'no-range';

export interface MarkerState {
  biomarker: string;
  state: DeficitState;
  series?: BiomarkerSeries;
  /** The threshold applied and where it comes from. */
  /**
   * The cut-off the state was decided by: `label` for `explain`; `origin` says whose it is (the site's
   * configured value, the lab's lower limit, the catalog's range, an age band of a cited source).
   */
  threshold?: { value: number; label: string; origin: 'site' | 'lab' | 'catalog' | 'band'; band?: string };
  /** The patient's age at the result, when a child's values decided the state. */
  childAgeYears?: number;
}

/** The marker whose level a nutrient treats or shows in excess, by class id. */
export const NUTRIENT_LEVEL_MARKER: Record<string, string> = {
  'vitamin-d': 'vitamin-d',
  selenium: 'selenium',
  zinc: 'zinc',
};

/** The markers that document a deficit a booster could treat (clinical reference, D1). */
export const GENERIC_DEFICIT_MARKERS = ['neutrophils', 'lymphocytes', 'cd4', 'cd4-pct', 'igg'];

/**
 * A child's absolute count is judged only against the lab's own range or an age-banded catalog
 * threshold with its source (CDC 1994 bands for CD4); never against adult values.
 */
function childThreshold(marker: BiomarkerDefinition, series: BiomarkerSeries, ageYears: number) {
  const range = series.latest.referenceRange;
  if (range?.origin === 'observation' && range.low !== undefined) {
    return {
      value: range.low,
      label: `${marker.short} below the lab's lower limit ${range.low} cells/µL`,
      origin: 'lab' as const,
    };
  }
  const band = marker.deficitBelow?.find((t) => t.ages && appliesAtAge(marker, t, ageYears));
  return (
    band && {
      value: band.value,
      label: `${marker.short} < ${band.value} cells/µL (${band.note})`,
      origin: 'band' as const,
      ...(band.note ? { band: band.note } : {}),
    }
  );
}

function thresholdFor(biomarker: string, series: BiomarkerSeries | undefined, config: SiteConfig) {
  const t = config.thresholds.deficit;
  switch (biomarker) {
    case 'neutrophils':
      return { value: t.neutrophils, label: `ANC < ${t.neutrophils} cells/µL`, origin: 'site' as const };
    case 'lymphocytes':
      return { value: t.lymphocytes, label: `ALC < ${t.lymphocytes} cells/µL`, origin: 'site' as const };
    case 'cd4':
      return { value: t.cd4, label: `CD4 count < ${t.cd4} cells/µL`, origin: 'site' as const };
    case 'cd4-pct':
      return { value: t.cd4Percent, label: `CD4 % < ${t.cd4Percent} %`, origin: 'site' as const };
    case 'igg': {
      if (t.iggMgDl !== undefined)
        return { value: t.iggMgDl, label: `IgG < ${t.iggMgDl} mg/dL`, origin: 'site' as const };
      const low = series?.latest.referenceRange?.low;
      if (low === undefined) return undefined;
      const lab = series?.latest.referenceRange?.origin === 'observation';
      return {
        value: low,
        label: `IgG below the ${lab ? "lab's" : 'catalog'} lower limit ${low} mg/dL`,
        origin: lab ? ('lab' as const) : ('catalog' as const),
      };
    }
    default: {
      const low = series?.latest.referenceRange?.low;
      const short = biomarkerById(biomarker)?.short ?? biomarker;
      const lab = series?.latest.referenceRange?.origin === 'observation';
      return low === undefined
        ? undefined
        : { value: low, label: `${short} below ${low}`, origin: lab ? ('lab' as const) : ('catalog' as const) };
    }
  }
}

/** Whether a result lies below a cut-off, honest about comparators (`<200` is below 200, `>150` is not known to be). */
export function isBelow(m: BiomarkerSeries['latest'], value: number): boolean {
  return m.comparator === '<' || m.comparator === '<='
    ? m.value <= value
    : m.comparator === undefined && m.value < value;
}

/** The patient's age on the day of a result (undefined without a birthDate). */
export function ageAtResult(context: PatientContext, series: BiomarkerSeries): number | undefined {
  return ageInYears(context.patient?.birthDate, series.latest.day);
}

export function markerState(context: PatientContext, biomarker: string, config: SiteConfig): MarkerState {
  const series = seriesOf(context, biomarker);
  if (!series) return { biomarker, state: 'absent' };
  if (series.stale) return { biomarker, state: 'stale', series };
  return judged(context, biomarker, series, config);
}

/**
 * The state a prescriber could see at an instant (a course's start): the latest result on or
 * before that day and not older than the staleness window then.
 */
export function markerStateAt(
  context: PatientContext,
  biomarker: string,
  config: SiteConfig,
  atMs: number,
): MarkerState {
  const series = seriesOf(context, biomarker);
  if (!series) return { biomarker, state: 'absent' };
  const day = new Date(atMs).toISOString().slice(0, 10);
  const earliest = atMs - config.biomarkers.staleAfterDays * DAY_MS;
  const index = lastOnOrBefore(series.history, atMs, day);
  const latest = series.history[index];
  if (!latest) return { biomarker, state: 'absent' };
  const previous = series.history[index - 1];
  const asOf = { ...series, latest, ...(previous ? { previous } : {}), stale: latest.epochMs < earliest };
  if (asOf.stale) return { biomarker, state: 'stale', series: asOf };
  return judged(context, biomarker, asOf, config);
}

/** Index of the last result (oldest first) dated on or before a calendar day, by binary search; -1 if none. */
function lastOnOrBefore(history: readonly BiomarkerSeries['latest'][], atMs: number, day: string): number {
  let lo = 0;
  let hi = history.length;
  // A result of the same calendar day may carry a later instant: search a day ahead, then step back.
  const limit = atMs + DAY_MS;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((history[mid] as BiomarkerSeries['latest']).epochMs <= limit) lo = mid + 1;
    else hi = mid;
  }
  let i = lo - 1;
  while (i >= 0 && (history[i] as BiomarkerSeries['latest']).day > day) i--;
  return i;
}

function judged(context: PatientContext, biomarker: string, series: BiomarkerSeries, config: SiteConfig): MarkerState {
  const age = ageAtResult(context, series);
  const child = age !== undefined && age < ADULT_FROM_YEARS && isAbsoluteCount(series.biomarker);
  const threshold = child ? childThreshold(series.biomarker, series, age) : thresholdFor(biomarker, series, config);
  const ages = child ? { childAgeYears: age } : {};
  if (!threshold) return { biomarker, state: 'no-range', series, ...ages };
  const state = isBelow(series.latest, threshold.value) ? 'deficit' : 'normal';
  return { biomarker, state, series, threshold, ...ages };
}

export function markerStates(context: PatientContext, markers: readonly string[], config: SiteConfig): MarkerState[] {
  return markers.map((m) => markerState(context, m, config));
}

/** The tests to order for markers that are stale or absent (first LOINC code of each). */
export function panelFor(states: readonly MarkerState[]): { code: string; display: string }[] {
  const codes: { code: string; display: string }[] = [];
  for (const s of states) {
    if (s.state !== 'stale' && s.state !== 'absent') continue;
    const loinc = biomarkerById(s.biomarker)?.loinc[0];
    if (loinc && !codes.some((c) => c.code === loinc.code)) codes.push({ code: loinc.code, display: loinc.display });
  }
  return codes;
}
