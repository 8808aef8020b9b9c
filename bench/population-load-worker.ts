import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatePopulation } from '../cds-hooks/population/synthetic/generate.js';
import { writeNdjson } from '../cds-hooks/population/synthetic/ndjson.js';
import { loadExport } from '../cds-hooks/population/warehouse/load.js';

/**
 * One size of the load benchmark, in a process of its own (so its peak RSS is its own). Args: the
 * number of synthetic patients and of worker threads. Writes the synthetic export to a temporary
 * directory (not timed as load), loads it into a fresh DuckDB file, prints one JSON line.
 */

const patients = Number(process.argv[2] ?? 1000);
const workers = Number(process.argv[3] ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'immunosteward-bench-load-'));
try {
  const generateStarted = performance.now();
  const counts = await writeNdjson(
    join(dir, 'export'),
    generatePopulation({ patients, anchor: new Date('2026-11-01T00:00:00Z') }),
  );
  const generateMs = performance.now() - generateStarted;
  const rssBefore = process.resourceUsage().maxRSS;
  const load = loadavg()[0];
  const cpuBefore = process.cpuUsage();
  const summary = await loadExport({ from: join(dir, 'export'), db: join(dir, 'population.duckdb'), workers });
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time of every thread of the process: on a machine shared with other work the wall time
  // stretches, the CPU a resource costs much less.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const resources = Object.values(counts).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `${JSON.stringify({
      patients,
      workers,
      resources,
      bytes: summary.bytes,
      generateMs,
      ms: summary.ms,
      resourcesPerSecond: summary.resourcesPerSecond,
      viewsPerThreadSecond: Math.round(resources / (summary.ms.views / 1000)),
      cpuSeconds,
      resourcesPerCpuSecond: Math.round(resources / cpuSeconds),
      badLines: summary.badLines,
      rows: summary.tableRows,
      // Generation peaked before the load started: the RSS figure is the load's when it is larger.
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      generateRssMb: Math.round(rssBefore / 1024),
      loadAverage: [load, loadavg()[0]],
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
