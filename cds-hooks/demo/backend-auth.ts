import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLocalJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWK,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import type { ReplayCache } from '../auth/replay-cache.js';

/**
 * The demo's SMART Backend Services authorisation server (client_credentials with a signed client
 * assertion, https://hl7.org/fhir/smart-app-launch/backend-services.html): one registered client,
 * `immunosteward-population`, whose keys (RS384 and ES384) the demo creates on first start; the
 * Bulk export and its files want the access tokens it issues. Tokens are opaque random strings held
 * in memory with their scopes and expiry. Neither assertions nor tokens are ever logged.
 */

export const BULK_CLIENT_ID = 'immunosteward-population';
/** The client's private keys, for the CLI, in the demo's data directory. */
export const BULK_CLIENT_FILE = 'demo-bulk-client.jwk.json';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** SMART Backend Services: an assertion's `exp` no more than five minutes in the future. */
const MAX_ASSERTION_LIFETIME_S = 300;
export const BULK_ALGORITHMS = ['RS384', 'ES384'] as const;

/** The private key set a client signs its assertions with (a JWKS that also names its client). */
export interface BulkClientKeys {
  client_id: string;
  keys: JWK[];
}

/** The public half of a client's keys: what the server registers. */
export function publicKeySet(keys: BulkClientKeys): JSONWebKeySet {
  return { keys: keys.keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub }) => pub) };
}

/** Creates an RS384 and an ES384 key for the demo's Bulk client. */
export async function createBulkClientKeys(): Promise<BulkClientKeys> {
  const keys: JWK[] = [];
  for (const alg of BULK_ALGORITHMS) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    keys.push({ ...(await exportJWK(privateKey)), kid: `${BULK_CLIENT_ID}-${alg.toLowerCase()}`, alg, use: 'sig' });
  }
  return { client_id: BULK_CLIENT_ID, keys };
}

/** The client's keys from `<dataDir>/demo-bulk-client.jwk.json`, created there (mode 0600) on first start. */
export async function loadOrCreateBulkClientKeys(dataDir: string): Promise<BulkClientKeys> {
  const file = join(dataDir, BULK_CLIENT_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as BulkClientKeys;
  const keys = await createBulkClientKeys();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}

/** An RFC 6749 §5.2 error: `error` code, its HTTP status, and a description that names the problem. */
export class TokenError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }

  get status(): number {
    return this.error === 'invalid_client' ? 401 : 400;
  }
}

/** What an access token lets its holder read. */
export interface Grant {
  clientId: string;
  scope: string;
  /** Resource types readable in bulk (`*` for all). */
  types: ReadonlySet<string>;
  expiresAtMs: number;
}

const SCOPE = /^system\/(\*|[A-Z][A-Za-z]+)\.(read|\*|c?r?u?d?s?)$/;

/**
 * `system/*.rs`, `system/Observation.read`…: the types a scope string grants read on. SMART v2
 * permissions (`r` within `cruds`) and v1 (`read`, `*`) are both understood; a scope that grants no
 * read, or names a type the server does not export, is refused.
 */
export function readableTypes(scope: string, exported: readonly string[]): Set<string> {
  const types = new Set<string>();
  for (const item of scope.split(' ').filter((s) => s !== '')) {
    const m = SCOPE.exec(item);
    if (!m || m[2] === '') throw new TokenError('invalid_scope', `"${item}" is not a system scope such as system/*.rs`);
    const [, type, permission] = m as unknown as [string, string, string];
    if (type !== '*' && !exported.includes(type))
      throw new TokenError('invalid_scope', `"${item}": this server does not export ${type}`);
    if (permission !== 'read' && permission !== '*' && !permission.includes('r'))
      throw new TokenError('invalid_scope', `"${item}" grants no read`);
    types.add(type);
  }
  if (types.size === 0) throw new TokenError('invalid_scope', 'scope is required (for example system/*.rs)');
  return types;
}

