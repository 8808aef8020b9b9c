import type { DataQualityIssue } from '../fhir/parse.js';
import type { Observation, Patient } from '../fhir/schemas.js';
import { markerShort } from '../messages/names.js';
import { type Translator, translator } from '../messages/translator.js';
import { BIOMARKERS, type BiomarkerDefinition, COMPARTMENTS, type Compartment } from './catalog.js';
import { deriveMeasurements } from './derived.js';
import { describeResult, displayUnit, formatResult } from './display.js';
import {
  type AdministrativeSex,
  type LocalLabCode,
  type Measurement,
  type MeasureOptions,
  measureContext,
  measureObservation,
} from './measurement.js';

const DAY_MS = 86_400_000;

export type TrendDirection = 'up' | 'down' | 'stable';

export interface Trend {
  /** From the same fitted rate that is printed: never from the last two values alone. */
  direction: TrendDirection;
  /** Fitted change in canonical units per 30 days (least squares over the recent values). */
  changePer30Days: number;
  /** The period the rate is printed per: a month for recent series, a year for long ones. */
  periodDays: 30 | 365;
  /** How many values and how many days the fit spans. */
  points: number;
  spanDays: number;
}

export interface BiomarkerSeries {
  biomarker: BiomarkerDefinition;
  latest: Measurement;
  previous?: Measurement;
  trend?: Trend;
  /** Oldest first, for charts. */
  history: Measurement[];
  /** Older than the staleness window: shown, but never evidence that the patient is normal. */
  stale: boolean;
  ageDays: number;
}

/**
 * `deficit` / `excess`: a current result crosses a clinical threshold (the same ones the rules
 * use); `low` / `high`: outside the lab range only; `normal`: within it; `unknown`: no current result.
 */
export type CompartmentState = 'deficit' | 'low' | 'normal' | 'high' | 'excess' | 'unknown';

export interface CompartmentStatus {
  compartment: Compartment;
  label: string;
  status: CompartmentState;
  /** The current measurements that decide the status (abnormal ones first). */
  evidence: Measurement[];
  /** Markers of this compartment whose latest value is stale. */
  staleMarkers: string[];
  /** One line a physician can read, e.g. "Adaptive T: deficit — CD4 count 150 cells/µL, 1 Oct 2026 — below …". */
  summary: string;
}

export interface ImmuneProfile {
  patientId?: string;
  sex?: AdministrativeSex;
  /** The instant the profile was computed against (staleness and trends use it). */
  asOf: string;
  staleAfterDays: number;
  series: BiomarkerSeries[];
  compartments: CompartmentStatus[];
  issues: DataQualityIssue[];
}

export interface ProfileOptions {
  now: Date;
  /** The language of the compartment summaries (English by default). */
  t?: Translator;
  staleAfterDays?: number;
  localLabCodes?: readonly LocalLabCode[];
  patient?: Patient;
}

export const DEFAULT_STALE_AFTER_DAYS = 180;

/** The most recent values a trend is fitted to. */
const TREND_POINTS = 5;
/** Values closer together than this say nothing about a monthly rate: no trend. */
const MIN_TREND_DAYS = 14;
/**
 * A change per printed period below this fraction of the mean value reads as stable. An
 * ImmunoSteward convention (expert opinion) applied to every marker alike, not a clinical threshold.
 */
const MEANINGFUL_FRACTION = 0.1;
/** Series longer than this print their rate per year (a slow recovery is invisible per month). */
const YEARLY_AFTER_DAYS = 180;

export function sexOf(patient: Patient | undefined): AdministrativeSex | undefined {
  return patient?.gender === 'male' || patient?.gender === 'female' ? patient.gender : undefined;
}

/** All measurements (reported and derived) of a patient's Observations. */
export function measureAll(
  observations: readonly Observation[],
  options: MeasureOptions,
  issues: DataQualityIssue[] = [],
): Measurement[] {
  const context = measureContext(options, issues);
  const out = context.out;
  // Indexed loops: an iterator here allocated a result object per Observation (measured).
  for (let i = 0; i < observations.length; i++) measureObservation(observations[i] as Observation, context);
  for (const m of deriveMeasurements(out, options.sex, options.birthDate)) out.push(m);
  return out;
}

/** Least-squares rate over the most recent values; its direction is the printed rate's sign when meaningful. */
export function trendOf(history: readonly Measurement[], marker: BiomarkerDefinition): Trend | undefined {
  const recent = history.slice(-TREND_POINTS);
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (!first || !last || recent.length < 2) return undefined;
  const spanDays = (last.epochMs - first.epochMs) / DAY_MS;
  if (spanDays < MIN_TREND_DAYS) return undefined;
  const xs = recent.map((m) => (m.epochMs - first.epochMs) / DAY_MS);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = recent.reduce((a, m) => a + m.value, 0) / recent.length;
  let num = 0;
  let den = 0;
  recent.forEach((m, i) => {
    const dx = (xs[i] as number) - meanX;
    num += dx * (m.value - meanY);
    den += dx * dx;
  });
  const perDay = den === 0 ? 0 : num / den;
  const periodDays = spanDays > YEARLY_AFTER_DAYS ? 365 : 30;
  const change = perDay * periodDays;
  // Stable unless the printed change is meaningful and does not round to zero where it is shown.
  const unit = displayUnit(marker, last);
  const shown = Math.round(Math.abs(change * unit.factor) * 10 ** unit.decimals);
  const direction: TrendDirection =
    meanY === 0 || shown === 0 || Math.abs(change) < MEANINGFUL_FRACTION * Math.abs(meanY)
      ? 'stable'
      : change > 0
        ? 'up'
        : 'down';
  return { direction, changePer30Days: perDay * 30, periodDays, points: recent.length, spanDays: Math.round(spanDays) };
}

