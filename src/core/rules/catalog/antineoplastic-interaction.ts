import { DAY_MS } from '../../drugs/dosage.js';
import type { RecognizedOrder } from '../../drugs/orders.js';
import { drugName, matchesWithRole, orderLabel, plainName } from '../agents.js';
import { courseText, exposures, orderEvidence, ordersWithRole } from '../exposure.js';
import { escapeMarkdown, listOf } from '../markdown.js';
import type { Rule, RuleInput, RuleOutcome } from '../types.js';

const HOUR_MS = 3_600_000;

/** Pegylated and other long-acting G-CSFs follow the pegfilgrastim label window (14 days before). */
function isLongActingCsf(order: RecognizedOrder): boolean {
  return matchesWithRole(order, 'csf').some((m) =>
    /peg|balugrastim|efbemalenograstim|eflapegrastim/.test(m.agent?.id ?? ''),
  );
}

function cytotoxicCourses(input: RuleInput): RecognizedOrder[] {
  return ordersWithRole(input, 'cytotoxic').filter(
    (o) =>
      o !== input.order && o.systemic && o.roles.has('cytotoxic') && (o.course.startMs ?? o.authoredOnMs) !== undefined,
  );
}

/** G-CSF timing against cytotoxic chemotherapy (labels C1, C2). */
function csfTiming(input: RuleInput): RuleOutcome | undefined {
  const { order, config, context, t } = input;
  if (!order.roles.has('csf')) return undefined;
  const start = order.course.startMs ?? context.nowMs;
  const limits = config.thresholds.csf;
  const longActing = isLongActingCsf(order);
  for (const chemo of cytotoxicCourses(input)) {
    const chemoStart = (chemo.course.startMs ?? chemo.authoredOnMs) as number;
    const chemoEnd = chemo.course.endMs ?? chemoStart;
    const before = longActing ? limits.pegfilgrastimBeforeDays * DAY_MS : limits.filgrastimHours * HOUR_MS;
    const after = (longActing ? limits.pegfilgrastimAfterHours : limits.filgrastimHours) * HOUR_MS;
    if (start < chemoStart - before || start > chemoEnd + after) continue;
    const values = { longActing: longActing ? 'yes' : 'no' };
    const drug = drugName(order, 'csf');
    return {
      indicator: 'critical',
      summary: t.t('rule.antineoplastic.csf.summary', { ...values, drug }),
      concerns: [
        t.t('rule.antineoplastic.csf.concern', {
          drug: orderLabel(order, 'csf'),
          start: t.date(start),
          chemo: escapeMarkdown(chemo.display),
          course: courseText(t, chemo, context.nowMs),
        }),
      ],
      basis: t.t('rule.antineoplastic.csf.basis', values),
      action: t.t('rule.antineoplastic.csf.action', values),
      evidence: [orderEvidence(order, context.nowMs, input.t), orderEvidence(chemo, context.nowMs, input.t)],
      sources: longActing ? ['PEGFILGRASTIM-BIOSIMILAR-PI', 'UIC-DIG-FAQ'] : ['FILGRASTIM-PI'],
      suggestions: [
        {
          kind: 'remove-order',
          label: t.t('rule.antineoplastic.csf.remove', { drug: plainName(order, 'csf') }),
          order: order.reference,
        },
      ],
    };
  }
  return undefined;
}

/**
 * An immunomodulator meets antineoplastic therapy: G-CSF timing against cytotoxics (critical),
 * a booster during checkpoint-inhibitor therapy (warning), interferon alfa or interleukin with
 * myelosuppressive chemotherapy (info).
 */
export const antineoplasticInteraction: Rule = {
  id: 'antineoplastic-interaction',
  evaluate(input): RuleOutcome | undefined {
    const { order, context, config } = input;
    if (!order.systemic) return undefined;
    const timing = csfTiming(input);
    if (timing) return timing;
    const recent = config.thresholds.recentExposureDays;
    const { t } = input;
    if (order.roles.has('booster') && !order.roles.has('csf') && !order.roles.has('oncology-immunotherapy')) {
      const icis = exposures(input, 'checkpoint-inhibitor', { withinDays: recent });
      const [ici] = icis;
      if (ici) {
        return {
          indicator: 'warning',
          summary: t.t('rule.antineoplastic.ici.summary', { drug: drugName(order, 'booster'), ici: plainName(ici) }),
          concerns: icis.map((o) =>
            t.t('rule.antineoplastic.ici.concern', {
              drug: orderLabel(order, 'booster'),
              ici: escapeMarkdown(o.display),
              course: courseText(t, o, context.nowMs),
            }),
          ),
          basis: t.t('rule.antineoplastic.ici.basis'),
          opinion: true,
          action: t.t('rule.antineoplastic.ici.action'),
          evidence: [
            orderEvidence(order, context.nowMs, input.t),
            ...icis.map((o) => orderEvidence(o, context.nowMs, input.t)),
          ],
          sources: ['POLICY-ICI-BOOSTER'],
          suggestions: [
            {
              kind: 'remove-order',
              label: t.t('suggestion.remove', { drug: plainName(order, 'booster') }),
              order: order.reference,
            },
          ],
        };
      }
    }
    if (
      order.roles.has('interferon-alfa') ||
      (order.roles.has('immune-mediator') && order.roles.has('oncology-immunotherapy'))
    ) {
      const cytotoxics = exposures(input, 'cytotoxic');
      const [first] = cytotoxics;
      if (first) {
        return {
          indicator: 'info',
          summary: t.t('rule.antineoplastic.myelo.summary', { drug: drugName(order), cytotoxic: plainName(first) }),
          concerns: [
            t.t('rule.antineoplastic.myelo.concern', {
              drug: orderLabel(order),
              cytotoxics: listOf(cytotoxics.map((o) => o.display)),
              course: courseText(t, first, context.nowMs),
            }),
          ],
          basis: t.t('rule.antineoplastic.myelo.basis'),
          action: t.t('rule.antineoplastic.myelo.action'),
          evidence: [
            orderEvidence(order, context.nowMs, input.t),
            ...cytotoxics.map((o) => orderEvidence(o, context.nowMs, input.t)),
          ],
          sources: ['IFN-IL2-MYELOSUPPRESSION-LABELS'],
        };
      }
    }
    return undefined;
  },
};
