import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchesSearchRequest } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { ExportLevel, ExportRequest } from './bulk-request.js';

/**
 * The demo's asynchronous Bulk Data export: a kick-off starts a job that streams the chosen
 * patients' records (the demo scenarios, the synthetic population — generated as it goes, never
 * held whole) into NDJSON files of a temporary directory, one file per type and per
 * `resourcesPerFile` resources, waiting on each file's buffer so memory stays bounded; the status
 * URL reports progress, then the manifest.
 */

/** Options of the demo's Bulk server, in code only (tests use them; no site configuration). */
export interface BulkServerOptions {
  /** Seconds a client is told to wait between status polls. */
  retryAfterSeconds: number;
  /** A job reports "in progress" at least this long after its kick-off. */
  jobDelayMs: number;
  tokenLifetimeSeconds: number;
  /** Synthetic patients in Group `demo-population`. */
  patients: number;
  /** Resources per NDJSON file before the next `{Type}-{n+1}.ndjson`. */
  resourcesPerFile: number;
  faults?: {
    /** The manifest lists an OperationOutcome error file. */
    errorFile?: boolean;
    /** The first whole download of this file (`Observation-1.ndjson`) is cut mid-line: 200 with half its bytes. */
    truncate?: string;
    /** Every file download answers 307 to the same path on this origin. */
    redirectTo?: string;
  };
}

export const DEFAULT_BULK_OPTIONS: BulkServerOptions = {
  retryAfterSeconds: 2,
  jobDelayMs: 0,
  tokenLifetimeSeconds: 300,
  patients: 2000,
  resourcesPerFile: 50_000,
};

/** Where the records come from: every patient's record for a level (and Group). */
export interface ExportSource {
  /** Patients' records, each an array with its Patient first; undefined for an unknown Group. */
  records(level: ExportLevel, groupId?: string): { count: number; records: Iterable<Resource[]> } | undefined;
  /** Resources outside any patient's compartment (system level only), such as the demo clinician. */
  shared: Resource[];
}

export interface ManifestFile {
  type: string;
  url: string;
  count?: number;
}

export interface Manifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: ManifestFile[];
  error: ManifestFile[];
}

interface OutputFile {
  type: string;
  name: string;
  count: number;
}

export class ExportJob {
  readonly id = randomUUID();
  readonly dir = mkdtempSync(join(tmpdir(), 'immunosteward-bulk-'));
  readonly transactionTime = new Date();
  state: 'running' | 'done' | 'failed' | 'cancelled' = 'running';
  patientsDone = 0;
  resources = 0;
  readonly files: OutputFile[] = [];
  readonly errors: OutputFile[] = [];
  /** Files whose first download has been cut (the `truncate` fault strikes once). */
  readonly truncated = new Set<string>();

  constructor(
    readonly clientId: string,
    readonly requestUrl: string,
    readonly patientsTotal: number,
    private readonly readyAtMs: number,
  ) {}

  get finished(): boolean {
    return this.state !== 'running' && Date.now() >= this.readyAtMs;
  }

  /** `X-Progress` while running. */
  progress(): string {
    const share = this.patientsTotal > 0 ? Math.floor((100 * this.patientsDone) / this.patientsTotal) : 100;
    return `${share}% (${this.patientsDone} of ${this.patientsTotal} patients, ${this.resources} resources)`;
  }

  manifest(fileUrl: (name: string) => string): Manifest {
    const entry = (f: OutputFile) => ({ type: f.type, url: fileUrl(f.name), count: f.count });
    return {
      transactionTime: this.transactionTime.toISOString(),
      request: this.requestUrl,
      requiresAccessToken: true,
      output: this.files.map(entry),
      error: this.errors.map(entry),
    };
  }

  /** The job's file by its name, if it has one of that name. */
  file(name: string): OutputFile | undefined {
    return [...this.files, ...this.errors].find((f) => f.name === name);
  }

  /** The running export, once started (it removes the files itself when cancelled mid-way). */
  run: Promise<void> = Promise.resolve();

