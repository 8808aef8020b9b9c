import { inClass, orderLabel, plainName } from '../agents.js';
import { activeConditions, conditionEvidence, orderEvidence } from '../exposure.js';
import { listOf } from '../markdown.js';
import type { Rule, RuleOutcome } from '../types.js';

/**
 * An immunostimulant with an active autoimmune condition: interferon alfa (boxed warning),
 * echinacea (Commission E), other boosters (mechanism). G-CSF and oncology immunotherapies are
 * out of scope; interferon beta for MS is not a booster and never reaches this rule.
 */
export const autoimmuneFlare: Rule = {
  id: 'autoimmune-flare',
  evaluate(input): RuleOutcome | undefined {
    const { context, order } = input;
    if (
      !order.systemic ||
      !order.roles.has('booster') ||
      order.roles.has('csf') ||
      order.roles.has('oncology-immunotherapy')
    ) {
      return undefined;
    }
    const autoimmune = activeConditions(context, 'autoimmune');
    if (autoimmune.length === 0) return undefined;
    const interferon = order.roles.has('interferon-alfa') || inClass(order, ['local-interferon']);
    const echinacea = inClass(order, ['herbal-immunostimulant']);
    const name = plainName(order, 'booster');
    const conditions = listOf(autoimmune.map((c) => c.display));
    const why = interferon
      ? 'Interferon alfa carries a boxed warning: it may cause or aggravate fatal or life-threatening autoimmune disorders (thyroiditis, SLE-like disease, psoriasis, type 1 diabetes).'
      : echinacea
        ? 'Commission E advises against echinacea in autoimmune disease (theoretical immune stimulation); later reviews question the contraindication.'
        : 'Non-specific immune stimulation may provoke a flare; this is mechanism-based expert opinion.';
    return {
      indicator: 'warning',
      summary: `${name} with ${autoimmune[0]?.display ?? 'an autoimmune condition'}: immune stimulation may trigger a flare`,
      why: [`${orderLabel(order, 'booster')} is ordered for a patient with ${conditions}.`, why],
      action: 'Avoid, or agree it with the specialist who manages the autoimmune condition and monitor for a flare.',
      evidence: [orderEvidence(order, context.nowMs), ...autoimmune.map(conditionEvidence)],
      sources: interferon ? ['DRUGS-COM-IFN-ALFA'] : echinacea ? ['COMMISSION-E-ECHINACEA'] : ['IMMUNOSTEWARD-POLICY'],
      suggestions: [{ kind: 'remove-order', label: `Remove the ${name} order`, order: order.reference }],
    };
  },
};
