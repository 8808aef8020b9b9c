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

function course(orders: RecognizedOrder[]): TreatmentCourse {
  let sum = 0;
  for (const o of orders) {
    if (o.course.plannedDays === undefined) return { orders };
    sum += o.course.plannedDays;
  }
  return { orders, plannedDays: Math.round(sum * 10) / 10 };
}

const bySortedStart = (a: number | undefined, b: number | undefined) =>
  (a ?? Number.NEGATIVE_INFINITY) - (b ?? Number.NEGATIVE_INFINITY);

/**
 * The courses of a set of orders, built once. An order being signed is placed into them without
 * rebuilding (`with`): a patient's history is grouped once however many drafts are evaluated.
 */
export class CourseSet {
  readonly courses: TreatmentCourse[];
  private readonly sorted: RecognizedOrder[];
  private readonly links: Links[];
  /** For each sorted order, the index of its course. */
  private readonly courseIndex: number[];
  private readonly indexOf: Map<RecognizedOrder, number>;

  constructor(
    orders: readonly RecognizedOrder[],
    private readonly role: DrugRole | undefined,
    private readonly gapDays: number,
  ) {
    const unique = [...new Set(orders)];
    const starts = new Map(unique.map((o) => [o, startOf(o)]));
    this.sorted = unique.sort((a, b) => bySortedStart(starts.get(a), starts.get(b)));
    this.links = [];
    this.courseIndex = [];
    this.indexOf = new Map();
    const lists: RecognizedOrder[][] = [];
    for (const [i, order] of this.sorted.entries()) {
      const links = linksOf(order, role);
      const earlier = this.continued(links, i);
      const index = earlier === -1 ? lists.push([]) - 1 : (this.courseIndex[earlier] as number);
      (lists[index] as RecognizedOrder[]).push(order);
      this.links.push(links);
      this.courseIndex.push(index);
      this.indexOf.set(order, i);
    }
    this.courses = lists.map(course);
  }

  /** The latest of the first `before` sorted orders that an order with these links continues, or -1. */
  private continued(links: Links, before: number): number {
    for (let i = before - 1; i >= 0; i--) {
      const e = this.links[i] as Links;
      if (e.key === links.key && continues(links, this.sorted[i] as RecognizedOrder, e, this.gapDays)) return i;
    }
    return -1;
  }

  /** The courses with `order` among them, and its own: what `treatmentCourses` of the set plus the order gives. */
  with(order: RecognizedOrder): { courses: TreatmentCourse[]; own: TreatmentCourse } {
    const known = this.indexOf.get(order);
    if (known !== undefined) {
      const courses = this.courses;
      return { courses, own: courses[this.courseIndex[known] as number] as TreatmentCourse };
    }
    const links = linksOf(order, this.role);
    const last = this.sorted[this.sorted.length - 1];
    // An order that starts before one of the set's reorders the set: built again (rare: back-dated).
    if (last && bySortedStart(links.start, startOf(last)) < 0) {
      const courses = treatmentCourses([...this.sorted, order], this.role, this.gapDays);
      return { courses, own: courses.find((c) => c.orders.includes(order)) as TreatmentCourse };
    }
    const earlier = this.continued(links, this.sorted.length);
    if (earlier === -1) {
      const own = course([order]);
      return { courses: [...this.courses, own], own };
    }
    const index = this.courseIndex[earlier] as number;
    const own = course([...(this.courses[index] as TreatmentCourse).orders, order]);
    return { courses: this.courses.map((c, i) => (i === index ? own : c)), own };
  }
}

/** Orders grouped into courses, oldest course first; orders of different agents never join. */
export function treatmentCourses(
  orders: readonly RecognizedOrder[],
  role: DrugRole | undefined,
  gapDays: number,
): TreatmentCourse[] {
  return new CourseSet(orders, role, gapDays).courses;
}
