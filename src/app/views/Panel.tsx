import { type ReactNode, useId } from 'react';
import type { PanelState } from '../data/panels.js';
import { Skeleton } from './Skeleton.js';

/** One section of the page: loads, fails or is refused on its own; the rest of the page works. */
export function Panel({ title, state, children }: { title: string; state: PanelState; children?: ReactNode }) {
  const headingId = useId();
  const pending = state.status === 'ready' && (children === undefined || children === null || children === false);
  const busy = state.status === 'loading' || pending;
  return (
    <section className={`panel panel--${state.status}`} aria-labelledby={headingId} aria-busy={busy}>
      <h2 id={headingId} className="panel-title">
        {title}
      </h2>
      <PanelBody state={state} pending={pending}>
        {children}
      </PanelBody>
    </section>
  );
}

function PanelBody({ state, pending, children }: { state: PanelState; pending: boolean; children?: ReactNode }) {
  switch (state.status) {
    case 'loading':
      return <Skeleton />;
    case 'unauthorized':
      return (
        <div className="notice notice--unauthorized" role="status">
          <p>
            Not authorised to read {state.resourceType} — ask your EHR administrator to grant the scope
            <code className="scope">patient/{state.resourceType}.rs</code>.
          </p>
        </div>
      );
    case 'error':
      return (
        <div className="notice notice--error" role="alert">
          <p className="notice-title">
            <span aria-hidden="true">⚠ </span>
            {state.error.title}
          </p>
          <p>{state.error.message}</p>
          {state.error.relaunch && <p className="relaunch-hint">Relaunch from the EHR to continue.</p>}
        </div>
      );
    case 'ready':
      return pending ? <Skeleton lines={2} label="Analysing…" /> : children;
  }
}
