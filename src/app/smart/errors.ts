import { type MessageKey, translator } from '../../core/messages/translator.js';

/** What went wrong, in words a physician can act on: never a blank page or "see console". */
export interface AppError {
  kind: 'session' | 'denied' | 'unauthorized' | 'forbidden' | 'network' | 'config' | 'server';
  title: string;
  message: string;
  /** Offer to relaunch from the EHR. */
  relaunch: boolean;
}

/** The site configuration stops the launch; the message is for the EHR administrator. */
export class SetupError extends Error {}

/** Why one panel's data did not arrive. */
export type LoadFailure =
  | { kind: 'not-granted' | 'forbidden' | 'unauthorized' | 'not-found' | 'network' }
  | { kind: 'server'; status?: number };

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown } } | null | undefined;
  const status = e?.status ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const NETWORK = /Failed to fetch|NetworkError|network|Load failed/i;

/** A failed FHIR read, by what the physician can do about it. */
export function loadFailure(error: unknown): LoadFailure {
  const status = statusOf(error);
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 403) return { kind: 'forbidden' };
  if (status === 404 || status === 410) return { kind: 'not-found' };
  if (status === undefined && (error instanceof TypeError || NETWORK.test(messageOf(error))))
    return { kind: 'network' };
  return status === undefined ? { kind: 'server' } : { kind: 'server', status };
}

/** An error that stops the whole app (launch, session, configuration), in catalog words. */
export function describeError(error: unknown): AppError {
  const t = translator();
  const text = messageOf(error);
  const status = statusOf(error);
  const make = (kind: AppError['kind'], key: string, relaunch: boolean, values = {}): AppError => ({
    kind,
    title: t.t(`app.error.${key}.title` as MessageKey),
    message: t.t(`app.error.${key}.message` as MessageKey, values),
    relaunch,
  });
  if (error instanceof SetupError) return make('config', 'config', false, { detail: text });
  if (/No 'state' parameter|No state found|state .* not found|expired/i.test(text)) {
    return make('session', 'session', true);
  }
  if (/access_denied/i.test(text)) return make('denied', 'denied', true);
  if (status === 401) return make('unauthorized', 'unauthorized', true);
  if (status === 403) return make('forbidden', 'forbidden', false);
  if (status === undefined && (error instanceof TypeError || NETWORK.test(text))) {
    return make('network', 'network', false);
  }
  if (/smart-config\.json/i.test(text)) return make('config', 'config', false, { detail: text });
  return {
    kind: 'server',
    title: t.t('app.error.server.title'),
    message: status ? t.t('app.error.server.message', { status }) : t.t('app.error.unknown.message'),
    relaunch: false,
  };
}
