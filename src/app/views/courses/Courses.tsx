import { Suspense } from 'react';
import { pageTranslator } from '../../language.js';
import { preloadable } from '../preloadable.js';
import { Skeleton } from '../Skeleton.js';
import type { CoursesProps } from './CoursesBody.js';

/** The view writes tests, results and sources through the core: loaded lazily, with the analysis. */
const Body = preloadable(() => import('./CoursesBody.js'));

/** Fetches the view's code ahead of its first render (main.tsx, beside the launch). */
export const preloadCourses = Body.preload;

/** The Courses view: what needs attention today, then each course. */
export function Courses(props: CoursesProps) {
  return (
    <Suspense fallback={<Skeleton label={pageTranslator().t('app.courses.loading')} />}>
      <Body {...props} />
    </Suspense>
  );
}
