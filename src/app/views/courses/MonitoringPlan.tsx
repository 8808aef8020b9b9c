import { useId } from 'react';
import type { Translator } from '../../../core/messages/translator.js';
import type { ImmunoCourse } from '../../../core/rules/course-model.js';
import { datedValue, testName } from '../../../core/rules/course-text.js';
import type { TestState, TestStatus } from '../../../core/rules/monitoring.js';
import { SOURCES } from '../../../core/sources.js';
import { pageTranslator } from '../../language.js';
import { Glyph, type GlyphName } from '../Glyph.js';
import { useNarrow } from '../useNarrow.js';

/** Each state said in words with a glyph beside it, never by colour alone. */
const GLYPH: Record<TestState, GlyphName> = {
  done: 'normal',
  due: 'info',
  overdue: 'warning',
  'no-baseline': 'warning',
};

// ICU select keys have no hyphens: no-baseline → no_baseline.
const selectKey = (state: TestState) => state.replaceAll('-', '_');

function stateText(t: Translator, state: TestState): string {
  return t.t('app.courses.test.state', { state: selectKey(state) });
}

function dueText(t: Translator, status: TestStatus): string {
  return status.dueMs === undefined
    ? t.t('app.courses.test.notScheduled')
    : t.t('app.courses.test.due', { state: selectKey(status.state), date: t.date(status.dueMs) });
}

function lastText(t: Translator, status: TestStatus): string {
  return status.last ? datedValue(t, status.last) : t.t('app.courses.test.noResult');
}

function StateBadge({ state }: { state: TestState }) {
  const t = pageTranslator();
  return (
    <span className={`badge badge--test-${state}`}>
      <Glyph name={GLYPH[state]} /> {stateText(t, state)}
    </span>
  );
}

/** The plan's source: a label's or guideline's citation, or that it is ImmunoSteward's expert opinion. */
function PlanSource({ course }: { course: ImmunoCourse }) {
  const t = pageTranslator();
  const plan = course.plan;
  if (!plan) return null;
  const citation = SOURCES.get(plan.source)?.citation;
  const source = plan.opinion
    ? t.t('app.courses.plan.opinion')
    : citation
      ? t.t('app.courses.plan.source', { citation })
      : undefined;
  if (!source && !plan.siteChanged) return null;
  return (
    <p className="plan-source">
      {source}
      {plan.siteChanged && <> {t.t('app.courses.plan.siteChanged')}</>}
    </p>
  );
}

/** The monitoring plan with each test done, due, overdue or without a baseline; a list on narrow screens. */
export function MonitoringPlan({
  course,
  current,
  drug,
  nowMs,
}: {
  course: ImmunoCourse;
  /** The course is followed today; otherwise its tests are as of its end. */
  current: boolean;
  drug: string;
  nowMs: number;
}) {
  const t = pageTranslator();
  const narrow = useNarrow();
  const captionId = useId();
  if (!course.plan) return <p className="muted">{t.t('app.courses.plan.none')}</p>;
  const tests = course.monitoring;
  const endNote =
    !current && course.endMs !== undefined && course.endMs < nowMs ? (
      <p className="muted">{t.t('app.courses.plan.asOfEnd', { date: t.date(course.endMs) })}</p>
    ) : null;
  if (narrow) {
    return (
      <div className="monitoring-plan">
        <p id={captionId} className="visually-hidden">
          {t.t('app.courses.plan.caption', { drug })}
        </p>
        <ul className="plan-cards" aria-labelledby={captionId}>
          {tests.map((status) => (
            <li key={status.test.id} className={`plan-card plan-card--${status.state}`}>
              <p className="plan-card-head">
                <span className="plan-test">{testName(t, status.test)}</span> <StateBadge state={status.state} />
              </p>
              <dl className="plan-card-fields">
                <dt>{t.t('app.courses.plan.column.due')}</dt>
                <dd>{dueText(t, status)}</dd>
                <dt>{t.t('app.courses.plan.column.last')}</dt>
                <dd>{lastText(t, status)}</dd>
              </dl>
            </li>
          ))}
        </ul>
        {endNote}
        <PlanSource course={course} />
      </div>
    );
  }
  return (
    <div className="monitoring-plan">
      <table className="plan-table">
        <caption>{t.t('app.courses.plan.caption', { drug })}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('app.courses.plan.column.test')}</th>
            <th scope="col">{t.t('app.courses.plan.column.state')}</th>
            <th scope="col">{t.t('app.courses.plan.column.due')}</th>
            <th scope="col">{t.t('app.courses.plan.column.last')}</th>
          </tr>
        </thead>
        <tbody>
          {tests.map((status) => (
            <tr key={status.test.id} className={`plan-row plan-row--${status.state}`}>
              <th scope="row">{testName(t, status.test)}</th>
              <td>
                <StateBadge state={status.state} />
              </td>
              <td>{dueText(t, status)}</td>
              <td>{lastText(t, status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {endNote}
      <PlanSource course={course} />
    </div>
  );
}
