import { type BiomarkerSeries, formatValue, type ImmuneProfile } from '../src/core/biomarkers/profile.js';
import type { RecognizedOrder } from '../src/core/drugs/orders.js';
import type { DataQualityIssue } from '../src/core/fhir/parse.js';
import type { Finding } from '../src/core/rules/types.js';

/** Plain-text rendering of a profile for terminals (informatics teams checking lab mappings). */

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function rangeText(s: BiomarkerSeries): string {
  const r = s.latest.referenceRange;
  if (!r || (r.low === undefined && r.high === undefined)) return '—';
  const bounds =
    r.low !== undefined && r.high !== undefined
      ? `${r.low}–${r.high}`
      : r.low !== undefined
        ? `≥${r.low}`
        : `≤${r.high}`;
  return `${bounds} (${r.origin === 'observation' ? 'lab' : 'catalog'})`;
}

function trendText(s: BiomarkerSeries): string {
  if (!s.trend) return '';
  const arrow = s.trend.direction === 'up' ? '↑' : s.trend.direction === 'down' ? '↓' : '→';
  const per = s.trend.changePer30Days;
  return per === undefined ? arrow : `${arrow} ${per > 0 ? '+' : ''}${per}/30d`;
}

function flagText(s: BiomarkerSeries): string {
  const m = s.latest;
  const flags = [m.interpretation === 'unknown' ? '' : m.interpretation];
  if (m.deficit) flags.push('deficit');
  if (m.excess) flags.push('excess');
  if (s.stale) flags.push('STALE');
  if (m.preliminary) flags.push('prelim');
  if (m.derived) flags.push('derived');
  return flags.filter(Boolean).join(', ');
}

export function renderProfile(profile: ImmuneProfile): string {
  const lines: string[] = [];
  const who = profile.patientId ? `Patient/${profile.patientId}` : 'patient';
  lines.push(
    `Immune profile of ${who}${profile.sex ? ` (${profile.sex})` : ''} as of ${profile.asOf.slice(0, 10)}; ` +
      `results older than ${profile.staleAfterDays} days are stale`,
    '',
    'Compartments',
  );
  for (const c of profile.compartments) lines.push(`  ${c.summary}`);
  lines.push('', 'Biomarkers');
  if (profile.series.length === 0) {
    lines.push('  no immune biomarker results found');
  } else {
    const rows = [['Marker', 'Latest', 'Flags', 'Reference range', 'Trend', 'Date', 'n', 'Source']];
    for (const s of profile.series) {
      rows.push([
        s.biomarker.short,
        formatValue(s.latest),
        flagText(s),
        rangeText(s),
        trendText(s),
        s.latest.day,
        String(s.history.length),
        s.latest.derived ? `derived: ${s.latest.derived.method}` : s.latest.sourceId,
      ]);
    }
    for (const line of table(rows)) lines.push(`  ${line}`);
  }
  if (profile.issues.length > 0) {
    lines.push('', `Data-quality issues (${profile.issues.length})`);
    const rows = profile.issues.map((i) => [`${i.resourceType}/${i.id ?? '?'}`, i.path, i.problem]);
    for (const line of table(rows)) lines.push(`  ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

export function renderFindings(
  findings: readonly Finding[],
  orders: readonly RecognizedOrder[],
  scope: string,
  issues: readonly DataQualityIssue[],
): string {
  const lines: string[] = [];
  lines.push(`Recognised ${scope}: ${orders.length === 0 && scope === 'draft orders' ? 'none' : ''}`.trimEnd());
  for (const o of orders) {
    const agents = [
      ...o.agents.map((m) => `${m.agent?.name ?? m.drugClass.display} [${m.via} ${m.matched}]`),
      ...o.vaccines.map((v) => `${v.vaccine.name} [CVX ${v.vaccine.cvx}, ${v.vaccine.live}]`),
    ];
    lines.push(`  ${o.reference}  ${o.display}  →  ${agents.join(', ')}${o.systemic ? '' : '  (topical)'}`);
  }
  lines.push('', findings.length === 0 ? 'No findings: nothing actionable.' : `Findings (${findings.length})`);
  for (const f of findings) {
    lines.push('', `[${f.indicator.toUpperCase()}] ${f.ruleId} — ${f.summary}`, indent(f.detail, '    '));
    for (const s of f.suggestions) lines.push(`    → suggestion: ${s.label}`);
  }
  if (issues.length > 0) {
    lines.push('', `Data-quality issues (${issues.length})`);
    for (const i of issues) lines.push(`  ${i.resourceType}/${i.id ?? '?'}  ${i.path}  ${i.problem}`);
  }
  return `${lines.join('\n')}\n`;
}
