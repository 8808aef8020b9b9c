import type { Measurement } from '../biomarkers/measurement.js';
import type { SiteConfig } from '../config/schema.js';
import { DAY_MS } from '../drugs/dosage.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { AgentMatch } from '../drugs/recognize.js';
import type { DrugRole } from '../drugs/types.js';
import { indicationsOf, matchesWithRole } from './agents.js';
import type { ClassifiedCondition, PatientContext } from './context.js';
import { treatmentCourses } from './courses.js';
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
  const therapies = context.history.filter(
    (o) =>
      o !== first &&
      o.systemic &&
      [...exposureRoles].some((r) => o.roles.has(r)) &&
      (o.course.startMs ?? Number.POSITIVE_INFINITY) <= startMs &&
      (o.course.endMs === undefined || o.course.endMs >= startMs - window),
  );
  return { markers, indication: { deficits: states.filter((s) => s.state === 'deficit'), conditions, therapies } };
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
  const { markers, indication } =
    startMs === undefined
      ? { markers: [], indication: { deficits: [], conditions: [], therapies: [] } }
      : indicationAt(context, first, role, config, startMs);
  const endpointMarkers = indication.deficits.length > 0 ? indication.deficits.map((s) => s.biomarker) : markers;
  const course: ImmunoCourse = {
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
    indication,
    endpointMarkers,
    monitoring: [],
  };
  const plan = planFor(match, { context, config, course });
  if (plan) {
    course.plan = plan;
    course.monitoring = monitoringOf(context, config, course, plan);
  }
  return course;
}

function groupKey(order: RecognizedOrder, role: CourseRole): string {
  const m = matchOf(order, role);
  return `${role}|${m?.agent?.id ?? m?.drugClass.id ?? order.display}`;
}

/** Courses of `orders` (history orders and drafts, `drafts` naming the latter), oldest first. */
function buildCourses(
  context: PatientContext,
  config: SiteConfig,
  orders: readonly RecognizedOrder[],
  drafts: readonly RecognizedOrder[] = [],
): ImmunoCourse[] {
  const groups = new Map<string, { role: CourseRole; orders: RecognizedOrder[] }>();
  for (const order of orders) {
    const role = courseRole(order);
    if (!role) continue;
    const key = groupKey(order, role);
    const group = groups.get(key) ?? { role, orders: [] };
    group.orders.push(order);
    groups.set(key, group);
  }
  const out: ImmunoCourse[] = [];
  const gap = config.thresholds.courses.continuationGapDays;
  for (const { role, orders: list } of groups.values()) {
    for (const c of treatmentCourses(list, role === 'monitored' ? undefined : role, gap)) {
      const draft = c.orders.length > 1 ? c.orders.find((o) => drafts.includes(o)) : undefined;
      const course = modelOf(context, config, c.orders, role, draft);
      if (course) out.push(course);
    }
  }
  return out.sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
}

const historyCourses = new WeakMap<PatientContext, ImmunoCourse[]>();

/** Every course of the medication history, oldest first (built once per context). */
export function patientCourses(context: PatientContext, config: SiteConfig): ImmunoCourse[] {
  let courses = historyCourses.get(context);
  if (!courses) {
    courses = buildCourses(context, config, context.history);
    historyCourses.set(context, courses);
  }
  return courses;
}

/**
 * The course an order under evaluation belongs to: a history order's own course, or for a draft
 * the history course it continues (then `renewal` is the draft) or a new course of its own.
 */
export function courseOf(input: RuleInput): ImmunoCourse | undefined {
  const { context, order, config } = input;
  const role = courseRole(order);
  if (!role) return undefined;
  if (context.history.includes(order)) return patientCourses(context, config).find((c) => c.orders.includes(order));
  const key = groupKey(order, role);
  const same = context.history.filter((o) => courseRole(o) === role && groupKey(o, role) === key);
  return buildCourses(context, config, [...same, order], [order]).find((c) => c.orders.includes(order));
}

/** Earlier courses of the same agent as the order (a re-order after a course that ended). */
export function earlierCourses(input: RuleInput, course: ImmunoCourse): ImmunoCourse[] {
  const key = groupKey(course.orders[0] as RecognizedOrder, course.role);
  return patientCourses(input.context, input.config).filter(
    (c) =>
      c.id !== course.id &&
      groupKey(c.orders[0] as RecognizedOrder, c.role) === key &&
      (c.startMs ?? 0) < (course.startMs ?? 0),
  );
}

/** Results of a marker after an instant (oldest first). */
export function resultsAfter(context: PatientContext, marker: string, afterMs: number): Measurement[] {
  return (
    context.profile.series.find((s) => s.biomarker.id === marker)?.history.filter((m) => m.epochMs > afterMs) ?? []
  );
}
