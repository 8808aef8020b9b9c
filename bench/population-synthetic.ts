import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatePopulation } from '../cds-hooks/population/synthetic/generate.js';
import { writeNdjson } from '../cds-hooks/population/synthetic/ndjson.js';
import { fmt, settle } from './util.js';

/**
 * The synthetic population (`cds-hooks/population/synthetic`): patients generated, and generated
 * then written as NDJSON (the Bulk output the loader reads), resources per second, the largest
 * resident memory above the start of the run (sampled every 500 patients), and the scaling ratio.
 */

export interface SyntheticResult {
  patients: number;
  resources: number;
  generateMs: number;
  writeMs: number;
  megabytes: number;
  peakRssGrowthMb: number;
}

function* sampled<T>(items: Iterable<T>, onSample: () => void): Generator<T> {
  let n = 0;
  for (const item of items) {
    if (++n % 500 === 0) onSample();
    yield item;
  }
}

async function one(patients: number): Promise<SyntheticResult> {
  const anchor = new Date('2026-11-01T00:00:00Z');
  settle();
  let resources = 0;
  let start = performance.now();
  for (const record of generatePopulation({ patients, anchor })) resources += record.length;
  const generateMs = performance.now() - start;

  const dir = mkdtempSync(join(tmpdir(), 'immunosteward-bench-population-'));
  settle();
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  start = performance.now();
  await writeNdjson(dir, sampled(generatePopulation({ patients, anchor }), sample));
  const writeMs = performance.now() - start;
  const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  rmSync(dir, { recursive: true, force: true });
  return {
    patients,
    resources,
    generateMs,
    writeMs,
    megabytes: bytes / 2 ** 20,
    peakRssGrowthMb: (peak - baseRss) / 2 ** 20,
  };
}

export async function benchPopulationSynthetic(
  sizes: number[],
): Promise<{ results: SyntheticResult[]; section: string }> {
  const results: SyntheticResult[] = [];
  for (const size of sizes) results.push(await one(size));
  const perSecond = (r: SyntheticResult, ms: number) => Math.round((r.resources / ms) * 1000).toLocaleString('en');
  const rows = results.map(
    (r) =>
      `| ${r.patients.toLocaleString('en')} | ${r.resources.toLocaleString('en')} | ${fmt(r.generateMs / 1000, 1)} s | **${perSecond(r, r.generateMs)}** /s | ${fmt(r.writeMs / 1000, 1)} s | **${perSecond(r, r.writeMs)}** /s | ${fmt(r.megabytes, 0)} MB | ${fmt(r.peakRssGrowthMb, 0)} MB |`,
  );
  const [small, big] = [results[0], results[results.length - 1]];
  const ratio =
    small && big && big !== small ? big.writeMs / big.resources / (small.writeMs / small.resources) : undefined;
  const section = [
    '## Synthetic population (`cds-hooks/population/synthetic`)',
    '',
    'The demo scenarios cloned into patients over 24 months (seed 2026, anchor 2026-11-01): generated only (the objects a caller iterates), then generated and written as one `{Type}.ndjson` per type (the Bulk output the warehouse loads), one core. Peak RSS is the largest resident memory above the start of the write run, sampled every 500 patients: streaming keeps it flat whatever the size.',
    '',
    '| patients | resources | generate | resources/s | generate + write NDJSON | resources/s | NDJSON | peak RSS growth |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ratio === undefined
      ? ''
      : `Scaling: time per resource at ${big?.patients.toLocaleString('en')} patients / at ${small?.patients.toLocaleString('en')} = **${fmt(ratio, 2)}** (1.00 is linear).`,
  ].join('\n');
  return { results, section };
}
