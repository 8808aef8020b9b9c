import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An NDJSON export directory (a Bulk Data client's output, ours or any other): one or more files
 * per resource type, `{Type}.ndjson` or `{Type}-{n}.ndjson` (gzip as `.ndjson.gz`), and, from a
 * Bulk client, the server's `manifest.json`. Its `request` tells a full export from an
 * incremental one (`_since`) and which types it holds (`_type`).
 */

export interface ExportFile {
  path: string;
  name: string;
  resourceType: string;
  bytes: number;
  gzip: boolean;
}

export interface ExportDirectory {
  dir: string;
  files: ExportFile[];
  /** The manifest's `transactionTime`, when there is a manifest. */
  transactionTime?: string;
  /** `_since` of the kick-off request: an incremental export. */
  since?: string;
  /** `_type` of the kick-off request: the only types the export holds. */
  types?: string[];
}

export class ExportDirectoryError extends Error {}

const FILE_NAME = /^([A-Z][A-Za-z]+)(?:-\d+)?\.ndjson(\.gz)?$/;

interface Manifest {
  transactionTime?: unknown;
  request?: unknown;
}

function readManifest(dir: string): Pick<ExportDirectory, 'transactionTime' | 'since' | 'types'> {
  let text: string;
  try {
    text = readFileSync(join(dir, 'manifest.json'), 'utf8');
  } catch {
    return {};
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    throw new ExportDirectoryError(`${join(dir, 'manifest.json')} is not JSON`);
  }
  const out: Pick<ExportDirectory, 'transactionTime' | 'since' | 'types'> = {};
  if (typeof manifest.transactionTime === 'string') out.transactionTime = manifest.transactionTime;
  if (typeof manifest.request === 'string') {
    let params: URLSearchParams;
    try {
      params = new URL(manifest.request).searchParams;
    } catch {
      throw new ExportDirectoryError(`${join(dir, 'manifest.json')}: request "${manifest.request}" is not a URL`);
    }
    const since = params.get('_since');
    if (since) out.since = since;
    const types = params.getAll('_type').flatMap((t) => t.split(',').map((s) => s.trim()));
    if (types.length > 0) out.types = types.filter(Boolean);
  }
  return out;
}

export function readExportDirectory(dir: string): ExportDirectory {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new ExportDirectoryError(`${dir} is not a directory`);
    names = readdirSync(dir);
  } catch (error) {
    if (error instanceof ExportDirectoryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ExportDirectoryError(
      code === 'ENOENT' ? `${dir} does not exist` : `${dir} cannot be read (${code ?? (error as Error).message})`,
    );
  }
  const files = names
    .flatMap((name) => {
      const match = FILE_NAME.exec(name);
      if (!match?.[1]) return [];
      const path = join(dir, name);
      return [{ path, name, resourceType: match[1], bytes: statSync(path).size, gzip: match[2] !== undefined }];
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  if (files.length === 0) {
    throw new ExportDirectoryError(`${dir} holds no NDJSON export ({Type}.ndjson or {Type}-{n}.ndjson files)`);
  }
  return { dir, files, ...readManifest(dir) };
}
