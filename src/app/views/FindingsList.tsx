import { lazy, type RefObject, Suspense, useEffect, useRef } from 'react';
import { type Indicator, RULE_TITLES } from '../../core/rules/ids.js';
import type { Finding } from '../../core/rules/types.js';

/** The markdown renderer (react-markdown) is its own chunk: findings appear only after the analysis. */
const Markdown = lazy(() => import('./Markdown.js'));

const INDICATOR_BADGE: Record<Indicator, { icon: string; text: string }> = {
  critical: { icon: '⛔', text: 'Critical' },
  warning: { icon: '⚠', text: 'Warning' },
  info: { icon: 'ℹ', text: 'Info' },
};

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

/** Findings on the current immunomodulators, most severe first (the core's order). */
export function FindingsList({ findings, focus }: { findings: Finding[]; focus?: FindingsFocus }) {
  const focusedIndex = findings.findIndex((f) => matches(f, focus));
  const focusedRef = useRef<HTMLElement>(null);

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
    return <p className="empty">No findings on the current immunomodulators.</p>;
  }
  const counts = (['critical', 'warning', 'info'] as const)
    .map((i) => [i, findings.filter((f) => f.indicator === i).length] as const)
    .filter(([, n]) => n > 0)
    .map(([i, n]) => `${n} ${INDICATOR_BADGE[i].text.toLowerCase()}`);
  return (
    <>
      <p className="findings-count">
        {findings.length} finding{findings.length === 1 ? '' : 's'}: {counts.join(', ')}
      </p>
      <ol className="findings" aria-label="Findings, most severe first">
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
  const badge = INDICATOR_BADGE[finding.indicator];
  return (
    <li className="finding-item">
      <article
        ref={itemRef}
        className={`finding finding--${finding.indicator}${focused ? ' finding--focused' : ''}`}
        tabIndex={focused ? -1 : undefined}
        aria-current={focused ? 'true' : undefined}
        data-rule={finding.ruleId}
      >
        <div className="finding-head">
          <span className={`badge badge--${finding.indicator}`}>
            <span aria-hidden="true">{badge.icon} </span>
            {badge.text}
          </span>
          <h3 className="finding-summary">{finding.summary}</h3>
        </div>
        <p className="finding-rule">
          {RULE_TITLES[finding.ruleId]} <code>{finding.ruleId}</code>
          {finding.order && (
            <>
              {' '}
              · order: <span className="finding-order">{finding.order.display}</span>
            </>
          )}
        </p>
        {finding.evidence.length > 0 && (
          <div className="finding-evidence">
            <h4>Evidence</h4>
            <ul>
              {finding.evidence.map((e) => (
                <li key={`${e.reference}|${e.display}`}>
                  {e.display}
                  {e.date && !e.display.includes(e.date) && (
                    <>
                      {' '}
                      (<time dateTime={e.date}>{e.date}</time>)
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        <details className="finding-detail" open={focused || undefined}>
          <summary>Why and what to do</summary>
          <Suspense fallback={<p className="muted">{finding.summary}</p>}>
            <Markdown text={finding.detail} />
          </Suspense>
        </details>
        {finding.sources.length > 0 && (
          <div className="finding-sources">
            <h4>Sources</h4>
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
