import { createReadStream, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type DuckDBAppender, type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { ViewName } from '../views/views.js';
import { type BadLine, type BatchResult, type LineBatch, warehouseTables } from './evaluate-lines.js';
import { type ExportDirectory, type ExportFile, readExportDirectory } from './export-directory.js';
import { createTableSql, quoteIdentifier as q, type TableSchema } from './table-schema.js';
import { inlinePool, type ViewPool, workerPool } from './view-pool.js';

/**
 * `population load`: an NDJSON export directory into the DuckDB warehouse. Files are read line by
 * line (never whole), in batches that the views evaluate in worker threads while this thread
 * appends the rows of finished batches to staging tables; then one transaction replaces the view
 * tables (a full export) or upserts them by resource id (an incremental `_since` export), so a
 * load that fails half-way leaves the warehouse as it was. Every bad line is counted, kept in
 * `warehouse_load_problems` with file and line, and reported.
 */

export type LoadMode = 'auto' | 'replace' | 'upsert';

export interface LoadProgress {
  filesDone: number;
  filesTotal: number;
  file: string;
  resources: number;
  bytesRead: number;
  bytesTotal: number;
  elapsedMs: number;
  /** Remaining time at the pace so far (bytes), once some bytes are read. */
  etaMs: number | undefined;
}

export interface LoadOptions {
  from: string;
  db: string;
  mode?: LoadMode;
  /** Worker threads for the views (0: this thread). Default: one per core. */
  workers?: number;
  /** Lines per batch handed to a worker. */
  batchLines?: number;
  onProgress?: (progress: LoadProgress) => void;
  now?: () => Date;
}

export interface LoadSummary {
  db: string;
  from: string;
  mode: 'replace' | 'upsert';
  transactionTime: string | undefined;
  files: number;
  bytes: number;
  /** Resources read, per resource type. */
  resources: Record<string, number>;
  /** Resource types read that no view reads (counted, not loaded). */
  unviewedTypes: string[];
  /** Rows this load wrote, per table. */
  rowsLoaded: Partial<Record<ViewName, number>>;
  /** Rows in each table after the load. */
  tableRows: Partial<Record<ViewName, number>>;
  /** Tables the load left as they were (a `_type` export without their type). */
  tablesKept: ViewName[];
  badLines: number;
  /** The first bad lines (all are in `warehouse_load_problems`). */
  bad: BadLine[];
  /**
   * Wall time of reading (files read, views run, rows appended: overlapped) and of the commit;
   * thread time of the views (parse and FHIRPath, summed over the workers) and of appending.
   */
  ms: { read: number; commit: number; total: number; views: number; append: number };
  resourcesPerSecond: number;
}

export class WarehouseError extends Error {}

const BAD_LINES_REPORTED = 50;
const STAGING = (table: string) => `load_staging_${table}`;
const PROBLEMS_STAGING = 'load_staging_problems';

const BOOKKEEPING = [
  `CREATE TABLE IF NOT EXISTS warehouse_loads (load_id INTEGER, loaded_at VARCHAR, source VARCHAR, mode VARCHAR, transaction_time VARCHAR, since VARCHAR, resources BIGINT, bad_lines BIGINT)`,
  `CREATE TABLE IF NOT EXISTS warehouse_load_problems (load_id INTEGER, file VARCHAR, line BIGINT, reason VARCHAR)`,
];

async function openWarehouse(db: string): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  try {
    if (db !== ':memory:') mkdirSync(dirname(db), { recursive: true });
    const instance = await DuckDBInstance.create(db);
    return { instance, connection: await instance.connect() };
  } catch (error) {
    throw new WarehouseError(`cannot open the warehouse ${db}: ${(error as Error).message}`);
  }
}

