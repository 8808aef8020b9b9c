import { DAY_MS } from '../../drugs/dosage.js';
import type { DrugClass } from '../../drugs/types.js';
import { matchesWithRole, orderLabel, plainName } from '../agents.js';
import { isoDay, orderEvidence } from '../exposure.js';
import type { Indicator } from '../ids.js';
import type { Rule, RuleOutcome, Suggestion } from '../types.js';

/**
 * Time-bound immunocorrection: an immunostimulant or supplement order with no end (no duration,
 * end date, count or supply), longer than its class's maximum, or the latest of repeated courses.
 */
export const courseUnbounded: Rule = {
  id: 'course-unbounded',
  evaluate(input): RuleOutcome | undefined {
    const { context, order, config } = input;
    const booster = order.roles.has('booster') && !order.roles.has('oncology-immunotherapy');
    if (!booster && !order.roles.has('nutrient')) return undefined;
    const role = booster ? 'booster' : 'nutrient';
    const match = matchesWithRole(order, role)[0];
    if (!match) return undefined;
    const cls: DrugClass = match.drugClass;
    const sourced = match.agent?.maxCourseDays ?? cls.maxCourseDays;
    const configured = config.thresholds.courses.maxDays[cls.id];
    const maxDays = configured ?? sourced?.days;
    const name = plainName(order, role);
    const why: string[] = [];
    const sources = ['IMMUNOSTEWARD-POLICY'];
    let indicator: Indicator = 'info';
    let summary = '';
    const suggestions: Suggestion[] = [];
    const course = order.course;
    if (!course.bounded) {
      indicator = booster ? 'warning' : 'info';
      summary = `${name}: no end date, duration or quantity — add a stop or review date`;
      why.push(
        `${orderLabel(order, role)} has no end: no \`boundsDuration\`, \`boundsPeriod.end\`, \`repeat.count\` or \`expectedSupplyDuration\`. Immunocorrection should be time-bound.`,
      );
    } else if (maxDays !== undefined && course.plannedDays !== undefined && course.plannedDays > maxDays) {
      indicator = 'warning';
      summary = `${name}: ${course.plannedDays}-day course exceeds the ${maxDays}-day maximum for ${cls.display.toLowerCase()}`;
      why.push(
        `${orderLabel(order, role)} is planned for ${course.plannedDays} days (${course.basis ?? 'as ordered'}); the maximum course for this class is ${maxDays} days${configured !== undefined ? ' (site configuration)' : ''}.`,
      );
      if (configured === undefined && sourced) sources.push(sourced.source);
    }
    const windowMs = config.thresholds.courses.repeatWindowDays * DAY_MS;
    const earlier = (context.historyIndex.byClass.get(cls.id) ?? []).filter(
      (o) =>
        o !== order && (o.course.startMs ?? o.authoredOnMs ?? Number.NEGATIVE_INFINITY) >= context.nowMs - windowMs,
    );
    if (earlier.length >= config.thresholds.courses.repeatCount) {
      if (booster) indicator = 'warning';
      const ordinal = earlier.length + 1;
      if (!summary) {
        summary = `${name}: course ${ordinal} of ${cls.display.toLowerCase()} in ${config.thresholds.courses.repeatWindowDays} days — review benefit`;
      }
      why.push(
        `This would be course ${ordinal} of ${cls.display.toLowerCase()} within ${config.thresholds.courses.repeatWindowDays} days (earlier: ${earlier
          .map((o) => isoDay(o.course.startMs ?? o.authoredOnMs) ?? 'undated')
          .join(', ')}). Repeated courses without documented benefit prolong exposure.`,
      );
    }
    if (why.length === 0) return undefined;
    if (!course.bounded || (maxDays !== undefined && (course.plannedDays ?? 0) > maxDays)) {
      const days = maxDays ?? config.thresholds.courses.suggestedDays;
      suggestions.push({
        kind: 'add-stop-date',
        label: `Limit the course to ${days} days`,
        order: order.reference,
        days,
      });
    }
    if (earlier.length >= config.thresholds.courses.repeatCount) {
      suggestions.push({ kind: 'remove-order', label: `Remove the ${name} order`, order: order.reference });
    }
    return {
      indicator,
      summary,
      why,
      action:
        maxDays !== undefined
          ? `Set an end (at most ${maxDays} days) and a date to review the effect.`
          : 'Set an end or a review date, and reassess the indication at review.',
      evidence: [orderEvidence(order, context.nowMs), ...earlier.map((o) => orderEvidence(o, context.nowMs))],
      sources,
      suggestions,
    };
  },
};
