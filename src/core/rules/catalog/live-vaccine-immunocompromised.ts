import { DAY_MS } from '../../drugs/dosage.js';
import type { RecognizedOrder } from '../../drugs/orders.js';
import { drugName, orderLabel, plainName } from '../agents.js';
import { isoDay, orderEvidence } from '../exposure.js';
import { immunosuppressionReasons, prednisoneEquivalentPerDay } from '../immunosuppression.js';
import { escapeMarkdown } from '../markdown.js';
import type { Rule, RuleInput, RuleOutcome } from '../types.js';

export function isLiveVaccineOrder(order: RecognizedOrder): boolean {
  return (
    order.vaccines.some((v) => v.vaccine.live === 'live' || v.vaccine.live === 'live-oral') ||
    order.roles.has('live-bcg')
  );
}

/** Starting immunosuppression within weeks of a live vaccine (IDSA 2013: give live vaccines ≥ 4 weeks before). */
function afterRecentLiveVaccine(input: RuleInput): RuleOutcome | undefined {
  const { context, order, config } = input;
  const suppressive =
    order.roles.has('immunosuppressant') ||
    order.roles.has('anti-b-cell') ||
    order.roles.has('cytotoxic') ||
    (order.roles.has('systemic-glucocorticoid') &&
      (prednisoneEquivalentPerDay(order) ?? 0) >= config.thresholds.liveVaccine.glucocorticoidPrednisoneMgPerDay);
  if (!suppressive || !order.systemic) return undefined;
  const days = config.thresholds.liveVaccine.liveBeforeImmunosuppressionDays;
  const recent = context.immunizations.filter(
    (i) =>
      (i.vaccine?.live === 'live' || i.vaccine?.live === 'live-oral') &&
      i.dateMs !== undefined &&
      context.nowMs - i.dateMs < days * DAY_MS &&
      i.dateMs <= context.nowMs,
  );
  if (recent.length === 0) return undefined;
  const { t } = input;
  return {
    indicator: 'warning',
    summary: t.t('rule.liveVaccine.after.summary', { drug: drugName(order), days }),
    concerns: recent.map((i) =>
      t.t('rule.liveVaccine.after.concern', {
        drug: orderLabel(order),
        vaccine: escapeMarkdown(i.display),
        date: t.date(i.dateMs as number),
        days,
      }),
    ),
    basis: t.t('rule.liveVaccine.after.basis'),
    action: t.t('rule.liveVaccine.after.action'),
    evidence: [
      orderEvidence(order, context.nowMs, input.t),
      ...recent.map((i) => ({
        reference: i.reference,
        display: i.display,
        ...(i.dateMs ? { date: isoDay(i.dateMs) as string } : {}),
      })),
    ],
    sources: ['IDSA-2013'],
  };
}

/**
 * A live vaccine (or intravesical BCG) ordered while immunosuppressed: immunosuppressants,
 * chemotherapy window, immune mediators, anti-B-cell antibodies, CD4 below threshold,
 * immunocompromising conditions (CDSi, ACIP, IDSA). JYNNEOS (CVX 206) is not live.
 */
export const liveVaccineImmunocompromised: Rule = {
  id: 'live-vaccine-immunocompromised',
  evaluate(input): RuleOutcome | undefined {
    const { context, order } = input;
    if (!isLiveVaccineOrder(order)) return afterRecentLiveVaccine(input);
    const reasons = immunosuppressionReasons(input);
    const [first] = reasons;
    if (!first) return undefined;
    const { t } = input;
    const bcg = order.roles.has('live-bcg') && order.vaccines.length === 0;
    const name = bcg ? plainName(order) : (order.vaccines[0]?.vaccine.name ?? plainName(order));
    return {
      indicator: 'critical',
      summary: t.t('rule.liveVaccine.summary', {
        kind: bcg ? 'bcg' : 'vaccine',
        vaccine: name,
        reasons: reasons.map((r) => r.short).join('; '),
      }),
      concerns: [
        t.t('rule.liveVaccine.concern', { kind: bcg ? 'bcg' : 'vaccine', drug: orderLabel(order) }),
        ...reasons.map((r) => r.text),
      ],
      basis: t.t('rule.liveVaccine.basis'),
      // One tailored action: the timing for what makes the patient immunocompromised first.
      action: bcg ? t.t('rule.liveVaccine.action.bcg') : first.advice,
      evidence: [orderEvidence(order, context.nowMs, input.t), ...reasons.flatMap((r) => r.evidence)],
      sources: [...new Set([...reasons.map((r) => r.source), bcg ? 'TICE-BCG-LABEL' : 'S1', 'IDSA-2013'])],
      suggestions: [{ kind: 'remove-order', label: t.t('suggestion.remove', { drug: name }), order: order.reference }],
    };
  },
};
