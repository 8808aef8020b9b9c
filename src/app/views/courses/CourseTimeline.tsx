import { useId } from 'react';
import type { CourseOverview } from '../../../core/rules/course-view.js';
import { pageTranslator } from '../../language.js';
import { courseDates, courseName, courseState } from './course-labels.js';

function percent(value: number): string {
  return `${Math.max(0, Math.min(100, value * 100)).toFixed(2)}%`;
}

/**
 * Every course as a bar on one time axis, today marked. The bars are a picture of the dates
 * written beside them (hidden from screen readers, which read the dates and states).
 */
export function CourseTimeline({ courses, nowMs }: { courses: CourseOverview[]; nowMs: number }) {
  const t = pageTranslator();
  const headingId = useId();
  const dated = courses.filter((c) => c.course.startMs !== undefined);
  const from = Math.min(nowMs, ...dated.map((c) => c.course.startMs as number));
  const to = Math.max(nowMs, ...dated.map((c) => c.course.endMs ?? nowMs));
  const width = Math.max(to - from, 1);
  const at = (ms: number) => (ms - from) / width;
  const ordered = [...courses].sort((a, b) => (a.course.startMs ?? nowMs) - (b.course.startMs ?? nowMs));
  return (
    <section className="course-timeline" aria-labelledby={headingId}>
      <h3 id={headingId} className="timeline-heading">
        {t.t('app.courses.timeline.title')}
      </h3>
      <p className="muted">
        {t.t('app.courses.timeline.label', { from: t.date(from), to: t.date(to), today: t.date(nowMs) })}
      </p>
      <ol className="timeline-rows">
        {ordered.map((overview) => {
          const { course } = overview;
          const state = courseState(overview);
          const start = course.startMs;
          return (
            <li key={course.id} className="timeline-row">
              <span className="timeline-name">{courseName(course)}</span>
              <span className="timeline-track" aria-hidden="true">
                {start !== undefined && (
                  <span
                    className={`timeline-bar timeline-bar--${state}`}
                    style={{
                      left: percent(at(start)),
                      width: percent(Math.max(at(course.endMs ?? nowMs) - at(start), 0.005)),
                    }}
                  />
                )}
                <span className="timeline-today" style={{ left: percent(at(nowMs)) }} />
              </span>
              <span className="timeline-dates">
                {courseDates(t, course)} · {t.t('app.courses.state', { state })}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
