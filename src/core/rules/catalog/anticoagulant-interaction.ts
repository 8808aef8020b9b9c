import type { RecognizedOrder } from '../../drugs/orders.js';
import { drugName, inClass, orderLabel, plainName } from '../agents.js';
import {
  exposures,
  isCurrent,
  measurementEvidence,
  orderEvidence,
  ordersInClasses,
  resultText,
  seriesOf,
} from '../exposure.js';
import type { Indicator } from '../ids.js';
import { listOf } from '../markdown.js';
import type { EvidenceRef, Rule, RuleInput, RuleOutcome } from '../types.js';

interface Pair {
  /** The immunomodulator side of the pair, recognised by class id. */
  classes: string[];
  /** The antithrombotic side, by role. */
  partner: 'vitamin-k-antagonist' | 'anticoagulant' | 'antithrombotic';
  indicator: Indicator;
  /** The catalog's words for this pair (`rule.anticoagulant.basis.<key>`, `…action.<key>`). */
  key: 'levamisole' | 'omega3' | 'interferon';
  source: string;
}

/** Clinical reference §3: L1 levamisole, N1 omega-3, I2 interferon alfa. */
const PAIRS: Pair[] = [
  {
    classes: ['levamisole'],
    partner: 'vitamin-k-antagonist',
    indicator: 'warning',
    key: 'levamisole',
    source: 'ERGAMISOL-PI',
  },
  {
    classes: ['omega-3'],
    partner: 'antithrombotic',
    indicator: 'info',
    key: 'omega3',
    source: 'AHA-OMEGA3',
  },
  {
    classes: ['interferon-alfa', 'local-interferon'],
    partner: 'vitamin-k-antagonist',
    indicator: 'info',
    key: 'interferon',
    source: 'GUPTA-2011',
  },
];

function partners(input: RuleInput, pair: Pair): RecognizedOrder[] {
  if (pair.partner === 'antithrombotic') {
    return [...exposures(input, 'anticoagulant'), ...exposures(input, 'antiplatelet')];
  }
  return exposures(input, pair.partner);
}

function isPartner(order: RecognizedOrder, pair: Pair): boolean {
  if (pair.partner === 'antithrombotic') return order.roles.has('anticoagulant') || order.roles.has('antiplatelet');
  return order.roles.has(pair.partner);
}

/**
 * An immunomodulator or supplement that raises INR or bleeding risk meets an anticoagulant or
 * antiplatelet — either side may be the new order.
 */
export const anticoagulantInteraction: Rule = {
  id: 'anticoagulant-interaction',
  evaluate(input): RuleOutcome | undefined {
    const { context, order } = input;
    if (!order.systemic) return undefined;
    for (const pair of PAIRS) {
      let modulator: RecognizedOrder | undefined;
      let others: RecognizedOrder[] = [];
      if (inClass(order, pair.classes)) {
        modulator = order;
        others = partners(input, pair);
      } else if (isPartner(order, pair)) {
        others = ordersInClasses(input, pair.classes).filter(
          (o) => o !== order && o.systemic && inClass(o, pair.classes) && isCurrent(o, context.nowMs),
        );
        modulator = others[0];
        if (modulator) others = [order];
      }
      if (!modulator || others.length === 0) continue;
      const inr = seriesOf(context, 'inr');
      const evidence: EvidenceRef[] = [
        orderEvidence(order, context.nowMs, input.t),
        ...others.filter((o) => o !== order).map((o) => orderEvidence(o, context.nowMs, input.t)),
      ];
      if (modulator !== order) evidence.push(orderEvidence(modulator, context.nowMs, input.t));
      if (inr) evidence.push(measurementEvidence(inr, input.t));
      const { t } = input;
      const concerns = [
        t.t('rule.anticoagulant.concern', {
          drug: orderLabel(modulator),
          partners: listOf(others.map((o) => o.display)),
        }),
        inr ? t.t('rule.anticoagulant.inr', { result: resultText(t, inr) }) : t.t('rule.anticoagulant.noInr'),
      ];
      return {
        indicator: pair.indicator,
        summary: t.t('rule.anticoagulant.summary', {
          drug: drugName(modulator),
          partner: plainName(others[0] as RecognizedOrder),
          effect: pair.indicator === 'warning' ? 'inr' : 'bleeding',
        }),
        concerns,
        basis: t.t(`rule.anticoagulant.basis.${pair.key}`),
        action: t.t(`rule.anticoagulant.action.${pair.key}`),
        evidence,
        sources: [pair.source],
      };
    }
    return undefined;
  },
};
