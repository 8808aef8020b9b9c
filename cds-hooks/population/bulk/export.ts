import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteConfig } from '../../../src/core/config/schema.js';
import { BackendAuth, loadSigningKey } from './backend-auth.js';
import { downloadFile } from './download.js';
import { configError, serverError } from './errors.js';
import { createGuard } from './guard.js';
import { cancelJob, type ExportRequest, kickOff, pollStatus } from './kickoff.js';
import type { Manifest } from './manifest.js';
import { type OutcomeSummary, summariseOutcomes } from './outcomes.js';
import { type FileState, nextName, type RunState, readState, sameRequest, writeState } from './state.js';

/**
 * One Bulk Data export into a directory, start to finish: token, kick-off (or the unfinished
 * run's job), polling, downloads (a few at a time), the manifest's error files summarised, and
 * `manifest.json` and `state.json` written. Resumes an unfinished run of the same request.
 */

export interface ExportOptions {
  outDir: string;
  /** FHIR base URL; default `population.bulk.server`. */
  server?: string;
  level?: 'system' | 'patient' | 'group';
  group?: string;
  types?: readonly string[];
  /** An instant, or `last`: the `transactionTime` of the directory's last finished run. */
  since?: string;
  typeFilters?: readonly string[];
  patients?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

export type ExportProgress =
  | { stage: 'kickoff'; resumed: boolean }
  | { stage: 'waiting'; serverProgress?: string }
  | {
      stage: 'downloading';
      filesDone: number;
      filesTotal: number;
      resources: number;
      bytes: number;
      /** From the manifest's `count`s, when the server gives them all. */
      expectedResources?: number;
    };

export interface ExportSummary {
  outDir: string;
  transactionTime: string;
  files: number;
  resourcesByType: Record<string, number>;
  bytes: number;
  deleted: number;
  errors: OutcomeSummary;
  resumed: boolean;
  seconds: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function requestOf(config: SiteConfig, options: ExportOptions, since: string | undefined): ExportRequest {
  const bulk = config.population.bulk;
  const group = options.group ?? (options.level === undefined ? bulk.group : undefined);
  const level = options.level ?? (group ? 'group' : 'system');
  if (level === 'group' && !group) throw configError('--group: a Group export needs the group id');
  return {
    level,
    ...(level === 'group' ? { group } : {}),
    types: [...(options.types ?? bulk.types)],
    ...(since ? { since } : {}),
    typeFilters: [...(options.typeFilters ?? bulk.typeFilters)],
    patients: [...(options.patients ?? [])],
  };
}

function sinceOf(value: string | undefined, runs: readonly RunState[]): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'last') {
    const last = runs.filter((r) => r.complete && r.transactionTime).at(-1);
    if (!last?.transactionTime)
      throw configError('--since last: the output directory holds no finished export to continue from');
    return last.transactionTime;
  }
  if (!INSTANT.test(value) || Number.isNaN(Date.parse(value)))
    throw configError(`--since: "${value}" is not an instant (e.g. 2026-01-31T00:00:00Z) or "last"`);
  return value;
}

/** The manifest's files, each with its name in the output directory. */
function filesOf(manifest: Manifest, state: { runs: RunState[] }): FileState[] {
  const files: FileState[] = [];
  const add = (kind: FileState['kind'], entries: Manifest['output']) => {
    for (const entry of entries)
      files.push({
        kind,
        type: entry.type,
        url: entry.url,
        ...(entry.count !== undefined ? { count: entry.count } : {}),
        name: nextName({ version: 1, runs: state.runs }, files, kind, entry.type),
      });
  };
  add('output', manifest.output);
  add('error', manifest.error);
  add('deleted', manifest.deleted ?? []);
  return files;
}

