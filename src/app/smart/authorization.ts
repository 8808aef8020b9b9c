/**
 * What the EHR's authorisation server said when it refused: the `error`, `error_description` and
 * `error_uri` of the redirect to the app (RFC 6749 §4.1.2.1) or of the token endpoint's answer
 * (§5.2, as fhirclient surfaces it), and the request the app had sent, for the EHR administrator.
 */

export interface Refusal {
  /** The OAuth error code (`invalid_scope`, `invalid_client`, …). */
  code: string;
  /** The EHR's own words: shown as text, never as HTML. */
  description?: string;
  /** The EHR's page about the error (http or https only). */
  uri?: string;
}

/** The values of the refused request, as the app sent them (from the site's smart-config.json). */
export interface AuthRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
}

/** The authorisation server refused; `request` is missing when the state is not this tab's (expired or forged). */
export class AuthorizationError extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly request: AuthRequest | undefined,
  ) {
    super(refusal.code);
  }
}

/** RFC 6749 error codes are printable ASCII without `"` and `\`. */
const CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,80}$/;
const MAX_DESCRIPTION = 2000;

function refusal(code: string, description: string | null | undefined, uri: string | null | undefined): Refusal {
  const result: Refusal = { code: CODE.test(code) ? code : 'unknown' };
  const text = description?.trim();
  if (text) result.description = text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}…` : text;
  if (uri && URL.canParse(uri) && /^https?:$/.test(new URL(uri).protocol)) result.uri = uri;
  return result;
}

/** The refusal carried by the redirect to the app page, if any. */
export function redirectRefusal(params: URLSearchParams): Refusal | undefined {
  const code = params.get('error');
  return code === null ? undefined : refusal(code, params.get('error_description'), params.get('error_uri'));
}

/**
 * The token endpoint's refusal inside the error fhirclient throws: its message is
 * `<status> <text>\nURL: <token endpoint>\n<error>[: <error_description>]`.
 */
export function tokenRefusal(error: unknown): Refusal | undefined {
  if (!(error instanceof Error)) return undefined;
  const m = /\nURL: [^\n]*\n([^\s:]+)(?:: ([\s\S]*))?$/.exec(error.message);
  return m?.[1] ? refusal(m[1], m[2], undefined) : undefined;
}

/**
 * The request fhirclient saved under the launch's state key (this tab's sessionStorage), removed:
 * a refused request is never completed. Undefined when the state is unknown.
 */
export function takePendingRequest(storage: Storage, stateKey: string | null): AuthRequest | undefined {
  if (!stateKey) return undefined;
  const raw = storage.getItem(stateKey);
  if (raw === null) return undefined;
  storage.removeItem(stateKey);
  try {
    const saved = JSON.parse(raw) as Partial<Record<keyof AuthRequest, unknown>>;
    const { clientId, redirectUri, scope } = saved;
    if (typeof clientId !== 'string' || typeof redirectUri !== 'string' || typeof scope !== 'string') return undefined;
    return { clientId, redirectUri, scope };
  } catch {
    return undefined;
  }
}