  /**
   * Stops the job and deletes its files: at once when it has finished writing, else when its
   * export sees the cancellation (deleting under a file still being opened would leave it behind).
   */
  cancel(): Promise<void> {
    const writing = this.state === 'running';
    this.state = 'cancelled';
    if (!writing) this.remove();
    return this.run;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The NDJSON writer of one job: `{Type}-{n}.ndjson` files, a new one every `perFile` lines. */
class NdjsonOutput {
  private readonly open = new Map<string, { stream: WriteStream; file: OutputFile }>();

  constructor(
    private readonly job: ExportJob,
    private readonly perFile: number,
  ) {}

  async write(resource: Resource): Promise<void> {
    const type = resource.resourceType;
    let current = this.open.get(type);
    if (!current || current.file.count >= this.perFile) {
      if (current) await end(current.stream);
      const n = this.job.files.filter((f) => f.type === type).length + 1;
      const file = { type, name: `${type}-${n}.ndjson`, count: 0 };
      this.job.files.push(file);
      current = { stream: createWriteStream(join(this.job.dir, file.name)), file };
      this.open.set(type, current);
    }
    current.file.count++;
    this.job.resources++;
    if (!current.stream.write(`${JSON.stringify(resource)}\n`)) await once(current.stream, 'drain');
  }

  async close(): Promise<void> {
    await Promise.all([...this.open.values()].map(({ stream }) => end(stream)));
  }
}

const end = (stream: WriteStream) => new Promise<void>((resolve) => stream.end(resolve));

/** Patients between two turns of the event loop: a job never holds the service's requests up for long. */
const PATIENTS_PER_TURN = 20;

function wanted(resource: Resource, request: ExportRequest, types: readonly string[]): boolean {
  if (!types.includes(resource.resourceType)) return false;
  if (request.sinceMs !== undefined) {
    const updated = resource.meta?.lastUpdated;
    if (updated && Date.parse(updated) <= request.sinceMs) return false;
  }
  const filters = request.typeFilters.get(resource.resourceType);
  return !filters || filters.some((search) => matchesSearchRequest(resource, search));
}

/**
 * Runs one job to its end: every record of the level (only `request.patients` when named), each
 * resource of the `types` that passes `_since` and `_typeFilter`.
 */
export async function runExport(
  job: ExportJob,
  source: ExportSource,
  request: ExportRequest,
  types: readonly string[],
  options: BulkServerOptions,
  records: Iterable<Resource[]>,
): Promise<void> {
  const output = new NdjsonOutput(job, options.resourcesPerFile);
  try {
    if (request.level === 'system') {
      for (const resource of source.shared) if (wanted(resource, request, types)) await output.write(resource);
    }
    for (const record of records) {
      if (job.state === 'cancelled') break;
      const patient = record[0]?.id;
      if (!request.patients || (patient && request.patients.has(patient))) {
        for (const resource of record) if (wanted(resource, request, types)) await output.write(resource);
      }
      job.patientsDone++;
      if (job.patientsDone % PATIENTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await output.close();
    if (job.state === 'running') {
      if (options.faults?.errorFile) writeFaultErrors(job);
      job.state = 'done';
    }
  } catch (error) {
    await output.close().catch(() => undefined);
    if (job.state === 'running') job.state = 'failed';
    throw error;
  } finally {
    if (job.state === 'cancelled') job.remove();
  }
}

/** The `errorFile` fault: an OperationOutcome file in the manifest's `error` list, as a server lists what it could not export. */
function writeFaultErrors(job: ExportJob): void {
  const file = { type: 'OperationOutcome', name: 'OperationOutcome-1.ndjson', count: 1 };
  const issue = {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: 'processing',
        diagnostics: 'demo fault (errorFile): an export error as a server reports one; no resource was left out',
      },
    ],
  };
  writeFileSync(join(job.dir, file.name), `${JSON.stringify(issue)}\n`);
  job.errors.push(file);
}
