import { biomarkerByLoinc } from '../src/core/biomarkers/catalog.js';
import { buildProfile } from '../src/core/biomarkers/profile.js';
import { readResources } from '../src/core/fhir/parse.js';
import { makeObservations } from './observations.js';
import { type BenchResult, median, timeIt } from './util.js';

const NOW = new Date('2026-11-01T00:00:00Z');

/**
 * Mapping throughput: parse (zod) + measure (UCUM) + derive + profile for a patient with N
 * Observations. The baseline does only the unavoidable work on the same objects: read the
 * LOINC code, look it up in the catalog and scale the value.
 */
function baseline(observations: Record<string, unknown>[]): number {
  let sum = 0;
  for (const o of observations) {
    const coding = (o.code as { coding: { code: string }[] }).coding[0];
    const marker = coding && biomarkerByLoinc(coding.code);
    const q = o.valueQuantity as { value: number } | undefined;
    if (marker && q) sum += q.value * 1000;
  }
  return sum;
}

export function benchBiomarkers(sizes: number[], runs: number): BenchResult[] {
  const results: BenchResult[] = [];
  for (const size of sizes) {
    const observations = makeObservations(size);
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: observations.map((resource) => ({ resource })) };
    // Warm-up (JIT, UCUM factor cache) on up to 100k of the same Observations, so that every
    // size measures steady state rather than compilation.
    const warm = { ...bundle, entry: bundle.entry.slice(0, 100_000) };
    for (let i = 0; i < 3; i++) buildProfile(readResources(warm).observations, { now: NOW });
    const times: number[] = [];
    const baseTimes: number[] = [];
    let mapped = 0;
    for (let r = 0; r < runs; r++) {
      baseTimes.push(timeIt(() => baseline(observations)));
      times.push(
        timeIt(() => {
          const set = readResources(bundle);
          const profile = buildProfile(set.observations, { now: NOW });
          mapped = profile.series.reduce((n, s) => n + s.history.length, 0);
        }),
      );
    }
    const ms = median(times);
    const baseMs = median(baseTimes);
    results.push({
      name: `map ${size.toLocaleString('en')} Observations`,
      size,
      ms,
      perSecond: Math.round((size / ms) * 1000),
      baselineMs: baseMs,
      note: `${mapped.toLocaleString('en')} measurements incl. derived`,
    });
  }
  return results;
}
