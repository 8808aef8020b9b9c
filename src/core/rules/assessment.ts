import type { Translator } from '../messages/translator.js';
import { renderDetail } from './engine.js';
import { INDICATORS, type Indicator, type RuleId } from './ids.js';
import { fitSummary } from './markdown.js';
import type { Finding, FindingSource, Suggestion } from './types.js';

/**
 * One assessment per draft order: every finding about the order in one place, as the physician
 * reads it — the most severe indicator, a summary naming the drug and the main concern, each
 * concern one line, one "what to do", evidence and sources once, suggestions without repeats.
 * Cards, the app and the CLI show these; findings stay the rules' unit (and the audit's).
 */
export interface OrderAssessment {
  order: { reference: string; display: string; name: string };
  indicator: Indicator;
  /** Most severe first; `findings[0]` decides the summary, the action and the card's topic. */
  findings: Finding[];
  ruleIds: RuleId[];
  summary: string;
  detail: string;
  sources: FindingSource[];
  suggestions: Suggestion[];
}

const severity = (i: Indicator) => INDICATORS.indexOf(i);

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** One of each kind: one "remove", one lab order (its tests together), the shortest course limit. */
function mergeSuggestions(findings: readonly Finding[]): Suggestion[] {
  const all = findings.flatMap((f) => f.suggestions);
  const merged: Suggestion[] = [];
  const remove = all.find((s) => s.kind === 'remove-order');
  const panels = all.filter((s) => s.kind === 'order-panel');
  const limits = all.filter((s) => s.kind === 'add-stop-date');
  if (remove) merged.push(remove);
  if (panels.length > 0) {
    const first = panels[0] as Extract<Suggestion, { kind: 'order-panel' }>;
    merged.push({
      ...first,
      codes: unique(
        panels.flatMap((p) => p.codes),
        (c) => c.code,
      ),
    });
  }
  if (limits.length > 0) merged.push(limits.reduce((a, b) => (b.days < a.days ? b : a)));
  return merged;
}

/** Findings (from `evaluate`) → one assessment per order, most severe order first. */
export function assessOrders(findings: readonly Finding[], t: Translator): OrderAssessment[] {
  const byOrder = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.order) continue;
    const list = byOrder.get(f.order.reference);
    if (list) list.push(f);
    else byOrder.set(f.order.reference, [f]);
  }
  const assessments: OrderAssessment[] = [];
  for (const list of byOrder.values()) {
    // `evaluate` ranks by severity, then rule order: the first finding is the main concern.
    const [main] = list as [Finding, ...Finding[]];
    const sources = unique(
      list.flatMap((f) => f.sources),
      (s) => s.id,
    );
    const more = list.length - 1;
    const summary =
      more === 0
        ? main.summary
        : t.t('card.summaryMore', {
            summary: fitSummary(main.summary, 139 - t.t('card.summaryMore', { summary: '', more }).length),
            more,
          });
    assessments.push({
      order: main.order as OrderAssessment['order'],
      indicator: main.indicator,
      findings: list,
      ruleIds: list.map((f) => f.ruleId),
      summary: fitSummary(summary),
      detail: renderDetail(t, {
        concerns: list.flatMap((f) => f.concerns),
        action: main.action,
        basis: unique(
          list.flatMap((f) => (f.basis ? [{ text: f.basis, opinion: f.opinion ?? false }] : [])),
          (b) => b.text,
        ),
        sources,
      }),
      sources,
      suggestions: mergeSuggestions(list),
    });
  }
  return assessments.sort((a, b) => severity(b.indicator) - severity(a.indicator));
}
