import { type ReactNode, useId } from 'react';
import type { PanelName, PanelState } from '../data/panels.js';
import { pageTranslator } from '../language.js';
import { Glyph } from './Glyph.js';
import { LoadFailureNotice } from './LoadFailureNotice.js';
import { Skeleton } from './Skeleton.js';

/** What a panel shows: its data's state, or that the analysis of the data failed. */
export type PanelView = PanelState | { status: 'analysis-failed' };

interface PanelProps {
  title: string;
  /** The data the panel rests on, named in its error. */
  source: PanelName;
  state: PanelView;
  onRetry?: (() => void) | undefined;
  /** Said above the content when part of the data it rests on did not arrive. */
  note?: string | undefined;
  /** Said above the error when the panel's own data did not arrive: what that means here. */
  failureNote?: string | undefined;
  children?: ReactNode;
}

/** One section of the page: loads, fails or is refused on its own; the rest of the page works. */
export function Panel({ title, source, state, onRetry, note, failureNote, children }: PanelProps) {
  const headingId = useId();
  const pending = state.status === 'ready' && (children === undefined || children === null || children === false);
  const busy = state.status === 'loading' || pending;
  return (
    <section className={`panel panel--${state.status}`} aria-labelledby={headingId} aria-busy={busy}>
      <h2 id={headingId} className="panel-title">
        {title}
      </h2>
      {note && state.status === 'ready' && (
        <p className="notice notice--incomplete">
          <Glyph name="warning" /> {note}
        </p>
      )}
      {failureNote && state.status === 'failed' && (
        <p className="notice notice--incomplete">
          <Glyph name="warning" /> {failureNote}
        </p>
      )}
      <PanelBody source={source} state={state} pending={pending} onRetry={onRetry}>
        {children}
      </PanelBody>
    </section>
  );
}

function PanelBody({
  source,
  state,
  pending,
  onRetry,
  children,
}: Omit<PanelProps, 'title' | 'note' | 'failureNote'> & { pending: boolean }) {
  const t = pageTranslator();
  switch (state.status) {
    case 'loading':
      return <Skeleton label={t.t('app.loading')} />;
    case 'failed':
      return <LoadFailureNotice panel={source} failure={state.failure} onRetry={onRetry} />;
    case 'analysis-failed':
      return (
        <div className="notice notice--error" role="alert">
          <p className="notice-title">
            <Glyph name="warning" /> {t.t('app.analysis.failed.title')}
          </p>
          <p>{t.t('app.analysis.failed.message')}</p>
          {onRetry && (
            <button type="button" className="button-link notice-retry" onClick={onRetry}>
              {t.t('app.load.retry')}
            </button>
          )}
        </div>
      );
    case 'ready':
      return pending ? <Skeleton lines={2} label={t.t('app.analysing')} /> : children;
  }
}
