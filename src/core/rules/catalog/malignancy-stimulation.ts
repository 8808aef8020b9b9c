import { drugName, indicationsOf, orderLabel, plainName } from '../agents.js';
import { activeConditions, conditionEvidence, orderEvidence } from '../exposure.js';
import { escapeMarkdown, listOf } from '../markdown.js';
import type { Rule, RuleOutcome } from '../types.js';

/**
 * An immunostimulant in active malignancy. G-CSF with a myeloid neoplasm is critical (label);
 * G-CSF after chemotherapy for a solid tumour is standard care and stays silent; other boosters
 * warn (expert opinion: stimulation may activate dormant neoplastic processes).
 */
export const malignancyStimulation: Rule = {
  id: 'malignancy-stimulation',
  evaluate(input): RuleOutcome | undefined {
    const { context, order, t } = input;
    if (!order.systemic || order.roles.has('oncology-immunotherapy')) return undefined;
    const csf = order.roles.has('csf');
    if (!csf) {
      if (!order.roles.has('booster')) return undefined;
      // Interferon alfa treats some malignancies: its indication is not a stimulation risk.
      if (indicationsOf(order, 'booster').some((i) => i.conditions?.includes('malignancy'))) return undefined;
    }
    const conditions = activeConditions(context, csf ? 'myeloid-neoplasm' : 'malignancy');
    if (conditions.length === 0) return undefined;
    const role = csf ? 'csf' : 'booster';
    const key = csf ? 'csf' : 'booster';
    const onset = conditions.find((c) => c.onsetMs !== undefined)?.onsetMs;
    return {
      indicator: csf ? 'critical' : 'warning',
      summary: t.t(`rule.malignancy.${key}.summary`, { drug: drugName(order, role) }),
      concerns: [
        t.t(`rule.malignancy.${key}.concern`, {
          drug: orderLabel(order, role),
          conditions: listOf(conditions.map((c) => c.display)),
          onset: onset === undefined ? 'none' : t.date(onset),
        }),
      ],
      basis: t.t(`rule.malignancy.${key}.basis`),
      opinion: !csf,
      action: t.t(`rule.malignancy.${key}.action`),
      evidence: [orderEvidence(order, context.nowMs, input.t), ...conditions.map(conditionEvidence)],
      sources: csf ? ['PEGFILGRASTIM-BIOSIMILAR-PI'] : ['POLICY-MALIGNANCY-BOOSTER'],
      suggestions: [
        {
          kind: 'remove-order',
          label: t.t('suggestion.remove', { drug: escapeMarkdown(plainName(order, role)) }),
          order: order.reference,
        },
      ],
    };
  },
};
