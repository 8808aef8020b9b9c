import type { SiteConfig } from '../config/schema.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { Translator } from '../messages/translator.js';
import type { PatientContext } from './context.js';
import { courseOf, type ImmunoCourse, patientCourses } from './course-model.js';
import { COURSE_RULE_IDS, INDICATORS, type RuleId } from './ids.js';
import { OrderIndex } from './order-index.js';
import type { Finding } from './types.js';

/**
 * The courses as the app's Courses view shows them: each course of the history with the findings
 * of the five course-stewardship rules on it (its current orders, and a draft being signed that
 * continues it), and the end-point markers worth charting. Pure: the rules decide, this only
 * attaches their findings to the course they concern.
 */

export const COURSE_RULES: ReadonlySet<RuleId> = new Set(COURSE_RULE_IDS);

export interface CourseOverview {
  course: ImmunoCourse;
  /** The draft being signed that continues this course (the order a card's link named). */
  renewal?: RecognizedOrder;
  /** Findings of the course rules about this course, most severe first. */
  findings: Finding[];
  /** Being taken, still marked active, or being renewed: what "today" is about. */
  current: boolean;
  /**
   * Markers to chart for the end point: those of the deficits that justified the course, else the
   * first endpoint marker with results (a course without a documented deficit has a generic list).
   */
  charted: string[];
}

const RANK = (f: Finding) => INDICATORS.indexOf(f.indicator);

function bySeverity(a: Finding, b: Finding): number {
  return RANK(b) - RANK(a);
}

function chartedMarkers(context: PatientContext, course: ImmunoCourse): string[] {
  const withResults = course.endpointMarkers.filter((m) =>
    context.profile.series.some((s) => s.biomarker.id === m && s.history.length > 0),
  );
  return course.indication.deficits.length > 0 ? withResults : withResults.slice(0, 1);
}

/**
 * Every course of the history with its course-rule findings: `findings` are those of the current
 * orders (`evaluateCurrent`) and of `drafts` (a card's order, evaluated as at signing).
 */
export function courseOverviews(
  context: PatientContext,
  config: SiteConfig,
  findings: readonly Finding[],
  drafts: readonly RecognizedOrder[],
  t: Translator,
): CourseOverview[] {
  const draftIndex = new OrderIndex(drafts);
  // The history course a draft continues: courseOf names it by the course's first order.
  const renewed = new Map<string, RecognizedOrder>();
  for (const order of drafts) {
    const course = courseOf({ context, order, drafts, draftIndex, config, t });
    if (course?.renewal === order) renewed.set(course.id, order);
  }
  const courseFindings = findings.filter((f) => COURSE_RULES.has(f.ruleId));
  return patientCourses(context, config)
    .map((course): CourseOverview => {
      const renewal = renewed.get(course.id);
      const references = new Set([...course.orders.map((o) => o.reference), ...(renewal ? [renewal.reference] : [])]);
      return {
        course,
        ...(renewal ? { renewal } : {}),
        findings: courseFindings.filter((f) => f.order && references.has(f.order.reference)).sort(bySeverity),
        current: course.running || course.activeStatus || renewal !== undefined,
        charted: chartedMarkers(context, course),
      };
    })
    .sort((a, b) => Number(b.current) - Number(a.current) || (b.course.startMs ?? 0) - (a.course.startMs ?? 0));
}

/** What needs attention today: each course-rule finding on a current course, most severe first. */
export function needsAttention(overviews: readonly CourseOverview[]): { overview: CourseOverview; finding: Finding }[] {
  return overviews
    .filter((o) => o.current)
    .flatMap((overview) => overview.findings.map((finding) => ({ overview, finding })))
    .sort((a, b) => bySeverity(a.finding, b.finding));
}
