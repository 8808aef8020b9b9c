import { appliesAtAge, biomarkerById } from '../../biomarkers/catalog.js';
import { evidenceLevelOf, orderLabel, plainName } from '../agents.js';
import { type MarkerState, panelFor } from '../deficits.js';
import { activeConditions, conditionEvidence, measurementEvidence, orderEvidence, valueText } from '../exposure.js';
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

/** A current result that cannot be judged: a child's count without an age-appropriate range. */
function unjudgedText(s: MarkerState): string {
  const value = valueText(s.series as NonNullable<typeof s.series>);
  return s.childAgeYears === undefined
    ? `${value} (no range to judge it by)`
    : `${value} (age-appropriate range unknown: no laboratory range for age ${s.childAgeYears}, and adult values do not apply to a child)`;
}

const EVIDENCE_TEXT = {
  weak: 'Randomised evidence for this class is weak (bacterial lysates, low-molecular immunomodulators, peptide immunoregulators).',
  limited: 'Evidence for this class is limited.',
  established: '',
} as const;

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
    const name = plainName(order, 'booster');
    const level = evidenceLevelOf(order, 'booster');
    const why: string[] = [];
    if (normal.length > 0) {
      why.push(
        `${orderLabel(order, 'booster')} is ordered, but the current results show no deficit it treats: ${normal
          .map(
            (s) =>
              `${valueText(s.series as NonNullable<typeof s.series>)}${s.threshold ? ` (deficit: ${s.threshold.label})` : ''}`,
          )
          .join('; ')}.`,
      );
    } else {
      why.push(
        `${orderLabel(order, 'booster')} is ordered with no current result documenting an immune deficit: whether there is one is unknown.`,
      );
    }
    if (unjudged.length > 0) {
      why.push(`Current results that cannot be judged: ${unjudged.map(unjudgedText).join('; ')}.`);
    }
    if (unknown.length > 0) {
      why.push(
        `No current result for ${unknown
          .map(
            (s) =>
              `${biomarkerById(s.biomarker)?.short ?? s.biomarker}${s.state === 'stale' ? ` (last ${s.series?.latest.day}, stale)` : ''}`,
          )
          .join(', ')}: unknown is not normal.`,
      );
    }
    const wanted = conditions.filter((c) => c !== 'immunodeficiency');
    if (wanted.length > 0 || therapies.length > 0) {
      why.push(
        `Indications that would justify it: ${[
          ...wanted.map((c) => c.replace(/-/g, ' ')),
          ...therapies.map((r) => `${r.replace(/-/g, ' ')} therapy`),
        ].join(', ')} — none recorded.`,
      );
    }
    if (level && EVIDENCE_TEXT[level]) why.push(EVIDENCE_TEXT[level]);
    const summary =
      normal.length > 0
        ? `${name}: no immune deficit on current labs — reconsider the immunostimulant`
        : unknown.length === 0
          ? `${name}: immune deficit unknown, no age-appropriate range for the current labs — document the indication`
          : `${name}: immune deficit unknown, no current labs — order the immune panel first`;
    return {
      indicator: 'warning',
      summary,
      why,
      action:
        panel.length > 0
          ? `Document the indication, or order ${panel.map((c) => c.display).join('; ')} and decide on the results; otherwise remove the order.`
          : 'Document the indication or remove the order.',
      evidence: [
        orderEvidence(order, context.nowMs),
        ...[...normal, ...unjudged].map((s) => measurementEvidence(s.series as NonNullable<typeof s.series>)),
        ...conditions.flatMap((c) => activeConditions(context, c).map(conditionEvidence)),
      ],
      sources: ['IMMUNOSTEWARD-POLICY', ...states.flatMap(thresholdSources), ...indications.map((i) => i.source)],
      suggestions: [
        { kind: 'remove-order', label: `Remove the ${name} order`, order: order.reference },
        ...(panel.length > 0
          ? [{ kind: 'order-panel' as const, label: 'Order the immune panel first', codes: panel }]
          : []),
      ],
    };
  },
};
