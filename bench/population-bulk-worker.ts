import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runBulkExport } from '../cds-hooks/population/bulk/export.js';
import { siteConfigSchema } from '../src/core/config/schema.js';

/**
 * One Bulk export in a process of its own, so that its peak RSS is the client's alone:
 * `node population-bulk-worker.js <config.json> <out dir>` prints one JSON line of figures.
 */

const [configFile, outDir] = process.argv.slice(2) as [string, string];
const config = siteConfigSchema.parse(JSON.parse(readFileSync(configFile, 'utf8')));
const start = performance.now();
let downloadStart: number | undefined;
const summary = await runBulkExport(config, {
  outDir,
  onProgress: (p) => {
    if (p.stage === 'downloading' && downloadStart === undefined) downloadStart = performance.now();
  },
});
const end = performance.now();
process.stdout.write(
  `${JSON.stringify({
    resources: Object.values(summary.resourcesByType).reduce((a, b) => a + b, 0),
    bytes: summary.bytes,
    totalMs: end - start,
    downloadMs: end - (downloadStart ?? start),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
