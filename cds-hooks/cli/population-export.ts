import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type SiteConfig, siteConfigSchema } from '../../src/core/config/schema.js';
import { ConfigFileError, loadConfigFile } from '../config/file.js';
import { BULK_CLIENT_FILE, BULK_CLIENT_ID } from '../demo/backend-auth.js';
import { POPULATION_GROUP } from '../demo/bulk-source.js';
import { BulkError } from '../population/bulk/errors.js';
import { type ExportProgress, type ExportSummary, runBulkExport } from '../population/bulk/export.js';
import { DEMO_DATA_DIR } from '../serve.js';
import { formatDuration, formatMegabytes, ProgressLine, type ProgressOutput } from './progress-line.js';

/**
 * `immunosteward population export`: a FHIR Bulk Data export into a directory of NDJSON files
 * (the input of `population load`). With `--config` (or IMMUNOSTEWARD_CONFIG) the site's
 * `population.bulk` settings apply; without, the embedded demo's Bulk server on this machine.
 * Exit 0 when exported, 2 for a usage or configuration error, 3 when the server or the transfer
 * failed (a rerun of the same command resumes).
 */

export const POPULATION_EXPORT_USAGE = `Usage: immunosteward population export --out <dir> [options]

Exports the FHIR server's records over Bulk Data (SMART Backend Services) into <dir>:
{Type}-{n}.ndjson files, manifest.json and state.json. A rerun into the same
directory resumes an unfinished export.

Options:
  --out <dir>             Output directory (required).
  --server <url>          FHIR base URL (default: population.bulk.server); must be in
                          fhir.allowedServers.
  --group <id>            Export one Group (Group/<id>/$export).
  --patient-level         Export every patient's compartment (Patient/$export).
  --patient <id>          Only this patient (repeatable; Patient or Group level).
  --type <types>          Resource types, comma-separated (repeatable; _type).
  --since <instant|last>  Only resources changed since then (_since); "last": since the
                          directory's last finished export.
  --type-filter <query>   e.g. "MedicationRequest?status=active" (repeatable; _typeFilter).
  --config <file>         Site configuration (default: IMMUNOSTEWARD_CONFIG; without
                          either, the embedded demo started by npm start).
`;

export interface CliIo {
  stderr: ProgressOutput;
  signal?: AbortSignal;
}

/** Aborted by Ctrl-C: the export stops, keeps what it finished, and a rerun resumes. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}

type Result = { code: number; stdout: string; stderr: string };

class UsageError extends Error {}

/** The embedded demo as a configuration: its FHIR server, its registered client and key. */
function demoConfig(env: NodeJS.ProcessEnv): SiteConfig {
  const keyFile = join(DEMO_DATA_DIR, BULK_CLIENT_FILE);
  if (!existsSync(keyFile))
    throw new UsageError(
      `no configuration and no demo Bulk client key (${keyFile}): start the demo with npm start first, or give --config`,
    );
  const server = `http://localhost:${env.PORT || '8080'}/fhir`;
  return siteConfigSchema.parse({
    fhir: { allowedServers: [server] },
    population: {
      bulk: { server, clientId: BULK_CLIENT_ID, privateKeyFile: keyFile, group: POPULATION_GROUP },
    },
  });
}

const list = (values: string[] | undefined) =>
  values?.flatMap((v) => v.split(',').map((s) => s.trim())).filter((s) => s !== '');

function progressText(progress: ExportProgress, started: number, downloadStarted: number | undefined): string {
  if (progress.stage === 'kickoff') return progress.resumed ? 'resuming the export…' : 'starting the export…';
  if (progress.stage === 'waiting')
    return `the server is preparing the files${progress.serverProgress ? ` (${progress.serverProgress})` : ''}… ${formatDuration((Date.now() - started) / 1000)}`;
  const { filesDone, filesTotal, resources, bytes, expectedResources } = progress;
  const elapsed = (Date.now() - (downloadStarted ?? started)) / 1000;
  const share = expectedResources ? resources / expectedResources : filesTotal ? filesDone / filesTotal : 1;
  const eta = share > 0 && share < 1 ? `, ETA ${formatDuration((elapsed * (1 - share)) / share)}` : '';
  return `files ${filesDone}/${filesTotal}, ${resources.toLocaleString('en')} resources${expectedResources ? ` of ${expectedResources.toLocaleString('en')}` : ''}, ${formatMegabytes(bytes)}${eta}`;
}