const ABNORMAL_LOW = new Set(['low', 'critical-low']);
const ABNORMAL_HIGH = new Set(['high', 'critical-high']);

function compartmentStatus(
  t: Translator,
  compartment: Compartment,
  series: readonly BiomarkerSeries[],
): CompartmentStatus {
  const label = t.t(`compartment.${compartment}`);
  const own = series.filter((s) => s.biomarker.group === compartment && s.biomarker.decisive);
  const current = own.filter((s) => !s.stale);
  const staleMarkers = own.filter((s) => s.stale).map((s) => s.biomarker.id);
  const by = (test: (m: Measurement) => boolean) => current.filter((s) => test(s.latest));
  const deficit = by((m) => m.deficit !== undefined);
  const excess = by((m) => m.excess !== undefined);
  const low = by((m) => ABNORMAL_LOW.has(m.interpretation));
  const high = by((m) => ABNORMAL_HIGH.has(m.interpretation));
  const normal = by((m) => m.interpretation === 'normal' && !m.deficit && !m.excess);
  // The most telling state decides; its results come first in the line.
  const [status, decisive]: [CompartmentState, BiomarkerSeries[]] =
    deficit.length > 0
      ? ['deficit', deficit]
      : excess.length > 0
        ? ['excess', excess]
        : low.length > 0
          ? ['low', low]
          : high.length > 0
            ? ['high', high]
            : normal.length > 0
              ? ['normal', normal]
              : ['unknown', []];
  // The line is written when first read: an order-sign call never shows it, the app and patient-view do.
  const describe = (): string => {
    let detail: string;
    if (status !== 'unknown') {
      const shown = decisive.slice(0, 3).map((s) => describeResult(t, s.latest, s.biomarker));
      detail = t.t('compartment.results', { results: shown.join('; '), more: Math.max(0, decisive.length - 3) });
    } else if (own.length === 0) {
      detail = t.t('compartment.noResults');
    } else {
      const parts: string[] = [];
      if (current.length > 0) {
        parts.push(
          t.t('compartment.noRange', { results: t.list(current.map((s) => formatResult(t, s.latest, s.biomarker))) }),
        );
      }
      const stale = own.filter((s) => s.stale);
      if (stale.length > 0) {
        const newest = stale.reduce((a, b) => (b.latest.epochMs > a.latest.epochMs ? b : a));
        parts.push(
          t.t('compartment.stale', {
            markers: t.list(stale.map((s) => markerShort(t, s.biomarker))),
            date: t.date(newest.latest.day),
          }),
        );
      }
      detail = parts.join('; ');
    }
    return t.t('compartment.summary', { label, status: t.t(`status.${status}`), detail });
  };
  let summary: string | undefined;
  return {
    compartment,
    label,
    status,
    evidence: decisive.map((s) => s.latest),
    staleMarkers,
    get summary() {
      summary ??= describe();
      return summary;
    },
  };
}

function inTimeOrder(history: readonly Measurement[]): boolean {
  for (let i = 1; i < history.length; i++) {
    if ((history[i - 1] as Measurement).epochMs > (history[i] as Measurement).epochMs) return false;
  }
  return true;
}

/** Observations → immune profile: per-marker series with trends, per-compartment status. */
export function buildProfile(observations: readonly Observation[], options: ProfileOptions): ImmuneProfile {
  const issues: DataQualityIssue[] = [];
  const sex = sexOf(options.patient);
  const staleAfterDays = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const nowMs = options.now.getTime();
  // A literal of one shape (no conditional spreads): the measuring loop is optimised for it.
  const measurements = measureAll(
    observations,
    { localLabCodes: options.localLabCodes, sex, birthDate: options.patient?.birthDate },
    issues,
  );
  const byMarker = new Map<string, Measurement[]>();
  for (let i = 0; i < measurements.length; i++) {
    const m = measurements[i] as Measurement;
    if (Number.isNaN(m.epochMs)) continue;
    const list = byMarker.get(m.biomarker);
    if (list) list.push(m);
    else byMarker.set(m.biomarker, [m]);
  }
  const series: BiomarkerSeries[] = [];
  for (const marker of BIOMARKERS) {
    const history = byMarker.get(marker.id);
    if (!history) continue;
    // Results mostly arrive in time order; sorting allocates a work array even when they do.
    if (!inTimeOrder(history)) history.sort((a, b) => a.epochMs - b.epochMs);
    const latest = history[history.length - 1] as Measurement;
    const previous = history.length > 1 ? history[history.length - 2] : undefined;
    const ageDays = Math.floor((nowMs - latest.epochMs) / DAY_MS);
    const trend = trendOf(history, marker);
    series.push({
      biomarker: marker,
      latest,
      ...(previous ? { previous } : {}),
      ...(trend ? { trend } : {}),
      history,
      stale: ageDays > staleAfterDays,
      ageDays,
    });
  }
  return {
    ...(options.patient?.id ? { patientId: options.patient.id } : {}),
    ...(sex ? { sex } : {}),
    asOf: options.now.toISOString(),
    staleAfterDays,
    series,
    compartments: COMPARTMENTS.map((c) => compartmentStatus(options.t ?? translator(), c, series)),
    issues,
  };
}
