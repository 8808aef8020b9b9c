import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileView, type ViewDefinition } from '../../../cds-hooks/population/views/runner.js';
import { VIEWS } from '../../../cds-hooks/population/views/views.js';

/**
 * Every case of the official SQL on FHIR v2 suite (test/fixtures/sql-on-fhir-v2/, MIT) through the
 * runner the warehouse uses. A case passes when the rows (in order), the columns (in order) or the
 * error are as the suite expects. The cases the runner fails are listed below with the reason;
 * none of them is a feature our views use, and each is asserted to still fail, so the list stays
 * honest when the runner improves.
 */

const DIR = join(process.cwd(), 'test/fixtures/sql-on-fhir-v2');

interface SuiteCase {
  title: string;
  tags?: string[];
  view: ViewDefinition;
  expect?: Record<string, unknown>[];
  expectColumns?: string[];
  expectError?: boolean;
}

interface Suite {
  title: string;
  resources: { resourceType: string }[];
  tests: SuiteCase[];
}

const SUITES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'tests.schema.json')
  .sort()
  .map((file) => ({ file, suite: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Suite }));

const KNOWN_GAPS: { file: string; title: string; reason: string }[] = [
  ...['basic', 'item and answer.item', 'empty expression', 'empty child expression'].map((title) => ({
    file: 'repeat.json',
    title,
    reason: '`repeat` (recursive descent, added to the specification in 2025) is not implemented',
  })),
  ...['combined with forEach', 'combined with forEachOrNull', 'combined with unionAll'].map((title) => ({
    file: 'repeat.json',
    title,
    reason: '`repeat` is not implemented',
  })),
  ...[
    '%rowIndex at top level',
    '%rowIndex with forEach',
    '%rowIndex with forEachOrNull',
    '%rowIndex with nested forEach',
    '%rowIndex with repeat',
    '%rowIndex with unionAll',
    '%rowIndex in unionAll without forEach',
    '%rowIndex in unionAll inside forEach',
    '%rowIndex for surrogate key',
  ].map((title) => ({
    file: 'row_index.json',
    title,
    reason: '`%rowIndex` is not implemented (our keys are resource ids, `getResourceKey()`)',
  })),
  ...['decimal', 'datetime', 'date', 'time'].flatMap((type) =>
    ['lowBoundary', 'highBoundary'].map((fn) => ({
      file: 'fn_boundary.json',
      title: `${type} ${fn}`,
      reason: `Medplum's FHIRPath has no \`${fn}()\` (an experimental test, not shareable)`,
    })),
  ),
];

function run(suite: Suite, test: SuiteCase): { rows?: Record<string, unknown>[]; columns?: string[]; error?: string } {
  try {
    const view = compileView(test.view);
    const rows = suite.resources.flatMap((r) => view.rows(r));
    return { rows, columns: view.columns.map((c) => c.name) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Rows in a canonical order: by their JSON with the keys sorted. */
function sorted(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const key = (row: Record<string, unknown>) =>
    JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)));
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
}

function passes(suite: Suite, test: SuiteCase): boolean {
  const result = run(suite, test);
  if (test.expectError) return result.error !== undefined;
  if (result.error !== undefined) return false;
  if (test.expectColumns) return JSON.stringify(result.columns) === JSON.stringify(test.expectColumns);
  return isDeepStrictEqual(sorted(result.rows ?? []), sorted(test.expect ?? []));
}

const isGap = (file: string, title: string) => KNOWN_GAPS.some((g) => g.file === file && g.title === title);

describe('the official SQL on FHIR v2 suite', () => {
  it('is all there: every file of the suite, with its licence', () => {
    expect(SUITES.map((s) => s.file)).toContain('foreach.json');
    expect(SUITES.length).toBe(22);
    expect(readFileSync(join(DIR, 'LICENSE.md'), 'utf8')).toMatch(/Permission is hereby granted/);
    expect(SUITES.reduce((n, s) => n + s.suite.tests.length, 0)).toBe(134);
  });

  for (const { file, suite } of SUITES) {
    describe(file, () => {
      for (const test of suite.tests) {
        if (isGap(file, test.title)) {
          it(`${test.title} — known gap, still failing`, () => {
            expect(passes(suite, test)).toBe(false);
          });
        } else {
          it(`${test.title} [${(test.tags ?? []).join(', ')}]`, () => {
            const result = run(suite, test);
            if (test.expectError) expect(result.error).toBeDefined();
            else if (test.expectColumns) expect(result.columns).toEqual(test.expectColumns);
            else {
              expect(result.error).toBeUndefined();
              expect(sorted(result.rows ?? [])).toStrictEqual(sorted(test.expect ?? []));
            }
          });
        }
      }
    });
  }

  it('lists gaps that exist in the suite (a renamed case would hide a new failure)', () => {
    for (const gap of KNOWN_GAPS) {
      const suite = SUITES.find((s) => s.file === gap.file)?.suite;
      expect(
        suite?.tests.map((t) => t.title),
        `${gap.file}: ${gap.title}`,
      ).toContain(gap.title);
    }
  });

  it('no view of the warehouse uses a feature listed as a gap', () => {
    const text = JSON.stringify(Object.values(VIEWS));
    expect(text).not.toMatch(/"repeat"|%rowIndex|lowBoundary|highBoundary/);
  });
});
