import type { RecognizedOrder } from '../../drugs/orders.js';
import { inClass, orderLabel, plainName } from '../agents.js';
import { exposures, isCurrent, orderEvidence, ordersWithRole } from '../exposure.js';
import type { Indicator } from '../ids.js';
import { boosterIndication } from '../indication.js';
import { listOf } from '../markdown.js';
import type { Rule, RuleOutcome } from '../types.js';

function isBooster(o: RecognizedOrder): boolean {
  return o.roles.has('booster') && !o.roles.has('csf') && !o.roles.has('oncology-immunotherapy');
}

function isSuppressive(o: RecognizedOrder): boolean {
  return o.roles.has('immunosuppressant') || o.roles.has('systemic-glucocorticoid');
}

/**
 * Immunostimulants given against an immunosuppressant that opposes them (echinacea: warning per
 * Commission E; other boosters: info, mechanism), or stacked on each other: two or more
 * non-indicated immunostimulants at once are the non-selective stimulation to avoid (warning);
 * a stack in which only one lacks an indication stays info.
 */
export const immunomodulatorConflict: Rule = {
  id: 'immunomodulator-conflict',
  evaluate(input): RuleOutcome | undefined {
    const { context, order } = input;
    if (!order.systemic) return undefined;
    if (isBooster(order)) {
      const suppressants = [...exposures(input, 'immunosuppressant'), ...exposures(input, 'systemic-glucocorticoid')];
      const stacked = exposures(input, 'booster').filter(isBooster);
      const name = plainName(order, 'booster');
      if (suppressants.length > 0) {
        const echinacea = inClass(order, ['herbal-immunostimulant']);
        const indicator: Indicator = echinacea ? 'warning' : 'info';
        return {
          indicator,
          summary: `${name} opposes current immunosuppression (${plainName(suppressants[0] as RecognizedOrder)}) — reconsider`,
          why: [
            `${orderLabel(order, 'booster')} stimulates the immune system that ${listOf(suppressants.map((o) => o.display))} is meant to suppress.`,
            echinacea
              ? 'Commission E advises against echinacea with immunosuppressive therapy.'
              : 'The two act in opposite directions; the stimulant is unlikely to help and may interfere (mechanism-based).',
          ],
          action: 'Stop the stimulant, or document why both are needed.',
          evidence: [orderEvidence(order, context.nowMs), ...suppressants.map((o) => orderEvidence(o, context.nowMs))],
          sources: echinacea ? ['COMMISSION-E-ECHINACEA'] : ['IMMUNOSTEWARD-POLICY'],
          suggestions: [{ kind: 'remove-order', label: `Remove the ${name} order`, order: order.reference }],
        };
      }
      if (stacked.length > 0) {
        const bare = boosterIndication(input).indicated
          ? []
          : stacked.filter((o) => !boosterIndication(input, o).indicated);
        const nonIndicated = bare.length > 0;
        return {
          indicator: nonIndicated ? 'warning' : 'info',
          summary: `${name} on top of ${stacked.length} other immunostimulant${stacked.length > 1 ? 's' : ''} (${plainName(stacked[0] as RecognizedOrder)})`,
          why: [
            `${orderLabel(order, 'booster')} would be taken together with ${listOf(stacked.map((o) => o.display))}.`,
            nonIndicated
              ? `Neither it nor ${listOf(bare.map((o) => o.display))} has a documented indication (a current deficit, an indicating condition or therapy): stacking non-selective immunostimulants risks overstimulation and autoimmune flares, without evidence of added benefit.`
              : 'Stacking immunostimulants adds exposure and cost without evidence of added benefit.',
          ],
          action: 'Keep one agent with a documented indication and a stop date.',
          evidence: [orderEvidence(order, context.nowMs), ...stacked.map((o) => orderEvidence(o, context.nowMs))],
          sources: ['IMMUNOSTEWARD-POLICY'],
          suggestions: [{ kind: 'remove-order', label: `Remove the ${name} order`, order: order.reference }],
        };
      }
      return undefined;
    }
    if (isSuppressive(order)) {
      const boosters = ordersWithRole(input, 'booster').filter(
        (o) => o !== order && o.systemic && isBooster(o) && isCurrent(o, context.nowMs),
      );
      if (boosters.length === 0) return undefined;
      return {
        indicator: 'info',
        summary: `${plainName(order)} while on immunostimulant ${plainName(boosters[0] as RecognizedOrder)} — stop the stimulant?`,
        why: [
          `${orderLabel(order)} suppresses the immune system that ${listOf(boosters.map((o) => o.display))} is meant to stimulate.`,
        ],
        action: 'Review whether the immunostimulant is still needed.',
        evidence: [orderEvidence(order, context.nowMs), ...boosters.map((o) => orderEvidence(o, context.nowMs))],
        sources: ['IMMUNOSTEWARD-POLICY'],
      };
    }
    return undefined;
  },
};
