import type { OutputColumn } from '../views/runner.js';

/**
 * The DuckDB column of each FHIR type a view declares. Dates and times stay text as the source
 * wrote them, offset included: a month is then the month the hospital lived (`left(start, 7)`),
 * and a partial date ("2024-05") is kept, not turned into an instant.
 */
export type SqlType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';

const SQL_TYPE: Record<string, SqlType> = {
  id: 'VARCHAR',
  string: 'VARCHAR',
  code: 'VARCHAR',
  uri: 'VARCHAR',
  url: 'VARCHAR',
  canonical: 'VARCHAR',
  markdown: 'VARCHAR',
  oid: 'VARCHAR',
  uuid: 'VARCHAR',
  date: 'VARCHAR',
  dateTime: 'VARCHAR',
  instant: 'VARCHAR',
  time: 'VARCHAR',
  decimal: 'DOUBLE',
  integer: 'INTEGER',
  positiveInt: 'INTEGER',
  unsignedInt: 'INTEGER',
  boolean: 'BOOLEAN',
};

export interface TableColumn {
  name: string;
  sqlType: SqlType;
}

export interface TableSchema {
  table: string;
  resource: string;
  columns: TableColumn[];
}

export class TableSchemaError extends Error {}

function columnOf(table: string, column: OutputColumn): TableColumn {
  const sqlType = column.type === undefined ? undefined : SQL_TYPE[column.type];
  if (column.collection || sqlType === undefined) {
    throw new TableSchemaError(
      `view ${table}, column ${column.name}: ${column.collection ? 'a collection' : `type "${column.type ?? '(none)'}"`} has no warehouse column type (declare one of ${Object.keys(SQL_TYPE).join(', ')})`,
    );
  }
  return { name: column.name, sqlType };
}

/** The table a view fills; the view must name itself and type every column. */
export function tableSchema(view: {
  name?: string | undefined;
  resource: string;
  columns: readonly OutputColumn[];
}): TableSchema {
  if (!view.name) throw new TableSchemaError(`a ${view.resource} view has no name: the name is its table's`);
  if (view.columns[0]?.name !== 'id') {
    throw new TableSchemaError(`view ${view.name}: the first column must be "id" (the resource key loads upsert by)`);
  }
  return { table: view.name, resource: view.resource, columns: view.columns.map((c) => columnOf(view.name ?? '', c)) };
}

const kind = (value: unknown) =>
  Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;

/** A value of a row checked against its column, or why it does not fit (its kind, never the value). */
export function sqlValue(
  column: TableColumn,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; why: string } {
  if (value === null || value === undefined) return { ok: true, value: null };
  switch (column.sqlType) {
    case 'VARCHAR':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? { ok: true, value: String(value) }
        : { ok: false, why: `${column.name}: expected text, got ${kind(value)}` };
    case 'DOUBLE':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false, why: `${column.name}: expected a number, got ${kind(value)}` };
    case 'INTEGER':
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 - 1
        ? { ok: true, value }
        : {
            ok: false,
            why: `${column.name}: expected an integer, got ${typeof value === 'number' ? 'a fraction or a number beyond 32 bits' : kind(value)}`,
          };
    case 'BOOLEAN':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : { ok: false, why: `${column.name}: expected true or false, got ${kind(value)}` };
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function createTableSql(schema: TableSchema, table = schema.table): string {
  return `CREATE TABLE IF NOT EXISTS ${quote(table)} (${schema.columns.map((c) => `${quote(c.name)} ${c.sqlType}`).join(', ')})`;
}

export { quote as quoteIdentifier };
