import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../../../cds-hooks/cli/commands.js';
import { loadExport } from '../../../cds-hooks/population/warehouse/load.js';

/**
 * The loader into a real DuckDB file, on an NDJSON export of the demo patients (one file per
 * type, Observations split in two and one type gzip-compressed, as Bulk servers write them).
 */

const DEMO = join(process.cwd(), 'test/fixtures/demo');
const CLI = join(process.cwd(), 'dist/cds-hooks/cli/main.js');

type Resource = { resourceType: string; id: string } & Record<string, unknown>;

function demoResources(): Resource[] {
  return readdirSync(DEMO)
    .filter((f) => f.endsWith('.json') && !f.includes('.order.') && f !== 'neutral-orders.json')
    .sort()
    .flatMap((f) => (JSON.parse(readFileSync(join(DEMO, f), 'utf8')) as { entry: { resource: Resource }[] }).entry)
    .map((e) => e.resource);
}

const resources = demoResources();
const ofType = (type: string) => resources.filter((r) => r.resourceType === type);
const ndjson = (list: unknown[]) => `${list.map((r) => JSON.stringify(r)).join('\n')}\n`;

function writeExport(dir: string, list: Resource[], manifest?: object): string {
  mkdirSync(dir, { recursive: true });
  const types = [...new Set(list.map((r) => r.resourceType))];
  for (const type of types) {
    const all = list.filter((r) => r.resourceType === type);
    if (type === 'Observation') {
      const half = Math.ceil(all.length / 2);
      writeFileSync(join(dir, 'Observation-1.ndjson'), ndjson(all.slice(0, half)));
      writeFileSync(join(dir, 'Observation-2.ndjson'), ndjson(all.slice(half)));
    } else if (type === 'Encounter') {
      writeFileSync(join(dir, 'Encounter.ndjson.gz'), gzipSync(ndjson(all)));
    } else {
      writeFileSync(join(dir, `${type}.ndjson`), ndjson(all));
    }
  }
  if (manifest) writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

async function query(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const counts = (db: string) =>
  query(
    db,
    `SELECT (SELECT count(*) FROM course_orders) AS course_orders, (SELECT count(*) FROM results) AS results,
            (SELECT count(*) FROM encounters) AS encounters, (SELECT count(*) FROM conditions) AS conditions,
            (SELECT count(*) FROM immunizations) AS immunizations, (SELECT count(*) FROM patients) AS patients`,
  ).then((rows) => Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)])));

const codings = ofType('Condition').reduce(
  (n, c) => n + Math.max(1, ((c.code as { coding?: unknown[] }).coding ?? []).length),
  0,
);
const EXPECTED = {
  course_orders: ofType('MedicationRequest').length,
  results: ofType('Observation').length,
  encounters: ofType('Encounter').length,
  conditions: codings,
  immunizations: ofType('Immunization').length,
  patients: ofType('Patient').length,
};

let root: string;
let full: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'immunosteward-warehouse-'));
  full = writeExport(join(root, 'full'), resources, {
    transactionTime: '2026-11-01T04:00:00Z',
    request: 'http://127.0.0.1/fhir/Group/demo-population/$export',
    requiresAccessToken: true,
    output: [],
    error: [],
  });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

