import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configError } from './errors.js';
import type { ExportRequest } from './kickoff.js';

/**
 * `state.json` in the output directory: the runs of the export into that directory, so that a
 * rerun resumes an unfinished one (the same job while the server keeps it, finished files
 * skipped) and an incremental run (`--since last`) starts at the last run's `transactionTime`.
 */

export type FileKind = 'output' | 'error' | 'deleted';

export interface FileState {
  kind: FileKind;
  type: string;
  url: string;
  /** Resources the manifest announces, when it does. */
  count?: number;
  /** Path in the output directory: `{Type}-{n}.ndjson`, `errors/…`, `deleted/…`. */
  name: string;
  done?: { bytes: number; resources: number };
}

export interface RunState {
  server: string;
  request: ExportRequest;
  startedAt: string;
  statusUrl?: string;
  transactionTime?: string;
  requiresAccessToken?: boolean;
  files: FileState[];
  complete: boolean;
}

export interface ExportState {
  version: 1;
  runs: RunState[];
}

export const STATE_FILE = 'state.json';

export async function readState(outDir: string): Promise<ExportState> {
  let text: string;
  try {
    text = await readFile(join(outDir, STATE_FILE), 'utf8');
  } catch {
    return { version: 1, runs: [] };
  }
  try {
    const state = JSON.parse(text) as ExportState;
    if (state.version === 1 && Array.isArray(state.runs)) return state;
  } catch {}
  throw configError(
    `--out: ${join(outDir, STATE_FILE)} is not an export state this version wrote; use another directory`,
  );
}

/** Written whole to a temporary file and renamed: a crash leaves the previous state. */
export async function writeState(outDir: string, state: ExportState): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, STATE_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

const FOLDERS: Record<FileKind, string> = { output: '', error: 'errors/', deleted: 'deleted/' };

/** The next free `{Type}-{n}.ndjson` of a kind, numbering on across the directory's runs. */
export function nextName(state: ExportState, pending: readonly FileState[], kind: FileKind, type: string): string {
  const prefix = `${FOLDERS[kind]}${type}-`;
  const taken = [...state.runs.flatMap((r) => r.files), ...pending]
    .map((f) => f.name)
    .filter((n) => n.startsWith(prefix))
    .map((n) => Number(n.slice(prefix.length).replace(/\.ndjson$/, '')));
  return `${prefix}${Math.max(0, ...taken) + 1}.ndjson`;
}

export function sameRequest(run: RunState, server: string, request: ExportRequest): boolean {
  return run.server === server && JSON.stringify(run.request) === JSON.stringify(request);
}
