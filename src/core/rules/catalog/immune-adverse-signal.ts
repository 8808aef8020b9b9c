import type { Measurement } from '../../biomarkers/measurement.js';
import { DAY_MS } from '../../drugs/dosage.js';
import type { ConditionCategory } from '../../drugs/types.js';
import { drugName, inClass, orderLabel, plainName } from '../agents.js';
import { courseOf, earlierCourses, type ImmunoCourse } from '../course-model.js';
import { courseEvidence, datedValue, resultEvidence, startText } from '../course-text.js';
import { conditionEvidence, seriesOf } from '../exposure.js';
import type { EvidenceRef, Rule, RuleInput, RuleOutcome } from '../types.js';

/**
 * Pharmacovigilance after an immunostimulant started: a new autoimmune or lymphoproliferative
 * diagnosis (onset after the start), new eosinophilia, IgE rising above range or new lymphocytosis
 * (a result after the start above range when the last one before was not), and for interferons new
 * thyroid dysfunction (TSH out of range, or a thyroid diagnosis). A warning at patient-view and on
 * any re-order of the agent, with the dates that link them.
 */

const INTERFERON_CLASSES = ['interferon-alfa', 'interferon-beta', 'local-interferon'];

/** Result signals: marker, the interpretations that count, interferons only. */
const RESULT_SIGNALS: { marker: string; kind: string; when: Measurement['interpretation'][]; interferon?: boolean }[] =
  [
    { marker: 'eosinophils', kind: 'eosinophilia', when: ['high', 'critical-high'] },
    { marker: 'ige', kind: 'ige', when: ['high', 'critical-high'] },
    { marker: 'lymphocytes', kind: 'lymphocytosis', when: ['high', 'critical-high'] },
    { marker: 'tsh', kind: 'thyroid', when: ['high', 'critical-high', 'low', 'critical-low'], interferon: true },
  ];

const CONDITION_SIGNALS: { category: ConditionCategory; kind: string; interferon?: boolean }[] = [
  { category: 'autoimmune', kind: 'autoimmune' },
  { category: 'lymphoproliferative', kind: 'lymphoproliferative' },
  { category: 'thyroid-dysfunction', kind: 'thyroid', interferon: true },
];

interface Signal {
  kind: string;
  course: ImmunoCourse;
  concern: string;
  evidence: EvidenceRef;
}

function isAbove(m: Measurement, when: readonly string[]): boolean {
  return when.includes(m.interpretation) || (when.includes('high') && m.excess !== undefined);
}

function signalsOf(input: RuleInput, course: ImmunoCourse, interferon: boolean): Signal[] {
  const { context, config, t } = input;
  const start = course.startMs as number;
  const followed = course.running || course.renewal !== undefined;
  const until = followed
    ? context.nowMs
    : Math.min(
        context.nowMs,
        (course.endMs ?? context.nowMs) + config.thresholds.monitoring.signalAfterEndDays * DAY_MS,
      );
  const drug = orderLabel(course.orders[0] as RuleInput['order']);
  const signals: Signal[] = [];
  for (const s of RESULT_SIGNALS) {
    if (s.interferon && !interferon) continue;
    const history = seriesOf(context, s.marker)?.history ?? [];
    const before = history.filter((m) => m.epochMs <= start).at(-1);
    if (before && isAbove(before, s.when)) continue;
    const after = history.find((m) => m.epochMs > start && m.epochMs <= until && isAbove(m, s.when));
    if (!after) continue;
    signals.push({
      kind: s.kind,
      course,
      concern: t.t('rule.signal.result', {
        kind: s.kind,
        result: datedValue(t, after),
        before: before ? datedValue(t, before) : 'none',
        drug,
        start: startText(t, course),
      }),
      evidence: resultEvidence(t, after),
    });
  }
  for (const c of CONDITION_SIGNALS) {
    if (c.interferon && !interferon) continue;
    for (const condition of context.conditions) {
      const onset = condition.onsetMs;
      if (!condition.categories.has(c.category) || onset === undefined || onset <= start || onset > until) continue;
      if (signals.some((x) => x.evidence.reference === condition.reference)) continue;
      signals.push({
        kind: c.kind,
        course,
        concern: t.t('rule.signal.condition', {
          kind: c.kind,
          condition: condition.display,
          onset: t.date(onset),
          drug,
          start: startText(t, course),
          days: Math.round((onset - start) / DAY_MS),
        }),
        evidence: conditionEvidence(condition),
      });
    }
  }
  return signals;
}

export const immuneAdverseSignal: Rule = {
  id: 'immune-adverse-signal',
  evaluate(input): RuleOutcome | undefined {
    const { context, order, t } = input;
    const interferon = inClass(order, INTERFERON_CLASSES);
    if (
      !interferon &&
      (!order.roles.has('booster') || order.roles.has('csf') || order.roles.has('oncology-immunotherapy'))
    ) {
      return undefined;
    }
    const course = courseOf(input);
    if (!course || course.startMs === undefined) return undefined;
    const courses = [course, ...earlierCourses(input, course)].filter((c) => c.startMs !== undefined);
    const signals = courses.flatMap((c) => signalsOf(input, c, interferon));
    const [first] = signals;
    if (!first) return undefined;
    const drug = drugName(order);
    // The interferon alfa label documents autoimmune and thyroid disorders; the rest is expert opinion.
    const labelled = order.roles.has('interferon-alfa');
    const kinds = [...new Set(signals.map((s) => s.kind))];
    return {
      indicator: 'warning',
      summary: t.t('rule.signal.summary', { drug, kind: first.kind, more: kinds.length - 1 }),
      concerns: signals.map((s) => s.concern),
      action: t.t('rule.signal.action', { drug: plainName(order), interferon: interferon ? 'yes' : 'no' }),
      basis: t.t(labelled ? 'rule.signal.basis.interferon' : 'rule.signal.basis.other'),
      ...(labelled ? {} : { opinion: true }),
      evidence: [...courses.flatMap((c) => courseEvidence(t, c, context.nowMs)), ...signals.map((s) => s.evidence)],
      sources: labelled ? ['DRUGS-COM-IFN-ALFA', 'POLICY-PHARMACOVIGILANCE'] : ['POLICY-PHARMACOVIGILANCE'],
      suggestions: [
        { kind: 'remove-order', label: t.t('suggestion.remove', { drug: plainName(order) }), order: order.reference },
      ],
    };
  },
};