// Loads of the whole demo export: bounds against hangs on a busy machine, not speed targets.
describe('population load into DuckDB', { timeout: 90_000 }, () => {
  it('loads every resource of the demo export into its table, each Condition once per coding', async () => {
    const db = join(root, 'load.duckdb');
    const summary = await loadExport({ from: full, db, workers: 0 });
    expect(summary.mode).toBe('replace');
    expect(summary.files).toBe(8);
    expect(summary.badLines).toBe(0);
    const types = [...new Set(resources.map((r) => r.resourceType))].sort();
    expect(types).toEqual([
      'Condition',
      'Encounter',
      'Immunization',
      'MedicationRequest',
      'Observation',
      'Patient',
      'Practitioner',
    ]);
    expect(summary.resources).toEqual(Object.fromEntries(types.map((t) => [t, ofType(t).length])));
    expect(summary.unviewedTypes).toEqual(['Practitioner']);
    expect(await counts(db)).toEqual(EXPECTED);
    expect(summary.tableRows).toEqual(EXPECTED);
    const [pegasys] = await query(
      db,
      `SELECT patient_id, start, "end", atc, dose_value, dose_unit FROM course_orders WHERE id = 'hepatitis-peginterferon-peginterferon-wk0-24'`,
    );
    expect(pegasys).toEqual({
      patient_id: 'hepatitis-peginterferon',
      start: '2026-05-11T10:00:00+05:00',
      end: '2026-10-26T10:00:00+05:00',
      atc: 'L03AB11',
      dose_value: 180,
      dose_unit: 'ug',
    });
    // The gzip file was read: the inpatient stay is there.
    expect(await query(db, `SELECT class FROM encounters WHERE id = 'post-covid-enc-2023-12-04'`)).toEqual([
      { class: 'IMP' },
    ]);
    expect(
      await query(db, 'SELECT load_id, mode, transaction_time, resources, bad_lines FROM warehouse_loads'),
    ).toEqual([
      {
        load_id: 1,
        mode: 'replace',
        transaction_time: '2026-11-01T04:00:00Z',
        resources: String(resources.length),
        bad_lines: '0',
      },
    ]);
    const tables = await query(db, `SELECT table_name FROM information_schema.tables ORDER BY table_name`);
    expect(tables.map((t) => t.table_name)).not.toContain('load_staging_results');
  });

  it('reloading the same export replaces the tables (no row twice)', async () => {
    const db = join(root, 'reload.duckdb');
    await loadExport({ from: full, db, workers: 0 });
    const again = await loadExport({ from: full, db, workers: 0 });
    expect(again.rowsLoaded.results).toBe(EXPECTED.results);
    expect(await counts(db)).toEqual(EXPECTED);
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM warehouse_loads')).toEqual([{ n: 2 }]);
  });

  it('an incremental export (_since in the manifest) upserts by resource id and keeps the rest', async () => {
    const db = join(root, 'upsert.duckdb');
    await loadExport({ from: full, db, workers: 0 });
    const igg = ofType('Observation').find((o) => o.id === 'chemo-gcsf-igg-2026-10-30') as Resource;
    const corrected = {
      ...igg,
      valueQuantity: { value: 5.3, unit: 'g/L', system: 'http://unitsofmeasure.org', code: 'g/L' },
    };
    const added = { ...igg, id: 'chemo-gcsf-igg-2026-11-05', effectiveDateTime: '2026-11-05T08:20:00+05:00' };
    const hcv = ofType('Condition').find((c) => c.id === 'hepatitis-peginterferon-chronic-hcv') as Resource;
    // The SNOMED coding removed: the condition's rows are replaced, not merged.
    const recoded = { ...hcv, code: { coding: [(hcv.code as { coding: unknown[] }).coding[0]] } };
    const since = writeExport(join(root, 'since'), [corrected, added, recoded], {
      transactionTime: '2026-11-06T04:00:00Z',
      request: 'http://127.0.0.1/fhir/$export?_type=Observation,Condition&_since=2026-11-01T04:00:00Z',
    });
    const summary = await loadExport({ from: since, db, workers: 0 });
    expect(summary.mode).toBe('upsert');
    expect(await counts(db)).toEqual({
      ...EXPECTED,
      results: EXPECTED.results + 1,
      conditions: EXPECTED.conditions - 1,
    });
    expect(await query(db, `SELECT id, value FROM results WHERE id LIKE 'chemo-gcsf-igg-2026-1%' ORDER BY id`)).toEqual(
      [
        { id: 'chemo-gcsf-igg-2026-10-30', value: 5.3 },
        { id: 'chemo-gcsf-igg-2026-11-05', value: 5.1 },
      ],
    );
    expect(await query(db, `SELECT code FROM conditions WHERE id = 'hepatitis-peginterferon-chronic-hcv'`)).toEqual([
      { code: 'B18.2' },
    ]);
  });

  it('a full export limited by _type replaces only its own tables', async () => {
    const db = join(root, 'typed.duckdb');
    await loadExport({ from: full, db, workers: 0 });
    const only = writeExport(join(root, 'typed'), ofType('Immunization').slice(0, 3), {
      request: 'http://127.0.0.1/fhir/$export?_type=Immunization',
    });
    const summary = await loadExport({ from: only, db, workers: 0 });
    expect(summary.tablesKept).toEqual(['course_orders', 'results', 'encounters', 'conditions', 'patients']);
    expect(await counts(db)).toEqual({ ...EXPECTED, immunizations: 3 });
  });

  it('reports each bad line with its file and line, loads the good ones, and keeps the problems', async () => {
    const dir = join(root, 'bad');
    mkdirSync(dir, { recursive: true });
    const [a, b, c] = ofType('Immunization');
    const truncated = JSON.stringify(b).slice(0, 60);
    writeFileSync(
      join(dir, 'Immunization.ndjson'),
      [
        JSON.stringify(a),
        truncated,
        '',
        '[1,2]',
        JSON.stringify({ resourceType: 'Immunization' }),
        JSON.stringify(c),
      ].join('\n'),
    );
    const db = join(root, 'bad.duckdb');
    const summary = await loadExport({ from: dir, db, workers: 0 });
    expect(summary.badLines).toBe(3);
    expect(summary.bad).toEqual([
      { file: 'Immunization.ndjson', line: 2, reason: 'not JSON (error at character 61)' },
      { file: 'Immunization.ndjson', line: 4, reason: 'not a JSON object' },
      { file: 'Immunization.ndjson', line: 5, reason: 'Immunization without an id' },
    ]);
    expect(summary.tableRows.immunizations).toBe(2);
    expect(await query(db, 'SELECT file, line::INTEGER AS line FROM warehouse_load_problems ORDER BY line')).toEqual([
      { file: 'Immunization.ndjson', line: 2 },
      { file: 'Immunization.ndjson', line: 4 },
      { file: 'Immunization.ndjson', line: 5 },
    ]);
    // What a bad line said is patient data: never in the report.
    expect(JSON.stringify(summary)).not.toContain(truncated.slice(20));
  });

  it('a value that does not fit its column is a bad line naming the column, not a crash', async () => {
    const dir = join(root, 'mistyped');
    mkdirSync(dir, { recursive: true });
    const [mr] = ofType('MedicationRequest');
    const odd = { ...mr, id: 'mr-odd', dosageInstruction: [{ timing: { repeat: { frequency: 1.5 } } }] };
    writeFileSync(join(dir, 'MedicationRequest.ndjson'), ndjson([mr, odd]));
    const summary = await loadExport({ from: dir, db: join(root, 'mistyped.duckdb'), workers: 0 });
    expect(summary.bad).toEqual([
      {
        file: 'MedicationRequest.ndjson',
        line: 2,
        reason:
          'MedicationRequest/mr-odd: view course_orders: frequency: expected an integer, got a fraction or a number beyond 32 bits',
      },
    ]);
    expect(summary.tableRows.course_orders).toBe(1);
  });
});

