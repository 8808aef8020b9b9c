import type { MeasureRow, PopulationReport } from '../../../src/contract/population.js';
import { agentById, classById } from '../../../src/core/drugs/knowledge-base.js';
import { className } from '../../../src/core/messages/names.js';
import { translator } from '../../../src/core/messages/translator.js';

/** The report as text tables for a terminal (the CLI's output; informatics English, drug classes as the catalog names them). */

const t = translator();

function label(row: MeasureRow): string {
  if (row.dim === 'class') {
    const cls = classById(row.key);
    return cls ? className(t, cls) : row.key;
  }
  if (row.dim === 'agent') return agentById(row.key)?.name ?? row.key;
  return row.key || 'all courses';
}

const pct = (v: number | null) => (v === null ? '–' : `${(100 * v).toFixed(1)} %`);
const num = (v: number | null, d = 1) => (v === null ? '–' : v.toFixed(d));

const COLUMNS: [string, (r: MeasureRow) => string][] = [
  ['courses', (r) => String(r.courses)],
  ['DOT/1000', (r) => num(r.dot_per_1000)],
  ['indicated', (r) => pct(r.share_indicated)],
  ['not ind., normal labs', (r) => pct(r.share_not_indicated_normal)],
  ['not ind., unknown labs', (r) => pct(r.share_not_indicated_unknown)],
  ['unbounded', (r) => pct(r.share_unbounded)],
  ['over max', (r) => pct(r.share_over_max)],
  ['repeated', (r) => pct(r.share_repeated)],
  ['near-misses/100', (r) => num(r.near_misses_per_100)],
  ['median d', (r) => num(r.median_days)],
  ['p90 d', (r) => num(r.p90_days)],
  ['class max d', (r) => (r.class_max_days === null ? '–' : String(r.class_max_days))],
];

function table(title: string, first: string, rows: readonly MeasureRow[], key: (r: MeasureRow) => string): string {
  if (rows.length === 0) return `${title}\n  (no courses)\n`;
  const cells = [[first, ...COLUMNS.map(([h]) => h)], ...rows.map((r) => [key(r), ...COLUMNS.map(([, f]) => f(r))])];
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? '').length))) ?? [];
  const line = (c: string[]) =>
    `  ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ')}`;
  return `${title}\n${cells.map(line).join('\n')}\n`;
}

export function renderReport(report: PopulationReport): string {
  const denominator =
    report.denominator === 'days-present'
      ? 'days present (encounters)'
      : 'patient-days under observation (no encounters in the data)';
  const parts = [
    `Immunostimulant stewardship — days of therapy (DOT) per 1,000 ${denominator}`,
    report.goLiveDate
      ? `Go-live: ${report.goLiveDate} (the go-live month counts as after)`
      : 'No go-live date: no before/after split',
    '',
    table(
      'Whole period',
      '',
      report.total.filter((r) => r.dim === 'all'),
      () => 'all',
    ),
  ];
  if (report.phases.length > 0) {
    parts.push(
      table(
        'Before and after go-live',
        'phase',
        report.phases.filter((r) => r.dim === 'all'),
        (r) => r.bucket,
      ),
    );
  }
  parts.push(
    table(
      'By class',
      'class',
      report.total.filter((r) => r.dim === 'class'),
      label,
    ),
    table(
      'By agent',
      'agent',
      report.total.filter((r) => r.dim === 'agent'),
      label,
    ),
  );
  const departments = report.total.filter((r) => r.dim === 'department');
  if (departments.some((r) => r.key !== '(none)')) parts.push(table('By department', 'department', departments, label));
  parts.push(
    table(
      'By month',
      'month',
      report.months.filter((r) => r.dim === 'all'),
      (r) => r.bucket,
    ),
  );
  if (report.feedback.length > 0) {
    const rows = report.feedback.map(
      (f) =>
        `  ${f.bucket.padEnd(7)} ${f.rule.padEnd(32)} ${String(f.shown).padStart(7)} ${String(f.accepted).padStart(9)} ${String(f.overridden).padStart(11)}`,
    );
    parts.push(
      `Cards (feedback store)\n  ${'phase'.padEnd(7)} ${'rule'.padEnd(32)} ${'shown'.padStart(7)} ${'accepted'.padStart(9)} ${'overridden'.padStart(11)}\n${rows.join('\n')}\n`,
    );
  } else {
    parts.push('Cards (feedback store): none recorded\n');
  }
  return parts.join('\n');
}
