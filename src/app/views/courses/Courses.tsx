import { lazy, Suspense } from 'react';
import type { ImmuneProfile } from '../../../core/biomarkers/profile.js';
import type { CourseOverview } from '../../../core/rules/course-view.js';
import { pageTranslator } from '../../language.js';
import { Skeleton } from '../Skeleton.js';

/** The view writes tests, results and sources through the core: loaded lazily, with the analysis. */
const Body = lazy(() => import('./CoursesBody.js'));

export interface CoursesProps {
  courses: CourseOverview[];
  profile: ImmuneProfile;
  nowMs: number;
  /** The data that did not arrive, as a physician names it: the courses may be incomplete. */
  missing: string[];
  /** The order a card's link named, when it opened this view. */
  focusOrder?: string | undefined;
}

/** The Courses view: what needs attention today, then each course. */
export function Courses(props: CoursesProps) {
  return (
    <Suspense fallback={<Skeleton label={pageTranslator().t('app.courses.loading')} />}>
      <Body {...props} />
    </Suspense>
  );
}
