import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inShard, type Shard } from './shard.js';

/**
 * The patients of an NDJSON directory (a Bulk export's output: `{Type}.ndjson`, `{Type}-{n}.ndjson`,
 * gzipped or not), each with all of their resources, one patient at a time. DuckDB reads the
 * files and sorts the lines by patient, spilling to disk beyond its memory limit, so a patient's
 * record is gathered without holding the population in memory.
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

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Every patient in the files (optionally one shard of them), in patient-id order. */
export async function* patientRecords(
  connection: DuckDBConnection,
  files: readonly string[],
  shard?: Shard,
): AsyncGenerator<PatientRecord> {
  const sql = `
    WITH lines AS (SELECT json FROM read_ndjson_objects([${files.map(quote).join(', ')}]))
    SELECT coalesce(
             CASE WHEN json->>'resourceType' = 'Patient' THEN json->>'id' END,
             regexp_extract(coalesce(json->'subject'->>'reference', json->'patient'->>'reference'), '(^|/)Patient/([^/]+)$', 2)
           ) AS patient_id,
           json::VARCHAR AS resource
    FROM lines
    WHERE patient_id IS NOT NULL AND patient_id <> ''
    ORDER BY patient_id`;
  const result = await connection.stream(sql);
  let current: PatientRecord | undefined;
  for await (const rows of result.yieldRows()) {
    for (const [id, resource] of rows) {
      const patientId = String(id);
      if (current?.patientId !== patientId) {
        if (current && inShard(current.patientId, shard)) yield current;
        current = { patientId, resources: [] };
      }
      current.resources.push(String(resource));
    }
  }
  if (current && inShard(current.patientId, shard)) yield current;
}
