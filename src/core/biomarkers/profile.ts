import type { DataQualityIssue } from '../fhir/parse.js';
import type { Observation, Patient } from '../fhir/schemas.js';
import { BIOMARKERS, type BiomarkerDefinition, COMPARTMENT_LABELS, COMPARTMENTS, type Compartment } from './catalog.js';
import { deriveMeasurements } from './derived.js';
import {
  type AdministrativeSex,
  type LocalLabCode,
  type Measurement,
  measureContext,
  measureObservation,
} from './measurement.js';

const DAY_MS = 86_400_000;

export type TrendDirection = 'up' | 'down' | 'stable';

export interface Trend {
  direction: TrendDirection;
  /** Change in canonical units per 30 days between the previous and the latest value. */
  changePer30Days?: number;
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

export type CompartmentState = 'deficit' | 'normal' | 'excess' | 'unknown';

export interface CompartmentStatus {
  compartment: Compartment;
  label: string;
  status: CompartmentState;
  /** The current measurements that decide the status (abnormal ones first). */
  evidence: Measurement[];
  /** Markers of this compartment whose latest value is stale. */
  staleMarkers: string[];
  /** One line a physician can read, e.g. "Adaptive T: deficit — CD4 180 /uL (low), 2026-10-01". */
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
  staleAfterDays?: number;
  localLabCodes?: readonly LocalLabCode[];
  patient?: Patient;
}

export const DEFAULT_STALE_AFTER_DAYS = 180;

/** A relative change under this fraction reads as stable. */
const STABLE_FRACTION = 0.05;

export function sexOf(patient: Patient | undefined): AdministrativeSex | undefined {
  return patient?.gender === 'male' || patient?.gender === 'female' ? patient.gender : undefined;
}

/** All measurements (reported and derived) of a patient's Observations. */
export function measureAll(
  observations: readonly Observation[],
  options: { localLabCodes?: readonly LocalLabCode[]; sex?: AdministrativeSex; birthDate?: string },
  issues: DataQualityIssue[] = [],
): Measurement[] {
  const context = measureContext(options, issues);
  const out = context.out;
  for (const obs of observations) measureObservation(obs, context);
  for (const m of deriveMeasurements(out, options.sex, options.birthDate)) out.push(m);
  return out;
}

function trendOf(latest: Measurement, previous: Measurement | undefined): Trend | undefined {
  if (!previous) return undefined;
  const delta = latest.value - previous.value;
  const scale = Math.max(Math.abs(previous.value), Math.abs(latest.value));
  const direction: TrendDirection =
    scale === 0 || Math.abs(delta) <= STABLE_FRACTION * scale ? 'stable' : delta > 0 ? 'up' : 'down';
  const days = (latest.epochMs - previous.epochMs) / DAY_MS;
  if (days < 1) return { direction };
  return { direction, changePer30Days: Math.round((delta / days) * 30 * 100) / 100 };
}

const ABNORMAL_LOW = new Set(['low', 'critical-low']);
const ABNORMAL_HIGH = new Set(['high', 'critical-high']);

export function isLow(m: Measurement): boolean {
  return ABNORMAL_LOW.has(m.interpretation) || m.deficit !== undefined;
}

export function isHigh(m: Measurement): boolean {
  return ABNORMAL_HIGH.has(m.interpretation) || m.excess !== undefined;
}

export function formatValue(m: Measurement): string {
  const value = Number.isInteger(m.value) ? String(m.value) : String(Math.round(m.value * 100) / 100);
  const unit = m.unit === '{ratio}' || m.unit === '{INR}' ? '' : m.unit === '%' ? '%' : ` ${m.unit}`;
  return `${m.comparator ?? ''}${value}${unit}`;
}

export function describeMeasurement(m: Measurement, short: string): string {
  const flag = m.interpretation === 'unknown' ? '' : ` (${m.interpretation}${m.derived ? ', derived' : ''})`;
  return `${short} ${formatValue(m)}${flag}, ${m.day}`;
}

function compartmentStatus(compartment: Compartment, series: readonly BiomarkerSeries[]): CompartmentStatus {
  const label = COMPARTMENT_LABELS[compartment];
  const own = series.filter((s) => s.biomarker.group === compartment && s.biomarker.decisive);
  const current = own.filter((s) => !s.stale);
  const staleMarkers = own.filter((s) => s.stale).map((s) => s.biomarker.id);
  const low = current.filter((s) => isLow(s.latest));
  const high = current.filter((s) => isHigh(s.latest));
  const normal = current.filter((s) => s.latest.interpretation === 'normal' && !isLow(s.latest) && !isHigh(s.latest));
  let status: CompartmentState;
  let decisive: BiomarkerSeries[];
  if (low.length > 0) {
    status = 'deficit';
    decisive = [...low, ...high];
  } else if (high.length > 0) {
    status = 'excess';
    decisive = high;
  } else if (normal.length > 0) {
    status = 'normal';
    decisive = normal;
  } else {
    status = 'unknown';
    decisive = [];
  }
  const shown = decisive.slice(0, 3).map((s) => describeMeasurement(s.latest, s.biomarker.short));
  let detail: string;
  if (status !== 'unknown') {
    detail = shown.join('; ') + (decisive.length > 3 ? `; +${decisive.length - 3} more` : '');
  } else if (own.length === 0) {
    detail = 'no results';
  } else {
    const parts: string[] = [];
    if (current.length > 0) {
      parts.push(`${current.map((s) => `${s.biomarker.short} ${formatValue(s.latest)}`).join(', ')} without a range`);
    }
    const stale = own.filter((s) => s.stale);
    if (stale.length > 0) {
      const newest = stale.reduce((a, b) => (b.latest.epochMs > a.latest.epochMs ? b : a));
      parts.push(`${stale.map((s) => s.biomarker.short).join(', ')} stale (latest ${newest.latest.day})`);
    }
    detail = parts.join('; ');
  }
  return {
    compartment,
    label,
    status,
    evidence: decisive.map((s) => s.latest),
    staleMarkers,
    summary: `${label}: ${status} — ${detail}`,
  };
}

/** Observations → immune profile: per-marker series with trends, per-compartment status. */
export function buildProfile(observations: readonly Observation[], options: ProfileOptions): ImmuneProfile {
  const issues: DataQualityIssue[] = [];
  const sex = sexOf(options.patient);
  const staleAfterDays = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const nowMs = options.now.getTime();
  const measurements = measureAll(
    observations,
    {
      ...(options.localLabCodes ? { localLabCodes: options.localLabCodes } : {}),
      ...(sex ? { sex } : {}),
      ...(options.patient?.birthDate ? { birthDate: options.patient.birthDate } : {}),
    },
    issues,
  );
  const byMarker = new Map<string, Measurement[]>();
  for (const m of measurements) {
    if (Number.isNaN(m.epochMs)) continue;
    const list = byMarker.get(m.biomarker);
    if (list) list.push(m);
    else byMarker.set(m.biomarker, [m]);
  }
  const series: BiomarkerSeries[] = [];
  for (const marker of BIOMARKERS) {
    const history = byMarker.get(marker.id);
    if (!history) continue;
    history.sort((a, b) => a.epochMs - b.epochMs);
    const latest = history[history.length - 1] as Measurement;
    const previous = history.length > 1 ? history[history.length - 2] : undefined;
    const ageDays = Math.floor((nowMs - latest.epochMs) / DAY_MS);
    const trend = trendOf(latest, previous);
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
    compartments: COMPARTMENTS.map((c) => compartmentStatus(c, series)),
    issues,
  };
}
