import { appliesAtAge, biomarkerById, biomarkerByLoinc } from '../../biomarkers/catalog.js';
import { formatThreshold } from '../../biomarkers/display.js';
import { markerShort } from '../../messages/names.js';
import type { Translator } from '../../messages/translator.js';
import { drugName, evidenceLevelOf, orderLabel, plainName } from '../agents.js';
import { type MarkerState, panelFor } from '../deficits.js';
import { activeConditions, conditionEvidence, measurementEvidence, orderEvidence, resultText } from '../exposure.js';
import { boosterIndication } from '../indication.js';
import type { Rule, RuleOutcome } from '../types.js';

/** The sources of the catalog's verified deficit criteria for a marker, at the patient's age. */
function thresholdSources(s: MarkerState): string[] {
  const marker = biomarkerById(s.biomarker);
  if (!marker) return [];
  return [
    ...(marker.deficitBelow ?? []).filter((t) => appliesAtAge(marker, t, s.childAgeYears)),
    ...(marker.deficitBelowRange ? [marker.deficitBelowRange] : []),
  ]
    .filter((t) => t.verified)
    .map((t) => t.source);
}

function series(s: MarkerState) {
  return s.series as NonNullable<MarkerState['series']>;
}

/** "CD4 880 cells/µL, 15 Sep 2026 (a deficit is below 200 cells/µL)". */
function normalText(t: Translator, s: MarkerState): string {
  const result = resultText(t, series(s));
  if (!s.threshold) return result;
  const threshold = formatThreshold(t, s.threshold.value, series(s).biomarker, series(s).latest);
  return t.t('rule.booster.normalResult', {
    result,
    threshold,
    origin: s.threshold.origin,
    band: s.threshold.band ?? '',
  });
}

/** A current result that cannot be judged: a child's count without an age-appropriate range. */
function unjudgedText(t: Translator, s: MarkerState): string {
  const result = resultText(t, series(s));
  return s.childAgeYears === undefined
    ? t.t('rule.booster.noRange', { result })
    : t.t('rule.booster.noChildRange', { result, age: s.childAgeYears });
}

function unknownText(t: Translator, s: MarkerState): string {
  const found = biomarkerById(s.biomarker);
  const marker = found ? markerShort(t, found) : s.biomarker;
  return s.state === 'stale' && s.series
    ? t.t('rule.booster.staleMarker', { marker, date: t.date(s.series.latest.day) })
    : marker;
}

/** Short test names for advice and suggestion labels ("CD4 count, IgG"); the LOINC display stays on the order. */
function testNames(t: Translator, panel: readonly { code: string; display: string }[]): string {
  return t.list(
    panel.map((c) => {
      const marker = biomarkerByLoinc(c.code);
      return marker ? markerShort(t, marker) : c.display;
    }),
  );
}

/**
 * An immunostimulant ordered with no current deficit it treats, no indicating condition and no
 * indicating therapy: always a warning (an info card is not shown interruptively by most EHRs).
 * Current normal labs are named; stale or absent labs make the deficit unknown, never normal,
 * and the card offers the panel to order.
 */
export const boosterNotIndicated: Rule = {
  id: 'booster-not-indicated',
  evaluate(input): RuleOutcome | undefined {
    const { context, order } = input;
    if (!order.roles.has('booster') || order.roles.has('oncology-immunotherapy')) return undefined;
    const { indicated, indications, conditions, therapies, states } = boosterIndication(input);
    if (indicated) return undefined;
    const normal = states.filter((s) => s.state === 'normal' && s.series);
    const unknown = states.filter((s) => s.state === 'stale' || s.state === 'absent');
    const unjudged = states.filter((s) => s.state === 'no-range' && s.series);
    const panel = panelFor(unknown);
    const { t } = input;
    const drug = orderLabel(order, 'booster');
    const level = evidenceLevelOf(order, 'booster');
    const concerns: string[] = [];
    if (normal.length > 0) {
      concerns.push(t.t('rule.booster.normal', { drug, results: normal.map((s) => normalText(t, s)).join('; ') }));
    } else {
      concerns.push(t.t('rule.booster.unknown', { drug }));
    }
    if (unjudged.length > 0) {
      concerns.push(t.t('rule.booster.unjudged', { results: unjudged.map((s) => unjudgedText(t, s)).join('; ') }));
    }
    if (unknown.length > 0) {
      concerns.push(t.t('rule.booster.noCurrent', { markers: t.list(unknown.map((s) => unknownText(t, s))) }));
    }
    const wanted = conditions.filter((c) => c !== 'immunodeficiency');
    if (wanted.length > 0 || therapies.length > 0) {
      concerns.push(
        t.t('rule.booster.noIndication', {
          indications: t.list([
            ...wanted.map((c) => t.t(`condition.${c}`)),
            ...therapies.map((r) => t.t('rule.booster.therapy', { therapy: t.t(`therapy.${r}`) })),
          ]),
        }),
      );
    }
    const name = drugName(order, 'booster');
    const summary =
      normal.length > 0
        ? t.t('rule.booster.summary.normal', { drug: name })
        : unknown.length === 0
          ? t.t('rule.booster.summary.unjudged', { drug: name })
          : t.t('rule.booster.summary.unknown', { drug: name });
    return {
      indicator: 'warning',
      summary,
      concerns,
      basis: t.t('rule.booster.basis', { level: level ?? 'established' }),
      opinion: true,
      action:
        panel.length > 0
          ? t.t('rule.booster.action.panel', { tests: testNames(t, panel) })
          : t.t('rule.booster.action.document'),
      evidence: [
        orderEvidence(order, context.nowMs, input.t),
        ...[...normal, ...unjudged].map((s) => measurementEvidence(series(s), t)),
        ...conditions.flatMap((c) => activeConditions(context, c).map(conditionEvidence)),
      ],
      sources: [
        'POLICY-DEFICIT-ANCHOR',
        ...(level === 'weak' ? ['POLICY-WEAK-EVIDENCE'] : []),
        ...states.flatMap(thresholdSources),
        ...indications.map((i) => i.source),
      ],
      suggestions: [
        {
          kind: 'remove-order',
          label: t.t('suggestion.remove', { drug: plainName(order, 'booster') }),
          order: order.reference,
        },
        ...(panel.length > 0
          ? [
              {
                kind: 'order-panel' as const,
                label: t.t('suggestion.orderPanel', { tests: testNames(t, panel) }),
                codes: panel,
              },
            ]
          : []),
      ],
    };
  },
};
