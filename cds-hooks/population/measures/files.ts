import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MeasureRow, PopulationReport } from '../../../src/contract/population.js';
import type { ReportSource } from './report.js';
import { filterParams, type Grain, measuresSql } from './sql.js';

/** The report's files: `measures.csv` and `measures.parquet` (every row of every grain), `feedback.csv`. */

export const MEASURE_COLUMNS = [
  'bucket',
  'dim',
  'key',
  'courses',
  'indicated',
  'not_indicated_normal',
  'not_indicated_unknown',
  'unbounded',
  'over_max',
  'repeated',
  'near_misses',
  'live_vaccine',
  'anticoagulant',
  'antineoplastic',
  'immunosuppressant',
  'median_days',
  'p90_days',
  'class_max_days',
  'days_of_therapy',
  'days_present',
  'dot_per_1000',
  'share_indicated',
  'share_not_indicated_normal',
  'share_not_indicated_unknown',
  'share_unbounded',
  'share_over_max',
  'share_repeated',
  'near_misses_per_100',
] as const satisfies readonly (keyof MeasureRow)[];

/** One CSV cell (RFC 4180), neutralised against formula injection in spreadsheets (a department name is data). */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && Number.isNaN(Number(text))) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n')}\r\n`;
}

/** Every measure row: months, then the phases, then the total. */
export function measuresCsv(report: PopulationReport): string {
  return csv(MEASURE_COLUMNS, [...report.months, ...report.phases, ...report.total] as unknown as Record<
    string,
    unknown
  >[]);
}

export function feedbackCsv(report: PopulationReport): string {
  return csv(
    ['bucket', 'rule', 'shown', 'accepted', 'overridden'],
    report.feedback as unknown as Record<string, unknown>[],
  );
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Writes the three files into `dir` (created if needed) and returns their paths. */
export async function writeReportFiles(source: ReportSource, report: PopulationReport, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const measures = join(dir, 'measures.csv');
  const feedback = join(dir, 'feedback.csv');
  const parquet = join(dir, 'measures.parquet');
  writeFileSync(measures, measuresCsv(report));
  writeFileSync(feedback, feedbackCsv(report));
  // The Parquet file is the same queries run by DuckDB into typed columns, with the report's filter.
  const goLive = report.goLiveDate ?? undefined;
  const grains: Grain[] = goLive ? ['month', 'phase', 'total'] : ['month', 'total'];
  const union = grains.map((g) => `SELECT * FROM (${measuresSql(g, goLive)})`).join('\nUNION ALL\n');
  await source.connection.run(`COPY (${union}) TO ${quote(parquet)} (FORMAT parquet)`, filterParams(report.filter));
  return [measures, parquet, feedback];
}
