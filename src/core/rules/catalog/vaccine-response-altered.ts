import { DAY_MS } from '../../drugs/dosage.js';
import { orderLabel } from '../agents.js';
import { orderEvidence, ordersWithRole } from '../exposure.js';
import { immunosuppressionReasons } from '../immunosuppression.js';
import { escapeMarkdown } from '../markdown.js';
import type { Rule, RuleOutcome } from '../types.js';
import { isLiveVaccineOrder } from './live-vaccine-immunocompromised.js';

const SUPPRESSIVE = ['immunosuppressant', 'anti-b-cell', 'cytotoxic'] as const;

/**
 * A non-live vaccine ordered during immunosuppression, or within 2 weeks before it starts: the
 * response may be blunted (IDSA 2013 rec. 5). Information, not a contraindication.
 */
export const vaccineResponseAltered: Rule = {
  id: 'vaccine-response-altered',
  evaluate(input): RuleOutcome | undefined {
    const { context, order } = input;
    if (order.vaccines.length === 0 || isLiveVaccineOrder(order)) return undefined;
    const reasons = immunosuppressionReasons(input).filter((r) => !r.text.startsWith('active malignancy'));
    const soon = [...new Set(SUPPRESSIVE.flatMap((role) => ordersWithRole(input, role)))].filter(
      (o) =>
        o !== order &&
        o.course.startMs !== undefined &&
        o.course.startMs > context.nowMs &&
        o.course.startMs - context.nowMs < 14 * DAY_MS,
    );
    if (reasons.length === 0 && soon.length === 0) return undefined;
    const vaccine = order.vaccines[0]?.vaccine.name ?? order.display;
    const why = [`${orderLabel(order)} is a non-live vaccine; the immune response may be blunted because:`];
    why.push(
      [
        ...reasons.map((r) => `- ${r.text}`),
        ...soon.map((o) => `- immunosuppressive therapy starts within 14 days: ${escapeMarkdown(o.display)}`),
      ].join('\n'),
    );
    return {
      indicator: 'info',
      summary: `${vaccine}: response may be blunted by immunosuppression — time it or plan revaccination`,
      why,
      action:
        'Where possible give vaccines ≥ 2 weeks before starting immunosuppression; otherwise vaccinate and consider revaccination or serology after immune recovery.',
      evidence: [
        orderEvidence(order, context.nowMs),
        ...reasons.flatMap((r) => r.evidence),
        ...soon.map((o) => orderEvidence(o, context.nowMs)),
      ],
      sources: ['IDSA-2013'],
    };
  },
};