async function existingColumns(connection: DuckDBConnection, table: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $table ORDER BY ordinal_position`,
    { table },
  );
  return reader.getRowObjectsJS().map((r) => String(r.column_name));
}

/** The view table exists with the view's columns; a replace may rebuild one the view has outgrown. */
async function prepareTable(connection: DuckDBConnection, schema: TableSchema, mode: 'replace' | 'upsert') {
  const columns = await existingColumns(connection, schema.table);
  const wanted = schema.columns.map((c) => c.name);
  if (columns.length > 0 && columns.join() !== wanted.join()) {
    if (mode === 'upsert') {
      throw new WarehouseError(
        `table ${schema.table} has other columns than its view (${columns.join(', ')}): load a full export first (--mode replace)`,
      );
    }
    await connection.run(`DROP TABLE ${q(schema.table)}`);
  }
  await connection.run(createTableSql(schema));
  await connection.run(`DROP TABLE IF EXISTS ${q(STAGING(schema.table))}`);
  await connection.run(createTableSql(schema, STAGING(schema.table)));
}

function appendRows(appender: DuckDBAppender, schema: TableSchema, rows: unknown[][]): void {
  for (const row of rows) {
    for (const [i, column] of schema.columns.entries()) {
      const value = row[i];
      if (value === null || value === undefined) appender.appendNull();
      else if (column.sqlType === 'VARCHAR') appender.appendVarchar(value as string);
      else if (column.sqlType === 'DOUBLE') appender.appendDouble(value as number);
      else if (column.sqlType === 'INTEGER') appender.appendInteger(value as number);
      else appender.appendBoolean(value as boolean);
    }
    appender.endRow();
  }
}

/** Batches of a file's lines, read as a stream; `bytes` reports the file bytes read so far. */
async function* lineBatches(file: ExportFile, size: number, bytes: (n: number) => void): AsyncGenerator<LineBatch> {
  const raw = createReadStream(file.path);
  raw.on('data', (chunk) => bytes(chunk.length));
  let input: Readable = raw;
  if (file.gzip) {
    const gunzip = createGunzip();
    raw.pipe(gunzip);
    raw.on('error', (error) => gunzip.destroy(error));
    input = gunzip;
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let batch: string[] = [];
  let firstLine = 1;
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      batch.push(line);
      if (batch.length === size) {
        yield { file: file.name, firstLine, lines: batch };
        batch = [];
        firstLine = lineNumber + 1;
      }
    }
  } catch (error) {
    throw new WarehouseError(`${file.path}: cannot be read (${(error as Error).message})`);
  }
  if (batch.length > 0) yield { file: file.name, firstLine, lines: batch };
}

function modeOf(requested: LoadMode, exported: ExportDirectory): 'replace' | 'upsert' {
  if (requested !== 'auto') return requested;
  return exported.since ? 'upsert' : 'replace';
}

export async function loadExport(options: LoadOptions): Promise<LoadSummary> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const exported = readExportDirectory(options.from);
  const mode = modeOf(options.mode ?? 'auto', exported);
  // The tables come from the definitions; the views compile where they run (the workers).
  const views = warehouseTables();
  const workers = options.workers ?? availableParallelism();
  const batchLines = options.batchLines ?? 1000;
  const { instance, connection } = await openWarehouse(options.db);
  const pool: ViewPool = workers > 0 ? workerPool(workers) : inlinePool();
  const summary: LoadSummary = {
    db: options.db,
    from: options.from,
    mode,
    transactionTime: exported.transactionTime,
    files: exported.files.length,
    bytes: exported.files.reduce((n, f) => n + f.bytes, 0),
    resources: {},
    unviewedTypes: [],
    rowsLoaded: {},
    tableRows: {},
    tablesKept: [],
    badLines: 0,
    bad: [],
    ms: { read: 0, commit: 0, total: 0, views: 0, append: 0 },
    resourcesPerSecond: 0,
  };
  try {
    for (const statement of BOOKKEEPING) await connection.run(statement);
    for (const { schema } of views) await prepareTable(connection, schema, mode);
    await connection.run(`CREATE OR REPLACE TABLE ${PROBLEMS_STAGING} (file VARCHAR, line BIGINT, reason VARCHAR)`);
    const appenders = new Map<ViewName, DuckDBAppender>();
    for (const { name, schema } of views) appenders.set(name, await connection.createAppender(STAGING(schema.table)));
    // Bad lines go to disk as they come (a file of garbage must not fill memory); the first are kept to show.
    const problems = await connection.createAppender(PROBLEMS_STAGING);

    let bytesRead = 0;
    let resources = 0;
    const absorb = (result: BatchResult) => {
      const appendStarted = performance.now();
      summary.ms.views += result.ms;
      for (const { name, schema } of views) {
        const rows = result.rows[name];
        if (!rows || rows.length === 0) continue;
        appendRows(appenders.get(name) as DuckDBAppender, schema, rows);
        summary.rowsLoaded[name] = (summary.rowsLoaded[name] ?? 0) + rows.length;
      }
      for (const [type, n] of Object.entries(result.resources)) {
        summary.resources[type] = (summary.resources[type] ?? 0) + n;
        resources += n;
      }
      for (const bad of result.bad) {
        summary.badLines++;
        if (summary.bad.length < BAD_LINES_REPORTED) summary.bad.push(bad);
        problems.appendVarchar(bad.file);
        problems.appendBigInt(BigInt(bad.line));
        problems.appendVarchar(bad.reason);
        problems.endRow();
      }
      summary.ms.append += performance.now() - appendStarted;
    };
    // Two batches per worker in flight: the workers never wait, memory stays bounded.
    const inFlightMax = Math.max(2, workers * 2);
    for (const [i, file] of exported.files.entries()) {
      const inFlight: Promise<BatchResult>[] = [];
      const report = (fileDone = false) => {
        const elapsedMs = performance.now() - started;
        options.onProgress?.({
          filesDone: fileDone ? i + 1 : i,
          filesTotal: exported.files.length,
          file: file.name,
          resources,
          bytesRead,
          bytesTotal: summary.bytes,
          elapsedMs,
          etaMs: bytesRead > 0 ? (elapsedMs * (summary.bytes - bytesRead)) / bytesRead : undefined,
        });
      };
      report();
      for await (const batch of lineBatches(file, batchLines, (n) => {
        bytesRead += n;
      })) {
        inFlight.push(pool.run(batch));
        if (inFlight.length >= inFlightMax) {
          absorb(await (inFlight.shift() as Promise<BatchResult>));
          report();
        }
      }
      for (const result of await Promise.all(inFlight)) absorb(result);
      report(true);
    }
    for (const appender of appenders.values()) appender.closeSync();
    problems.closeSync();
    summary.ms.read = performance.now() - started;

    const commitStarted = performance.now();
    summary.unviewedTypes = Object.keys(summary.resources)
      .filter((type) => !views.some((v) => v.schema.resource === type))
      .sort();
    await commit(connection, {
      views,
      mode,
      exported,
      badLines: summary.badLines,
      resources,
      loadedAt: now().toISOString(),
      kept: summary.tablesKept,
    });
    summary.ms.commit = performance.now() - commitStarted;
    for (const { name, schema } of views) {
      const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${q(schema.table)}`);
      summary.tableRows[name] = Number(reader.getRowObjectsJS()[0]?.n ?? 0);
    }
    summary.ms.total = performance.now() - started;
    summary.resourcesPerSecond = Math.round(resources / (summary.ms.total / 1000));
    return summary;
  } catch (error) {
    // DuckDB's and the workers' errors in a sentence naming the warehouse; before the commit nothing changed.
    if (error instanceof WarehouseError) throw error;
    throw new WarehouseError(`loading into ${options.db} failed: ${(error as Error).message}`);
  } finally {
    await pool.close();
    for (const table of [...views.map((v) => STAGING(v.schema.table)), PROBLEMS_STAGING]) {
      await connection.run(`DROP TABLE IF EXISTS ${q(table)}`).catch(() => undefined);
    }
    connection.closeSync();
    instance.closeSync();
  }
}

