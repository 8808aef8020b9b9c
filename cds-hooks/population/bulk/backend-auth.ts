import { createPrivateKey, type KeyObject, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import type { BULK_SIGNING_ALGORITHMS } from '../../../src/core/config/population.js';
import { configError, serverError } from './errors.js';
import type { Guard } from './guard.js';
import { readJson } from './http-body.js';

/**
 * SMART Backend Services (SMART App Launch 2.x, "Backend Services"): the token endpoint comes
 * from `{base}/.well-known/smart-configuration`; each token request carries a client assertion
 * JWT (iss = sub = client id, aud = token endpoint, random jti, five minutes) signed RS384 or
 * ES384 with the site's private key. The token is kept until shortly before it expires, and a
 * 401 makes the caller drop it. Neither the token nor the assertion is ever printed.
 */

type Algorithm = (typeof BULK_SIGNING_ALGORITHMS)[number];

export interface SigningKey {
  key: KeyObject;
  algorithm: Algorithm;
  kid?: string;
}

type Jwk = Record<string, unknown>;

function algorithmOf(key: KeyObject, jwk: Jwk | undefined, configured: Algorithm | undefined, file: string): Algorithm {
  const named = configured ?? (typeof jwk?.alg === 'string' ? jwk.alg : undefined);
  const natural: Algorithm | undefined =
    key.asymmetricKeyType === 'rsa'
      ? 'RS384'
      : key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp384r1'
        ? 'ES384'
        : undefined;
  if (named !== undefined && named !== natural)
    throw configError(
      `population.bulk.algorithm: the key in ${file} cannot sign ${named} (RS384 needs an RSA key, ES384 a P-384 key)`,
    );
  if (!natural)
    throw configError(`population.bulk.privateKeyFile: ${file} holds neither an RSA nor a P-384 key (RS384, ES384)`);
  return natural;
}

/** The site's signing key from a private JWK, a JWK Set or a PKCS#8 PEM file. */
export function loadSigningKey(file: string, options: { algorithm?: Algorithm; keyId?: string } = {}): SigningKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw configError(
      `population.bulk.privateKeyFile: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (text.includes('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPrivateKey(text);
    } catch {
      throw configError(`population.bulk.privateKeyFile: ${file} is not a readable private key PEM`);
    }
    return {
      key,
      algorithm: algorithmOf(key, undefined, options.algorithm, file),
      ...(options.keyId ? { kid: options.keyId } : {}),
    };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw configError(`population.bulk.privateKeyFile: ${file} is neither a PEM nor a JSON JWK`);
  }
  const keys: Jwk[] = Array.isArray((document as { keys?: unknown }).keys)
    ? ((document as { keys: Jwk[] }).keys ?? [])
    : [document as Jwk];
  const candidates = keys.filter(
    (k) =>
      typeof k === 'object' &&
      k !== null &&
      typeof k.d === 'string' &&
      (options.keyId === undefined || k.kid === options.keyId) &&
      (options.algorithm === undefined || k.alg === undefined || k.alg === options.algorithm),
  );
  const jwk = candidates[0];
  if (!jwk)
    throw configError(
      `population.bulk.privateKeyFile: ${file} holds no private key${options.keyId ? ` with kid "${options.keyId}"` : ''}${options.algorithm ? ` for ${options.algorithm}` : ''}`,
    );
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: jwk as never, format: 'jwk' });
  } catch {
    throw configError(`population.bulk.privateKeyFile: the JWK in ${file} is not a valid private key`);
  }
  const kid = options.keyId ?? (typeof jwk.kid === 'string' ? jwk.kid : undefined);
  return { key, algorithm: algorithmOf(key, jwk, options.algorithm, file), ...(kid ? { kid } : {}) };
}

/** A fresh client assertion for one token request. */
export async function clientAssertion(clientId: string, tokenEndpoint: string, signing: SigningKey): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: signing.algorithm, typ: 'JWT', ...(signing.kid ? { kid: signing.kid } : {}) })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenEndpoint)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(signing.key);
}

/** A token is renewed this long before `expires_in` runs out (a tenth of its life when shorter). */
const EXPIRY_MARGIN_MS = 30_000;

export class BackendAuth {
  private token: { value: string; renewAt: number } | undefined;
  private tokenEndpoint: URL | undefined;

  constructor(
    private readonly guard: Guard,
    private readonly clientId: string,
    private readonly signing: SigningKey,
    private readonly scope: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the server's SMART configuration once and checks its token endpoint is allowed. */
  private async endpoint(): Promise<URL> {
    if (this.tokenEndpoint) return this.tokenEndpoint;
    const where = this.guard.url('.well-known/smart-configuration', 'the SMART configuration');
    const response = await this.guard.fetch(where, { headers: { accept: 'application/json' } }, 'SMART configuration');
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      throw serverError(`SMART configuration: HTTP ${response.status} from ${where.href}`);
    }
    const document = await readJson(response, 'SMART configuration');
    const endpoint = (document as { token_endpoint?: unknown }).token_endpoint;
    if (typeof endpoint !== 'string') throw serverError('SMART configuration names no token_endpoint');
    this.tokenEndpoint = this.guard.url(endpoint, 'the token endpoint');
    return this.tokenEndpoint;
  }

  /** A valid access token: the cached one, or a new one from the token endpoint. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.renewAt > this.now()) return this.token.value;
    const endpoint = await this.endpoint();
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: this.scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await clientAssertion(this.clientId, endpoint.href, this.signing),
    });
    const response = await this.guard.fetch(
      endpoint,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
      },
      'token request',
    );
    const answer = (await readJson(response, 'token response').catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const reason = typeof answer.error === 'string' ? ` (${answer.error.slice(0, 80)})` : '';
      throw serverError(
        `the token endpoint refused client ${this.clientId}: HTTP ${response.status}${reason}; check population.bulk.clientId and privateKeyFile against the server's registration`,
      );
    }
    if (typeof answer.access_token !== 'string' || answer.access_token === '')
      throw serverError('the token endpoint answered without an access_token');
    const lifetime = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 300;
    const lifetimeMs = lifetime * 1000;
    this.token = {
      value: answer.access_token,
      renewAt: this.now() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 10),
    };
    return this.token.value;
  }

  /** Forgets the token after a 401: the next request gets a new one. */
  invalidate(): void {
    this.token = undefined;
  }
}
