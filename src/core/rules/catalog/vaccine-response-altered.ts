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
    const reasons = immunosuppressionReasons(input).filter((r) => r.kind !== 'malignancy');
    const soon = [...new Set(SUPPRESSIVE.flatMap((role) => ordersWithRole(input, role)))].filter(
      (o) =>
        o !== order &&
        o.course.startMs !== undefined &&
        o.course.startMs > context.nowMs &&
        o.course.startMs - context.nowMs < 14 * DAY_MS,
    );
    if (reasons.length === 0 && soon.length === 0) return undefined;
    const { t } = input;
    const vaccine = order.vaccines[0]?.vaccine.name ?? order.display;
    return {
      indicator: 'info',
      summary: t.t('rule.vaccineResponse.summary', { vaccine }),
      concerns: [
        t.t('rule.vaccineResponse.concern', { drug: orderLabel(order) }),
        ...reasons.map((r) => r.text),
        ...soon.map((o) =>
          t.t('rule.vaccineResponse.soon', {
            drug: escapeMarkdown(o.display),
            date: t.date(o.course.startMs as number),
          }),
        ),
      ],
      basis: t.t('rule.vaccineResponse.basis'),
      action: t.t('rule.vaccineResponse.action'),
      evidence: [
        orderEvidence(order, context.nowMs, input.t),
        ...reasons.flatMap((r) => r.evidence),
        ...soon.map((o) => orderEvidence(o, context.nowMs, input.t)),
      ],
      sources: ['IDSA-2013'],
    };
  },
};
