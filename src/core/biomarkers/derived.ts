import { ageInYears } from '../fhir/patient.js';
import { BIOMARKERS, type BiomarkerDefinition, biomarkerById } from './catalog.js';
import { type AdministrativeSex, catalogRange, classify, interpretAgainst, type Measurement } from './measurement.js';
import { tidy } from './tidy.js';

/**
 * Values a physician would compute by hand when the lab did not report them, marked derived with
 * their inputs: absolute subset counts from percent × same-day lymphocyte count, and the CD4/CD8
 * ratio from same-day absolute counts.
 */

type ByDay = Map<string, Map<string, Measurement>>;

const PERCENT_SUBSETS = BIOMARKERS.filter((b) => b.absoluteOf !== undefined);

/** The markers a derivation reads or would replace; only these are indexed by day. */
const INVOLVED = new Set([
  'lymphocytes',
  'cd4-cd8-ratio',
  ...PERCENT_SUBSETS.flatMap((b) => [b.id, b.absoluteOf as string]),
]);

function indexByDay(measurements: readonly Measurement[]): ByDay {
  const byDay: ByDay = new Map();
  for (const m of measurements) {
    if (m.comparator || !INVOLVED.has(m.biomarker)) continue; // a bound is not a value to compute with
    let day = byDay.get(m.day);
    if (!day) {
      day = new Map();
      byDay.set(m.day, day);
    }
    const existing = day.get(m.biomarker);
    if (!existing || existing.epochMs < m.epochMs) day.set(m.biomarker, m);
  }
  return byDay;
}

function derive(
  marker: BiomarkerDefinition,
  value: number,
  inputs: Measurement[],
  method: string,
  sex: AdministrativeSex | undefined,
  birthDate: string | undefined,
): Measurement {
  const latest = inputs.reduce((a, b) => (b.epochMs > a.epochMs ? b : a));
  const ageYears = ageInYears(birthDate, latest.day);
  const range = catalogRange(marker, sex, ageYears);
  // The same shape, field for field, as a reported measurement (measurement.ts): one hidden class.
  const m: Measurement = {
    biomarker: marker.id,
    value,
    unit: marker.unit,
    comparator: undefined,
    originalValue: value,
    originalUnit: marker.unit,
    shownIn: undefined,
    time: latest.time,
    epochMs: latest.epochMs,
    day: latest.day,
    referenceRange: range,
    interpretation: interpretAgainst(value, undefined, range),
    interpretationOrigin: range ? 'range' : 'none',
    status: inputs.some((i) => i.preliminary) ? 'preliminary' : 'final',
    preliminary: inputs.some((i) => i.preliminary),
    sourceId: inputs.map((i) => i.sourceId).join(' + '),
    matchedBy: { system: 'derived', code: marker.id, via: 'derived' },
    deficit: undefined,
    excess: undefined,
    derived: { method, inputs: inputs.map((i) => i.sourceId) },
  };
  classify(m, marker, sex, ageYears);
  return m;
}

export function deriveMeasurements(
  measurements: readonly Measurement[],
  sex?: AdministrativeSex,
  birthDate?: string,
): Measurement[] {
  const derived: Measurement[] = [];
  const byDay = indexByDay(measurements);
  for (const day of byDay.values()) {
    const lymphocytes = day.get('lymphocytes');
    if (lymphocytes) {
      for (const pctMarker of PERCENT_SUBSETS) {
        const absoluteId = pctMarker.absoluteOf as string;
        const pct = day.get(pctMarker.id);
        const absolute = biomarkerById(absoluteId);
        const value = pct ? Math.round((pct.value / 100) * lymphocytes.value) : Number.NaN;
        // Absurd inputs (1e300 % of 1e300 /uL) overflow: no derived value rather than Infinity.
        if (!pct || !absolute || day.has(absoluteId) || !Number.isFinite(value)) continue;
        const m = derive(absolute, value, [pct, lymphocytes], `${pctMarker.short} × lymphocyte count`, sex, birthDate);
        derived.push(m);
        day.set(absoluteId, m);
      }
    }
    const cd4 = day.get('cd4');
    const cd8 = day.get('cd8');
    const ratio = biomarkerById('cd4-cd8-ratio');
    const cd4ToCd8 = cd4 && cd8 && cd8.value > 0 ? tidy(Math.round((cd4.value / cd8.value) * 100) / 100) : Number.NaN;
    if (cd4 && cd8 && ratio && Number.isFinite(cd4ToCd8) && !day.has('cd4-cd8-ratio')) {
      derived.push(derive(ratio, cd4ToCd8, [cd4, cd8], 'CD4 ÷ CD8', sex, birthDate));
    }
  }
  return derived;
}
