import type { RecognizedOrder } from '../drugs/orders.js';
import type { ConditionCategory, DrugRole, Indication } from '../drugs/types.js';
import { indicationsOf } from './agents.js';
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
  indications: Indication[];
  conditions: ConditionCategory[];
  therapies: DrugRole[];
  /** The markers checked, with their state. */
  states: MarkerState[];
}

export function boosterIndication(input: RuleInput, order: RecognizedOrder = input.order): BoosterIndication {
  const { context, config } = input;
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
    states.some((s) => s.state === 'deficit') ||
    conditions.some((c) => activeConditions(context, c).length > 0) ||
    therapies.some((role) => exposures(own, role, { withinDays: config.thresholds.recentExposureDays }).length > 0);
  return { indicated, indications, conditions, therapies, states };
}
