import { formatThreshold } from '../../biomarkers/display.js';
import { drugName, orderLabel, plainName } from '../agents.js';
import { courseOf } from '../course-model.js';
import { courseEvidence, datedValue, resultEvidence, startText } from '../course-text.js';
import { markerState } from '../deficits.js';
import type { Rule, RuleOutcome } from '../types.js';

/**
 * The end point: the deficit that alone justified the course (no indicating condition or therapy)
 * has resolved on a current result taken after the start, while the course runs or is renewed.
 * Suggest stopping (info).
 */
export const endpointReached: Rule = {
  id: 'endpoint-reached',
  evaluate(input): RuleOutcome | undefined {
    const { context, order, config, t } = input;
    const course = courseOf(input);
    if (!course || course.startMs === undefined) return undefined;
    if (!course.running && course.renewal !== order) return undefined;
    const { deficits, conditions, therapies } = course.indication;
    if (deficits.length === 0 || conditions.length > 0 || therapies.length > 0) return undefined;
    const start = course.startMs;
    const now = deficits.map((at) => ({ at, now: markerState(context, at.biomarker, config) }));
    const resolved = now.every(
      (x) => x.now.state === 'normal' && x.now.series !== undefined && x.now.series.latest.epochMs > start,
    );
    if (!resolved) return undefined;
    const drug = drugName(order, course.role === 'monitored' ? undefined : course.role);
    return {
      indicator: 'info',
      summary: t.t('rule.endpoint.summary', { drug }),
      concerns: now.flatMap(({ at, now: current }) =>
        at.series && current.series && current.threshold
          ? [
              t.t('rule.endpoint.concern', {
                before: datedValue(t, at.series.latest),
                now: datedValue(t, current.series.latest),
                threshold: formatThreshold(t, current.threshold.value, current.series.biomarker, current.series.latest),
              }),
            ]
          : [],
      ),
      action: t.t('rule.endpoint.action', {
        drug: plainName(order),
        label: orderLabel(order),
        start: startText(t, course),
      }),
      basis: t.t('rule.endpoint.basis'),
      opinion: true,
      evidence: [
        ...courseEvidence(t, course, context.nowMs),
        ...now.flatMap((x) => [x.at.series, x.now.series].flatMap((s) => (s ? [resultEvidence(t, s.latest)] : []))),
      ],
      sources: ['POLICY-ENDPOINT'],
      suggestions: [
        { kind: 'remove-order', label: t.t('suggestion.remove', { drug: plainName(order) }), order: order.reference },
      ],
    };
  },
};
