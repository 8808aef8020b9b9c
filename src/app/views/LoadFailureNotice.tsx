import type { MessageKey } from '../../core/messages/translator.js';
import { PANEL_RESOURCE, type PanelName } from '../data/panels.js';
import { pageTranslator } from '../language.js';
import type { LoadFailure } from '../smart/errors.js';
import { Glyph } from './Glyph.js';

export interface FailureText {
  title: string;
  message: string;
  /** Trying again may help (the server or the network failed). */
  retry: boolean;
  /** Relaunching from the EHR is the way on (the session expired). */
  relaunch: boolean;
}

const KEY: Record<LoadFailure['kind'], string> = {
  'not-granted': 'notGranted',
  forbidden: 'forbidden',
  expired: 'expired',
  'not-found': 'notFound',
  server: 'server',
  network: 'network',
};

/** Without the patient record there is no page: its failures speak of the whole app. */
function patientMessage(panel: PanelName, failure: LoadFailure): MessageKey | undefined {
  if (panel !== 'patient') return undefined;
  if (failure.kind === 'expired') return 'app.patient.expired.message';
  return failure.kind === 'server' || failure.kind === 'network' ? 'app.patient.unreadable.message' : undefined;
}

/** What a panel's failure means and what to do, naming the data that did not arrive. */
export function failureText(panel: PanelName, failure: LoadFailure): FailureText {
  const t = pageTranslator();
  const key = KEY[failure.kind];
  const values = {
    data: t.t(`app.data.${panel}`),
    resource: PANEL_RESOURCE[panel],
    status: failure.kind === 'server' && failure.status !== undefined ? String(failure.status) : 'none',
  };
  const retry = failure.kind === 'server' || failure.kind === 'network';
  const relaunch = failure.kind === 'expired';
  if (panel === 'patient' && failure.kind === 'not-found') {
    return { title: t.t('app.patient.notFound.title'), message: t.t('app.patient.notFound.message'), retry, relaunch };
  }
  return {
    title: t.t(`app.load.${key}.title` as MessageKey, values),
    message: t.t(patientMessage(panel, failure) ?? (`app.load.${key}.message` as MessageKey), values),
    retry,
    relaunch,
  };
}

/** A panel's data did not arrive: what happened, what to do, and Retry when it may help. */
export function LoadFailureNotice({
  panel,
  failure,
  onRetry,
}: {
  panel: PanelName;
  failure: LoadFailure;
  onRetry?: (() => void) | undefined;
}) {
  const t = pageTranslator();
  const text = failureText(panel, failure);
  const refused = failure.kind === 'not-granted' || failure.kind === 'forbidden';
  return (
    <div className={`notice ${refused ? 'notice--unauthorized' : 'notice--error'}`} role={refused ? 'status' : 'alert'}>
      <p className="notice-title">
        <Glyph name={refused ? 'info' : 'warning'} /> {text.title}
      </p>
      <p>{text.message}</p>
      {text.relaunch && <p className="relaunch-hint">{t.t('app.load.relaunch')}</p>}
      {text.retry && onRetry && (
        <button type="button" className="button-link notice-retry" onClick={onRetry}>
          {t.t('app.load.retry')}
        </button>
      )}
    </div>
  );
}
