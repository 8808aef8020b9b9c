import type { MessageKey } from '../../core/messages/translator.js';
import { pageTranslator } from '../language.js';
import { AuthorizationError, type AuthRequest, type Refusal } from './authorization.js';

/** What went wrong, in words a physician can act on: never a blank page or "see console". */
export interface AppError {
  kind: 'session' | 'authorization' | 'forbidden' | 'network' | 'config' | 'server';
  title: string;
  message: string;
  /** Offer to relaunch from the EHR. */
  relaunch: boolean;
  /** The EHR's refusal, and the registration values the EHR administrator must check when they can fix it. */
  authorization?: { refusal: Refusal; registration?: AuthRequest | undefined };
}

/** The site configuration stops the launch; the message is for the EHR administrator. */
export class SetupError extends Error {}

/** Why one panel's data did not arrive. */
export type LoadFailure =
  | { kind: 'not-granted' | 'forbidden' | 'expired' | 'not-found' | 'network' }
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

/**
 * A failed FHIR read, by what the physician can do about it. A 401, or a failed refresh of the
 * access token (an answer from the token endpoint, or fhirclient finding nothing to refresh
 * with), means the session expired.
 */
export function loadFailure(error: unknown, tokenUri?: string): LoadFailure {
  const status = statusOf(error);
  const url = (error as { response?: { url?: unknown } } | null | undefined)?.response?.url;
  if (status === 401 || (tokenUri !== undefined && url === tokenUri) || /^Unable to refresh\b/.test(messageOf(error))) {
    return { kind: 'expired' };
  }
  if (status === 403) return { kind: 'forbidden' };
  if (status === 404 || status === 410) return { kind: 'not-found' };
  if (status === undefined && (error instanceof TypeError || NETWORK.test(messageOf(error))))
    return { kind: 'network' };
  return status === undefined ? { kind: 'server' } : { kind: 'server', status };
}

/** An error that stops the whole app (launch, session, configuration), in catalog words. */
export function describeError(error: unknown): AppError {
  const t = pageTranslator();
  const text = messageOf(error);
  const status = statusOf(error);
  const make = (kind: AppError['kind'], key: string, relaunch: boolean, values = {}): AppError => ({
    kind,
    title: t.t(`app.error.${key}.title` as MessageKey),
    message: t.t(`app.error.${key}.message` as MessageKey, values),
    relaunch,
  });
  if (error instanceof SetupError) return make('config', 'config', false, { detail: text });
  if (error instanceof AuthorizationError && error.request) return describeRefusal(error.refusal, error.request);
  // A refusal whose state this tab never saved is an expired (or forged) one: relaunch, and show none of its text.
  if (
    error instanceof AuthorizationError ||
    /No 'state' parameter|No state found|state .* not found|expired/i.test(text)
  ) {
    return make('session', 'session', true);
  }
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

/** Per OAuth error: its texts, whether relaunching can help, whether the EHR's registration of the app is at fault. */
const REFUSALS: Record<string, { key: string; relaunch: boolean; registration: boolean }> = {
  invalid_request: { key: 'invalidRequest', relaunch: false, registration: true },
  unauthorized_client: { key: 'unauthorizedClient', relaunch: false, registration: true },
  access_denied: { key: 'accessDenied', relaunch: true, registration: false },
  unsupported_response_type: { key: 'unsupported', relaunch: false, registration: true },
  unsupported_grant_type: { key: 'unsupported', relaunch: false, registration: true },
  invalid_scope: { key: 'invalidScope', relaunch: false, registration: true },
  server_error: { key: 'serverError', relaunch: true, registration: false },
  temporarily_unavailable: { key: 'temporarilyUnavailable', relaunch: true, registration: false },
  invalid_client: { key: 'invalidClient', relaunch: false, registration: true },
  invalid_grant: { key: 'invalidGrant', relaunch: true, registration: true },
};
const OTHER_REFUSAL = { key: 'other', relaunch: false, registration: true };

/** The authorisation server refused a request this tab sent: what happened, who can fix it, whether to relaunch. */
function describeRefusal(refusal: Refusal, request: AuthRequest): AppError {
  const t = pageTranslator();
  const { key, relaunch, registration } = REFUSALS[refusal.code] ?? OTHER_REFUSAL;
  return {
    kind: 'authorization',
    title: t.t(`app.auth.${key}.title` as MessageKey),
    message: t.t(`app.auth.${key}.message` as MessageKey, { code: refusal.code }),
    relaunch,
    authorization: { refusal, ...(registration ? { registration: request } : {}) },
  };
}
