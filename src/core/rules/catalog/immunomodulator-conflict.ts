import type { RecognizedOrder } from '../../drugs/orders.js';
import { drugName, inClass, orderLabel, plainName } from '../agents.js';
import { courseOf } from '../course-model.js';
import { courseText, exposures, isCurrent, orderEvidence, ordersWithRole } from '../exposure.js';
import type { Indicator } from '../ids.js';
import { boosterIndication } from '../indication.js';
import { escapeMarkdown, listOf } from '../markdown.js';
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
    const { context, order, t } = input;
    if (!order.systemic) return undefined;
    const others = (list: readonly RecognizedOrder[]) =>
      list.map((o) =>
        t.t('rule.conflict.other', { drug: escapeMarkdown(o.display), course: courseText(t, o, context.nowMs) }),
      );
    if (isBooster(order)) {
      const suppressants = [...exposures(input, 'immunosuppressant'), ...exposures(input, 'systemic-glucocorticoid')];
      // The orders a renewal or refill continues are the same course, not a second booster.
      const ownCourse = new Set(courseOf(input)?.orders ?? []);
      const stacked = exposures(input, 'booster').filter((o) => isBooster(o) && !ownCourse.has(o));
      const name = plainName(order, 'booster');
      const remove = {
        kind: 'remove-order' as const,
        label: t.t('suggestion.remove', { drug: name }),
        order: order.reference,
      };
      const [suppressant] = suppressants;
      if (suppressant) {
        const echinacea = inClass(order, ['herbal-immunostimulant']);
        const indicator: Indicator = echinacea ? 'warning' : 'info';
        return {
          indicator,
          summary: t.t('rule.conflict.opposed.summary', {
            drug: drugName(order, 'booster'),
            suppressant: plainName(suppressant),
          }),
          concerns: [
            t.t('rule.conflict.opposed.concern', { drug: orderLabel(order, 'booster') }),
            ...others(suppressants),
          ],
          basis: t.t(echinacea ? 'rule.conflict.opposed.basis.echinacea' : 'rule.conflict.opposed.basis.other'),
          opinion: !echinacea,
          action: t.t('rule.conflict.opposed.action'),
          evidence: [
            orderEvidence(order, context.nowMs, input.t),
            ...suppressants.map((o) => orderEvidence(o, context.nowMs, input.t)),
          ],
          sources: echinacea ? ['COMMISSION-E-ECHINACEA'] : ['POLICY-OPPOSING'],
          suggestions: [remove],
        };
      }
      const [other] = stacked;
      if (other) {
        const bare = boosterIndication(input).indicated
          ? []
          : stacked.filter((o) => !boosterIndication(input, o).indicated);
        const nonIndicated = bare.length > 0;
        return {
          indicator: nonIndicated ? 'warning' : 'info',
          summary: t.t('rule.conflict.stacked.summary', {
            drug: drugName(order, 'booster'),
            count: stacked.length,
            other: plainName(other),
          }),
          concerns: [t.t('rule.conflict.stacked.concern', { drug: orderLabel(order, 'booster') }), ...others(stacked)],
          basis: t.t(nonIndicated ? 'rule.conflict.stacked.basis.bare' : 'rule.conflict.stacked.basis.indicated', {
            bare: listOf(bare.map((o) => o.display)),
          }),
          opinion: true,
          action: t.t('rule.conflict.stacked.action'),
          evidence: [
            orderEvidence(order, context.nowMs, input.t),
            ...stacked.map((o) => orderEvidence(o, context.nowMs, input.t)),
          ],
          sources: ['POLICY-NO-STACKING'],
          suggestions: [remove],
        };
      }
      return undefined;
    }
    if (isSuppressive(order)) {
      const boosters = ordersWithRole(input, 'booster').filter(
        (o) => o !== order && o.systemic && isBooster(o) && isCurrent(o, context.nowMs),
      );
      const [booster] = boosters;
      if (!booster) return undefined;
      return {
        indicator: 'info',
        summary: t.t('rule.conflict.suppressant.summary', { drug: drugName(order), booster: plainName(booster) }),
        concerns: [t.t('rule.conflict.suppressant.concern', { drug: orderLabel(order) }), ...others(boosters)],
        basis: t.t('rule.conflict.opposed.basis.other'),
        opinion: true,
        action: t.t('rule.conflict.suppressant.action'),
        evidence: [
          orderEvidence(order, context.nowMs, input.t),
          ...boosters.map((o) => orderEvidence(o, context.nowMs, input.t)),
        ],
        sources: ['POLICY-OPPOSING'],
      };
    }
    return undefined;
  },
};
