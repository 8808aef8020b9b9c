import type { Measurement } from '../biomarkers/measurement.js';
import type { SiteConfig } from '../config/schema.js';
import { DAY_MS, dailyAmountIn } from '../drugs/dosage.js';
import { MONITORING_PLANS } from '../drugs/monitoring-plans.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { AgentMatch } from '../drugs/recognize.js';
import type { MonitoringPlan, MonitoringTest } from '../drugs/types.js';
import type { PatientContext } from './context.js';
import { activeConditions } from './exposure.js';

/**
 * Monitoring plans applied to a course: the knowledge base's plan for the agent (the first that
 * matches, specific plans listed first) with the site's changes, and each test's state on the
 * patient's results — done in time, due, overdue, or no baseline.
 */

export interface AppliedPlan extends MonitoringPlan {
  /** The site changed an interval or a baseline of this plan. */
  siteChanged: boolean;
}

export type TestState = 'done' | 'due' | 'overdue' | 'no-baseline';

export interface TestStatus {
  test: MonitoringTest;
  state: TestState;
  /** The latest result of any of the test's markers since the baseline window opened. */
  last?: Measurement;
  /** When the next result is (or was) due; undefined for a baseline-only test that is done. */
  dueMs?: number;
}

/** What the plan and the states need of a course (the course model's ImmunoCourse has it all). */
export interface CourseFacts {
  orders: RecognizedOrder[];
  match: AgentMatch;
  startMs?: number;
  endMs?: number;
  daysElapsed?: number;
  running: boolean;
  renewal?: RecognizedOrder;
}

interface PlanScope {
  context: PatientContext;
  config: SiteConfig;
  course: CourseFacts;
}

function applies(plan: MonitoringPlan, match: AgentMatch): boolean {
  return (
    (match.agent !== undefined && (plan.agents ?? []).includes(match.agent.id)) ||
    (plan.classes ?? []).includes(match.drugClass.id)
  );
}

function meetsConditions(plan: MonitoringPlan, scope: PlanScope): boolean {
  const when = plan.when;
  if (!when) return true;
  const { context, course } = scope;
  if (when.conditions && !when.conditions.some((c) => activeConditions(context, c).length > 0)) return false;
  if (when.minCourseDays !== undefined) {
    const planned = course.orders.reduce((sum, o) => sum + (o.course.plannedDays ?? Number.POSITIVE_INFINITY), 0);
    if (Math.max(planned, course.daysElapsed ?? 0) <= when.minCourseDays) return false;
  }
  if (when.dosePerDayAbove) {
    const { value, unit } = when.dosePerDayAbove;
    const last = course.orders[course.orders.length - 1];
    const dose = dailyAmountIn(last?.dose, unit, course.match.drugClass.id);
    if (dose === undefined || dose <= value) return false;
  }
  return true;
}

function withSite(plan: MonitoringPlan, config: SiteConfig): AppliedPlan | undefined {
  const site = config.thresholds.monitoring.plans[plan.id];
  if (site?.enabled === false) return undefined;
  let siteChanged = false;
  const tests = plan.tests.map((test) => {
    const change = site?.tests[test.id];
    if (!change) return test;
    siteChanged = true;
    return {
      ...test,
      ...(change.baseline === undefined ? {} : { baseline: change.baseline }),
      ...(change.everyDays === undefined ? {} : { schedule: [{ everyDays: change.everyDays }] }),
    };
  });
  return { ...plan, tests, siteChanged };
}

/**
 * The plan that applies to an agent. Without a scope: whether the agent has any plan at all (a
 * course of an agent that is neither booster nor nutrient is followed only when it has one).
 */
export function planFor(match: AgentMatch, scope: PlanScope | undefined): AppliedPlan | undefined {
  for (const plan of MONITORING_PLANS) {
    if (!applies(plan, match)) continue;
    if (!scope) return { ...plan, siteChanged: false };
    if (!meetsConditions(plan, scope)) continue;
    const applied = withSite(plan, scope.config);
    if (applied) return applied;
  }
  return undefined;
}

/**
 * The latest result of any of the markers in [fromMs, untilMs] (on a tie, the catalog's later
 * marker). Histories are sorted by time: a binary search each, no copy of a long history.
 */
function latestBetween(
  context: PatientContext,
  markers: readonly string[],
  fromMs: number,
  untilMs: number,
): Measurement | undefined {
  let best: Measurement | undefined;
  for (const s of context.profile.series) {
    if (!markers.includes(s.biomarker.id)) continue;
    const history = s.history;
    let lo = 0;
    let hi = history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((history[mid] as Measurement).epochMs <= untilMs) lo = mid + 1;
      else hi = mid;
    }
    const m = history[lo - 1];
    if (m && m.epochMs >= fromMs && (!best || m.epochMs >= best.epochMs)) best = m;
  }
  return best;
}

/** The interval in effect on a course day: the first phase the course has not passed. */
function intervalOn(test: MonitoringTest, day: number): number | undefined {
  const phase = test.schedule.find((p) => p.untilDay === undefined || day < p.untilDay);
  return (phase ?? test.schedule[test.schedule.length - 1])?.everyDays;
}

/**
 * Each test's state. While the course runs (or is renewed) the states are as of now; for a course
 * that ended they are as of its end (nothing is due after a course stops).
 */
export function monitoringOf(
  context: PatientContext,
  config: SiteConfig,
  course: CourseFacts,
  plan: AppliedPlan,
): TestStatus[] {
  const start = course.startMs;
  if (start === undefined) return [];
  const { baselineDays, graceDays } = config.thresholds.monitoring;
  const followed = course.running || course.renewal !== undefined || start > context.nowMs;
  const asOf = followed ? context.nowMs : Math.min(context.nowMs, course.endMs ?? context.nowMs);
  const opens = start - baselineDays * DAY_MS;
  return plan.tests.map((test) => {
    const last = latestBetween(context, test.markers, opens, asOf);
    const withLast = last ? { last } : {};
    if (test.baseline && !last) return { test, state: 'no-baseline', dueMs: start };
    if (test.schedule.length === 0 || start > asOf) return { test, state: 'done', ...withLast };
    const anchor = Math.max(last?.epochMs ?? start, start);
    const every = intervalOn(test, (anchor - start) / DAY_MS) as number;
    const dueMs = anchor + every * DAY_MS;
    const state: TestState = asOf > dueMs + graceDays * DAY_MS ? 'overdue' : asOf >= dueMs ? 'due' : 'done';
    return { test, state, dueMs, ...withLast };
  });
}
