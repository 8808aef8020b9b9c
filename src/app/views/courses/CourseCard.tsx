import { lazy, type RefObject, Suspense, useId } from 'react';
import type { ImmuneProfile } from '../../../core/biomarkers/profile.js';
import { className } from '../../../core/messages/names.js';
import { datedValue, markerNames } from '../../../core/rules/course-text.js';
import type { CourseOverview } from '../../../core/rules/course-view.js';
import type { Finding } from '../../../core/rules/types.js';
import { pageTranslator } from '../../language.js';
import { Glyph } from '../Glyph.js';
import { MarkdownView } from '../MarkdownView.js';
import { Skeleton } from '../Skeleton.js';
import { courseDates, courseName, courseState, shadedSpan } from './course-labels.js';
import { MonitoringPlan } from './MonitoringPlan.js';

const TrendChart = lazy(() => import('../TrendChart.js'));

/** One course: dates, state, review date, findings (adverse signals among them), indication, end point, plan. */
export function CourseCard({
  overview,
  profile,
  nowMs,
  focusedRef,
}: {
  overview: CourseOverview;
  profile: ImmuneProfile;
  nowMs: number;
  focusedRef: RefObject<HTMLElement | null> | undefined;
}) {
  const t = pageTranslator();
  const id = useId();
  const { course, renewal, findings, current } = overview;
  const state = courseState(overview);
  const name = courseName(course);
  const agent = course.match.agent?.name;
  return (
    <li className="course-card-item">
      <article
        ref={focusedRef}
        className={`course-card course-card--${state}${focusedRef ? ' course-card--focused' : ''}`}
        aria-labelledby={`${id}-name`}
        tabIndex={focusedRef ? -1 : undefined}
        aria-current={focusedRef ? 'true' : undefined}
      >
        <div className="course-head">
          <h3 id={`${id}-name`} className="course-name">
            {name}
          </h3>
          <span className={`badge badge--course-${state}`}>{t.t('app.courses.state', { state })}</span>
        </div>
        <p className="course-meta">
          {[
            className(t, course.match.drugClass),
            agent && !name.toLowerCase().includes(agent.toLowerCase()) ? agent : undefined,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <p className="course-dates">
          <span>{courseDates(t, course)}</span>
          {/* Day 1 is the day of the first dose, as a course is counted at the bedside. */}
          {course.daysElapsed !== undefined && current && (
            <span className="course-progress">{t.t('app.courses.elapsed', { day: course.daysElapsed + 1 })}</span>
          )}
        </p>
        <p
          className={`course-review${course.review && course.review.ms < nowMs && current ? ' course-review--passed' : ''}`}
        >
          {course.review ? (
            <>
              {course.review.ms < nowMs && current && <Glyph name="warning" />}{' '}
              {t.t('app.courses.review', {
                passed: course.review.ms < nowMs ? 'yes' : 'no',
                date: t.date(course.review.ms),
                basis: { 'order-end': 'end', 'class-maximum': 'max', 'site-default': 'review' }[course.review.basis],
              })}
            </>
          ) : (
            t.t('app.courses.noReview')
          )}
        </p>
        {renewal && <p className="course-renewal">{t.t('app.courses.renewal', { order: renewal.display })}</p>}
        <CourseFindings findings={findings} current={current} headingId={`${id}-findings`} />
        <Indication overview={overview} headingId={`${id}-indication`} />
        <Endpoint overview={overview} profile={profile} nowMs={nowMs} headingId={`${id}-endpoint`} />
        <section className="course-section" aria-labelledby={`${id}-plan`}>
          <h4 id={`${id}-plan`}>{t.t('app.courses.plan.title')}</h4>
          <MonitoringPlan course={course} current={current} drug={name} nowMs={nowMs} />
        </section>
      </article>
    </li>
  );
}

/** The course rules' findings on this course: monitoring due, review, end point, no response, adverse signal. */
function CourseFindings({
  findings,
  current,
  headingId,
}: {
  findings: Finding[];
  current: boolean;
  headingId: string;
}) {
  const t = pageTranslator();
  // A past course is not evaluated today: saying "nothing due" of it would claim a check that did not run.
  if (findings.length === 0 && !current) return null;
  return (
    <section className="course-section" aria-labelledby={headingId}>
      <h4 id={headingId}>{t.t('app.courses.findings.title')}</h4>
      {findings.length === 0 ? (
        <p className="muted">{t.t('app.courses.findings.none')}</p>
      ) : (
        <ul className="course-findings">
          {findings.map((finding) => (
            <li
              key={`${finding.ruleId}|${finding.order?.reference}`}
              className={`course-finding finding--${finding.indicator}`}
              data-rule={finding.ruleId}
            >
              <p className="course-finding-head">
                <span className={`badge badge--${finding.indicator}`}>
                  <Glyph name={finding.indicator} /> {t.t(`indicator.${finding.indicator}`)}
                </span>{' '}
                <strong>{t.t(`ruleTitle.${finding.ruleId}`)}</strong>
              </p>
              <p className="course-finding-summary">{finding.summary}</p>
              {/* Concerns, what to do, evidence and sources, as the finding's card says them. */}
              <Suspense fallback={null}>
                <MarkdownView text={finding.detail} />
              </Suspense>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Why the course started, as recorded at its start. */
function Indication({ overview, headingId }: { overview: CourseOverview; headingId: string }) {
  const t = pageTranslator();
  const { deficits, conditions, therapies } = overview.course.indication;
  const lines = [
    ...deficits.flatMap((d) =>
      d.series ? [t.t('app.courses.indication.deficit', { result: datedValue(t, d.series.latest) })] : [],
    ),
    ...conditions.map((c) => t.t('app.courses.indication.condition', { condition: c.display })),
    ...therapies.map((o) => t.t('app.courses.indication.therapy', { therapy: o.display })),
  ];
  return (
    <section className="course-section" aria-labelledby={headingId}>
      <h4 id={headingId}>{t.t('app.courses.indication.title')}</h4>
      {lines.length === 0 ? (
        <p className="muted">{t.t('app.courses.indication.none')}</p>
      ) : (
        <ul className="course-indication">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The end-point markers and the chart of each charted one, the course's span shaded. */
function Endpoint({
  overview,
  profile,
  nowMs,
  headingId,
}: {
  overview: CourseOverview;
  profile: ImmuneProfile;
  nowMs: number;
  headingId: string;
}) {
  const t = pageTranslator();
  const { course, charted } = overview;
  const series = charted.flatMap((id) => profile.series.filter((s) => s.biomarker.id === id));
  const span = shadedSpan(course, nowMs);
  return (
    <section className="course-section" aria-labelledby={headingId}>
      <h4 id={headingId}>{t.t('app.courses.endpoint.title')}</h4>
      {course.endpointMarkers.length === 0 ? (
        <p className="muted">{t.t('app.courses.endpoint.none')}</p>
      ) : (
        <p>{t.t('app.courses.endpoint.markers', { markers: markerNames(t, course.endpointMarkers) })}</p>
      )}
      {course.endpointMarkers.length > 0 && series.length === 0 && (
        <p className="muted">
          {t.t('app.courses.endpoint.noResults', { markers: markerNames(t, course.endpointMarkers) })}
        </p>
      )}
      {series.map((s) => (
        <Suspense key={s.biomarker.id} fallback={<Skeleton lines={2} label={t.t('app.trend.loading')} />}>
          <TrendChart series={s} span={span} />
        </Suspense>
      ))}
    </section>
  );
}
