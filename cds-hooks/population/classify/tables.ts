import { type DuckDBAppender, type DuckDBConnection, dateValue, timestampValue } from '@duckdb/node-api';
import { DAY_MS } from './encounters.js';
import type { CourseClass, CourseMonth, DayPresent, PatientRows } from './patient.js';

/**
 * The classification tables (contract item 5: the measures engineer's), keyed by record ids only:
 * no name, no identifier, no birth date. Written through DuckDB appenders; a shard copies them to
 * Parquet with the same columns.
 */

type Kind = 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';
type Column<T> = [name: string, kind: Kind, value: (row: T) => string | number | boolean | undefined];

const COURSE_CLASSES: Column<CourseClass>[] = [
  ['patient_id', 'VARCHAR', (r) => r.patientId],
  ['course_id', 'VARCHAR', (r) => r.courseId],
  ['agent', 'VARCHAR', (r) => r.agent],
  ['class', 'VARCHAR', (r) => r.drugClass],
  ['start', 'TIMESTAMP', (r) => r.start],
  ['start_month', 'DATE', (r) => `${r.startMonth}-01`],
  ['end', 'TIMESTAMP', (r) => r.end],
  ['days', 'DOUBLE', (r) => r.plannedDays],
  ['therapy_days', 'INTEGER', (r) => r.therapyDays],
  ['orders', 'INTEGER', (r) => r.orders],
  ['classification', 'VARCHAR', (r) => r.classification],
  ['indicated_by', 'VARCHAR', (r) => r.indicatedBy],
  ['indication', 'VARCHAR', (r) => r.indication],
  ['unbounded', 'BOOLEAN', (r) => r.unbounded],
  ['over_max', 'BOOLEAN', (r) => r.overMax],
  ['class_max_days', 'INTEGER', (r) => r.classMaxDays],
  ['repeated', 'BOOLEAN', (r) => r.repeated],
  ['live_vaccine', 'BOOLEAN', (r) => r.liveVaccine],
  ['anticoagulant', 'BOOLEAN', (r) => r.anticoagulant],
  ['antineoplastic', 'BOOLEAN', (r) => r.antineoplastic],
  ['immunosuppressant', 'BOOLEAN', (r) => r.immunosuppressant],
  ['rules', 'VARCHAR', (r) => r.rules],
  ['department', 'VARCHAR', (r) => r.department],
];

const COURSE_MONTHS: Column<CourseMonth>[] = [
  ['patient_id', 'VARCHAR', (r) => r.patientId],
  ['course_id', 'VARCHAR', (r) => r.courseId],
  ['month', 'DATE', (r) => `${r.month}-01`],
  ['days_of_therapy', 'INTEGER', (r) => r.daysOfTherapy],
];

const DAYS_PRESENT: Column<DayPresent>[] = [
  ['patient_id', 'VARCHAR', (r) => r.patientId],
  ['day', 'DATE', (r) => r.day],
  ['department', 'VARCHAR', (r) => r.department],
];

type Observed = { patientId: string; first: string; last: string };
const OBSERVATION_SPANS: Column<Observed>[] = [
  ['patient_id', 'VARCHAR', (r) => r.patientId],
  ['first_day', 'DATE', (r) => r.first],
  ['last_day', 'DATE', (r) => r.last],
];

/** Every table the classifier writes, in the order a shard's Parquet files are named. */
export const CLASSIFICATION_TABLES = ['course_classes', 'course_months', 'days_present', 'observation_spans'] as const;
export type ClassificationTable = (typeof CLASSIFICATION_TABLES)[number];

const COLUMNS: Record<ClassificationTable, Column<never>[]> = {
  course_classes: COURSE_CLASSES,
  course_months: COURSE_MONTHS,
  days_present: DAYS_PRESENT,
  observation_spans: OBSERVATION_SPANS,
};

/** Drops and creates the classification tables (a run replaces the previous one). */
export async function createTables(connection: DuckDBConnection): Promise<void> {
  for (const table of CLASSIFICATION_TABLES) {
    const columns = COLUMNS[table].map(([name, kind]) => `"${name}" ${kind}`).join(', ');
    await connection.run(`CREATE OR REPLACE TABLE ${table} (${columns})`);
  }
}

function append(appender: DuckDBAppender, kind: Kind, value: string | number | boolean | undefined): void {
  if (value === undefined) appender.appendNull();
  else if (kind === 'VARCHAR') appender.appendVarchar(String(value));
  else if (kind === 'DATE') appender.appendDate(dateValue(Math.floor(Date.parse(`${value}T00:00:00Z`) / DAY_MS)));
  else if (kind === 'TIMESTAMP') appender.appendTimestamp(timestampValue(BigInt(Date.parse(String(value))) * 1000n));
  else if (kind === 'DOUBLE') appender.appendDouble(Number(value));
  else if (kind === 'INTEGER') appender.appendInteger(Number(value));
  else appender.appendBoolean(Boolean(value));
}

/** Appends the rows of classified patients to the four tables. */
export class ClassificationWriter {
  private constructor(private readonly appenders: Record<ClassificationTable, DuckDBAppender>) {}

  static async open(connection: DuckDBConnection): Promise<ClassificationWriter> {
    const entries = await Promise.all(
      CLASSIFICATION_TABLES.map(async (t) => [t, await connection.createAppender(t)] as const),
    );
    return new ClassificationWriter(Object.fromEntries(entries) as Record<ClassificationTable, DuckDBAppender>);
  }

  write(patient: PatientRows): void {
    this.rows('course_classes', patient.courses);
    this.rows('course_months', patient.months);
    this.rows('days_present', patient.daysPresent);
    if (patient.observed) this.rows('observation_spans', [{ patientId: patient.patientId, ...patient.observed }]);
  }

  private rows<T>(table: ClassificationTable, rows: readonly T[]): void {
    const appender = this.appenders[table];
    const columns = COLUMNS[table] as unknown as Column<T>[];
    for (const row of rows) {
      for (const [, kind, value] of columns) append(appender, kind, value(row));
      appender.endRow();
    }
  }

  close(): void {
    for (const appender of Object.values(this.appenders)) appender.closeSync();
  }
}

/** A shard's tables as Parquet files `<dir>/<table>-<i>-of-<n>.parquet`, for a merge anywhere. */
export async function copyToParquet(connection: DuckDBConnection, dir: string, suffix: string): Promise<string[]> {
  const files: string[] = [];
  for (const table of CLASSIFICATION_TABLES) {
    const file = `${dir}/${table}${suffix}.parquet`;
    await connection.run(`COPY ${table} TO '${file.replace(/'/g, "''")}' (FORMAT parquet)`);
    files.push(file);
  }
  return files;
}
