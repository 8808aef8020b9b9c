import { drugName, inClass, orderLabel, plainName } from '../agents.js';
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
    const { context, order, t } = input;
    if (
      !order.systemic ||
      !order.roles.has('booster') ||
      order.roles.has('csf') ||
      order.roles.has('oncology-immunotherapy')
    ) {
      return undefined;
    }
    const autoimmune = activeConditions(context, 'autoimmune');
    const [first] = autoimmune;
    if (!first) return undefined;
    const interferon = order.roles.has('interferon-alfa') || inClass(order, ['local-interferon']);
    const echinacea = inClass(order, ['herbal-immunostimulant']);
    const basis = interferon ? 'interferon' : echinacea ? 'echinacea' : 'other';
    const onset = autoimmune.find((c) => c.onsetMs !== undefined)?.onsetMs;
    return {
      indicator: 'warning',
      summary: t.t('rule.autoimmune.summary', { drug: drugName(order, 'booster'), condition: first.display }),
      concerns: [
        t.t('rule.autoimmune.concern', {
          drug: orderLabel(order, 'booster'),
          conditions: listOf(autoimmune.map((c) => c.display)),
          onset: onset === undefined ? 'none' : t.date(onset),
        }),
      ],
      basis: t.t(`rule.autoimmune.basis.${basis}`),
      opinion: basis === 'other',
      action: t.t('rule.autoimmune.action'),
      evidence: [orderEvidence(order, context.nowMs, input.t), ...autoimmune.map(conditionEvidence)],
      sources: interferon ? ['DRUGS-COM-IFN-ALFA'] : echinacea ? ['COMMISSION-E-ECHINACEA'] : ['POLICY-AUTOIMMUNE'],
      suggestions: [
        {
          kind: 'remove-order',
          label: t.t('suggestion.remove', { drug: plainName(order, 'booster') }),
          order: order.reference,
        },
      ],
    };
  },
};
