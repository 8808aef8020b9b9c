import { DAY_MS } from '../../drugs/dosage.js';
import type { RecognizedOrder } from '../../drugs/orders.js';
import { orderLabel, plainName } from '../agents.js';
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
  const given = recent.map((i) => `${escapeMarkdown(i.display)} on ${isoDay(i.dateMs)}`).join(', ');
  return {
    indicator: 'warning',
    summary: `${plainName(order)} starts < ${days} days after a live vaccine — consider deferring`,
    why: [
      `${orderLabel(order)} would start immunosuppression less than ${days} days after a live vaccine (${given}). Live vaccines should be given at least 4 weeks before immunosuppression.`,
    ],
    action: 'Defer the start if clinically possible, or monitor for vaccine-strain infection.',
    evidence: [
      orderEvidence(order, context.nowMs),
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
    if (reasons.length === 0) return undefined;
    const bcg = order.roles.has('live-bcg') && order.vaccines.length === 0;
    const name = bcg ? plainName(order) : (order.vaccines[0]?.vaccine.name ?? plainName(order));
    return {
      indicator: 'critical',
      summary: `Live ${bcg ? 'BCG' : 'vaccine'} ${name} contraindicated: ${reasons.map((r) => r.short).join('; ')}`,
      why: [
        `${orderLabel(order)} is ${bcg ? 'a live bacterial product (intravesical BCG)' : 'a live vaccine'}, and the patient is immunocompromised:`,
        reasons.map((r) => `- ${r.text}`).join('\n'),
        'A live attenuated organism can replicate and cause disease in an immunocompromised host.',
      ],
      action: bcg
        ? 'Do not give intravesical BCG while immunosuppressed; discuss with urology.'
        : 'Defer the live vaccine until the window has passed (≥ 3 months after chemotherapy, ≥ 1 month after immune mediators, ≥ 6 months after anti-B-cell antibodies), or use a non-live alternative if one exists.',
      evidence: [orderEvidence(order, context.nowMs), ...reasons.flatMap((r) => r.evidence)],
      sources: [...new Set([...reasons.map((r) => r.source), bcg ? 'TICE-BCG-LABEL' : 'S1', 'IDSA-2013'])],
      suggestions: [{ kind: 'remove-order', label: `Remove the ${name} order`, order: order.reference }],
    };
  },
};
