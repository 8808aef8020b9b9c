import { DAY_MS } from '../../drugs/dosage.js';
import type { DrugClass } from '../../drugs/types.js';
import { matchesWithRole, orderLabel, plainName } from '../agents.js';
import { type TreatmentCourse, treatmentCourses } from '../courses.js';
import { isoDay, orderEvidence } from '../exposure.js';
import type { Indicator } from '../ids.js';
import { anthelminticUse } from '../indication.js';
import { listOf } from '../markdown.js';
import type { Rule, RuleOutcome, Suggestion } from '../types.js';

/**
 * Time-bound immunocorrection: an immunostimulant or supplement order with no end (no duration,
 * end date, count or supply), a course longer than its class's maximum, or the latest of
 * repeated courses. A refill continues its course (courses.ts): its length adds to the course's,
 * and it is not a new course.
 */
export const courseUnbounded: Rule = {
  id: 'course-unbounded',
  evaluate(input): RuleOutcome | undefined {
    const { context, order, config } = input;
    const booster = order.roles.has('booster') && !order.roles.has('oncology-immunotherapy');
    if (!booster && !order.roles.has('nutrient')) return undefined;
    if (anthelminticUse(input)) return undefined;
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
    const { courses: c } = config.thresholds;
    const all = treatmentCourses(
      [...(context.historyIndex.byClass.get(cls.id) ?? []), order],
      role,
      c.continuationGapDays,
    );
    const own = all.find((x) => x.orders.includes(order)) as TreatmentCourse;
    const continued = own.orders.filter((o) => o !== order);
    const courseDays = own.plannedDays;
    if (!course.bounded) {
      indicator = booster ? 'warning' : 'info';
      summary = `${name}: no end date, duration or quantity — add a stop or review date`;
      why.push(
        `${orderLabel(order, role)} has no end: no \`boundsDuration\`, \`boundsPeriod.end\`, \`repeat.count\` or \`expectedSupplyDuration\`. Immunocorrection should be time-bound.`,
      );
    } else if (maxDays !== undefined && courseDays !== undefined && courseDays > maxDays) {
      indicator = 'warning';
      summary = `${name}: ${courseDays}-day course${continued.length > 0 ? ' with its earlier orders' : ''} exceeds the ${maxDays}-day maximum for ${cls.display.toLowerCase()}`;
      why.push(
        continued.length > 0
          ? `${orderLabel(order, role)} (${course.plannedDays} days) continues ${listOf(continued.map((o) => o.display))} as a refill or renewal: one course of ${courseDays} days in all; the maximum course for this class is ${maxDays} days${configured !== undefined ? ' (site configuration)' : ''}.`
          : `${orderLabel(order, role)} is planned for ${courseDays} days (${course.basis ?? 'as ordered'}); the maximum course for this class is ${maxDays} days${configured !== undefined ? ' (site configuration)' : ''}.`,
      );
      if (configured === undefined && sourced) sources.push(sourced.source);
    }
    const windowMs = c.repeatWindowDays * DAY_MS;
    const earlier = all.filter(
      (x) =>
        x !== own &&
        x.orders.some(
          (o) => (o.course.startMs ?? o.authoredOnMs ?? Number.NEGATIVE_INFINITY) >= context.nowMs - windowMs,
        ),
    );
    if (earlier.length >= c.repeatCount) {
      if (booster) indicator = 'warning';
      const ordinal = earlier.length + 1;
      if (!summary) {
        summary = `${name}: course ${ordinal} of ${cls.display.toLowerCase()} in ${c.repeatWindowDays} days — review benefit`;
      }
      why.push(
        `This would be course ${ordinal} of ${cls.display.toLowerCase()} within ${c.repeatWindowDays} days (earlier: ${earlier
          .map((x) => isoDay(x.orders[0]?.course.startMs ?? x.orders[0]?.authoredOnMs) ?? 'undated')
          .join(', ')}). Repeated courses without documented benefit prolong exposure.`,
      );
    }
    if (why.length === 0) return undefined;
    const tooLong = course.bounded && maxDays !== undefined && (courseDays ?? 0) > maxDays;
    // What is left of the maximum once the orders this one continues are counted.
    const left = maxDays === undefined ? undefined : maxDays - ((courseDays ?? 0) - (course.plannedDays ?? 0));
    if (!course.bounded || (tooLong && (left ?? 0) > 0)) {
      const days = (tooLong ? left : maxDays) ?? c.suggestedDays;
      suggestions.push({
        kind: 'add-stop-date',
        label: `Limit the course to ${days} days`,
        order: order.reference,
        days,
      });
    }
    if (earlier.length >= c.repeatCount || (tooLong && (left ?? 0) <= 0)) {
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
      evidence: [order, ...continued, ...earlier.flatMap((x) => x.orders)].map((o) => orderEvidence(o, context.nowMs)),
      sources,
      suggestions,
    };
  },
};
