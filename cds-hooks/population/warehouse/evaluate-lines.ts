import { type CompiledView, compileView, viewColumns } from '../views/runner.js';
import { VIEW_NAMES, VIEWS, type ViewName } from '../views/views.js';
import { sqlValue, type TableSchema, tableSchema } from './table-schema.js';

/**
 * One batch of NDJSON lines → the rows of every view, value by value checked against its table
 * column. The same code runs in the loader's worker threads and, with no workers, in-process. A
 * line that is not a FHIR resource, or that a view cannot turn into rows, is reported with its
 * line number and why (never with the line's content: it is patient data), and gives no row
 * at all (never half a resource).
 */

export interface LineBatch {
  file: string;
  /** The 1-based line number of `lines[0]` in its file. */
  firstLine: number;
  lines: string[];
}

export interface BadLine {
  file: string;
  line: number;
  reason: string;
}

export interface BatchResult {
  /** Row values in table column order, per table. */
  rows: Partial<Record<ViewName, unknown[][]>>;
  /** Resources read, per resource type (whether or not a view reads the type). */
  resources: Record<string, number>;
  bad: BadLine[];
  /** Time spent on the batch (parse and views), in milliseconds of its thread. */
  ms: number;
}

export interface Warehouse {
  views: { name: ViewName; view: CompiledView; schema: TableSchema }[];
  byResource: Map<string, { name: ViewName; view: CompiledView; schema: TableSchema }[]>;
}

/** The warehouse's tables, from the view definitions alone (no FHIRPath compiled). */
export function warehouseTables(names: readonly ViewName[] = VIEW_NAMES): { name: ViewName; schema: TableSchema }[] {
  return names.map((name) => {
    const view = VIEWS[name];
    return { name, schema: tableSchema({ name: view.name, resource: view.resource, columns: viewColumns(view) }) };
  });
}

export function compileWarehouse(names: readonly ViewName[] = VIEW_NAMES): Warehouse {
  const views = names.map((name) => {
    const view = compileView(VIEWS[name]);
    return { name, view, schema: tableSchema(view) };
  });
  const byResource = new Map<string, Warehouse['views']>();
  for (const v of views) byResource.set(v.schema.resource, [...(byResource.get(v.schema.resource) ?? []), v]);
  return { views, byResource };
}

function resourceOf(line: string): { resource?: { resourceType: string; id?: unknown }; reason?: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    // The parser's message quotes the text around the fault: only its position is reported.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    return { reason: position ? `not JSON (error at character ${Number(position) + 1})` : 'not JSON (cut short?)' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { reason: 'not a JSON object' };
  const { resourceType, id } = value as { resourceType?: unknown; id?: unknown };
  if (typeof resourceType !== 'string' || resourceType === '') return { reason: 'no resourceType' };
  if (typeof id !== 'string' || id === '') return { reason: `${resourceType} without an id` };
  return { resource: value as { resourceType: string; id: string } };
}

export function evaluateLines(warehouse: Warehouse, batch: LineBatch): BatchResult {
  const started = performance.now();
  const result: BatchResult = { rows: {}, resources: {}, bad: [], ms: 0 };
  for (const [i, line] of batch.lines.entries()) {
    if (line.trim() === '') continue;
    const at = { file: batch.file, line: batch.firstLine + i };
    const { resource, reason } = resourceOf(line);
    if (!resource) {
      result.bad.push({ ...at, reason: reason ?? 'unreadable' });
      continue;
    }
    result.resources[resource.resourceType] = (result.resources[resource.resourceType] ?? 0) + 1;
    const rowsOfLine: [ViewName, unknown[][]][] = [];
    let problem: string | undefined;
    for (const { name, view, schema } of warehouse.byResource.get(resource.resourceType) ?? []) {
      try {
        const values = view.rows(resource).map((row) =>
          schema.columns.map((column) => {
            const checked = sqlValue(column, row[column.name]);
            if (!checked.ok) throw new Error(checked.why);
            return checked.value;
          }),
        );
        rowsOfLine.push([name, values]);
      } catch (error) {
        problem = `${resource.resourceType}/${resource.id}: view ${name}: ${(error as Error).message}`;
        break;
      }
    }
    if (problem) {
      result.bad.push({ ...at, reason: problem });
      continue;
    }
    for (const [name, values] of rowsOfLine) {
      const rows = result.rows[name] ?? [];
      for (const v of values) rows.push(v);
      result.rows[name] = rows;
    }
  }
  result.ms = performance.now() - started;
  return result;
}
