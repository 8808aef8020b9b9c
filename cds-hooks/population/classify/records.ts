import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  type WriteStream,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { fnv1a, inShard, type Shard } from './shard.js';

/**
 * The patients of an NDJSON directory (a Bulk export's output: `{Type}.ndjson`, `{Type}-{n}.ndjson`,
 * gzipped or not), each with all of their resources, one patient at a time, in bounded memory: the
 * lines are spread over partition files on disk by a hash of the patient id (each partition about
 * `partitionBytes`), then each partition is grouped in memory (Grace hash partitioning). A shard
 * keeps only its patients' lines from the first read on.
 *
 * Measured on 2,000 synthetic patients (188,590 lines): DuckDB's `read_ndjson_objects … ORDER BY`
 * sorts in about a second but hands the rows to JavaScript at some 16,000 a second, while reading
 * the lines here goes at several hundred thousand a second; docs/benchmarks.md has the figures.
 */

/** The resource types a patient's classification reads. */
export const PATIENT_TYPES = ['Patient', 'Encounter', 'Condition', 'MedicationRequest', 'Observation', 'Immunization'];

const FILE = /^([A-Z][A-Za-z]+)(-\d+)?\.ndjson(\.gz)?$/;

export class NdjsonDirectoryError extends Error {}

export function ndjsonFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NdjsonDirectoryError(
      code === 'ENOENT' ? `${dir} does not exist` : `${dir} cannot be read (${code ?? 'error'})`,
    );
  }
  const files = names
    .filter((n) => PATIENT_TYPES.includes(FILE.exec(n)?.[1] ?? ''))
    .sort()
    .map((n) => join(dir, n));
  if (files.length === 0) {
    throw new NdjsonDirectoryError(
      `${dir} holds no NDJSON file of ${PATIENT_TYPES.join(', ')} (named {Type}.ndjson or {Type}-{n}.ndjson)`,
    );
  }
  return files;
}

export interface PatientRecord {
  patientId: string;
  /** The resources as JSON text, one per line of the files. */
  resources: string[];
}

export interface ReadStats {
  lines: number;
  /** Lines that are not JSON or name no patient (skipped; counted, never logged: they may hold patient data). */
  skipped: number;
}

/** The common case without parsing the line: `"subject"` or `"patient"` as the first key's reference. */
const REFERENCE = /"(?:subject|patient)"\s*:\s*\{\s*"reference"\s*:\s*"(?:[^"]*\/)?Patient\/([^"/]+)"/;

/** The patient a resource line belongs to: a Patient's id, else its subject's or patient's reference. */
export function linePatientId(line: string): string | undefined {
  const id = patientIdIn(line);
  // An id is one field of the partition files: no control characters, and of a sane length.
  return id !== undefined && id.length <= 200 && ![...id].some((c) => c < ' ') ? id : undefined;
}

function patientIdIn(line: string): string | undefined {
  const quick = REFERENCE.exec(line)?.[1];
  if (quick) return quick;
  let resource: {
    resourceType?: unknown;
    id?: unknown;
    subject?: { reference?: unknown };
    patient?: { reference?: unknown };
  };
  try {
    resource = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (resource?.resourceType === 'Patient')
    return typeof resource.id === 'string' && resource.id ? resource.id : undefined;
  const ref = resource?.subject?.reference ?? resource?.patient?.reference;
  const id = typeof ref === 'string' ? /(?:^|\/)Patient\/([^/]+)$/.exec(ref)?.[1] : undefined;
  return id || undefined;
}

async function* lines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const reader = createInterface({
    input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of reader) if (line.trim() !== '') yield line;
}

/** A partition's lines grouped by patient, in patient-id order. */
function grouped(entries: Iterable<[string, string]>): PatientRecord[] {
  const byPatient = new Map<string, string[]>();
  for (const [id, line] of entries) {
    const list = byPatient.get(id);
    if (list) list.push(line);
    else byPatient.set(id, [line]);
  }
  return [...byPatient.keys()]
    .sort()
    .map((patientId) => ({ patientId, resources: byPatient.get(patientId) as string[] }));
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

export interface RecordOptions {
  shard?: Shard;
  /** About this many bytes of NDJSON per partition held in memory at once. */
  partitionBytes?: number;
  stats?: ReadStats;
}

/** Every patient in the files (optionally one shard of them). */
export async function* patientRecords(
  files: readonly string[],
  options: RecordOptions = {},
): AsyncGenerator<PatientRecord> {
  const stats = options.stats ?? { lines: 0, skipped: 0 };
  // A gzipped file is counted at eight times its size (NDJSON of FHIR compresses about so).
  const bytes = files.reduce((sum, f) => sum + statSync(f).size * (f.endsWith('.gz') ? 8 : 1), 0);
  const partitions = Math.max(1, Math.ceil(bytes / (options.partitionBytes ?? 256 * 2 ** 20)));
  const keep = async function* () {
    for (const file of files) {
      for await (const line of lines(file)) {
        stats.lines += 1;
        const id = linePatientId(line);
        if (id === undefined) stats.skipped += 1;
        else if (inShard(id, options.shard)) yield [id, line] as [string, string];
      }
    }
  };
  if (partitions === 1) {
    const entries: [string, string][] = [];
    for await (const entry of keep()) entries.push(entry);
    yield* grouped(entries);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'immunosteward-partitions-'));
  try {
    const paths = Array.from({ length: partitions }, (_, i) => join(dir, `${i}.tsv`));
    const streams = paths.map((p) => createWriteStream(p));
    // Another bit range of the hash than the shards' (mod N), so one shard still spreads over every partition.
    for await (const [id, line] of keep())
      await write(streams[(fnv1a(id) >>> 8) % partitions] as WriteStream, `${id}\t${line}\n`);
    await Promise.all(streams.map((s) => new Promise((resolve) => s.end(resolve))));
    for (const path of paths) {
      const entries: [string, string][] = [];
      for await (const row of lines(path)) {
        const tab = row.indexOf('\t');
        entries.push([row.slice(0, tab), row.slice(tab + 1)]);
      }
      yield* grouped(entries);
      rmSync(path);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
