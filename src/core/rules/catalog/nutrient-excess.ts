import { convertAmount } from '../../drugs/dosage.js';
import type { RecognizedOrder } from '../../drugs/orders.js';
import type { DoseLimit } from '../../drugs/types.js';
import { matchesWithRole, orderLabel, plainName } from '../agents.js';
import {
  currentSeries,
  isCurrent,
  measurementEvidence,
  orderEvidence,
  ordersInClasses,
  valueText,
} from '../exposure.js';
import type { Indicator } from '../ids.js';
import { escapeMarkdown } from '../markdown.js';
import type { Rule, RuleInput, RuleOutcome } from '../types.js';

/** IOM 2011: the vitamin D UL of 4,000 IU is 100 µg, i.e. 40 IU per µg. */
const VITAMIN_D_IU_PER_UG = 40;

/** The marker whose level says the nutrient is already high, by class id. */
const LEVEL_MARKER: Record<string, string> = { 'vitamin-d': 'vitamin-d', selenium: 'selenium', zinc: 'zinc' };

function toLimitUnit(order: RecognizedOrder, limit: DoseLimit, classId: string): number | undefined {
  if (!order.dose) return undefined;
  const direct = convertAmount(order.dose.value, order.dose.unit, limit.unit);
  if (direct !== undefined) return direct;
  if (classId === 'vitamin-d' && limit.unit === '[IU]') {
    const ug = convertAmount(order.dose.value, order.dose.unit, 'ug');
    return ug === undefined ? undefined : ug * VITAMIN_D_IU_PER_UG;
  }
  return undefined;
}

function sameClassCurrent(input: RuleInput, classId: string): RecognizedOrder[] {
  return ordersInClasses(input, [classId]).filter(
    (o) => o !== input.order && o.systemic && isCurrent(o, input.context.nowMs),
  );
}

/**
 * Vitamin D, zinc, selenium or omega-3 dosed above the upper limit (all current orders of the
 * nutrient added up), or given while the level is already high. A vitamin D dose above the UL
 * during a documented deficiency-treatment course (current 25(OH)D below range) is not flagged.
 */
export const nutrientExcess: Rule = {
  id: 'nutrient-excess',
  evaluate(input): RuleOutcome | undefined {
    const { context, order } = input;
    if (!order.systemic || !order.roles.has('nutrient')) return undefined;
    const match = matchesWithRole(order, 'nutrient')[0];
    if (!match) return undefined;
    const classId = match.drugClass.id;
    const name = plainName(order, 'nutrient');
    const why: string[] = [];
    const sources: string[] = [];
    const evidence = [orderEvidence(order, context.nowMs)];
    let indicator: Indicator | undefined;
    let summary = '';
    const levelMarker = LEVEL_MARKER[classId];
    const level = levelMarker ? currentSeries(context, levelMarker) : undefined;
    if (level?.latest.excess) {
      indicator = 'warning';
      summary = `${name} ordered while ${valueText(level)} is already above ${level.latest.excess.value} ${level.latest.unit}`;
      why.push(
        `${orderLabel(order, 'nutrient')} is ordered although the level is already high: ${valueText(level)} (above ${level.latest.excess.value} ${level.latest.unit}).`,
      );
      sources.push(level.latest.excess.source);
      evidence.push(measurementEvidence(level));
    }
    const limit =
      match.agent?.doseLimit ?? matchesWithRole(order, 'nutrient').find((m) => m.agent?.doseLimit)?.agent?.doseLimit;
    const own = limit ? toLimitUnit(order, limit, classId) : undefined;
    const deficient =
      classId === 'vitamin-d' &&
      level !== undefined &&
      (level.latest.interpretation === 'low' || level.latest.deficit !== undefined);
    if (limit && own !== undefined && !deficient) {
      const others = sameClassCurrent(input, classId)
        .map((o) => ({ o, dose: toLimitUnit(o, limit, classId) }))
        .filter((x): x is { o: RecognizedOrder; dose: number } => x.dose !== undefined);
      const total = Math.round((own + others.reduce((sum, x) => sum + x.dose, 0)) * 100) / 100;
      if (total > limit.perDay) {
        const limitIndicator: Indicator = classId === 'omega-3' ? 'info' : 'warning';
        if (!indicator) {
          indicator = limitIndicator;
          summary = `${name}: ${total} ${limit.unit.replace(/[[\]]/g, '')}/day exceeds the ${limit.perDay} ${limit.unit.replace(/[[\]]/g, '')}/day limit`;
        }
        why.push(
          `${orderLabel(order, 'nutrient')} gives ${own} ${escapeMarkdown(limit.unit)}/day (${escapeMarkdown(order.dose?.basis ?? '')})${
            others.length > 0
              ? `; with ${others.map((x) => `${escapeMarkdown(x.o.display)} (${x.dose} ${escapeMarkdown(limit.unit)}/day)`).join(', ')} the total is ${total}`
              : ''
          } — above ${limit.perDay} ${escapeMarkdown(limit.unit)}/day${limit.note ? ` (${escapeMarkdown(limit.note)})` : ''}${limit.verified ? '' : '; this limit is only partially verified'}.`,
        );
        sources.push(limit.source);
        evidence.push(...others.map((x) => orderEvidence(x.o, context.nowMs)));
      }
    }
    if (!indicator) return undefined;
    if (level && !level.latest.excess) evidence.push(measurementEvidence(level));
    return {
      indicator,
      summary,
      why,
      action:
        classId === 'vitamin-d'
          ? 'Reduce the dose (above 4,000 IU/day only as a time-limited deficiency treatment) and check calcium and 25(OH)D.'
          : classId === 'zinc'
            ? 'Reduce the dose and duration; check copper if prolonged (high zinc causes copper deficiency, anaemia, neutropenia).'
            : 'Reduce the dose to the limit, or document why a higher dose is needed under supervision.',
      evidence,
      sources,
      suggestions: [{ kind: 'remove-order', label: `Remove the ${name} order`, order: order.reference }],
    };
  },
};
