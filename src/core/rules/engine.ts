import type { SiteConfig } from '../config/schema.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import { type Translator, translator } from '../messages/translator.js';
import { SOURCES } from '../sources.js';
import { plainName } from './agents.js';
import { anticoagulantInteraction } from './catalog/anticoagulant-interaction.js';
import { antineoplasticInteraction } from './catalog/antineoplastic-interaction.js';
import { autoimmuneFlare } from './catalog/autoimmune-flare.js';
import { boosterNotIndicated } from './catalog/booster-not-indicated.js';
import { courseReviewDue } from './catalog/course-review-due.js';
import { courseUnbounded } from './catalog/course-unbounded.js';
import { endpointReached } from './catalog/endpoint-reached.js';
import { immuneAdverseSignal } from './catalog/immune-adverse-signal.js';
import { immunomodulatorConflict } from './catalog/immunomodulator-conflict.js';
import { liveVaccineImmunocompromised } from './catalog/live-vaccine-immunocompromised.js';
import { malignancyStimulation } from './catalog/malignancy-stimulation.js';
import { monitoringDue } from './catalog/monitoring-due.js';
import { noResponse } from './catalog/no-response.js';
import { nutrientExcess } from './catalog/nutrient-excess.js';
import { vaccineResponseAltered } from './catalog/vaccine-response-altered.js';
import type { PatientContext } from './context.js';
import { courseRole } from './course-model.js';
import { isCurrent } from './exposure.js';
import { INDICATORS, RULE_IDS } from './ids.js';
import { escapeText, fitSummary } from './markdown.js';
import { OrderIndex } from './order-index.js';
import type { Finding, FindingSource, Rule } from './types.js';

/** Every rule, in the order their findings are listed at equal severity. */
export const RULES: readonly Rule[] = [
  liveVaccineImmunocompromised,
  antineoplasticInteraction,
  malignancyStimulation,
  anticoagulantInteraction,
  autoimmuneFlare,
  immuneAdverseSignal,
  nutrientExcess,
  boosterNotIndicated,
  monitoringDue,
  noResponse,
  immunomodulatorConflict,
  courseUnbounded,
  courseReviewDue,
  endpointReached,
  vaccineResponseAltered,
];

if (RULES.length !== RULE_IDS.length) throw new Error('every rule id needs exactly one rule module');

function sourcesOf(keys: readonly string[]): FindingSource[] {
  return [...new Set(keys)].map((id) => {
    const s = SOURCES.get(id);
    if (!s) throw new Error(`rule cites unknown source ${id}`);
    return { id, citation: s.citation, kind: s.kind, ...(s.url ? { url: s.url } : {}) };
  });
}

/** Concern lines written into a detail; the finding keeps its evidence references all (the app lists them). */
const MAX_CONCERN_LINES = 10;

/** The markdown of a finding or of a card: concerns, one "what to do", evidence and sources once. */
export function renderDetail(
  t: Translator,
  parts: {
    concerns: readonly string[];
    action: string;
    basis: readonly { text: string; opinion?: boolean }[];
    sources: readonly FindingSource[];
  },
): string {
  const documents = parts.basis.filter((b) => !b.opinion).map((b) => b.text);
  const opinions = parts.basis.filter((b) => b.opinion).map((b) => b.text);
  const evidence = [
    ...documents,
    ...(opinions.length > 0 ? [t.t('detail.opinion', { reasons: opinions.join(' ') })] : []),
  ];
  const cited = parts.sources.filter((s) => s.kind !== 'expert-opinion');
  const shown = parts.concerns.slice(0, MAX_CONCERN_LINES).map((c) => `- ${c}`);
  const more = parts.concerns.length - MAX_CONCERN_LINES;
  if (more > 0) shown.push(`- ${t.t('detail.more', { count: more })}`);
  return [
    shown.join('\n'),
    t.t('detail.whatToDo', { action: parts.action }),
    ...(evidence.length > 0 ? [t.t('detail.evidence', { evidence: evidence.join(' ') })] : []),
    ...(cited.length > 0
      ? [
          t.t('detail.sources', {
            sources: cited
              .map((s) => (s.url ? `[${escapeText(s.citation)}](${s.url})` : escapeText(s.citation)))
              .join('; '),
          }),
        ]
      : []),
  ].join('\n\n');
}

/**
 * Evaluates every enabled rule against every recognised draft order. Pure and deterministic:
 * the same context, orders and configuration give the same findings, severity-ranked. One
 * finding per (rule, order); silence when nothing is actionable.
 */
export function evaluate(
  context: PatientContext,
  drafts: readonly RecognizedOrder[],
  config: SiteConfig,
  focus: (order: RecognizedOrder) => boolean = () => true,
  t: Translator = translator(),
): Finding[] {
  const findings: Finding[] = [];
  const draftIndex = new OrderIndex(drafts);
  for (const order of drafts) {
    // order-select: the selected orders are evaluated, the other drafts are context.
    if (!focus(order)) continue;
    for (const rule of RULES) {
      const ruleConfig = config.rules[rule.id];
      if (!ruleConfig.enabled) continue;
      const outcome = rule.evaluate({ context, order, drafts, draftIndex, config, t });
      if (!outcome) continue;
      const sources = sourcesOf(outcome.sources);
      // Written when first read: cards and the app show the order's assessment (assessment.ts),
      // which writes its own; a finding's detail is read by the Courses view and `explain`.
      let detail: string | undefined;
      findings.push({
        ruleId: rule.id,
        indicator: ruleConfig.indicator ?? outcome.indicator,
        summary: fitSummary(outcome.summary),
        concerns: outcome.concerns,
        action: outcome.action,
        ...(outcome.basis ? { basis: outcome.basis } : {}),
        ...(outcome.opinion ? { opinion: true } : {}),
        get detail() {
          detail ??= renderDetail(t, {
            concerns: outcome.concerns,
            action: outcome.action,
            basis: outcome.basis ? [{ text: outcome.basis, opinion: outcome.opinion ?? false }] : [],
            sources,
          });
          return detail;
        },
        evidence: outcome.evidence,
        sources,
        order: { reference: order.reference, display: order.display, name: plainName(order) },
        suggestions: outcome.suggestions ?? [],
      });
    }
  }
  const rank = (f: Finding) => INDICATORS.length - INDICATORS.indexOf(f.indicator);
  const ruleOrder = (f: Finding) => RULES.findIndex((r) => r.id === f.ruleId);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || ruleOrder(a.f) - ruleOrder(b.f) || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * Findings on what the patient takes now (patient-view and the app): each current
 * immunomodulator or supplement order is evaluated as if it were being ordered.
 */
export function evaluateCurrent(context: PatientContext, config: SiteConfig, t: Translator = translator()): Finding[] {
  // Courses still marked active past their end are current for the course checks (course-review-due).
  const current = context.history.filter(
    (o) =>
      (isCurrent(o, context.nowMs) || o.status === 'active') &&
      (o.roles.has('booster') || o.roles.has('nutrient') || o.roles.has('csf') || courseRole(o) !== undefined),
  );
  return evaluate(context, current, config, () => true, t);
}