describe('immunosteward population load', { timeout: 90_000 }, () => {
  it('prints the summary and exits 0', async () => {
    const db = join(root, 'cli.duckdb');
    const result = await runCliAsync(['population', 'load', '--from', full, '--db', db, '--workers', '0'], {});
    expect(result?.code).toBe(0);
    expect(result?.stdout).toContain(`Loaded ${full} into ${db} (full export: tables replaced)`);
    expect(result?.stdout).toContain(`results: ${EXPECTED.results} rows (${EXPECTED.results} loaded)`);
    expect(result?.stdout).toContain('not loaded (no view reads them): Practitioner');
  });

  it('a warehouse table older than its view: an upsert refuses (exit 3), a full load rebuilds it', async () => {
    const db = join(root, 'old-columns.duckdb');
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE course_orders (id VARCHAR, drug VARCHAR)');
    connection.closeSync();
    instance.closeSync();
    const upsert = await runCliAsync(
      ['population', 'load', '--from', full, '--db', db, '--mode', 'upsert', '--workers', '0'],
      {},
    );
    expect(upsert?.code).toBe(3);
    expect(upsert?.stderr).toContain(
      'table course_orders has other columns than its view (id, drug): load a full export first',
    );
    const replace = await runCliAsync(['population', 'load', '--from', full, '--db', db, '--workers', '0'], {});
    expect(replace?.code).toBe(0);
    expect((await counts(db)).course_orders).toBe(EXPECTED.course_orders);
  });

  it('a gzip file cut short: exit 3 naming the file, and nothing of the load committed', async () => {
    const dir = join(root, 'cut-gzip');
    mkdirSync(dir, { recursive: true });
    const gzip = gzipSync(ndjson(ofType('Observation')));
    writeFileSync(join(dir, 'Patient.ndjson'), ndjson(ofType('Patient')));
    writeFileSync(join(dir, 'Observation.ndjson.gz'), gzip.subarray(0, gzip.length / 2));
    const db = join(root, 'cut-gzip.duckdb');
    const result = await runCliAsync(['population', 'load', '--from', dir, '--db', db, '--workers', '0'], {});
    expect(result?.code).toBe(3);
    expect(result?.stderr).toContain(`${join(dir, 'Observation.ndjson.gz')}: cannot be read`);
    expect(await query(db, 'SELECT count(*)::INTEGER AS n FROM patients')).toEqual([{ n: 0 }]);
  });

  it('a missing directory: exit 3 with a sentence', async () => {
    const missing = join(root, 'no-such-export');
    const result = await runCliAsync(['population', 'load', '--from', missing, '--db', join(root, 'x.duckdb')], {});
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr: `immunosteward population load: ${missing} does not exist\n`,
    });
  });

  it('a directory with no NDJSON: exit 3', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty, { recursive: true });
    const result = await runCliAsync(['population', 'load', '--from', empty, '--db', join(root, 'x.duckdb')], {});
    expect(result?.code).toBe(3);
    expect(result?.stderr).toContain('holds no NDJSON export');
  });

  it('usage errors: exit 2', async () => {
    expect((await runCliAsync(['population', 'load'], {}))?.code).toBe(2);
    const mode = await runCliAsync(['population', 'load', '--from', full, '--mode', 'merge'], {});
    expect(mode?.code).toBe(2);
    expect(mode?.stderr).toContain('--mode: "merge" is not one of auto, replace, upsert');
    const workers = await runCliAsync(['population', 'load', '--from', full, '--workers', 'many'], {});
    expect(workers?.stderr).toContain('--workers: "many" is not a number of threads');
  });

  it('an invalid IMMUNOSTEWARD_CONFIG (for the default warehouse): exit 2 naming the key', async () => {
    const config = join(root, 'bad-config.yaml');
    writeFileSync(config, 'feedback:\n  store: 3\n');
    const result = await runCliAsync(['population', 'load', '--from', full], { IMMUNOSTEWARD_CONFIG: config });
    expect(result?.code).toBe(2);
    expect(result?.stderr).toContain('feedback.store');
  });

  it('the built command, in worker threads, loads the same rows as the in-process loader', async () => {
    expect(existsSync(CLI), `${CLI} is missing: run npm run build:node (npm test does)`).toBe(true);
    const inProcess = join(root, 'inprocess.duckdb');
    await loadExport({ from: full, db: inProcess, workers: 0 });
    const threaded = join(root, 'threaded.duckdb');
    const run = spawnSync(
      process.execPath,
      [CLI, 'population', 'load', '--from', full, '--db', threaded, '--workers', '2'],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toContain('files 0/8 (Condition.ndjson)');
    expect(run.stderr).toContain('files 8/8 (Practitioner.ndjson)');
    expect(run.status).toBe(0);
    const fingerprint = (db: string) =>
      query(
        db,
        `SELECT (SELECT bit_xor(hash(r)) FROM results r) AS r, (SELECT bit_xor(hash(c)) FROM course_orders c) AS c,
                (SELECT bit_xor(hash(e)) FROM encounters e) AS e, (SELECT bit_xor(hash(k)) FROM conditions k) AS k`,
      );
    expect(await fingerprint(threaded)).toEqual(await fingerprint(inProcess));
    expect(await counts(threaded)).toEqual(EXPECTED);
  });
});