export interface BackendAuthOptions {
  /** The token endpoint's own URL: the `aud` every assertion must carry. */
  tokenUrl: string;
  /** Registered clients and their public keys. */
  clients: Record<string, JSONWebKeySet>;
  /** The resource types the server exports (scopes may name only these). */
  exported: readonly string[];
  tokenLifetimeSeconds: number;
  replay: ReplayCache;
  now?: () => number;
}

export class BackendAuth {
  private readonly tokens = new Map<string, Grant>();
  private readonly keySets: Map<string, ReturnType<typeof createLocalJWKSet>>;
  private readonly now: () => number;

  constructor(private readonly options: BackendAuthOptions) {
    this.keySets = new Map(Object.entries(options.clients).map(([id, jwks]) => [id, createLocalJWKSet(jwks)]));
    this.now = options.now ?? Date.now;
  }

  /** The token request (form fields) → the token response, or a TokenError. */
  async token(form: Record<string, string | undefined>) {
    if (form.grant_type !== 'client_credentials')
      throw new TokenError('unsupported_grant_type', 'grant_type must be client_credentials');
    if (form.client_assertion_type !== ASSERTION_TYPE)
      throw new TokenError('invalid_request', `client_assertion_type must be ${ASSERTION_TYPE}`);
    if (!form.client_assertion) throw new TokenError('invalid_request', 'client_assertion is required');
    const clientId = await this.verifyAssertion(form.client_assertion);
    const scope = form.scope ?? '';
    const types = readableTypes(scope, this.options.exported);
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    const lifetime = this.options.tokenLifetimeSeconds;
    this.tokens.set(token, { clientId, scope, types, expiresAtMs: this.now() + lifetime * 1000 });
    return { access_token: token, token_type: 'bearer', expires_in: lifetime, scope };
  }

  /** The grant of a live access token from an `Authorization` header, or undefined. */
  grant(authorization: string | undefined): Grant | undefined {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    const grant = token ? this.tokens.get(token) : undefined;
    return grant && grant.expiresAtMs > this.now() ? grant : undefined;
  }

  /** Per SMART Backend Services: iss = sub = a registered client, aud = this endpoint, exp ≤ 5 min, jti once. */
  private async verifyAssertion(assertion: string): Promise<string> {
    let clientId: string | undefined;
    try {
      clientId = decodeJwt(assertion).iss;
    } catch {
      throw new TokenError('invalid_client', 'client_assertion is not a JWT');
    }
    const keys = clientId ? this.keySets.get(clientId) : undefined;
    if (!clientId || !keys) throw new TokenError('invalid_client', 'the assertion names no registered client (iss)');
    let payload: { exp?: number; jti?: string };
    try {
      ({ payload } = await jwtVerify(assertion, keys, {
        algorithms: [...BULK_ALGORITHMS],
        issuer: clientId,
        subject: clientId,
        audience: this.options.tokenUrl,
        requiredClaims: ['exp', 'jti'],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      throw new TokenError('invalid_client', assertionProblem(error, this.options.tokenUrl));
    }
    const nowS = this.now() / 1000;
    if ((payload.exp as number) > nowS + MAX_ASSERTION_LIFETIME_S + 60)
      throw new TokenError('invalid_client', 'the assertion expires more than five minutes from now (exp)');
    if (!(await this.options.replay.remember(`bulk:${clientId}:${payload.jti}`, (payload.exp as number) * 1000)))
      throw new TokenError('invalid_client', 'the assertion was already used (jti)');
    return clientId;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, grant] of this.tokens) if (grant.expiresAtMs <= now) this.tokens.delete(token);
  }
}

/** The assertion's fault in words a client developer can act on (never the assertion itself). */
function assertionProblem(error: unknown, tokenUrl: string): string {
  if (error instanceof joseErrors.JWTExpired) return 'the assertion has expired (exp)';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return `the assertion's audience (aud) must be ${tokenUrl}`;
    return `the assertion's ${error.claim} claim is invalid or missing (iss and sub must both be the client_id)`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the assertion must be signed with RS384 or ES384';
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return "no registered key of the client matches the assertion's kid";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "the assertion's signature does not verify";
  return 'the assertion is not a valid signed JWT';
}
