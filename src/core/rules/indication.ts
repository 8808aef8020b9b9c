import { conditionCategories } from '../drugs/condition-codes.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { ConditionCategory, DrugRole, Indication } from '../drugs/types.js';
import { referencedId } from '../fhir/parse.js';
import { inClass, indicationsOf } from './agents.js';
import { GENERIC_DEFICIT_MARKERS, type MarkerState, markerStates } from './deficits.js';
import { activeConditions, exposures } from './exposure.js';
import type { RuleInput } from './types.js';

/**
 * Whether an immunostimulant order is anchored in a documented need: a current deficit it
 * treats, an indicating condition (immunodeficiency always counts) or an indicating therapy.
 * Stale or absent labs never indicate (clinical reference, product policy).
 */
export interface BoosterIndication {
  indicated: boolean;
  /** Levamisole given as an anthelmintic: indicated, and no immunostimulant course. */
  anthelmintic: boolean;
  indications: Indication[];
  conditions: ConditionCategory[];
  therapies: DrugRole[];
  /** The markers checked, with their state. */
  states: MarkerState[];
}

export function boosterIndication(input: RuleInput, order: RecognizedOrder = input.order): BoosterIndication {
  const { context, config } = input;
  const anthelmintic = anthelminticUse(input, order);
  const indications = indicationsOf(order, 'booster');
  const markers = [...new Set(indications.flatMap((i) => i.deficits ?? []))];
  const conditions = [
    ...new Set<ConditionCategory>([...indications.flatMap((i) => i.conditions ?? []), 'immunodeficiency']),
  ];
  const therapies = [...new Set(indications.flatMap((i) => i.exposures ?? []))];
  const states = markerStates(context, markers.length > 0 ? markers : GENERIC_DEFICIT_MARKERS, config);
  // Exposures of the order being assessed exclude that order itself.
  const own = order === input.order ? input : { ...input, order };
  const indicated =
    anthelmintic ||
    states.some((s) => s.state === 'deficit') ||
    conditions.some((c) => activeConditions(context, c).length > 0) ||
    therapies.some((role) => exposures(own, role, { withinDays: config.thresholds.recentExposureDays }).length > 0);
  return { indicated, anthelmintic, indications, conditions, therapies, states };
}

type Concept = { coding?: { system?: unknown; code?: unknown }[] };

/** Whether an order's reason (reasonCode, or a reasonReference to a recorded Condition) is a helminthiasis. */
function forHelminthiasis(input: RuleInput, order: RecognizedOrder): boolean {
  // Read defensively: the reasons are not in the parsed FHIR subset.
  const resource = order.resource as { reasonCode?: unknown; reasonReference?: unknown };
  const codes = Array.isArray(resource.reasonCode) ? (resource.reasonCode as Concept[]) : [];
  const coded = codes.some((c) =>
    (Array.isArray(c?.coding) ? c.coding : []).some(
      (x) =>
        typeof x?.system === 'string' &&
        typeof x.code === 'string' &&
        conditionCategories(x.system, x.code).includes('helminthiasis'),
    ),
  );
  if (coded) return true;
  const refs = Array.isArray(resource.reasonReference) ? (resource.reasonReference as { reference?: unknown }[]) : [];
  return refs.some((r) => {
    const id = typeof r?.reference === 'string' ? referencedId(r.reference, 'Condition') : undefined;
    return (
      id !== undefined &&
      input.context.conditions.some((c) => c.reference === `Condition/${id}` && c.categories.has('helminthiasis'))
    );
  });
}

/**
 * Levamisole as an anthelmintic (its ATC class): ordered for a helminthiasis (ICD-10 B65–B83) or
 * as a single dose (one day). Not an immunostimulant course; the coumarin interaction still applies.
 */
export function anthelminticUse(input: RuleInput, order: RecognizedOrder = input.order): boolean {
  if (!inClass(order, ['levamisole'])) return false;
  const days = order.course.plannedDays;
  return (days !== undefined && days <= 1) || forHelminthiasis(input, order);
}
