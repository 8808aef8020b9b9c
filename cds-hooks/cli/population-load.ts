import { parseArgs } from 'node:util';
import { ConfigFileError } from '../config/file.js';
import { ExportDirectoryError } from '../population/warehouse/export-directory.js';
import {
  type LoadMode,
  type LoadProgress,
  type LoadSummary,
  loadExport,
  WarehouseError,
} from '../population/warehouse/load.js';
import { defaultWarehouseFile } from '../population/warehouse/location.js';
import { TableSchemaError } from '../population/warehouse/table-schema.js';
import { DEMO_DATA_DIR } from '../serve.js';

/**
 * `immunosteward population load --from DIR [--db FILE]`: an NDJSON export into the DuckDB
 * warehouse, with a progress line on stderr and a summary on stdout. Exit 0 when loaded (bad
 * lines are listed, and kept in `warehouse_load_problems`), 2 for a usage or configuration error,
 * 3 when the data cannot be loaded (no such directory, no NDJSON, an unreadable warehouse).
 */

const USAGE = `Usage: immunosteward population load --from <dir> [options]

Loads an NDJSON export (Bulk Data output: {Type}.ndjson or {Type}-{n}.ndjson files,
optionally gzip, and the server's manifest.json) into the population warehouse: runs
the SQL on FHIR views and replaces the view tables (a full export) or upserts them by
resource id (an export with _since in its manifest).

Options:
  --from <dir>            The export directory (required).
  --db <file>             The DuckDB warehouse (default: population.duckdb in the data
                          directory: beside the feedback store of IMMUNOSTEWARD_CONFIG,
                          else .immunosteward/).
  --mode <auto|replace|upsert>
                          auto (default): upsert when the manifest's request has _since.
  --workers <n>           Threads that run the views (default: one per core; 0: none).
  --json                  Print the summary as JSON.
  -h, --help              Show this help.
`;

export interface PopulationLoadResult {
  code: number;
  stdout: string;
  stderr: string;
}

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

const usageError = (message: string): PopulationLoadResult => ({
  code: 2,
  stdout: '',
  stderr: `immunosteward population load: ${message}\nRun "immunosteward population load --help" for usage.\n`,
});

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
const seconds = (ms: number) => (ms >= 100_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

export function progressLine(p: LoadProgress): string {
  const eta = p.etaMs === undefined ? '' : `, ETA ${seconds(p.etaMs)}`;
  return `files ${p.filesDone}/${p.filesTotal} (${p.file}), ${p.resources.toLocaleString('en')} resources, ${mb(p.bytesRead)}/${mb(p.bytesTotal)} MB${eta}`;
}

function progressReporter(stderr: Output): (p: LoadProgress) => void {
  let last = 0;
  let lastFile = '';
  let ended = false;
  return (p) => {
    if (stderr.isTTY) {
      const now = Date.now();
      if (now - last < 200 && p.bytesRead < p.bytesTotal) return;
      last = now;
      stderr.write(`\r\x1b[K${progressLine(p)}`);
    } else if (p.file !== lastFile || (p.filesDone === p.filesTotal && !ended)) {
      // Without a terminal: one line as each file starts, and one at the end.
      lastFile = p.file;
      ended = p.filesDone === p.filesTotal;
      stderr.write(`${progressLine(p)}\n`);
    }
  };
}

export function renderSummary(s: LoadSummary): string {
  const lines = [
    `Loaded ${s.from} into ${s.db} (${s.mode === 'replace' ? 'full export: tables replaced' : 'incremental export: upserted by resource id'})`,
    `  ${s.files} file(s), ${mb(s.bytes)} MB, ${Object.values(s.resources)
      .reduce((a, b) => a + b, 0)
      .toLocaleString('en')} resources in ${seconds(s.ms.total)} (${s.resourcesPerSecond.toLocaleString('en')}/s)`,
    ...Object.entries(s.tableRows).map(
      ([table, rows]) =>
        `  ${table}: ${rows.toLocaleString('en')} rows${s.tablesKept.includes(table as never) ? ' (kept: not in this export)' : ` (${(s.rowsLoaded[table as keyof LoadSummary['rowsLoaded']] ?? 0).toLocaleString('en')} loaded)`}`,
    ),
  ];
  if (s.unviewedTypes.length > 0) lines.push(`  not loaded (no view reads them): ${s.unviewedTypes.join(', ')}`);
  if (s.badLines > 0) {
    lines.push(`  ${s.badLines} line(s) could not be loaded (all in the table warehouse_load_problems):`);
    for (const bad of s.bad) lines.push(`    ${bad.file}:${bad.line}: ${bad.reason}`);
    if (s.badLines > s.bad.length) lines.push(`    … and ${s.badLines - s.bad.length} more`);
  }
  return `${lines.join('\n')}\n`;
}

export async function populationLoad(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: { stderr: Output },
): Promise<PopulationLoadResult> {
  let values: { from?: string; db?: string; mode?: string; workers?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        db: { type: 'string' },
        mode: { type: 'string' },
        workers: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) return { code: 0, stdout: USAGE, stderr: '' };
  if (!values.from) return usageError('--from <dir> is required: the export directory to load');
  const mode = values.mode ?? 'auto';
  if (!['auto', 'replace', 'upsert'].includes(mode)) {
    return usageError(`--mode: "${mode}" is not one of auto, replace, upsert`);
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= 64)) {
    return usageError(`--workers: "${values.workers}" is not a number of threads (0 to 64)`);
  }
  let db: string;
  try {
    db = values.db ?? defaultWarehouseFile(env, DEMO_DATA_DIR);
  } catch (error) {
    if (error instanceof ConfigFileError) return { code: 2, stdout: '', stderr: `${error.message}\n` };
    throw error;
  }
  const onProgress = progressReporter(io.stderr);
  try {
    const summary = await loadExport({
      from: values.from,
      db,
      mode: mode as LoadMode,
      ...(workers !== undefined ? { workers } : {}),
      onProgress,
    });
    if (io.stderr.isTTY) io.stderr.write('\n');
    return {
      code: 0,
      stdout: values.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummary(summary),
      stderr: '',
    };
  } catch (error) {
    if (io.stderr.isTTY) io.stderr.write('\n');
    if (error instanceof ExportDirectoryError || error instanceof WarehouseError || error instanceof TableSchemaError) {
      return { code: 3, stdout: '', stderr: `immunosteward population load: ${error.message}\n` };
    }
    throw error;
  }
}
