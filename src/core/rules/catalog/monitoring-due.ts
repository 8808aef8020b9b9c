import { biomarkerById } from '../../biomarkers/catalog.js';
import { drugName, orderLabel, plainName } from '../agents.js';
import { courseOf } from '../course-model.js';
import { courseEvidence, datedValue, resultEvidence, startText, testName } from '../course-text.js';
import type { Rule, RuleOutcome, Suggestion } from '../types.js';

/**
 * A monitoring test of the course is overdue: no baseline result, or the last result is older than
 * the plan's interval (plus the site's grace days). Running courses and renewals are checked in
 * full; a new course being signed only for its baseline. Silent when every test was done in time.
 */
export const monitoringDue: Rule = {
  id: 'monitoring-due',
  evaluate(input): RuleOutcome | undefined {
    const { context, order, t } = input;
    const course = courseOf(input);
    if (!course?.plan) return undefined;
    const isDraft = !context.history.includes(order);
    if (!course.running && !course.renewal && !isDraft) return undefined;
    const late = course.monitoring.filter((s) => s.state === 'overdue' || s.state === 'no-baseline');
    if (late.length === 0) return undefined;
    const drug = drugName(order, course.role === 'monitored' ? undefined : course.role);
    const label = orderLabel(order);
    const names = late.map((s) => testName(t, s.test));
    const concerns = late.map((s) => {
      if (s.state === 'no-baseline') {
        return t.t('rule.monitoring.noBaseline', {
          test: testName(t, s.test),
          drug: label,
          start: startText(t, course),
        });
      }
      return s.last
        ? t.t('rule.monitoring.overdue', {
            test: testName(t, s.test),
            due: t.date(s.dueMs as number),
            last: datedValue(t, s.last),
          })
        : t.t('rule.monitoring.none', {
            test: testName(t, s.test),
            due: t.date(s.dueMs as number),
            drug: label,
            start: startText(t, course),
          });
    });
    const codes = late.flatMap((s) => {
      const loinc = biomarkerById(s.test.markers[0] ?? '')?.loinc[0];
      return loinc ? [{ code: loinc.code, display: loinc.display }] : [];
    });
    const suggestions: Suggestion[] =
      codes.length > 0
        ? [{ kind: 'order-panel', label: t.t('suggestion.orderPanel', { tests: t.list(names) }), codes }]
        : [];
    const plan = course.plan;
    return {
      indicator: plan.opinion ? 'info' : 'warning',
      summary: t.t('rule.monitoring.summary', { drug, tests: t.list(names), count: late.length }),
      concerns,
      action: t.t('rule.monitoring.action', { tests: t.list(names), drug: plainName(order) }),
      basis: t.t(plan.opinion ? 'rule.monitoring.basis.opinion' : 'rule.monitoring.basis.document', {
        site: plan.siteChanged ? 'yes' : 'no',
      }),
      ...(plan.opinion ? { opinion: true } : {}),
      evidence: [
        ...courseEvidence(t, course, context.nowMs),
        ...late.flatMap((s) => (s.last ? [resultEvidence(t, s.last)] : [])),
      ],
      sources: [plan.source],
      suggestions,
    };
  },
};
