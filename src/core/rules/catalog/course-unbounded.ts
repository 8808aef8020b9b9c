import type { SiteConfig } from '../../config/schema.js';
import { DAY_MS } from '../../drugs/dosage.js';
import type { AgentMatch } from '../../drugs/recognize.js';
import type { DrugClass } from '../../drugs/types.js';
import { className } from '../../messages/names.js';
import { drugName, matchesWithRole, orderLabel, plainName } from '../agents.js';
import { classCourses } from '../course-model.js';
import { orderEvidence } from '../exposure.js';
import type { Indicator } from '../ids.js';
import { anthelminticUse } from '../indication.js';
import { listOf } from '../markdown.js';
import type { Rule, RuleOutcome, Suggestion } from '../types.js';

/** The longest course of an agent's class: the site's configured maximum, else the agent's or class's sourced one. */
export function courseMaxDays(match: AgentMatch, config: SiteConfig): number | undefined {
  return (
    config.thresholds.courses.maxDays[match.drugClass.id] ??
    (match.agent?.maxCourseDays ?? match.drugClass.maxCourseDays)?.days
  );
}

/**
 * Time-bound immunocorrection: an immunostimulant or supplement order with no end (no duration,
 * end date, count or supply), a course longer than its class's maximum, or the latest of
 * repeated courses. A refill continues its course (courses.ts): its length adds to the course's,
 * and it is not a new course.
 */
export const courseUnbounded: Rule = {
  id: 'course-unbounded',
  evaluate(input): RuleOutcome | undefined {
    const { context, order, config, t } = input;
    const booster = order.roles.has('booster') && !order.roles.has('oncology-immunotherapy');
    if (!booster && !order.roles.has('nutrient')) return undefined;
    if (anthelminticUse(input)) return undefined;
    const role = booster ? 'booster' : 'nutrient';
    const match = matchesWithRole(order, role)[0];
    if (!match) return undefined;
    const cls: DrugClass = match.drugClass;
    const sourced = match.agent?.maxCourseDays ?? cls.maxCourseDays;
    const configured = config.thresholds.courses.maxDays[cls.id];
    const maxDays = courseMaxDays(match, config);
    const name = plainName(order, role);
    const drug = drugName(order, role);
    const label = orderLabel(order, role);
    const concerns: string[] = [];
    const sources = ['POLICY-TIME-BOUND'];
    let indicator: Indicator = 'info';
    let summary = '';
    const suggestions: Suggestion[] = [];
    const course = order.course;
    const { courses: c } = config.thresholds;
    const { courses: all, own } = classCourses(input, cls.id, role);
    const continued = own.orders.filter((o) => o !== order);
    const courseDays = own.plannedDays;
    const site = configured !== undefined ? 'yes' : 'no';
    if (!course.bounded) {
      indicator = booster ? 'warning' : 'info';
      summary = t.t('rule.course.unbounded.summary', { drug });
      concerns.push(t.t('rule.course.unbounded.concern', { drug: label }));
    } else if (maxDays !== undefined && courseDays !== undefined && courseDays > maxDays) {
      indicator = 'warning';
      summary = t.t('rule.course.tooLong.summary', {
        drug,
        duration: t.days(courseDays),
        max: t.days(maxDays),
        continued: continued.length > 0 ? 'yes' : 'no',
      });
      concerns.push(
        continued.length > 0
          ? t.t('rule.course.tooLong.continued', {
              drug: label,
              own: t.days(course.plannedDays ?? 0),
              earlier: listOf(continued.map((o) => o.display)),
              duration: t.days(courseDays),
              max: t.days(maxDays),
              site,
            })
          : t.t('rule.course.tooLong.concern', {
              drug: label,
              duration: t.days(courseDays),
              max: t.days(maxDays),
              site,
            }),
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
    const repeated = earlier.length >= c.repeatCount;
    if (repeated) {
      if (booster) indicator = 'warning';
      const values = { drug, ordinal: earlier.length + 1, window: c.repeatWindowDays, class: className(t, cls) };
      if (!summary) summary = t.t('rule.course.repeat.summary', values);
      concerns.push(
        t.t('rule.course.repeat.concern', {
          ...values,
          dates: t.list(
            earlier.map((x) => {
              const start = x.orders[0]?.course.startMs ?? x.orders[0]?.authoredOnMs;
              return start === undefined ? t.t('course.undated') : t.date(start);
            }),
          ),
        }),
      );
    }
    if (concerns.length === 0) return undefined;
    const tooLong = course.bounded && maxDays !== undefined && (courseDays ?? 0) > maxDays;
    // What is left of the maximum once the orders this one continues are counted.
    const left = maxDays === undefined ? undefined : maxDays - ((courseDays ?? 0) - (course.plannedDays ?? 0));
    if (!course.bounded || (tooLong && (left ?? 0) > 0)) {
      const days = (tooLong ? left : maxDays) ?? c.suggestedDays;
      suggestions.push({
        kind: 'add-stop-date',
        label: t.t('suggestion.limitCourse', { duration: t.days(days) }),
        order: order.reference,
        days,
      });
    }
    if (repeated || (tooLong && (left ?? 0) <= 0)) {
      suggestions.push({
        kind: 'remove-order',
        label: t.t('suggestion.remove', { drug: name }),
        order: order.reference,
      });
    }
    // The advice names what is missing: an end, a shorter course, or the benefit of earlier courses.
    const action = !course.bounded
      ? maxDays !== undefined
        ? t.t('rule.course.action.setEndMax', { max: t.days(maxDays) })
        : t.t('rule.course.action.setEnd')
      : tooLong
        ? t.t('rule.course.action.shorten', { max: t.days(maxDays as number) })
        : t.t('rule.course.action.reviewBenefit');
    return {
      indicator,
      summary,
      concerns,
      basis: t.t('rule.course.basis'),
      opinion: true,
      action,
      evidence: [order, ...continued, ...earlier.flatMap((x) => x.orders)].map((o) =>
        orderEvidence(o, context.nowMs, input.t),
      ),
      sources,
      suggestions,
    };
  },
};
