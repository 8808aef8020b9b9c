import type { Translator } from '../../../core/messages/translator.js';
import type { ImmunoCourse } from '../../../core/rules/course-model.js';
import type { CourseOverview } from '../../../core/rules/course-view.js';

/** How the view names a course and its state: one way in the summary, the timeline and the cards. */

/** The course as the first order wrote it ("Pegasys 180 mcg"). */
export function courseName(course: ImmunoCourse): string {
  return course.orders[0]?.display ?? course.id;
}

export type CourseState = 'renewal' | 'running' | 'active' | 'ended';

export function courseState(overview: CourseOverview): CourseState {
  if (overview.renewal) return 'renewal';
  if (overview.course.running) return 'running';
  return overview.course.activeStatus ? 'active' : 'ended';
}

/** "Pegasys 180 mcg, since 24 Jul 2026" */
export function courseTitle(t: Translator, course: ImmunoCourse): string {
  return t.t('app.courses.attention.course', {
    drug: courseName(course),
    start: course.startMs === undefined ? t.t('app.course.startNotRecorded') : t.date(course.startMs),
  });
}

/** The span a chart shades: from the start to the planned end, or to today while it goes on. */
export function shadedSpan(course: ImmunoCourse, nowMs: number): { startMs: number; endMs: number } | undefined {
  if (course.startMs === undefined) return undefined;
  return { startMs: course.startMs, endMs: Math.min(course.endMs ?? nowMs, nowMs) };
}

/** "24 Jul 2026 → 25 Jun 2027", or "… → no end date". */
export function courseDates(t: Translator, course: ImmunoCourse): string {
  return t.t('app.course.dates', {
    start: course.startMs === undefined ? t.t('app.course.startNotRecorded') : t.date(course.startMs),
    end: course.endMs === undefined ? t.t('app.course.noEnd') : t.date(course.endMs),
  });
}
