import { describeTrend, formatQuantity, readResult } from '../../src/core/biomarkers/display.js';
import type { BiomarkerSeries, ImmuneProfile } from '../../src/core/biomarkers/profile.js';
import type { RecognizedOrder } from '../../src/core/drugs/orders.js';
import type { DataQualityIssue } from '../../src/core/fhir/parse.js';
import type { Translator } from '../../src/core/messages/translator.js';
import type { OrderAssessment } from '../../src/core/rules/assessment.js';
import type { EvidenceRef } from '../../src/core/rules/types.js';
import type { Explanation, MatchExplanation, OrderExplanation, RuleExplanation } from './explain.js';

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

function statusFlags(s: BiomarkerSeries): string {
  const m = s.latest;
  return [s.stale ? 'STALE' : '', m.preliminary ? 'prelim' : '', m.derived ? 'derived' : ''].filter(Boolean).join(', ');
}

export function renderProfile(t: Translator, profile: ImmuneProfile): string {
  const lines: string[] = [];
  const who = profile.patientId ? `Patient/${profile.patientId}` : 'patient';
  lines.push(
    `Immune profile of ${who}${profile.sex ? ` (${profile.sex})` : ''} as of ${t.date(profile.asOf)}; ` +
      `results older than ${profile.staleAfterDays} days are stale`,
    '',
    'Compartments',
  );
  for (const c of profile.compartments) lines.push(`  ${c.summary}`);
  lines.push('', 'Biomarkers');
  if (profile.series.length === 0) {
    lines.push('  no immune biomarker results found');
  } else {
    const rows = [['Marker', 'Latest', 'Lab range', 'Clinical thresholds', 'Trend', 'Date', 'n', 'Flags', 'Source']];
    for (const s of profile.series) {
      const reading = readResult(t, s.latest, s.biomarker);
      rows.push([
        s.biomarker.short,
        formatQuantity(t, s.latest, s.biomarker),
        reading.range
          ? `${reading.flag} (${reading.range}, ${reading.rangeOrigin === 'observation' ? 'lab' : 'catalog'})`
          : reading.flag,
        reading.thresholds.join('; ') || '—',
        s.trend ? describeTrend(t, s.trend, s.biomarker, s.latest) : '',
        t.date(s.latest.day),
        String(s.history.length),
        statusFlags(s),
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

/**
 * Card markdown as plain text for a terminal: no emphasis marks, escapes or HTML entities;
 * a link as "text (url)".
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[((?:\\.|[^\]\\])*)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*/g, '')
    .replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1$2')
    .replace(/\\([\\`*_[\]|~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function renderFindings(
  t: Translator,
  assessments: readonly OrderAssessment[],
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
  lines.push(
    '',
    assessments.length === 0
      ? `No cards: none of the ${orders.length} order(s) carries a concern.`
      : `Cards (${assessments.length}), one per order with a concern`,
  );
  for (const a of assessments) {
    const rules = a.findings.map((f) => `${f.ruleId} (${f.indicator})`).join(', ');
    lines.push(
      '',
      `[${t.t(`indicator.${a.indicator}`).toUpperCase()}] ${plainText(a.summary)}`,
      `    order ${a.order.reference}; rules ${rules}`,
      indent(plainText(a.detail), '    '),
    );
    for (const s of a.suggestions) lines.push(`    → ${plainText(s.label)}`);
  }
  if (issues.length > 0) {
    lines.push('', `Data-quality issues (${issues.length})`);
    for (const i of issues) lines.push(`  ${i.resourceType}/${i.id ?? '?'}  ${i.path}  ${i.problem}`);
  }
  return `${lines.join('\n')}\n`;
}

const VIA: Record<string, string> = {
  local: 'local code (localCodes.drugs)',
  rxnorm: 'RxNorm code',
  atc: 'ATC code',
  'atc-prefix': 'ATC code prefix (class only)',
  name: 'name',
};

function matchLines(m: MatchExplanation): string[] {
  const what = m.agent
    ? `${m.agent.name} (agent ${m.agent.id}), class ${m.class.display} (${m.class.id})`
    : `class ${m.class.display} (${m.class.id}), no particular agent`;
  const how =
    m.via === 'name' ? `name "${m.matched}"` : `${VIA[m.via] ?? m.via} ${m.system ? `${m.system}|` : ''}${m.matched}`;
  return [`  ${what}`, `    matched by ${how}; roles: ${m.roles.join(', ') || 'none'}`];
}

function evidenceLines(evidence: readonly EvidenceRef[], by: string): string[] {
  return evidence.map(
    (e) => `${by}- ${e.display}${e.date && !e.display.includes(e.date) ? ` (${e.date})` : ''}  [${e.reference}]`,
  );
}

function ruleLines(r: RuleExplanation): string[] {
  const forced = r.forcedIndicator ? `, indicator forced to ${r.forcedIndicator} by rules.${r.id}.indicator` : '';
  if (r.status === 'disabled') return [`  disabled  ${r.id}  (rules.${r.id}.enabled: false)`];
  if (r.status === 'silent') return [`  silent    ${r.id}  (ran, no finding${forced})`];
  const lines: string[] = [];
  for (const f of r.findings) {
    lines.push(`  FIRED     ${r.id}  [${f.indicator.toUpperCase()}${forced ? ': forced' : ''}] ${f.summary}`);
    if (f.evidence.length > 0) lines.push('            evidence:', ...evidenceLines(f.evidence, '              '));
    lines.push('            sources:', ...f.sources.map((s) => `              - ${s.citation}`));
  }
  return lines;
}

function orderLines(o: OrderExplanation, index: number): string[] {
  const lines = ['', `Order ${index + 1}: ${o.reference}  ${o.display}`];
  if (!o.recognised) {
    lines.push('  NOT RECOGNISED: no code or name matched the knowledge base, so no rule ran on it.');
    for (const c of o.tried?.codings ?? [])
      lines.push(
        `    coding tried: ${c.system ?? '(no system)'}|${c.code ?? '(no code)'}${c.display ? `  "${c.display}"` : ''}`,
      );
    for (const t of o.tried?.texts ?? []) lines.push(`    text tried:   "${t}"`);
    for (const h of o.hints) lines.push(`    hint: ${h}`);
    if (o.hints.length === 0)
      lines.push('    To recognise a local code, map it to an agent or class id in localCodes.drugs.');
    return lines;
  }
  const body = ['Recognised as:'];
  for (const m of o.matches) body.push(...matchLines(m));
  for (const v of o.vaccines) body.push(`  vaccine ${v.name} (CVX ${v.cvx}, ${v.live})`, '    matched by CVX code');
  body.push(
    `Route: ${o.route === 'topical' ? 'topical (no systemic exposure)' : 'systemic'}`,
    `Dose: ${o.dose ?? 'not computed'}`,
    `Course: ${o.course}`,
  );
  if (o.immunosuppression.length === 0) body.push('Immunosuppression (as the vaccine rules see it): none');
  else {
    body.push('Immunosuppression (as the vaccine rules see it):');
    for (const r of o.immunosuppression) body.push(`  ${r.reason}`, ...evidenceLines(r.evidence, '    '));
  }
  body.push('Rules:');
  for (const r of o.rules) body.push(...ruleLines(r));
  return [...lines, ...body.map((l) => `  ${l}`)];
}

/** `immunosteward explain`: the patient's evidence, then per order recognition and every rule's outcome. */
export function renderExplanation(x: Explanation): string {
  const who = x.patient.id ? `Patient/${x.patient.id}` : 'patient';
  const lines = [
    `Explanation for ${who} as of ${x.patient.asOf.slice(0, 10)} (configuration: ${x.configuration})`,
    '',
    'Patient evidence',
    '  Deficit markers (thresholds from the configuration):',
  ];
  const rows = x.evidence.markers.map((m) => [
    `    ${m.biomarker}`,
    m.state,
    m.latest?.display ?? 'no result',
    m.threshold ? `deficit: ${m.threshold}` : '',
  ]);
  lines.push(...table(rows));
  if (x.evidence.conditions.length === 0) lines.push('  Conditions the rules use: none');
  else {
    lines.push('  Conditions the rules use:');
    for (const c of x.evidence.conditions) {
      const onset = c.onset ? `, onset ${c.onset}` : '';
      lines.push(
        `    - ${c.display} [${c.categories.join(', ')}] ${c.active ? 'active' : 'inactive'}${onset}  [${c.reference}]`,
      );
    }
  }
  if (x.evidence.medications.length === 0) lines.push('  Recognised medication history: none');
  else {
    lines.push('  Recognised medication history:');
    for (const m of x.evidence.medications)
      lines.push(`    - ${m.display} [${m.classes.join(', ')}]  [${m.reference}]`);
  }
  x.orders.forEach((o, i) => {
    lines.push(...orderLines(o, i));
  });
  if (x.issues.length > 0) {
    lines.push('', `Data-quality issues (${x.issues.length})`);
    for (const i of x.issues) lines.push(`  ${i.resourceType}/${i.id ?? '?'}  ${i.path}  ${i.problem}`);
  }
  return `${lines.join('\n')}\n`;
}
