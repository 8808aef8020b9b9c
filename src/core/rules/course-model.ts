import type { Measurement } from '../biomarkers/measurement.js';
import type { SiteConfig } from '../config/schema.js';
import { DAY_MS } from '../drugs/dosage.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { AgentMatch } from '../drugs/recognize.js';
import type { DrugRole } from '../drugs/types.js';
import { indicationsOf, matchesWithRole } from './agents.js';
import type { ClassifiedCondition, PatientContext } from './context.js';
import { CourseSet, type TreatmentCourse } from './courses.js';
import { GENERIC_DEFICIT_MARKERS, type MarkerState, markerStateAt, NUTRIENT_LEVEL_MARKER } from './deficits.js';
import { isCurrent } from './exposure.js';
import { type AppliedPlan, monitoringOf, planFor, type TestStatus } from './monitoring.js';
import type { RuleInput } from './types.js';

/**
 * The course model: each immunocorrective course of the medication history (refills and
 * continuations merged, courses.ts) with what stewardship follows over time — its start, planned
 * end or review date, days elapsed, the indication recorded at its start, the endpoint markers of
 * that indication and the monitoring plan with each test's state. Pure; the history's courses are
 * built once per patient context.
 */

export type CourseRole = 'booster' | 'csf' | 'nutrient' | 'monitored';

/** Why the course started, as the prescriber could see it then. Empty lists: no documented indication. */
export interface CourseIndication {
  /** The markers in deficit on the latest result before the start (value and date in `series.latest`). */
  deficits: MarkerState[];
  /** Indicating conditions active at the start. */
  conditions: ClassifiedCondition[];
  /** Indicating therapies running at the start or ended within the recent-exposure window. */
  therapies: RecognizedOrder[];
}

export interface ImmunoCourse {
  /** The first order's reference. */
  id: string;
  /** Oldest first; a draft that continues the course is the last. */
  orders: RecognizedOrder[];
  /** The draft order being signed that continues this course (a renewal or refill). */
  renewal?: RecognizedOrder;
  role: CourseRole;
  match: AgentMatch;
  startMs?: number;
  /** The planned end of the last order; undefined when it gives none. */
  endMs?: number;
  /** When the course is to be reviewed: its planned end, else the class's maximum, else the site default. */
  review?: { ms: number; basis: 'order-end' | 'class-maximum' | 'site-default' };
  daysElapsed?: number;
  /** A history order is being taken now (current status, not past its end). */
  running: boolean;
  /** An order still says `active` (or on hold), whatever its end says. */
  activeStatus: boolean;
  indication: CourseIndication;
  /** The markers that show whether the course reached its end point. */
  endpointMarkers: string[];
  plan?: AppliedPlan;
  monitoring: TestStatus[];
}

/** The role under which an order is a course, or none (oncology immunotherapy is the oncologist's). */
export function courseRole(order: RecognizedOrder): CourseRole | undefined {
  if (order.roles.has('oncology-immunotherapy')) return undefined;
  if (order.roles.has('csf')) return 'csf';
  if (order.roles.has('booster')) return 'booster';
  if (order.roles.has('nutrient')) return 'nutrient';
  return order.agents.some((m) => planFor(m, undefined) !== undefined) ? 'monitored' : undefined;
}

function matchOf(order: RecognizedOrder, role: CourseRole): AgentMatch | undefined {
  return role === 'monitored' ? order.agents[0] : matchesWithRole(order, role as DrugRole)[0];
}

const STILL_ACTIVE = new Set(['active', 'on-hold']);

