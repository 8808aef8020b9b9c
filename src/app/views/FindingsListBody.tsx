import { type RefObject, Suspense, useId, useLayoutEffect, useRef } from 'react';
import type { OrderAssessment } from '../../core/rules/assessment.js';
import type { RuleId } from '../../core/rules/ids.js';
import { pageTranslator } from '../language.js';
import { Glyph } from './Glyph.js';
import { MarkdownView } from './MarkdownView.js';

export interface FindingsListProps {
  assessments: OrderAssessment[];
  focus?: FindingsFocus;
}

export interface FindingsFocus {
  rule?: string;
  order?: string;
  view?: string;
}

function sameOrder(reference: string | undefined, wanted: string): boolean {
  if (!reference) return false;
  return reference === wanted || reference.endsWith(`/${wanted}`);
}

/**
 * The entry a CDS card asked for: the order it names (a card is one order), else the first entry
 * where its rule fired, else none.
 */
function focusedIndexOf(assessments: readonly OrderAssessment[], focus: FindingsFocus | undefined): number {
  if (!focus) return -1;
  const { order, rule } = focus;
  if (order) {
    const byOrder = assessments.findIndex((a) => sameOrder(a.order.reference, order));
    if (byOrder >= 0) return byOrder;
  }
  return rule ? assessments.findIndex((a) => a.ruleIds.includes(rule as RuleId)) : -1;
}

/** One entry per order with a concern, most severe first: the same grouping as the CDS cards. */
function FindingsListBody({ assessments, focus }: FindingsListProps) {
  const t = pageTranslator();
  const focusedIndex = focusedIndexOf(assessments, focus);
  const focusedRef = useRef<HTMLElement>(null);

  // Opened from a card: the entry is scrolled to the top, highlighted, and takes the focus, so a
  // keyboard or screen-reader user starts there. In the commit that shows it (a layout effect):
  // a passive effect runs a moment later, and whatever reads the page in between finds no focus.
  useLayoutEffect(() => {
    const el = focusedRef.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'start' });
  }, []);

  if (assessments.length === 0) {
    return <p className="empty">{t.t('app.findings.empty')}</p>;
  }
  const counts = (['critical', 'warning', 'info'] as const)
    .map((indicator) => [indicator, assessments.filter((a) => a.indicator === indicator).length] as const)
    .filter(([, count]) => count > 0)
    .map(([indicator, count]) => t.t('app.findings.severityCount', { indicator, count }));
  return (
    <>
      <p className="findings-count">
        {t.t('app.findings.count', { count: assessments.length, bySeverity: t.list(counts) })}
      </p>
      <ol className="findings" aria-label={t.t('app.findings.listLabel')}>
        {assessments.map((assessment, index) => (
          <AssessmentItem
            key={assessment.order.reference}
            assessment={assessment}
            focused={index === focusedIndex}
            itemRef={index === focusedIndex ? focusedRef : undefined}
          />
        ))}
      </ol>
    </>
  );
}

function AssessmentItem({
  assessment,
  focused,
  itemRef,
}: {
  assessment: OrderAssessment;
  focused: boolean;
  itemRef: RefObject<HTMLElement | null> | undefined;
}) {
  const t = pageTranslator();
  const id = useId();
  const [main] = assessment.findings;
  const evidence = assessment.findings.flatMap((f) => f.evidence);
  return (
    <li className="finding-item">
      <article
        ref={itemRef}
        className={`finding finding--${assessment.indicator}${focused ? ' finding--focused' : ''}`}
        tabIndex={focused ? -1 : undefined}
        aria-current={focused ? 'true' : undefined}
        aria-labelledby={`${id}-summary ${id}-order`}
        data-rule={main?.ruleId}
        data-rules={assessment.ruleIds.join(' ')}
        data-order={assessment.order.reference}
      >
        <div className="finding-head">
          <span className={`badge badge--${assessment.indicator}`}>
            <Glyph name={assessment.indicator} /> {t.t(`indicator.${assessment.indicator}`)}
          </span>
          <h3 id={`${id}-summary`} className="finding-summary">
            {assessment.summary}
          </h3>
        </div>
        <p className="finding-rule">
          <span>{t.list(assessment.ruleIds.map((rule) => t.t(`ruleTitle.${rule}`)))}</span>
          <span id={`${id}-order`} className="finding-order">
            {t.t('app.findings.order', { order: assessment.order.display })}
          </span>
        </p>
        {/* Concerns, what to do, evidence and sources: said once, as on the card. */}
        <Suspense fallback={<p className="muted">{assessment.summary}</p>}>
          <MarkdownView text={assessment.detail} />
        </Suspense>
        {evidence.length > 0 && (
          <details className="finding-detail">
            <summary>{t.t('app.findings.records')}</summary>
            <ul>
              {evidence.map((e) => (
                <li key={`${e.reference}|${e.display}`}>
                  {e.date && !e.display.includes(e.date)
                    ? t.t('app.findings.evidenceDated', { evidence: e.display, date: t.date(e.date) })
                    : e.display}
                </li>
              ))}
            </ul>
          </details>
        )}
      </article>
    </li>
  );
}

export default FindingsListBody;
