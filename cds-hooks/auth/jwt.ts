import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import type { SiteConfig } from '../../src/core/config/schema.js';
import { type ClaimChecks, KnownKeys, type RemoteState, verifiedSync } from './known-keys.js';
import type { ReplayCache } from './replay-cache.js';

/**
 * CDS Hooks client authentication (CDS Hooks 2.0 §Trusting CDS Clients, best practices §JWT):
 * `Authorization: Bearer <JWT>` signed by a trusted issuer; `alg` from the allow-list (never
 * `none` or HMAC); `typ` JWT; `kid` present; `jku` only when allow-listed; `aud` equal to the exact
 * endpoint URL; `exp` and `iat` checked with bounded leeway; `jti` never seen before.
 */

type AuthConfig = SiteConfig['auth'];
type TrustedIssuer = AuthConfig['trustedIssuers'][number];

export interface Caller {
  iss: string;
  tenant?: string;
  jti: string;
}

/** Why a token was refused: logged (never the token itself), never sent to the client. */
export class AuthError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AuthError';
  }
}

/** Where an issuer's keys come from: jose's key set and, for a JWKS URL, the state of its cache. */
interface KeySource {
  id: string;
  getKey: JWTVerifyGetKey;
  remote?: RemoteState;
}

/**
 * jose refetches a remote set once its cache is 10 min old and, when that fetch fails (endpoint
 * down, slow, garbage), refuses every token. Keys fetched before keep verifying instead: an
 * outage of the issuer's JWKS endpoint must not lock the EHR out. A successful fetch still
 * replaces the set, so withdrawn keys stop working as soon as the endpoint answers again.
 */
function staleIfError(remote: ReturnType<typeof createRemoteJWKSet>): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      const cached = remote.jwks();
      if (error instanceof errors.JWKSNoMatchingKey || cached === undefined) throw error;
      return createLocalJWKSet(cached)(header, token);
    }
  };
}

export class JwtVerifier {
  private readonly issuers = new Map<string, TrustedIssuer>();
  private readonly keySources = new Map<string, KeySource>();
  private readonly knownKeys = new KnownKeys();

  constructor(
    private readonly config: AuthConfig,
    private readonly replay: ReplayCache,
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const issuer of config.trustedIssuers) this.issuers.set(issuer.iss, issuer);
  }

  private keySource(issuer: TrustedIssuer, jku: string | undefined): KeySource {
    if (jku !== undefined && !issuer.jkuAllowed.includes(jku))
      throw new AuthError(`jku not allow-listed for ${issuer.iss}`);
    // Inline keys win: an allow-listed jku then only names where the same keys are published.
    const id = issuer.jwks ? `inline:${issuer.iss}` : (jku ?? issuer.jwksUrl);
    if (!id) throw new AuthError(`no key source for ${issuer.iss}`);
    let source = this.keySources.get(id);
    if (!source) {
      if (issuer.jwks) {
        source = { id, getKey: createLocalJWKSet(issuer.jwks as Parameters<typeof createLocalJWKSet>[0]) };
      } else {
        const remote = createRemoteJWKSet(new URL(id), {
          timeoutDuration: this.config.jwksTimeoutMs,
          cooldownDuration: 30_000,
        });
        source = { id, getKey: staleIfError(remote), remote };
      }
      this.keySources.set(id, source);
    }
    return source;
  }

  /** Verifies the Authorization header for the endpoint URL `audience`. Throws AuthError. */
  async verify(authorization: string | undefined, audience: string): Promise<Caller> {
    // The auth scheme is case-insensitive (RFC 7235).
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(authorization ?? '');
    if (!match) throw new AuthError(authorization ? 'malformed Authorization header' : 'no Authorization header');
    const token = match[1] as string;
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: ReturnType<typeof decodeJwt>;
    try {
      header = decodeProtectedHeader(token);
      claims = decodeJwt(token);
    } catch {
      throw new AuthError('undecodable JWT');
    }
    if (typeof header.alg !== 'string' || !(this.config.algorithms as string[]).includes(header.alg)) {
      throw new AuthError(`algorithm ${String(header.alg)} not accepted`);
    }
    if (header.typ !== 'JWT') throw new AuthError('typ is not JWT');
    if (typeof header.kid !== 'string' || header.kid === '') throw new AuthError('no kid');
    const issuer = typeof claims.iss === 'string' ? this.issuers.get(claims.iss) : undefined;
    if (!issuer) throw new AuthError('untrusted issuer');
    const source = this.keySource(issuer, typeof header.jku === 'string' ? header.jku : undefined);
    const checks: ClaimChecks = {
      issuer: issuer.iss,
      audience,
      clockTolerance: this.config.clockToleranceSeconds,
      // With maxTokenAge, jose also refuses an iat more than clockTolerance in the future.
      maxTokenAge: this.config.maxTokenLifetimeSeconds,
      requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
      currentDate: this.now(),
    };
    const { alg, kid } = header;
    const known = this.knownKeys.get(source.id, alg, kid, source.remote);
    const payload =
      (known && verifiedSync(token, header, known, checks)) ??
      (await this.verifiedByJose(token, { alg, kid }, source, checks));
    const jti = payload.jti as string;
    // A jti is remembered while its token could still be accepted, and no longer: a far-off exp
    // must not pin it for days. jose compares whole seconds of now, so it refuses the token from
    // ceil(exp) + tolerance on, and from floor(iat) + lifetime + tolerance + 1 s on.
    const { clockToleranceSeconds: tolerance, maxTokenLifetimeSeconds: lifetime } = this.config;
    const refusedFrom = Math.min(
      Math.ceil(payload.exp as number) + tolerance,
      Math.floor(payload.iat as number) + lifetime + tolerance + 1,
    );
    const expiresAtMs = refusedFrom * 1000;
    if (!(await this.replay.remember(`${issuer.iss}|${jti}`, expiresAtMs))) throw new AuthError('replayed jti');
    const tenant = typeof payload.tenant === 'string' ? payload.tenant : issuer.tenant;
    return { iss: issuer.iss, jti, ...(tenant ? { tenant } : {}) };
  }

  /** jose's full verification (fetching the issuer's keys when needed); learns the key it verified with. */
  private async verifiedByJose(
    token: string,
    header: { alg: string; kid: string },
    source: KeySource,
    checks: ClaimChecks,
  ): Promise<JWTPayload> {
    const learn = this.knownKeys.begin(source.id, source.remote);
    try {
      const { payload, key } = await jwtVerify(token, source.getKey, {
        ...checks,
        algorithms: this.config.algorithms,
        typ: 'JWT',
      });
      learn(header.alg, header.kid, key);
      return payload;
    } catch (error) {
      const code = error instanceof errors.JOSEError ? error.code : 'ERR_VERIFY';
      throw new AuthError(`verification failed (${code})`);
    }
  }
}
