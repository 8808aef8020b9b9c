import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { ndjsonFiles, patientRecords } from '../cds-hooks/population/classify/records.js';
import { classifyDirectory } from '../cds-hooks/population/classify/run.js';
import { generatePopulation } from '../cds-hooks/population/synthetic/generate.js';
import { writeNdjson } from '../cds-hooks/population/synthetic/ndjson.js';
import { defaultSiteConfig } from '../src/core/config/schema.js';

/**
 * One size of the classification benchmark, in its own process (its peak RSS is its own):
 * `node population-classify-run.js <patients>` prints one JSON line of figures.
 */

const patients = Number(process.argv[2]);
const anchor = new Date('2026-11-01T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'immunosteward-bench-classify-'));
let peak = process.memoryUsage().rss;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
try {
  await writeNdjson(join(dir, 'export'), generatePopulation({ patients, anchor }));
  const base = process.memoryUsage().rss;
  peak = base;
  let start = performance.now();
  let grouped = 0;
  for await (const record of patientRecords(ndjsonFiles(join(dir, 'export')))) grouped += record.resources.length;
  const groupMs = performance.now() - start;
  const instance = await DuckDBInstance.create(join(dir, 'population.duckdb'));
  const connection = await instance.connect();
  start = performance.now();
  const summary = await classifyDirectory({
    dir: join(dir, 'export'),
    connection,
    config: defaultSiteConfig(),
    asOfMs: anchor.getTime(),
  });
  const totalMs = performance.now() - start;
  connection.closeSync();
  instance.closeSync();
  process.stdout.write(
    `${JSON.stringify({ patients: summary.patients, resources: grouped, courses: summary.courses, workers: summary.workers, groupMs, totalMs, peakRssMb: peak / 2 ** 20, baseRssMb: base / 2 ** 20 })}\n`,
  );
} finally {
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
}