export async function runBulkExport(config: SiteConfig, options: ExportOptions): Promise<ExportSummary> {
  const started = Date.now();
  const bulk = config.population.bulk;
  const server = options.server ?? bulk.server;
  if (!server) throw configError('population.bulk.server: not set (or give --server)');
  if (!bulk.clientId) throw configError('population.bulk.clientId: not set (the client id the server registered)');
  if (!bulk.privateKeyFile) throw configError("population.bulk.privateKeyFile: not set (the site's signing key)");
  const guard = createGuard(config, server, options.signal ? { signal: options.signal } : {});
  const signing = loadSigningKey(bulk.privateKeyFile, {
    ...(bulk.algorithm ? { algorithm: bulk.algorithm } : {}),
    ...(bulk.keyId ? { keyId: bulk.keyId } : {}),
  });
  const auth = new BackendAuth(guard, bulk.clientId, signing, bulk.scope);

  const state = await readState(options.outDir);
  const request = requestOf(config, options, sinceOf(options.since, state.runs));
  const unfinished = state.runs.at(-1)?.complete === false ? state.runs.at(-1) : undefined;
  if (unfinished && !sameRequest(unfinished, guard.base, request))
    throw configError(
      '--out: the directory holds an unfinished export of another server or request; rerun that one or use another directory',
    );
  const resumed = unfinished !== undefined;
  const run: RunState = unfinished ?? {
    server: guard.base,
    request,
    startedAt: new Date(started).toISOString(),
    files: [],
    complete: false,
  };
  if (!unfinished) state.runs.push(run);
  // One write at a time: the downloads finish concurrently.
  let writing = Promise.resolve();
  const save = () => {
    writing = writing.then(() => writeState(options.outDir, state));
    return writing;
  };

  // The job: kicked off, or the unfinished run's while the server still has it.
  if (run.transactionTime === undefined) {
    let manifest: Manifest | undefined;
    while (!manifest) {
      if (!run.statusUrl) {
        options.onProgress?.({ stage: 'kickoff', resumed });
        const status = await kickOff(guard, auth, request, {
          method: bulk.kickoff,
          transientRetries: bulk.transientRetries,
        });
        run.statusUrl = status.href;
        await save();
      }
      const status = guard.url(run.statusUrl, 'the export status URL');
      options.onProgress?.({ stage: 'waiting' });
      let result: Awaited<ReturnType<typeof pollStatus>>;
      try {
        result = await pollStatus(guard, auth, status, {
          maxPollSeconds: bulk.maxPollSeconds,
          transientRetries: bulk.transientRetries,
          onProgress: (serverProgress) =>
            options.onProgress?.({ stage: 'waiting', ...(serverProgress ? { serverProgress } : {}) }),
        });
      } catch (error) {
        // Past the deadline the server is asked to stop; a cancelled run keeps its job to resume.
        if ((guard.signal.reason as { name?: string } | undefined)?.name === 'TimeoutError')
          await cancelJob(createGuard(config, server), auth, status);
        throw error;
      }
      if ('gone' in result) {
        if (!resumed) throw serverError('export status: the server lost the job (HTTP 404/410)');
        delete run.statusUrl; // the server forgot the unfinished job: start it again
        continue;
      }
      manifest = result.manifest;
    }
    run.transactionTime = manifest.transactionTime;
    run.requiresAccessToken = manifest.requiresAccessToken;
    run.files = filesOf(manifest, state);
    await writeFile(join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await save();
  }

  const outputs = run.files.filter((f) => f.kind === 'output');
  const expected = outputs.every((f) => f.count !== undefined)
    ? outputs.reduce((sum, f) => sum + (f.count ?? 0), 0)
    : undefined;
  let bytes = run.files.reduce((sum, f) => sum + (f.done?.bytes ?? 0), 0);
  let resources = outputs.reduce((sum, f) => sum + (f.done?.resources ?? 0), 0);
  let lastReport = 0;
  const progress = () =>
    options.onProgress?.({
      stage: 'downloading',
      filesDone: run.files.filter((f) => f.done).length,
      filesTotal: run.files.length,
      resources,
      bytes,
      ...(expected !== undefined ? { expectedResources: expected } : {}),
    });
  const context = {
    guard,
    ...(run.requiresAccessToken ? { auth } : {}),
    outDir: options.outDir,
    maxFileBytes: bulk.maxFileBytes,
    maxLineBytes: bulk.maxResourceBytes,
    transientRetries: bulk.transientRetries,
    onBytes: (n: number) => {
      bytes += n;
      if (bytes > bulk.maxTotalBytes)
        throw serverError(`the export is larger than population.bulk.maxTotalBytes (${bulk.maxTotalBytes} bytes)`);
      progress();
    },
    onResources: (change: number) => {
      resources += change;
      // A progress event per resource would cost more than the check; every 1,000 is plenty.
      if (Math.abs(resources - lastReport) >= 1000) {
        lastReport = resources;
        progress();
      }
    },
  };
  const queue = run.files.filter((f) => !f.done);
  progress();
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      // Only resource files count as resources; error files hold OperationOutcomes.
      const counted = file.kind === 'output' ? context : { ...context, onResources: () => undefined };
      const got = await downloadFile(counted, file, file.name);
      file.done = { bytes: got.bytes, resources: got.resources };
      await save();
      progress();
    }
  };
  await Promise.all(Array.from({ length: Math.min(bulk.concurrency, queue.length) }, worker));

  run.complete = true;
  await save();
  const resourcesByType: Record<string, number> = {};
  for (const file of outputs)
    resourcesByType[file.type] = (resourcesByType[file.type] ?? 0) + (file.done?.resources ?? 0);
  const errorFiles = run.files.filter((f) => f.kind === 'error').map((f) => join(options.outDir, f.name));
  return {
    outDir: options.outDir,
    transactionTime: run.transactionTime as string,
    files: outputs.length,
    resourcesByType,
    bytes: run.files.reduce((sum, f) => sum + (f.done?.bytes ?? 0), 0),
    deleted: run.files.filter((f) => f.kind === 'deleted').reduce((sum, f) => sum + (f.done?.resources ?? 0), 0),
    errors: await summariseOutcomes(errorFiles),
    resumed,
    seconds: (Date.now() - started) / 1000,
  };
}
