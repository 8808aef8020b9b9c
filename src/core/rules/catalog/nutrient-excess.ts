import { formatQuantity, formatThreshold } from '../../biomarkers/display.js';
import { dailyAmountIn } from '../../drugs/dosage.js';
import type { RecognizedOrder } from '../../drugs/orders.js';
import type { DoseLimit } from '../../drugs/types.js';
import { markerShort } from '../../messages/names.js';
import type { Translator } from '../../messages/translator.js';
import { drugName, matchesWithRole, orderLabel, plainName } from '../agents.js';
import { NUTRIENT_LEVEL_MARKER } from '../deficits.js';
import {
  currentSeries,
  isCurrent,
  measurementEvidence,
  orderEvidence,
  ordersInClasses,
  resultText,
} from '../exposure.js';
import type { Indicator } from '../ids.js';
import { escapeMarkdown } from '../markdown.js';
import type { Rule, RuleInput, RuleOutcome } from '../types.js';

function toLimitUnit(order: RecognizedOrder, limit: DoseLimit, classId: string): number | undefined {
  return dailyAmountIn(order.dose, limit.unit, classId);
}

/** Dose fraction digits by unit: whole IU and µg, tenths of mg and g. */
const DOSE_DECIMALS: Record<string, number> = { '[IU]': 0, ug: 0, mg: 1, g: 1 };

/** "10,000 IU", "40 mg". */
function amount(t: Translator, value: number, unit: string): string {
  return `${t.number(value, DOSE_DECIMALS[unit] ?? 2)} ${t.unit(unit)}`;
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
    const { t } = input;
    const classId = match.drugClass.id;
    const drug = drugName(order, 'nutrient');
    const label = orderLabel(order, 'nutrient');
    const concerns: string[] = [];
    const sources: string[] = [];
    const evidence = [orderEvidence(order, context.nowMs, input.t)];
    let indicator: Indicator | undefined;
    let summary = '';
    const levelMarker = NUTRIENT_LEVEL_MARKER[classId];
    const level = levelMarker ? currentSeries(context, levelMarker) : undefined;
    if (level?.latest.excess) {
      indicator = 'warning';
      summary = t.t('rule.nutrient.level.summary', {
        drug,
        marker: markerShort(t, level.biomarker),
        value: formatQuantity(t, level.latest, level.biomarker),
        threshold: formatThreshold(t, level.latest.excess.value, level.biomarker, level.latest),
      });
      concerns.push(
        t.t('rule.nutrient.level.concern', {
          drug: label,
          result: resultText(t, level),
          threshold: formatThreshold(t, level.latest.excess.value, level.biomarker, level.latest),
        }),
      );
      sources.push(level.latest.excess.source);
      evidence.push(measurementEvidence(level, t));
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
        // The limit's note in the reader's language; the knowledge base keeps its own for `explain`.
        const noteKey = `rule.nutrient.limitNote.${classId}`;
        const limitText = amount(t, limit.perDay, limit.unit);
        const totalText = amount(t, total, limit.unit);
        if (!indicator) {
          indicator = classId === 'omega-3' ? 'info' : 'warning';
          summary = t.t('rule.nutrient.dose.summary', { drug, total: totalText, limit: limitText });
        }
        concerns.push(
          t.t('rule.nutrient.dose.concern', {
            drug: label,
            dose: amount(t, own, limit.unit),
            limitNote: noteKey && t.has(noteKey) ? t.t(noteKey) : 'none',
          }),
          others.length > 0
            ? t.t('rule.nutrient.dose.total', {
                others: t.list(others.map((x) => `${escapeMarkdown(x.o.display)} (${amount(t, x.dose, limit.unit)})`)),
                total: totalText,
                limit: limitText,
              })
            : t.t('rule.nutrient.dose.over', { limit: limitText }),
        );
        if (!limit.verified) concerns.push(t.t('rule.nutrient.dose.unverified'));
        sources.push(limit.source);
        evidence.push(...others.map((x) => orderEvidence(x.o, context.nowMs, input.t)));
      }
    }
    if (!indicator) return undefined;
    if (level && !level.latest.excess) evidence.push(measurementEvidence(level, t));
    const advice = classId === 'vitamin-d' || classId === 'zinc' ? classId : 'other';
    return {
      indicator,
      summary,
      concerns,
      action: t.t(`rule.nutrient.action.${advice}`),
      evidence,
      sources,
      suggestions: [
        {
          kind: 'remove-order',
          label: t.t('suggestion.remove', { drug: plainName(order, 'nutrient') }),
          order: order.reference,
        },
      ],
    };
  },
};
