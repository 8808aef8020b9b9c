import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fmt } from './util.js';

/**
 * Rule evaluation over the synthetic population (`cds-hooks/population/classify`): NDJSON grouped
 * by patient, every course classified by the rules in worker threads (one per core), rows
 * appended to DuckDB. Each size in its own process: resources/s and patients/s end to end, the
 * grouping stage alone, peak RSS, the scaling ratio, and the load average (the machine is shared).
 */

export interface ClassifyFigures {
  patients: number;
  resources: number;
  courses: number;
  workers: number;
  groupMs: number;
  totalMs: number;
  peakRssMb: number;
  baseRssMb: number;
  load: number;
}

function one(patients: number): ClassifyFigures {
  const script = fileURLToPath(new URL('./population-classify-run.js', import.meta.url));
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', script, String(patients)], {
    encoding: 'utf8',
    maxBuffer: 2 ** 24,
  });
  return {
    ...(JSON.parse(out.trim().split('\n').at(-1) as string) as Omit<ClassifyFigures, 'load'>),
    load: loadavg()[0] ?? 0,
  };
}

export function benchPopulationClassify(sizes: number[]): { results: ClassifyFigures[]; section: string } {
  const results = sizes.map(one);
  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en');
  const rows = results.map(
    (r) =>
      `| ${r.patients.toLocaleString('en')} | ${r.resources.toLocaleString('en')} | ${r.courses.toLocaleString('en')} | ${fmt(r.groupMs / 1000, 1)} s (${rate(r.resources, r.groupMs)} /s) | ${fmt(r.totalMs / 1000, 1)} s | **${rate(r.resources, r.totalMs)}** /s | **${rate(r.patients, r.totalMs)}** /s | ${fmt(r.peakRssMb, 0)} MB | ${fmt(r.load, 1)} |`,
  );
  const [small, big] = [results[0], results[results.length - 1]];
  const ratio =
    small && big && big !== small ? big.totalMs / big.resources / (small.totalMs / small.resources) : undefined;
  const section = [
    '## Population classification (`cds-hooks/population/classify`)',
    '',
    `The synthetic population (seed 2026, anchor 2026-11-01) written as NDJSON, then \`population classify\`: lines grouped by patient in hash partitions on disk, each course's orders evaluated by the rules engine at their signing in ${results[0]?.workers ?? 2} worker threads, rows appended to a DuckDB file. "grouping" is the read-and-group stage alone; peak RSS is the process's largest resident memory during classification; load is the 1-minute load average after the run (other work on the machine slows every figure).`,
    '',
    '| patients | resources | courses | grouping | classification, end to end | resources/s | patients/s | peak RSS | load |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ratio === undefined
      ? ''
      : `Scaling: time per resource at ${big?.patients.toLocaleString('en')} patients / at ${small?.patients.toLocaleString('en')} = **${fmt(ratio, 2)}** (1.00 is linear).`,
  ].join('\n');
  return { results, section };
}
