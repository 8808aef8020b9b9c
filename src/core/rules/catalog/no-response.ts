import { formatThreshold } from '../../biomarkers/display.js';
import { DAY_MS } from '../../drugs/dosage.js';
import { drugName, orderLabel, plainName } from '../agents.js';
import { courseOf } from '../course-model.js';
import { courseEvidence, datedValue, resultEvidence } from '../course-text.js';
import { markerState } from '../deficits.js';
import type { Rule, RuleOutcome } from '../types.js';

/**
 * No response: once the course has run its planned length (at least the site's minimum, 4 weeks),
 * the marker in deficit at the start is still in deficit on a current result taken after that
 * minimum and has not moved toward normal by the site's meaningful change. Info while the course
 * runs; warning when it is being renewed.
 */
export const noResponse: Rule = {
  id: 'no-response',
  evaluate(input): RuleOutcome | undefined {
    const { context, order, config, t } = input;
    const course = courseOf(input);
    if (!course || course.startMs === undefined || course.indication.deficits.length === 0) return undefined;
    const renewal = course.renewal === order;
    if (!course.running && !renewal) return undefined;
    const { minCourseDays, minChangePercent } = config.thresholds.response;
    const planned = course.orders
      .filter((o) => o !== course.renewal)
      .reduce((sum, o) => sum + (o.course.plannedDays ?? 0), 0);
    const length = Math.max(minCourseDays, planned);
    if ((course.daysElapsed ?? 0) < length) return undefined;
    const judgedFrom = course.startMs + minCourseDays * DAY_MS;
    const flat = course.indication.deficits.flatMap((at) => {
      const now = markerState(context, at.biomarker, config);
      if (now.state !== 'deficit' || !now.series || !at.series || !now.threshold) return [];
      if (now.series.latest.epochMs < judgedFrom) return [];
      const before = at.series.latest.value;
      const change = before > 0 ? ((now.series.latest.value - before) / before) * 100 : 0;
      return change < minChangePercent ? [{ at: at.series, now: now.series, threshold: now.threshold, change }] : [];
    });
    if (flat.length === 0) return undefined;
    const drug = drugName(order, course.role === 'monitored' ? undefined : course.role);
    return {
      indicator: renewal ? 'warning' : 'info',
      summary: t.t('rule.response.summary', { drug, renewal: renewal ? 'yes' : 'no' }),
      concerns: flat.map((x) =>
        t.t('rule.response.concern', {
          drug: orderLabel(order),
          days: course.daysElapsed ?? 0,
          before: datedValue(t, x.at.latest),
          now: datedValue(t, x.now.latest),
          threshold: formatThreshold(t, x.threshold.value, x.now.biomarker, x.now.latest),
          change: t.number(Math.round(x.change), 0),
        }),
      ),
      action: t.t('rule.response.action', { drug: plainName(order), renewal: renewal ? 'yes' : 'no' }),
      basis: t.t('rule.response.basis', { percent: minChangePercent }),
      opinion: true,
      evidence: [
        ...courseEvidence(t, course, context.nowMs),
        ...flat.flatMap((x) => [resultEvidence(t, x.at.latest), resultEvidence(t, x.now.latest)]),
      ],
      sources: ['POLICY-NO-RESPONSE'],
      suggestions: renewal
        ? [
            {
              kind: 'remove-order',
              label: t.t('suggestion.remove', { drug: plainName(order) }),
              order: order.reference,
            },
          ]
        : [],
    };
  },
};