function indicationAt(
  context: PatientContext,
  first: RecognizedOrder,
  role: CourseRole,
  config: SiteConfig,
  startMs: number,
) {
  const indications = role === 'monitored' ? [] : indicationsOf(first, role);
  const level = NUTRIENT_LEVEL_MARKER[matchOf(first, role)?.drugClass.id ?? ''];
  const named = [...new Set(indications.flatMap((i) => i.deficits ?? []))];
  const markers =
    named.length > 0
      ? named
      : role === 'nutrient'
        ? level
          ? [level]
          : []
        : role === 'booster'
          ? GENERIC_DEFICIT_MARKERS
          : [];
  const states = markers.map((m) => markerStateAt(context, m, config, startMs));
  const categories = new Set([
    ...indications.flatMap((i) => i.conditions ?? []),
    ...(role === 'booster' ? ['immunodeficiency' as const] : []),
  ]);
  const conditions = context.conditions.filter(
    (c) =>
      [...c.categories].some((k) => categories.has(k)) && c.active && (c.onsetMs === undefined || c.onsetMs <= startMs),
  );
  const exposureRoles = new Set(indications.flatMap((i) => i.exposures ?? []));
  const window = config.thresholds.recentExposureDays * DAY_MS;
  const candidates = new Set([...exposureRoles].flatMap((r) => context.historyIndex.byRole.get(r) ?? []));
  const therapies = [...candidates].filter(
    (o) =>
      o !== first &&
      o.systemic &&
      (o.course.startMs ?? Number.POSITIVE_INFINITY) <= startMs &&
      (o.course.endMs === undefined || o.course.endMs >= startMs - window),
  );
  return { markers, indication: { deficits: states.filter((s) => s.state === 'deficit'), conditions, therapies } };
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

function modelOf(
  context: PatientContext,
  config: SiteConfig,
  orders: RecognizedOrder[],
  role: CourseRole,
  draft?: RecognizedOrder,
): ImmunoCourse | undefined {
  const first = orders[0] as RecognizedOrder;
  const last = orders[orders.length - 1] as RecognizedOrder;
  const match = matchOf(first, role);
  if (!match) return undefined;
  const now = context.nowMs;
  const startMs = first.course.startMs ?? first.authoredOnMs;
  const history = orders.filter((o) => o !== draft);
  const endMs = orders.every((o) => o.course.bounded) ? last.course.endMs : undefined;
  const max = match.agent?.maxCourseDays ?? match.drugClass.maxCourseDays;
  const configuredMax = config.thresholds.courses.maxDays[match.drugClass.id];
  const review =
    endMs !== undefined
      ? { ms: endMs, basis: 'order-end' as const }
      : startMs === undefined
        ? undefined
        : configuredMax !== undefined || max !== undefined
          ? { ms: startMs + (configuredMax ?? (max?.days as number)) * DAY_MS, basis: 'class-maximum' as const }
          : { ms: startMs + config.thresholds.courses.reviewAfterDays * DAY_MS, basis: 'site-default' as const };
  const course = {
    id: first.reference,
    orders,
    ...(draft ? { renewal: draft } : {}),
    role,
    match,
    ...(startMs === undefined ? {} : { startMs, daysElapsed: Math.max(0, Math.floor((now - startMs) / DAY_MS)) }),
    ...(endMs === undefined ? {} : { endMs }),
    ...(review ? { review } : {}),
    running: history.some((o) => isCurrent(o, now)),
    activeStatus: history.some((o) => STILL_ACTIVE.has(o.status)),
  } as ImmunoCourse;
  // The indication and the monitoring read results: worked out when a rule or the view first asks.
  const start = once(() =>
    startMs === undefined
      ? { markers: [], indication: { deficits: [], conditions: [], therapies: [] } }
      : indicationAt(context, first, role, config, startMs),
  );
  const plan = once(() => planFor(match, { context, config, course }));
  const monitoring = once(() => {
    const applied = plan();
    return applied ? monitoringOf(context, config, course, applied) : [];
  });
  Object.defineProperties(course, {
    indication: { enumerable: true, get: () => start().indication },
    endpointMarkers: {
      enumerable: true,
      get: () => {
        const { markers, indication } = start();
        return indication.deficits.length > 0 ? indication.deficits.map((s) => s.biomarker) : markers;
      },
    },
    plan: { enumerable: true, get: plan },
    monitoring: { enumerable: true, get: monitoring },
  });
  return course;
}

function groupKey(order: RecognizedOrder, role: CourseRole): string {
  const m = matchOf(order, role);
  return `${role}|${m?.agent?.id ?? m?.drugClass.id ?? order.display}`;
}

interface Group {
  role: CourseRole;
  orders: RecognizedOrder[];
  /** The group's courses, grouped once (courses.ts). */
  set?: CourseSet;
}

/** Orders by course role and agent: courses form only within a group. */
function groupOrders(orders: readonly RecognizedOrder[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const order of orders) {
    const role = courseRole(order);
    if (!role) continue;
    const key = groupKey(order, role);
    const group = groups.get(key) ?? { role, orders: [] };
    group.orders.push(order);
    groups.set(key, group);
  }
  return groups;
}

function courseSet(group: Group, config: SiteConfig): CourseSet {
  group.set ??= new CourseSet(
    group.orders,
    group.role === 'monitored' ? undefined : group.role,
    config.thresholds.courses.continuationGapDays,
  );
  return group.set;
}

/** The history courses of one group, oldest first. */
function coursesOfGroup(context: PatientContext, config: SiteConfig, group: Group) {
  return courseSet(group, config).courses.flatMap((c) => {
    const course = modelOf(context, config, c.orders, group.role);
    return course ? [course] : [];
  });
}

/** Per context and configuration: the history's groups and their courses (built on demand), each evaluated order's course. */
interface CourseCache {
  groups?: Map<string, Group>;
  courses: Map<string, ImmunoCourse[]>;
  byOrder: Map<RecognizedOrder, ImmunoCourse | undefined>;
  /** The history's orders of a drug class grouped into courses, by class and role. */
  classSets: Map<string, CourseSet>;
}

const caches = new WeakMap<PatientContext, WeakMap<SiteConfig, CourseCache>>();

function cacheOf(context: PatientContext, config: SiteConfig): CourseCache {
  let byConfig = caches.get(context);
  if (!byConfig) {
    byConfig = new WeakMap();
    caches.set(context, byConfig);
  }
  let cache = byConfig.get(config);
  if (!cache) {
    cache = { courses: new Map(), byOrder: new Map(), classSets: new Map() };
    byConfig.set(config, cache);
  }
  return cache;
}

function historyGroups(context: PatientContext, cache: CourseCache): Map<string, Group> {
  cache.groups ??= groupOrders(context.history);
  return cache.groups;
}

/** The history courses of one agent (cached). */
function historyCourses(context: PatientContext, config: SiteConfig, key: string): ImmunoCourse[] {
  const cache = cacheOf(context, config);
  let courses = cache.courses.get(key);
  if (!courses) {
    const group = historyGroups(context, cache).get(key);
    courses = group ? coursesOfGroup(context, config, group) : [];
    cache.courses.set(key, courses);
  }
  return courses;
}

/** Every course of the medication history, oldest first. */
export function patientCourses(context: PatientContext, config: SiteConfig): ImmunoCourse[] {
  const keys = [...historyGroups(context, cacheOf(context, config)).keys()];
  return keys
    .flatMap((key) => historyCourses(context, config, key))
    .sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
}

/**
 * The course an order under evaluation belongs to: a history order's own course, or for a draft
 * the history course it continues (then `renewal` is the draft) or a new course of its own. Every
 * rule asks; the answer is computed once per order.
 */
export function courseOf(input: RuleInput): ImmunoCourse | undefined {
  const { context, order, config } = input;
  const cache = cacheOf(context, config);
  if (cache.byOrder.has(order)) return cache.byOrder.get(order);
  const course = findCourse(context, config, order);
  cache.byOrder.set(order, course);
  return course;
}

function findCourse(context: PatientContext, config: SiteConfig, order: RecognizedOrder): ImmunoCourse | undefined {
  const role = courseRole(order);
  if (!role) return undefined;
  const key = groupKey(order, role);
  const history = historyCourses(context, config, key);
  const own = history.find((c) => c.orders.includes(order));
  if (own) return own;
  const group = historyGroups(context, cacheOf(context, config)).get(key) ?? { role, orders: [] };
  const joined = courseSet(group, config).with(order).own;
  return modelOf(context, config, joined.orders, role, joined.orders.length > 1 ? order : undefined);
}

/**
 * The courses of a drug class with an order among them (time-bound rules count courses by class,
 * not by agent): the history's are grouped once per context, the order placed into them.
 */
export function classCourses(
  input: RuleInput,
  classId: string,
  role: DrugRole,
): { courses: TreatmentCourse[]; own: TreatmentCourse } {
  const { context, config, order } = input;
  const cache = cacheOf(context, config);
  const key = `${classId}|${role}`;
  let set = cache.classSets.get(key);
  if (!set) {
    const orders = context.historyIndex.byClass.get(classId) ?? [];
    set = new CourseSet(orders, role, config.thresholds.courses.continuationGapDays);
    cache.classSets.set(key, set);
  }
  return set.with(order);
}

/** Earlier history courses of the same agent as a course (a re-order after a course that ended). */
export function earlierCourses(input: RuleInput, course: ImmunoCourse): ImmunoCourse[] {
  const key = groupKey(course.orders[0] as RecognizedOrder, course.role);
  return historyCourses(input.context, input.config, key).filter(
    (c) => c.id !== course.id && (c.startMs ?? 0) < (course.startMs ?? 0),
  );
}

/** Results of a marker after an instant (oldest first). */
export function resultsAfter(context: PatientContext, marker: string, afterMs: number): Measurement[] {
  return (
    context.profile.series.find((s) => s.biomarker.id === marker)?.history.filter((m) => m.epochMs > afterMs) ?? []
  );
}
