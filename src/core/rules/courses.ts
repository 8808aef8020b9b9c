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

/** What links an order to the ones before it, read once per order. */
interface Links {
  key: string | undefined;
  refs: string[];
  group: string | undefined;
  start: number | undefined;
}

function linksOf(order: RecognizedOrder, role: DrugRole | undefined): Links {
  const resource = order.resource as { priorPrescription?: unknown; basedOn?: unknown };
  return {
    key: agentKey(order, role),
    refs: [...referenceIds(resource.priorPrescription), ...referenceIds(resource.basedOn)],
    group: groupKey(order),
    start: startOf(order),
  };
}

function continues(later: Links, earlier: RecognizedOrder, earlierLinks: Links, gapDays: number): boolean {
  if (earlier.id && later.refs.includes(earlier.id)) return true;
  if (later.group !== undefined && later.group === earlierLinks.group) return true;
  const end = earlier.course.endMs;
  return later.start !== undefined && end !== undefined && later.start - end <= gapDays * DAY_MS;
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
  const seen: { order: RecognizedOrder; links: Links; course: RecognizedOrder[] }[] = [];
  for (const order of sorted) {
    const links = linksOf(order, role);
    // The latest earlier order of the same agent that this one continues.
    let course: RecognizedOrder[] | undefined;
    for (let i = seen.length - 1; i >= 0 && !course; i--) {
      const e = seen[i] as (typeof seen)[number];
      if (e.links.key === links.key && continues(links, e.order, e.links, gapDays)) course = e.course;
    }
    if (!course) {
      course = [];
      courses.push(course);
    }
    course.push(order);
    seen.push({ order, links, course });
  }
  return courses.map((list) => {
    const days = list.map((o) => o.course.plannedDays);
    return days.every((d) => d !== undefined)
      ? { orders: list, plannedDays: Math.round(days.reduce((a, b) => a + b, 0) * 10) / 10 }
      : { orders: list };
  });
}
