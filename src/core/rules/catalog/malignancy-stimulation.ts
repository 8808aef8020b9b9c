import { indicationsOf, orderLabel, plainName } from '../agents.js';
import { activeConditions, conditionEvidence, orderEvidence } from '../exposure.js';
import { listOf } from '../markdown.js';
import type { Rule, RuleOutcome } from '../types.js';

/**
 * An immunostimulant in active malignancy. G-CSF with a myeloid neoplasm is critical (label);
 * G-CSF after chemotherapy for a solid tumour is standard care and stays silent; other boosters
 * warn (product policy: stimulation may activate dormant neoplastic processes).
 */
export const malignancyStimulation: Rule = {
  id: 'malignancy-stimulation',
  evaluate(input): RuleOutcome | undefined {
    const { context, order } = input;
    if (!order.systemic || order.roles.has('oncology-immunotherapy')) return undefined;
    if (order.roles.has('csf')) {
      const myeloid = activeConditions(context, 'myeloid-neoplasm');
      if (myeloid.length === 0) return undefined;
      const name = plainName(order, 'csf');
      return {
        indicator: 'critical',
        summary: `${name} in a myeloid neoplasm (${myeloid[0]?.display ?? 'myeloid'}) — G-CSF may stimulate tumour growth`,
        why: [
          `${orderLabel(order, 'csf')} is a granulocyte colony-stimulating factor; the patient has ${listOf(myeloid.map((c) => c.display))}.`,
          'The label says not to use it in myelodysplastic syndrome, chronic myeloid leukaemia or secondary AML: myeloid tumour cells carry the G-CSF receptor.',
        ],
        action: 'Do not use G-CSF outside its labelled indications in myeloid neoplasms; discuss with haematology.',
        evidence: [orderEvidence(order, context.nowMs), ...myeloid.map(conditionEvidence)],
        sources: ['PEGFILGRASTIM-BIOSIMILAR-PI'],
        suggestions: [{ kind: 'remove-order', label: `Remove the ${name} order`, order: order.reference }],
      };
    }
    if (!order.roles.has('booster')) return undefined;
    // Interferon alfa treats some malignancies: its indication is not a stimulation risk.
    if (indicationsOf(order, 'booster').some((i) => i.conditions?.includes('malignancy'))) return undefined;
    const malignancies = activeConditions(context, 'malignancy');
    if (malignancies.length === 0) return undefined;
    const name = plainName(order, 'booster');
    return {
      indicator: 'warning',
      summary: `${name} in active malignancy — immune stimulation may act on the tumour; ask oncology`,
      why: [
        `${orderLabel(order, 'booster')} is a non-specific immunostimulant; the patient has active ${listOf(malignancies.map((c) => c.display))}.`,
        'Non-specific immune stimulation may activate dormant neoplastic processes; the evidence of benefit for these agents is weak.',
      ],
      action: 'Avoid non-indicated immunostimulants in active malignancy; discuss with the oncologist.',
      evidence: [orderEvidence(order, context.nowMs), ...malignancies.map(conditionEvidence)],
      sources: ['IMMUNOSTEWARD-POLICY'],
      suggestions: [{ kind: 'remove-order', label: `Remove the ${name} order`, order: order.reference }],
    };
  },
};