function summaryText(summary: ExportSummary): string {
  const types = Object.entries(summary.resourcesByType).sort(([a], [b]) => a.localeCompare(b));
  const total = types.reduce((sum, [, n]) => sum + n, 0);
  const lines = [
    `exported to ${summary.outDir}${summary.resumed ? ' (resumed)' : ''}: ${summary.files} file(s), ${total.toLocaleString('en')} resources, ${formatMegabytes(summary.bytes)} in ${formatDuration(summary.seconds)}`,
    `  transaction time: ${summary.transactionTime} (the next "--since last")`,
    ...types.map(([type, n]) => `  ${type}: ${n.toLocaleString('en')}`),
  ];
  if (summary.deleted > 0) lines.push(`  deleted since: ${summary.deleted.toLocaleString('en')}`);
  if (summary.errors.outcomes === 0) lines.push('  errors reported by the server: none');
  else {
    lines.push(`  errors reported by the server: ${summary.errors.outcomes} OperationOutcome(s) (in errors/)`);
    for (const { issue, count } of summary.errors.issues.slice(0, 10)) lines.push(`    ${count} × ${issue}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function populationExport(args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<Result> {
  let values: ReturnType<typeof parse>['values'];
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      options: {
        out: { type: 'string' },
        server: { type: 'string' },
        group: { type: 'string' },
        'patient-level': { type: 'boolean' },
        patient: { type: 'string', multiple: true },
        type: { type: 'string', multiple: true },
        since: { type: 'string' },
        'type-filter': { type: 'string', multiple: true },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  try {
    values = parse(args).values;
    if (values.help) return { code: 0, stdout: POPULATION_EXPORT_USAGE, stderr: '' };
    if (!values.out) throw new UsageError('population export needs --out <dir>');
    if (values.group && values['patient-level']) throw new UsageError('give --group or --patient-level, not both');
    if (values.server !== undefined && !/^https?:\/\/[^/]/.test(values.server))
      throw new UsageError(`--server: "${values.server}" is not an http(s) URL`);
  } catch (error) {
    return usage(error);
  }
  const line = new ProgressLine(io.stderr);
  const started = Date.now();
  let downloadStarted: number | undefined;
  let shown: string | undefined;
  try {
    const file = values.config ?? (env.IMMUNOSTEWARD_CONFIG || undefined);
    const config = file ? loadConfigFile(file) : demoConfig(env);
    const types = list(values.type);
    const typeFilters = values['type-filter'];
    const summary = await runBulkExport(config, {
      outDir: values.out,
      ...(values.server ? { server: values.server } : {}),
      ...(values.group ? { level: 'group' as const, group: values.group } : {}),
      ...(values['patient-level'] ? { level: 'patient' as const } : {}),
      ...(values.patient ? { patients: values.patient } : {}),
      ...(types ? { types } : {}),
      ...(values.since ? { since: values.since } : {}),
      ...(typeFilters ? { typeFilters } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress: (progress) => {
        if (progress.stage === 'downloading' && downloadStarted === undefined) downloadStarted = Date.now();
        // A new stage, or news from the server while it works, is always shown.
        const news = progress.stage === 'waiting' ? `waiting ${progress.serverProgress ?? ''}` : progress.stage;
        line.update(progressText(progress, started, downloadStarted), news !== shown);
        shown = news;
      },
    });
    line.done();
    return { code: 0, stdout: summaryText(summary), stderr: '' };
  } catch (error) {
    line.done();
    if (error instanceof ConfigFileError) return { code: 2, stdout: '', stderr: `${error.message}\n` };
    if (error instanceof UsageError) return usage(error);
    if (error instanceof BulkError) {
      if (error.kind === 'config') return { code: 2, stdout: '', stderr: `immunosteward: ${error.message}\n` };
      return {
        code: 3,
        stdout: '',
        stderr: `immunosteward: the export failed: ${error.message}\nRerun the same command to resume; finished files are kept.\n`,
      };
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code))
      return {
        code: 3,
        stdout: '',
        stderr: `immunosteward: cannot write the export (${code}): ${(error as Error).message}\n`,
      };
    throw error;
  }
}

function usage(error: unknown): Result {
  return {
    code: 2,
    stdout: '',
    stderr: `immunosteward: ${(error as Error).message}\nRun "immunosteward population export --help" for usage.\n`,
  };
}
