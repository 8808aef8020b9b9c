import { lazy, type RefObject, Suspense, useEffect, useId, useRef } from 'react';
import { translator } from '../../core/messages/translator.js';
import { RULE_TITLES } from '../../core/rules/ids.js';
import type { Finding } from '../../core/rules/types.js';
import { Glyph } from './Glyph.js';

/** The markdown renderer (react-markdown) is its own chunk: findings appear only after the analysis. */
const Markdown = lazy(() => import('./Markdown.js'));

export interface FindingsFocus {
  rule?: string;
  order?: string;
  view?: string;
}

function sameOrder(reference: string | undefined, wanted: string): boolean {
  if (!reference) return false;
  return reference === wanted || reference.endsWith(`/${wanted}`);
}

/** Whether a finding is the one a CDS card asked the app to open. */
function matches(finding: Finding, focus: FindingsFocus | undefined): boolean {
  if (!focus || (!focus.rule && !focus.order)) return false;
  if (focus.rule && focus.rule !== finding.ruleId) return false;
  if (focus.order && !sameOrder(finding.order?.reference, focus.order)) return false;
  return true;
}

/**
 * The finding a CDS card asked for: its rule on its order, else the first finding on that order
 * (the card may have been raised on a draft the record now shows under another rule), else none.
 */
function focusedIndexOf(findings: readonly Finding[], focus: FindingsFocus | undefined): number {
  const exact = findings.findIndex((f) => matches(f, focus));
  if (exact >= 0 || !focus?.order || !focus.rule) return exact;
  return findings.findIndex((f) => matches(f, { order: focus.order }));
}

/** Findings on the current immunomodulators, most severe first (the core's order). */
export function FindingsList({ findings, focus }: { findings: Finding[]; focus?: FindingsFocus }) {
  const t = translator();
  const focusedIndex = focusedIndexOf(findings, focus);
  const focusedRef = useRef<HTMLElement>(null);

  // Opened from a card: the finding is scrolled to the top, highlighted, and takes the focus, so a
  // keyboard or screen-reader user starts there.
  useEffect(() => {
    const el = focusedRef.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'start' });
  }, []);

  // Printing shows every explanation, open or not.
  useEffect(() => {
    const openAll = () => {
      for (const el of document.querySelectorAll<HTMLDetailsElement>('details.finding-detail')) el.open = true;
    };
    window.addEventListener('beforeprint', openAll);
    return () => window.removeEventListener('beforeprint', openAll);
  }, []);

  if (findings.length === 0) {
    return <p className="empty">{t.t('app.findings.empty')}</p>;
  }
  const counts = (['critical', 'warning', 'info'] as const)
    .map((indicator) => [indicator, findings.filter((f) => f.indicator === indicator).length] as const)
    .filter(([, count]) => count > 0)
    .map(([indicator, count]) => t.t('app.findings.severityCount', { indicator, count }));
  return (
    <>
      <p className="findings-count">
        {t.t('app.findings.count', { count: findings.length, bySeverity: t.list(counts) })}
      </p>
      <ol className="findings" aria-label={t.t('app.findings.listLabel')}>
        {findings.map((finding, index) => (
          <FindingItem
            key={`${finding.ruleId}|${finding.order?.reference ?? index}`}
            finding={finding}
            focused={index === focusedIndex}
            itemRef={index === focusedIndex ? focusedRef : undefined}
          />
        ))}
      </ol>
    </>
  );
}

function FindingItem({
  finding,
  focused,
  itemRef,
}: {
  finding: Finding;
  focused: boolean;
  itemRef: RefObject<HTMLElement | null> | undefined;
}) {
  const t = translator();
  const id = useId();
  return (
    <li className="finding-item">
      <article
        ref={itemRef}
        className={`finding finding--${finding.indicator}${focused ? ' finding--focused' : ''}`}
        tabIndex={focused ? -1 : undefined}
        aria-current={focused ? 'true' : undefined}
        aria-labelledby={finding.order ? `${id}-summary ${id}-order` : `${id}-summary`}
        data-rule={finding.ruleId}
        data-order={finding.order?.reference}
      >
        <div className="finding-head">
          <span className={`badge badge--${finding.indicator}`}>
            <Glyph name={finding.indicator} /> {t.t(`indicator.${finding.indicator}`)}
          </span>
          <h3 id={`${id}-summary`} className="finding-summary">
            {finding.summary}
          </h3>
        </div>
        <p className="finding-rule">
          <span>{RULE_TITLES[finding.ruleId]}</span>
          {finding.order && (
            <span id={`${id}-order`} className="finding-order">
              {t.t('app.findings.order', { order: finding.order.display })}
            </span>
          )}
        </p>
        {finding.evidence.length > 0 && (
          <div className="finding-evidence">
            <h4>{t.t('app.findings.evidence')}</h4>
            <ul>
              {finding.evidence.map((e) => (
                <li key={`${e.reference}|${e.display}`}>
                  {e.date && !e.display.includes(e.date)
                    ? t.t('app.findings.evidenceDated', { evidence: e.display, date: t.date(e.date) })
                    : e.display}
                </li>
              ))}
            </ul>
          </div>
        )}
        <details className="finding-detail" open={focused || undefined}>
          <summary>{t.t('app.findings.why')}</summary>
          <Suspense fallback={<p className="muted">{finding.summary}</p>}>
            <Markdown text={finding.detail} />
          </Suspense>
        </details>
        {finding.sources.length > 0 && (
          <div className="finding-sources">
            <h4>{t.t('app.findings.sources')}</h4>
            <ul>
              {finding.sources.map((s) => (
                <li key={s.id}>
                  {s.url && /^https?:\/\//i.test(s.url) ? (
                    <a href={s.url} target="_blank" rel="noreferrer noopener">
                      {s.citation}
                    </a>
                  ) : (
                    s.citation
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </article>
    </li>
  );
}
