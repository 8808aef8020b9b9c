import { DAY_MS } from '../../drugs/dosage.js';
import { drugName, orderLabel } from '../agents.js';
import { courseOf, resultsAfter } from '../course-model.js';
import { courseEvidence, markerNames, panelOf, startText } from '../course-text.js';
import type { Rule, RuleOutcome } from '../types.js';

/**
 * Periodic reassessment: the course has passed its planned end or review date and an order still
 * says it is active (info), or a renewal is being signed with no result of the course's endpoint
 * markers since the course began (warning: the renewal is not based on a reassessment).
 */
export const courseReviewDue: Rule = {
  id: 'course-review-due',
  evaluate(input): RuleOutcome | undefined {
    const { context, order, t } = input;
    const course = courseOf(input);
    if (!course || course.startMs === undefined) return undefined;
    const drug = drugName(order, course.role === 'monitored' ? undefined : course.role);
    const label = orderLabel(order);
    const start = course.startMs;
    const evidence = courseEvidence(t, course, context.nowMs);
    if (course.renewal === order) {
      if (course.endpointMarkers.length === 0) return undefined;
      const since = course.endpointMarkers.some((m) => resultsAfter(context, m, start - DAY_MS / 2).length > 0);
      if (since) return undefined;
      const panel = panelOf(t, course.endpointMarkers);
      const markers = markerNames(t, course.endpointMarkers);
      return {
        indicator: 'warning',
        summary: t.t('rule.review.renewal.summary', { drug }),
        concerns: [
          t.t('rule.review.renewal.concern', {
            drug: label,
            start: startText(t, course),
            days: course.daysElapsed ?? 0,
            markers,
          }),
        ],
        action: t.t('rule.review.renewal.action', { tests: markers }),
        basis: t.t('rule.review.basis'),
        opinion: true,
        evidence,
        sources: ['POLICY-COURSE-REVIEW'],
        suggestions: panel ? [panel] : [],
      };
    }
    if (!context.history.includes(order) || !course.review || course.review.ms >= context.nowMs) return undefined;
    if (!course.activeStatus && !course.running) return undefined;
    return {
      indicator: 'info',
      summary: t.t('rule.review.past.summary', { drug }),
      concerns: [
        t.t('rule.review.past.concern', {
          drug: label,
          start: startText(t, course),
          basis: { 'order-end': 'end', 'class-maximum': 'max', 'site-default': 'review' }[course.review.basis],
          review: t.date(course.review.ms),
          days: Math.floor((context.nowMs - course.review.ms) / DAY_MS),
        }),
      ],
      action: t.t('rule.review.past.action'),
      basis: t.t('rule.review.basis'),
      opinion: true,
      evidence,
      sources: ['POLICY-COURSE-REVIEW'],
      suggestions: [],
    };
  },
};
