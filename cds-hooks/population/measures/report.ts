import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { LengthCount, MeasureRow, PopulationReport, RuleFeedback } from '../../../src/contract/population.js';
import type { SiteConfig } from '../../../src/core/config/schema.js';
import { isPostgresUrl, openStore } from '../../store/open.js';
import type { FeedbackStore } from '../../store/types.js';
import { CLASSIFICATION_TABLES } from '../classify/tables.js';
import { DENOMINATOR_SQL, filterParams, type Grain, type MeasureFilter, measuresSql } from './sql.js';

/**
 * The population report from a warehouse file or from Parquet shards: the measures per month,
 * before/after go-live and in total, the course-length distribution, and the cards' feedback per
 * rule from the feedback store.
 */

export class ReportSourceError extends Error {}

export interface ReportSource {
  connection: DuckDBConnection;
  close(): void;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function requireTables(connection: DuckDBConnection, where: string): Promise<void> {
  const found = await connection.runAndReadAll(
    `SELECT table_name FROM information_schema.tables WHERE table_name IN (${CLASSIFICATION_TABLES.map(quote).join(', ')})`,
  );
  const names = new Set(found.getRows().map(([n]) => String(n)));
  const missing = CLASSIFICATION_TABLES.filter((t) => !names.has(t));
  if (missing.length > 0) {
    throw new ReportSourceError(
      `${where} has no ${missing.join(', ')}: run "immunosteward population classify" on it first`,
    );
  }
}

/** The warehouse (a DuckDB file holding the classification tables), opened read-only. */
export async function openWarehouse(file: string): Promise<ReportSource> {
  if (!existsSync(file)) throw new ReportSourceError(`${file} does not exist`);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  } catch (error) {
    throw new ReportSourceError(`${file} is not a DuckDB database: ${(error as Error).message}`);
  }
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  try {
    await requireTables(connection, file);
  } catch (error) {
    close();
    throw error;
  }
  return { connection, close };
}

/**
 * Parquet shards (files, or directories holding `<table>-<i>-of-<n>.parquet`) as views over all
 * of them: the merge of sharded runs, in memory.
 */
export async function openParquet(paths: readonly string[]): Promise<ReportSource> {
  const files = paths.flatMap((p) => {
    if (!existsSync(p)) throw new ReportSourceError(`${p} does not exist`);
    return statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((n) => n.endsWith('.parquet'))
          .map((n) => join(p, n))
      : [p];
  });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  try {
    for (const table of CLASSIFICATION_TABLES) {
      const own = files.filter((f) => new RegExp(`(^|/)${table}(-\\d+-of-\\d+)?\\.parquet$`).test(f));
      if (own.length === 0) throw new ReportSourceError(`no ${table} Parquet file among ${paths.join(', ')}`);
      await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet([${own.map(quote).join(', ')}])`);
    }
  } catch (error) {
    close();
    throw error instanceof ReportSourceError
      ? error
      : new ReportSourceError(`cannot read the Parquet files: ${(error as Error).message}`);
  }
  return { connection, close };
}

/** A DuckDB value as JSON: BIGINT and HUGEINT counts as numbers, DECIMAL as a number. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object' && 'toDouble' in value) {
    return (value as { toDouble(): number }).toDouble();
  }
  return value;
}

async function rows<T>(
  connection: DuckDBConnection,
  sql: string,
  params?: Record<string, string | boolean | null>,
): Promise<T[]> {
  // DuckDB refuses a named parameter the statement does not use.
  const used = params && Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
  const reader = await connection.runAndReadAll(sql, used);
  const names = reader.columnNames();
  return reader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [names[i], plain(v)])) as T);
}

export async function measureRows(
  connection: DuckDBConnection,
  grain: Grain,
  goLive: string | undefined,
  filter: MeasureFilter = {},
): Promise<MeasureRow[]> {
  return rows<MeasureRow>(connection, measuresSql(grain, goLive), filterParams(filter));
}

export interface ReportOptions {
  goLiveDate?: string;
  filter?: MeasureFilter;
  /** The feedback store the service records cards and feedback in. */
  feedback?: FeedbackStore;
  /** The end of the feedback period (default: now). */
  now?: Date;
}

async function feedbackRows(store: FeedbackStore, goLive: string | undefined, now: Date): Promise<RuleFeedback[]> {
  // The cards are as old as the hooks at most: the period opens at the epoch.
  const phases: [RuleFeedback['bucket'], string, string][] =
    goLive === undefined
      ? [['all', new Date(0).toISOString(), now.toISOString()]]
      : [
          ['before', new Date(0).toISOString(), `${goLive}T00:00:00.000Z`],
          ['after', `${goLive}T00:00:00.000Z`, now.toISOString()],
        ];
  const out: RuleFeedback[] = [];
  for (const [bucket, from, to] of phases) {
    if (Date.parse(from) >= Date.parse(to)) continue;
    const analytics = await store.analytics({ from, to });
    const perRule = new Map<string, RuleFeedback>();
    for (const r of analytics.rules) {
      const row = perRule.get(r.rule) ?? { bucket, rule: r.rule, shown: 0, accepted: 0, overridden: 0 };
      row.shown += r.shown;
      row.accepted += r.accepted;
      row.overridden += r.overridden;
      perRule.set(r.rule, row);
    }
    out.push(...[...perRule.values()].sort((a, b) => a.rule.localeCompare(b.rule)));
  }
  return out;
}

export async function populationReport(source: ReportSource, options: ReportOptions = {}): Promise<PopulationReport> {
  const { connection } = source;
  const filter = options.filter ?? {};
  const goLive = options.goLiveDate;
  const [denominator] = await rows<{ denominator: PopulationReport['denominator'] }>(connection, DENOMINATOR_SQL);
  const lengths = await rows<LengthCount>(
    connection,
    `SELECT class, CAST(round(days) AS INTEGER) AS days, count(*) AS courses FROM course_classes
     WHERE days IS NOT NULL AND ($class IS NULL OR class = $class)
       AND ($department IS NULL OR coalesce(department, '(none)') = $department)
       AND ($from IS NULL OR start_month >= CAST($from || '-01' AS DATE))
       AND ($to IS NULL OR start_month <= CAST($to || '-01' AS DATE))
     GROUP BY ALL ORDER BY class, days`,
    filterParams(filter),
  );
  const classes = await rows<{ class: string }>(connection, 'SELECT DISTINCT class FROM course_classes ORDER BY 1');
  const departments = await rows<{ department: string }>(
    connection,
    'SELECT DISTINCT department FROM course_classes WHERE department IS NOT NULL ORDER BY 1',
  );
  return {
    goLiveDate: goLive ?? null,
    denominator: denominator?.denominator ?? 'observation-days',
    filter,
    months: await measureRows(connection, 'month', goLive, filter),
    phases: goLive === undefined ? [] : await measureRows(connection, 'phase', goLive, filter),
    total: await measureRows(connection, 'total', goLive, filter),
    lengths,
    feedback: options.feedback ? await feedbackRows(options.feedback, goLive, options.now ?? new Date()) : [],
    classes: classes.map((c) => c.class),
    departments: departments.map((d) => d.department),
  };
}

/** The site's feedback store, when it exists (a report never creates a SQLite file). */
export async function openFeedbackStore(config: SiteConfig['feedback']): Promise<FeedbackStore | undefined> {
  if (!isPostgresUrl(config.store) && !existsSync(config.store)) return undefined;
  return (await openStore(config)).store;
}
