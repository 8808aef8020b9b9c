import { DAY_MS } from '../drugs/dosage.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { DrugRole } from '../drugs/types.js';
import { referencedId } from '../fhir/parse.js';
import { matchesWithRole } from './agents.js';

/**
 * Treatment courses across orders: a refill is not a new course. Consecutive MedicationRequests
 * for the same agent that continue one another (the later names the earlier in
 * `priorPrescription` or `basedOn`, both share a `groupIdentifier`, or the later starts within
 * `gapDays` of the earlier's end) form one course, whose length is the sum of theirs.
 */

export interface TreatmentCourse {
  /** Oldest first. */
  orders: RecognizedOrder[];
  /** Sum of the planned lengths; undefined when one of them has none. */
  plannedDays?: number;
}

const startOf = (o: RecognizedOrder) => o.course.startMs ?? o.authoredOnMs;

/** The agent an order gives in a role, or its first agent without one (its class when the agent is not known). */
function agentKey(order: RecognizedOrder, role: DrugRole | undefined): string | undefined {
  const match = role ? matchesWithRole(order, role)[0] : order.agents[0];
  return match && (match.agent ? `agent:${match.agent.id}` : `class:${match.drugClass.id}`);
}

/** Reference strings of a Reference or an array of them (read defensively: not in the parsed subset). */
function referenceIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((r) => {
    const ref = typeof r === 'object' && r !== null ? (r as { reference?: unknown }).reference : undefined;
    const id = typeof ref === 'string' ? referencedId(ref, 'MedicationRequest') : undefined;
    return id ? [id] : [];
  });
}

function groupKey(order: RecognizedOrder): string | undefined {
  const g = (order.resource as { groupIdentifier?: { system?: unknown; value?: unknown } }).groupIdentifier;
  return typeof g?.value === 'string' ? `${typeof g.system === 'string' ? g.system : ''}|${g.value}` : undefined;
}

function continues(later: RecognizedOrder, earlier: RecognizedOrder, gapDays: number): boolean {
  const resource = later.resource as { priorPrescription?: unknown; basedOn?: unknown };
  if (
    earlier.id &&
    [...referenceIds(resource.priorPrescription), ...referenceIds(resource.basedOn)].includes(earlier.id)
  ) {
    return true;
  }
  const group = groupKey(later);
  if (group !== undefined && group === groupKey(earlier)) return true;
  const start = startOf(later);
  const end = earlier.course.endMs;
  return start !== undefined && end !== undefined && start - end <= gapDays * DAY_MS;
}

/** Orders grouped into courses, oldest course first; orders of different agents never join. */
export function treatmentCourses(
  orders: readonly RecognizedOrder[],
  role: DrugRole | undefined,
  gapDays: number,
): TreatmentCourse[] {
  const sorted = [...new Set(orders)].sort(
    (a, b) => (startOf(a) ?? Number.NEGATIVE_INFINITY) - (startOf(b) ?? Number.NEGATIVE_INFINITY),
  );
  const courses: RecognizedOrder[][] = [];
  const courseOf = new Map<RecognizedOrder, RecognizedOrder[]>();
  for (const order of sorted) {
    const key = agentKey(order, role);
    // The latest earlier order of the same agent that this one continues.
    const previous = [...courseOf.keys()]
      .reverse()
      .find((e) => agentKey(e, role) === key && continues(order, e, gapDays));
    const course = previous ? (courseOf.get(previous) as RecognizedOrder[]) : [];
    if (!previous) courses.push(course);
    course.push(order);
    courseOf.set(order, course);
  }
  return courses.map((list) => {
    const days = list.map((o) => o.course.plannedDays);
    return days.every((d) => d !== undefined)
      ? { orders: list, plannedDays: Math.round(days.reduce((a, b) => a + b, 0) * 10) / 10 }
      : { orders: list };
  });
}
