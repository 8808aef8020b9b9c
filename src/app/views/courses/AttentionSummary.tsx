import { useId } from 'react';
import type { CourseOverview } from '../../../core/rules/course-view.js';
import type { Finding } from '../../../core/rules/types.js';
import { pageTranslator } from '../../language.js';
import { Glyph } from '../Glyph.js';
import { courseTitle } from './course-labels.js';

/**
 * "Needs attention today": one line per course-rule finding on a current course, naming the
 * course. "Nothing due" only when every input arrived; otherwise it says what is not known.
 */
export function AttentionSummary({
  items,
  missing,
}: {
  items: { overview: CourseOverview; finding: Finding }[];
  missing: string[];
}) {
  const t = pageTranslator();
  const headingId = useId();
  return (
    <section className="attention" aria-labelledby={headingId}>
      <h3 id={headingId} className="attention-title">
        {t.t('app.courses.attention.title')}
      </h3>
      {items.length > 0 ? (
        <ul className="attention-list">
          {items.map(({ overview, finding }) => (
            <li
              key={`${finding.ruleId}|${finding.order?.reference}`}
              className={`attention-item attention-item--${finding.indicator}`}
              data-rule={finding.ruleId}
            >
              <span className={`badge badge--${finding.indicator}`}>
                <Glyph name={finding.indicator} /> {t.t(`indicator.${finding.indicator}`)}
              </span>{' '}
              {t.t('app.courses.attention.item', { course: courseTitle(t, overview.course), summary: finding.summary })}
            </li>
          ))}
        </ul>
      ) : missing.length > 0 ? (
        <p className="notice notice--incomplete">
          <Glyph name="warning" /> {t.t('app.courses.attention.unknown', { missing: t.list(missing) })}
        </p>
      ) : (
        <p className="attention-none">
          <Glyph name="normal" /> {t.t('app.courses.attention.none')}
        </p>
      )}
    </section>
  );
}