interface CommitPlan {
  views: { name: ViewName; schema: TableSchema }[];
  mode: 'replace' | 'upsert';
  exported: ExportDirectory;
  badLines: number;
  resources: number;
  loadedAt: string;
  kept: ViewName[];
}

/** One transaction: the view tables replaced or upserted from staging, and the load recorded. */
async function commit(connection: DuckDBConnection, plan: CommitPlan): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const reader = await connection.runAndReadAll(
      'SELECT coalesce(max(load_id), 0)::INTEGER + 1 AS id FROM warehouse_loads',
    );
    const loadId = Number(reader.getRowObjectsJS()[0]?.id ?? 1);
    for (const { name, schema } of plan.views) {
      const table = q(schema.table);
      const staging = q(STAGING(schema.table));
      if (plan.mode === 'replace') {
        // An export limited by `_type` replaces only the tables of its types.
        if (plan.exported.types && !plan.exported.types.includes(schema.resource)) {
          plan.kept.push(name);
          continue;
        }
        await connection.run(`DELETE FROM ${table}`);
      } else {
        await connection.run(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${staging})`);
      }
      await connection.run(`INSERT INTO ${table} SELECT * FROM ${staging}`);
    }
    await connection.run(
      'INSERT INTO warehouse_loads VALUES ($id, $at, $source, $mode, $tt, $since, $resources, $bad)',
      {
        id: loadId,
        at: plan.loadedAt,
        source: plan.exported.dir,
        mode: plan.mode,
        tt: plan.exported.transactionTime ?? null,
        since: plan.exported.since ?? null,
        resources: plan.resources,
        bad: plan.badLines,
      },
    );
    await connection.run(
      `INSERT INTO warehouse_load_problems SELECT $id, file, line, reason FROM ${PROBLEMS_STAGING} ORDER BY file, line`,
      { id: loadId },
    );
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
