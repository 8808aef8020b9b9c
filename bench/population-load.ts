import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fmt } from './util.js';

/**
 * `population load` at several sizes of the synthetic population (cds-hooks/population/synthetic):
 * resources per second loaded, the views' pace per thread, time per stage, peak RSS, and the
 * scaling ratio of the largest to the smallest size. Each size runs in its own process.
 */
export interface LoadFigures {
  patients: number;
  workers: number;
  resources: number;
  bytes: number;
  generateMs: number;
  ms: { read: number; commit: number; total: number; views: number; append: number };
  resourcesPerSecond: number;
  viewsPerThreadSecond: number;
  cpuSeconds: number;
  resourcesPerCpuSecond: number;
  badLines: number;
  peakRssMb: number;
  generateRssMb: number;
  loadAverage: [number, number];
}

export function benchPopulationLoad(sizes: number[], workers = availableParallelism()): LoadFigures[] {
  const script = fileURLToPath(new URL('./population-load-worker.js', import.meta.url));
  return sizes.map((patients) => {
    const out = execFileSync(
      process.execPath,
      ['--max-old-space-size=8192', script, String(patients), String(workers)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    return JSON.parse(out.trim().split('\n').at(-1) as string) as LoadFigures;
  });
}

export function populationLoadSection(figures: LoadFigures[]): string {
  const first = figures[0];
  const last = figures.at(-1);
  const ratio =
    first && last && last !== first
      ? `Scaling: ${last.patients.toLocaleString('en')} / ${first.patients.toLocaleString('en')} patients, ${fmt(last.resources / first.resources, 2)}× the resources: wall time ratio **${fmt(last.ms.total / first.ms.total, 2)}**, CPU time ratio **${fmt(last.cpuSeconds / first.cpuSeconds, 2)}** (equal to the resource ratio is linear).`
      : '';
  return [
    '## Population load (`cds-hooks/population/warehouse`)',
    '',
    "`immunosteward population load` on the synthetic population's NDJSON export (bulk-server's generator, ~95 resources per patient): stream the files, run the six SQL on FHIR views in worker threads (one per core), append to DuckDB staging tables, replace the view tables in one transaction. *Read* is the wall time of streaming, views and appending together (they overlap); *views* and *append* are thread time (views summed over the workers). The 1-minute load average before and after shows what else the machine ran; *per CPU-second* divides the resources by the CPU time of all the process's threads, the pace the load would keep on cores of its own (× 2 on this machine's two).",
    '',
    '| patients | resources | NDJSON | workers | total | read | commit | views (thread) | append (thread) | **resources/s** | per CPU-second | views per thread | peak RSS | load avg |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.patients.toLocaleString('en')} | ${f.resources.toLocaleString('en')} | ${fmt(f.bytes / 2 ** 20, 0)} MB | ${f.workers} | ${fmt(f.ms.total / 1000, 1)} s | ${fmt(f.ms.read / 1000, 1)} s | ${fmt(f.ms.commit / 1000, 1)} s | ${fmt(f.ms.views / 1000, 1)} s | ${fmt(f.ms.append / 1000, 1)} s | **${f.resourcesPerSecond.toLocaleString('en')}** | ${f.resourcesPerCpuSecond.toLocaleString('en')} | ${f.viewsPerThreadSecond.toLocaleString('en')}/s | ${f.peakRssMb} MB | ${fmt(f.loadAverage[0], 1)} → ${fmt(f.loadAverage[1], 1)} |`,
    ),
    '',
    ratio,
    'Target: ≥ 50,000 resources/s loaded on 2 cores, linear scaling.',
  ].join('\n');
}
