import './courses.css';
import { useLayoutEffect, useRef } from 'react';
import type { ImmuneProfile } from '../../../core/biomarkers/profile.js';
import { type CourseOverview, needsAttention } from '../../../core/rules/course-view.js';
import { pageTranslator } from '../../language.js';
import { AttentionSummary } from './AttentionSummary.js';
import { CourseCard } from './CourseCard.js';
import { CourseTimeline } from './CourseTimeline.js';

export interface CoursesProps {
  courses: CourseOverview[];
  profile: ImmuneProfile;
  nowMs: number;
  /** The data that did not arrive, as a physician names it: the courses may be incomplete. */
  missing: string[];
  /** The order a card's link named, when it opened this view. */
  focusOrder?: string | undefined;
}

function names(reference: string, wanted: string): boolean {
  return reference === wanted || reference.endsWith(`/${wanted}`);
}

/** The summary of what is due today, the timeline of every course, then one card per course. */
export function CoursesBody({ courses, profile, nowMs, missing, focusOrder }: CoursesProps) {
  const t = pageTranslator();
  const focusedRef = useRef<HTMLElement>(null);
  const focused = focusOrder
    ? courses.find(
        (c) =>
          c.course.orders.some((o) => names(o.reference, focusOrder)) ||
          (c.renewal !== undefined && names(c.renewal.reference, focusOrder)),
      )
    : undefined;

  // Opened from a card about a course: that course is scrolled to and takes the focus, in the
  // commit that shows it (as in FindingsListBody).
  useLayoutEffect(() => {
    const el = focusedRef.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'start' });
  }, []);

  return (
    <div className="courses-view">
      <AttentionSummary items={needsAttention(courses)} missing={missing} />
      {courses.length === 0 ? (
        <p className="empty">{t.t('app.courses.empty')}</p>
      ) : (
        <>
          <CourseTimeline courses={courses} nowMs={nowMs} />
          <ul className="course-cards">
            {courses.map((overview) => (
              <CourseCard
                key={overview.course.id}
                overview={overview}
                profile={profile}
                nowMs={nowMs}
                focusedRef={overview === focused ? focusedRef : undefined}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export default CoursesBody;
