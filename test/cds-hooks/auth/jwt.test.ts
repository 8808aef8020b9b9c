import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { base64url, decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, JwtVerifier } from '../../../cds-hooks/auth/jwt.js';
import { MemoryReplayCache } from '../../../cds-hooks/auth/replay-cache.js';
import { buildServer } from '../../../cds-hooks/http/server.js';
import { createLogger } from '../../../cds-hooks/logger.js';
import { SqliteFeedbackStore } from '../../../cds-hooks/store/sqlite.js';
import { fixturePath, loadFixture } from '../../helpers/fixtures.js';
import {
  BASE,
  EHR_ISS,
  orderSignRequest,
  SANDBOX_ISS,
  SANDBOX_JKU,
  sign,
  startService,
  testConfig,
  testKeys,
} from '../../helpers/service.js';

/**
 * CDS Hooks 2.0 §Trusting CDS Clients and best practices §JWT, checked against the real server
 * (app.inject): every refusal is a 401 with `WWW-Authenticate: Bearer` and the same fixed
 * OperationOutcome (no reason reaches the client); the reason is logged, the token never is.
 */

const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];
const ORDER_SIGN = '/cds-services/immunosteward-order-sign';
const AUD = `${BASE}${ORDER_SIGN}`;
const FEEDBACK_AUD = `${AUD}/feedback`;
const UNAUTHORIZED = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'security', diagnostics: 'Authentication failed.' }],
};

type Service = Awaited<ReturnType<typeof startService>>;
type App = Service['app'];
type Response = Awaited<ReturnType<App['inject']>>;

function logSink() {
  const lines: string[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(line);
    },
  };
}

const sink = logSink();
let service: Service;

beforeAll(async () => {
  service = await startService({}, sink);
});

/** For the summary line: refusals checked by expectRejected, acceptances by expectAccepted. */
const tally = { refused: 0, accepted: 0 };

afterAll(async () => {
  await service.app.close();
  console.log(
    `auth: ${tally.refused} refusals, each a 401 with the same generic OperationOutcome (reason only in the log, token nowhere); ${tally.accepted} acceptances`,
  );
});

interface Sent {
  res: Response;
  /** Log lines written while the request was handled. */
  logs: string[];
  authorization: string | undefined;
}

/** POSTs a valid order-sign request with the given raw Authorization header (none when undefined). */
async function invoke(
  authorization: string | undefined,
  opts: { app?: App; url?: string; lines?: string[] } = {},
): Promise<Sent> {
  const lines = opts.lines ?? sink.lines;
  const from = lines.length;
  const res = await (opts.app ?? service.app).inject({
    method: 'POST',
    url: opts.url ?? ORDER_SIGN,
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    payload: JSON.stringify(orderSignRequest(healthy, [], 'healthy-1')),
  });
  return { res, logs: lines.slice(from), authorization };
}

const withToken = (token: string, opts?: Parameters<typeof invoke>[1]) => invoke(`Bearer ${token}`, opts);

function authFailures(logs: string[]): { reason: string; audience: string; level: number }[] {
  return logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'authentication failed');
}

/** 401, `WWW-Authenticate: Bearer`, the fixed OperationOutcome; the reason logged, the credentials not. */
function expectRejected(sent: Sent, reason?: RegExp) {
  const { res, logs, authorization } = sent;
  expect(res.statusCode).toBe(401);
  expect(res.headers['www-authenticate']).toBe('Bearer');
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.json()).toStrictEqual(UNAUTHORIZED);
  const failures = authFailures(logs);
  expect(failures).toHaveLength(1);
  if (reason) expect(failures[0]?.reason).toMatch(reason);
  const credentials = authorization?.replace(/^\S+\s+/, '') ?? '';
  for (const secret of [credentials, credentials.split('.')[2] ?? '']) {
    if (secret.length >= 8) expect(logs.join('\n')).not.toContain(secret);
  }
  tally.refused++;
}

function expectAccepted(sent: Sent) {
  expect(sent.res.statusCode, sent.res.body).toBe(200);
  expect(Array.isArray(sent.res.json().cards)).toBe(true);
  expect(authFailures(sent.logs)).toHaveLength(0);
  tally.accepted++;
}

/** Claims of a token that would be valid for `aud`, now. */
function claims(aud = AUD, extra: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: EHR_ISS, aud, iat: now, exp: now + 300, jti: randomUUID(), ...extra };
}

const b64json = (value: unknown) => base64url.encode(JSON.stringify(value));

/** A token with exactly these claims (absolute times, for pinned clocks), signed by the EHR's ES384 key. */
async function signClaims(payload: Record<string, unknown>): Promise<string> {
  const { ES384 } = await testKeys();
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: 'ehr-es384' }).sign(ES384.privateKey);
}

describe('cds-hooks_2.0 §Trusting CDS Clients: Authorization: Bearer <JWT>', () => {
  it('a valid ES384 token from a trusted issuer is accepted', async () => {
    expectAccepted(await withToken(await sign(AUD)));
  });

  it('a request without an Authorization header is refused', async () => {
    expectRejected(await invoke(undefined), /^no Authorization header$/);
  });

  it('a non-Bearer scheme is refused', async () => {
    expectRejected(await invoke(`Basic ${Buffer.from('ehr:secret-password').toString('base64')}`), /malformed/);
    // A valid JWT behind another scheme is refused as well.
    expectRejected(await invoke(`Token ${await sign(AUD)}`), /malformed/);
    // "Bearer" with no token.
    expectRejected(await invoke('Bearer '), /malformed/);
  });

  it('the scheme is case-insensitive (RFC 6750 §2.1, RFC 9110 §11.1): bearer and BEARER are accepted', async () => {
    expectAccepted(await invoke(`bearer ${await sign(AUD)}`));
    expectAccepted(await invoke(`BEARER ${await sign(AUD)}`));
  });

  it('a malformed token is refused: garbage, two segments, four segments', async () => {
    expectRejected(await invoke('Bearer not-a-jwt-at-all'), /malformed/);
    const [h, p] = (await sign(AUD)).split('.');
    expectRejected(await invoke(`Bearer ${h}.${p}`), /malformed/);
    expectRejected(await invoke(`Bearer ${await sign(AUD)}.extra`), /malformed/);
    expectRejected(await invoke('Bearer abcdefgh.ijklmnop.qrstuvwx'), /undecodable/);
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: alg none and symmetric algorithms SHALL NOT be used', () => {
  it('an unsigned token (alg none) with a trusted iss and kid is refused', async () => {
    const token = `${b64json({ alg: 'none', typ: 'JWT', kid: 'ehr-es384' })}.${b64json(claims())}.`;
    expectRejected(await withToken(token), /algorithm none not accepted/);
  });

  it('an HS256 token with a shared secret and a trusted iss and kid is refused', async () => {
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'ehr-es384' })
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'));
    expectRejected(await withToken(token), /algorithm HS256 not accepted/);
  });

  it('an HS384 token keyed with the public JWK (algorithm confusion) is refused', async () => {
    const { ES384 } = await testKeys();
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS384', typ: 'JWT', kid: 'ehr-es384' })
      .sign(new TextEncoder().encode(JSON.stringify(ES384.publicJwk)));
    expectRejected(await withToken(token), /algorithm HS384 not accepted/);
  });

  it('RS384 (RECOMMENDED) is accepted', async () => {
    expectAccepted(await withToken(await sign(AUD, { alg: 'RS384' })));
  });

  it('ES256 is refused by default (auth.algorithms = ES384, RS384)', async () => {
    expectRejected(await withToken(await sign(AUD, { alg: 'ES256' })), /algorithm ES256 not accepted/);
  });

  it('ES256 is accepted when auth.algorithms allows it', async () => {
    const lines = logSink();
    const { app } = await startService({ auth: { algorithms: ['ES384', 'RS384', 'ES256'] } }, lines);
    try {
      expectAccepted(await withToken(await sign(AUD, { alg: 'ES256' }), { app, lines: lines.lines }));
      expectAccepted(await withToken(await sign(AUD), { app, lines: lines.lines }));
    } finally {
      await app.close();
    }
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: the signature is checked against the public key on record', () => {
  it('a token signed by the wrong key (trusted kid reused) is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { wrongKey: true })), /verification failed/);
  });

  it('a token with an unknown kid is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { header: { kid: 'nope' } })), /verification failed/);
  });

  it('a key embedded in the header (jwk) is not trusted', async () => {
    const { other } = await testKeys();
    const token = await sign(AUD, { wrongKey: true, header: { jwk: other.publicJwk } });
    expectRejected(await withToken(token), /verification failed/);
  });

  it('a tampered payload is refused', async () => {
    const [h, , s] = (await sign(AUD)).split('.');
    const token = `${h}.${b64json(claims(AUD, { tenant: 'hospital-b' }))}.${s}`;
    expectRejected(await withToken(token), /verification failed/);
  });

  it("one trusted issuer's key cannot sign for another trusted issuer", async () => {
    expectRejected(await withToken(await sign(AUD, { iss: SANDBOX_ISS })), /verification failed/);
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: allow-list of iss and jku', () => {
  it('a token from an untrusted issuer is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { iss: 'https://evil.example' })), /untrusted issuer/);
  });

  it('a token without iss is refused', async () => {
    const { ES384 } = await testKeys();
    const { iss: _iss, ...rest } = claims();
    const token = await new SignJWT(rest)
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: 'ehr-es384' })
      .sign(ES384.privateKey);
    expectRejected(await withToken(token), /untrusted issuer/);
  });

  it('a jku that is not allow-listed for the issuer is refused', async () => {
    const token = await sign(AUD, { header: { jku: 'https://evil.example/jwks.json' } });
    expectRejected(await withToken(token), /jku not allow-listed/);
  });

  it("another issuer's allow-listed jku is refused", async () => {
    expectRejected(await withToken(await sign(AUD, { header: { jku: SANDBOX_JKU } })), /jku not allow-listed/);
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: JWT header (typ JWT, kid required)', () => {
  it('typ other than JWT (at+jwt) is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { header: { typ: 'at+jwt' } })), /typ is not JWT/);
  });

  it('a token without typ is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { header: { typ: undefined } })), /typ is not JWT/);
  });

  it('a token without kid is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { omit: ['kid'] })), /no kid/);
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: aud must be the endpoint URL', () => {
  it('a token for another service is refused', async () => {
    expectRejected(await withToken(await sign(`${BASE}/cds-services/immunosteward-patient-view`)), /verification/);
  });

  it('a token for the discovery URL is refused by a service', async () => {
    expectRejected(await withToken(await sign(`${BASE}/cds-services`)), /verification/);
  });

  it('a token for the feedback URL is refused by a service', async () => {
    expectRejected(await withToken(await sign(FEEDBACK_AUD)), /verification/);
  });

  it('a token for the same path on another host is refused', async () => {
    expectRejected(await withToken(await sign(`https://evil.example${ORDER_SIGN}`)), /verification/);
    expectRejected(await withToken(await sign(`http://cds.example.org${ORDER_SIGN}`)), /verification/);
  });

  it('a token for a prefix or extension of the endpoint URL is refused', async () => {
    expectRejected(await withToken(await sign(`${AUD}/`)), /verification/);
    expectRejected(await withToken(await sign(`${AUD}-v2`)), /verification/);
  });

  it('a token without aud is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { omit: ['aud'] })), /verification/);
  });

  it('aud as an array containing the endpoint URL is accepted', async () => {
    // `omit: ['aud']`: otherwise sign() overwrites the array with its audience argument.
    const token = await sign(AUD, { omit: ['aud'], claims: { aud: [`${BASE}/cds-services`, AUD] } });
    expect(decodeJwt(token).aud).toEqual([`${BASE}/cds-services`, AUD]);
    expectAccepted(await withToken(token));
  });

  it('feedback needs aud = the feedback URL; a service token is refused there', async () => {
    const url = `${ORDER_SIGN}/feedback`;
    const body = {
      feedback: [
        {
          card: randomUUID(),
          outcome: 'overridden',
          overrideReason: { userComment: 'x' },
          outcomeTimestamp: new Date().toISOString(),
        },
      ],
    };
    const from = sink.lines.length;
    const token = await sign(AUD);
    const res = await service.feedback('immunosteward-order-sign', body, token);
    expectRejected({ res, logs: sink.lines.slice(from), authorization: `Bearer ${token}` }, /verification/);
    const noToken = await service.feedback('immunosteward-order-sign', body, null);
    expect(noToken.statusCode).toBe(401);
    expect(noToken.json()).toStrictEqual(UNAUTHORIZED);
    const ok = await service.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign(FEEDBACK_AUD)}` },
      payload: JSON.stringify(body),
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: aud is compared as the exact string, near misses refused', () => {
  const PATIENT_VIEW = `${BASE}/cds-services/immunosteward-patient-view`;
  const withAud = (aud: unknown) => sign(AUD, { omit: ['aud'], claims: { aud } });

  it.each([
    [
      'an array without ours (discovery, another service, our feedback URL)',
      [`${BASE}/cds-services`, PATIENT_VIEW, FEEDBACK_AUD],
    ],
    ['an array of near misses (trailing slash, suffix, upper case)', [`${AUD}/`, `${AUD}-v2`, AUD.toUpperCase()]],
    ['an empty array', []],
    ['our URL with a query string', `${AUD}?tenant=hospital-a`],
    ['our URL with an empty fragment', `${AUD}#`],
    ['our URL with the default port spelled out', `https://cds.example.org:443${ORDER_SIGN}`],
    ['our URL with the host in upper case', `https://CDS.EXAMPLE.ORG${ORDER_SIGN}`],
    ['our URL with a percent-encoded path', `${BASE}/cds-services/immunosteward%2Dorder-sign`],
    ['a number', 42],
    ['an object', { url: AUD }],
  ])('aud = %s: 401', async (_name, aud) => {
    expectRejected(await withToken(await withAud(aud)), /verification failed/);
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: the feedback endpoint needs aud = its own URL', () => {
  const body = () => ({
    feedback: [
      {
        card: randomUUID(),
        outcome: 'overridden',
        overrideReason: { userComment: 'x' },
        outcomeTimestamp: new Date().toISOString(),
      },
    ],
  });
  const postFeedback = async (token: string): Promise<Sent> => {
    const from = sink.lines.length;
    const res = await service.feedback('immunosteward-order-sign', body(), token);
    return { res, logs: sink.lines.slice(from), authorization: `Bearer ${token}` };
  };
  const withAud = (aud: unknown) => sign(FEEDBACK_AUD, { omit: ['aud'], claims: { aud } });

  it.each([
    ["another service's feedback URL", `${BASE}/cds-services/immunosteward-patient-view/feedback`],
    ['the discovery URL', `${BASE}/cds-services`],
    ['our feedback URL with a trailing slash', `${FEEDBACK_AUD}/`],
    ['our feedback URL on another host', `https://evil.example${ORDER_SIGN}/feedback`],
    ['an array with the service URL but not the feedback URL', [AUD, `${BASE}/cds-services`]],
  ])('aud = %s: 401', async (_name, aud) => {
    expectRejected(await postFeedback(await withAud(aud)), /verification failed/);
  });

  it('aud = an array holding the feedback URL: 200', async () => {
    const { res } = await postFeedback(await withAud([AUD, FEEDBACK_AUD]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: 1, stored: expect.any(Number) });
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: exp and iat with bounded leeway (60 s)', () => {
  it('a token expired 61 s ago is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { iat: -120, exp: -61 })), /ERR_JWT_EXPIRED/);
  });

  it('a token expired 30 s ago is within the leeway and accepted', async () => {
    expectAccepted(await withToken(await sign(AUD, { iat: -120, exp: -30 })));
  });

  it('iat 120 s in the future is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { iat: 120, exp: 300 })), /verification failed/);
  });

  it('iat 30 s in the future is within the leeway and accepted', async () => {
    expectAccepted(await withToken(await sign(AUD, { iat: 30, exp: 300 })));
  });

  it('iat older than maxTokenLifetimeSeconds (300 s + leeway) is refused even if exp is ahead', async () => {
    expectRejected(await withToken(await sign(AUD, { iat: -400, exp: 60 })), /verification failed/);
  });

  it('nbf in the future beyond the leeway is refused', async () => {
    const nbf = Math.floor(Date.now() / 1000) + 120;
    expectRejected(await withToken(await sign(AUD, { claims: { nbf } })), /verification failed/);
  });

  it('a token without exp is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { omit: ['exp'] })), /verification failed/);
  });

  it('a token without iat is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { omit: ['iat'] })), /verification failed/);
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: leeway edges with a pinned clock (tolerance 60 s, lifetime 300 s)', () => {
  // T is the pinned time in whole seconds; each row is run at the start and at the end of that
  // second, since jose compares whole seconds.
  const T = Math.floor(Date.parse('2026-11-01T04:00:00Z') / 1000);
  const rows: [string, Record<string, number>, 200 | 401][] = [
    ['exp 1 s inside the leeway (now − 59 s)', { iat: T - 120, exp: T - 59 }, 200],
    ['exp exactly at now − tolerance', { iat: T - 120, exp: T - 60 }, 401],
    ['exp 1 s beyond the leeway (now − 61 s)', { iat: T - 120, exp: T - 61 }, 401],
    ['iat exactly at now + tolerance', { iat: T + 60, exp: T + 300 }, 200],
    ['iat 1 s beyond (now + 61 s)', { iat: T + 61, exp: T + 300 }, 401],
    ['nbf exactly at now + tolerance', { iat: T, exp: T + 300, nbf: T + 60 }, 200],
    ['nbf 1 s beyond (now + 61 s)', { iat: T, exp: T + 300, nbf: T + 61 }, 401],
    ['iat exactly lifetime + tolerance ago (now − 360 s), exp ahead', { iat: T - 360, exp: T + 60 }, 200],
    ['iat 1 s older (now − 361 s), exp ahead', { iat: T - 361, exp: T + 60 }, 401],
    ['iat 1 s older than lifetime + tolerance, exp a day ahead', { iat: T - 361, exp: T + 86_400 }, 401],
  ];
  const sinks = { start: logSink(), end: logSink() };
  const apps: Partial<Record<keyof typeof sinks, App>> = {};

  beforeAll(async () => {
    const config = await testConfig();
    for (const [at, offsetMs] of [
      ['start', 0],
      ['end', 999],
    ] as const) {
      const pinned = new Date(T * 1000 + offsetMs);
      apps[at] = await buildServer({
        config,
        store: new SqliteFeedbackStore(':memory:'),
        logger: createLogger('info', sinks[at] as never),
        now: () => pinned,
      });
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app?.close()));
  });

  describe.each(['start', 'end'] as const)('at the %s of the pinned second', (at) => {
    it.each(rows)('%s: %i', async (_name, times, status) => {
      const token = await signClaims({ iss: EHR_ISS, aud: AUD, jti: randomUUID(), ...times });
      const sent = await withToken(token, { app: apps[at], lines: sinks[at].lines });
      if (status === 200) expectAccepted(sent);
      else expectRejected(sent, /verification failed/);
    });
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: jti protects against replay', () => {
  it('a token without jti is refused', async () => {
    expectRejected(await withToken(await sign(AUD, { omit: ['jti'] })), /verification failed/);
  });

  it('the same token twice: 200 then 401', async () => {
    const token = await sign(AUD);
    expectAccepted(await withToken(token));
    expectRejected(await withToken(token), /replayed jti/);
  });

  // sign() overwrites claims.jti with a random one unless 'jti' is omitted.
  const withJti = (aud: string, jti: string) => sign(aud, { claims: { jti }, omit: ['jti'] });

  it('a fresh token reusing a seen jti is refused', async () => {
    const jti = randomUUID();
    const first = await withJti(AUD, jti);
    const second = await withJti(AUD, jti);
    expect(second).not.toBe(first);
    expectAccepted(await withToken(first));
    expectRejected(await withToken(second), /replayed jti/);
  });

  it('a refused token does not burn its jti', async () => {
    const jti = randomUUID();
    expectRejected(await withToken(await withJti(FEEDBACK_AUD, jti)), /verification/);
    expectAccepted(await withToken(await withJti(AUD, jti)));
    expectRejected(await withToken(await withJti(AUD, jti)), /replayed jti/);
  });

  it('replay is detected when the server clock is pinned (ServerOptions.now) behind the wall clock', async () => {
    // buildServer passes `now` to the verifier but not to its default MemoryReplayCache, which
    // compares the verifier-clock expiry against Date.now(): with a clock an hour behind, every jti
    // is "already expired" for the cache and replays pass.
    const pinned = new Date(Date.now() - 3600_000);
    const config = await testConfig();
    const app = await buildServer({
      config,
      store: new SqliteFeedbackStore(':memory:'),
      logger: createLogger('silent'),
      now: () => pinned,
    });
    try {
      const { ES384 } = await testKeys();
      const iat = Math.floor(pinned.getTime() / 1000);
      const token = await new SignJWT(claims(AUD, { iat, exp: iat + 300 }))
        .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: 'ehr-es384' })
        .sign(ES384.privateKey);
      const first = await withToken(token, { app, lines: [] });
      expect(first.res.statusCode).toBe(200);
      const second = await withToken(token, { app, lines: [] });
      expect(second.res.statusCode).toBe(401);
      expect(second.res.json()).toStrictEqual(UNAUTHORIZED);
    } finally {
      await app.close();
    }
  });

  describe('the jti is remembered exactly as long as its token could be accepted', () => {
    // Whole-second T; refusedFrom is the first instant the verifier refuses the token (tolerance
    // 60 s, lifetime 300 s). One millisecond before it a replay must still be caught by the cache.
    const T = Math.floor(Date.parse('2026-11-01T04:00:00Z') / 1000);
    it.each([
      ['exp-bounded', { iat: T, exp: T + 120 }, T + 180],
      ['lifetime-bounded (exp a day ahead)', { iat: T, exp: T + 86_400 }, T + 361],
      ['with a fractional exp', { iat: T, exp: T + 120.5 }, T + 181],
      ['with a fractional iat, exp a day ahead', { iat: T + 0.5, exp: T + 86_400 }, T + 361],
    ])('%s', async (_name, times, refusedFrom) => {
      const config = await testConfig();
      let nowMs = T * 1000 + 500;
      const remembered: number[] = [];
      const memory = new MemoryReplayCache(() => nowMs);
      const cache = {
        remember(key: string, expiresAtMs: number) {
          remembered.push(expiresAtMs);
          return memory.remember(key, expiresAtMs);
        },
      };
      const verifier = new JwtVerifier(config.auth, cache, () => new Date(nowMs));
      const token = `Bearer ${await signClaims({ iss: EHR_ISS, aud: AUD, jti: randomUUID(), ...times })}`;
      await expect(verifier.verify(token, AUD)).resolves.toMatchObject({ iss: EHR_ISS });
      expect(remembered).toEqual([refusedFrom * 1000]);
      nowMs = refusedFrom * 1000 - 1;
      await expect(verifier.verify(token, AUD)).rejects.toThrow(/^replayed jti$/);
      nowMs = refusedFrom * 1000;
      await expect(verifier.verify(token, AUD)).rejects.toThrow(/verification failed/);
    });
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: tokens captured from the CDS Hooks sandbox', () => {
  interface Capture {
    at: string;
    headers: { authorization: string };
    jwt: { header: Record<string, unknown>; payload: { iss: string; aud: string; jti: string; exp: number } };
  }
  const captures: Capture[] = readFileSync(fixturePath('cds-hooks/sandbox-captured-requests.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
  const first = captures[0] as Capture;

  it('the fixture is what the test expects: ES384, sandbox kid and allow-listed jku', () => {
    expect(captures.length).toBeGreaterThanOrEqual(1);
    expect(first.jwt.header).toMatchObject({ alg: 'ES384', typ: 'JWT', jku: SANDBOX_JKU });
    expect(first.jwt.payload.iss).toBe(SANDBOX_ISS);
  });

  it('an allow-listed jku of a trusted issuer is accepted (captured token at capture time)', async () => {
    const config = await testConfig();
    const verifier = new JwtVerifier(config.auth, new MemoryReplayCache(), () => new Date(first.at));
    const caller = await verifier.verify(first.headers.authorization, first.jwt.payload.aud);
    expect(caller).toStrictEqual({ iss: SANDBOX_ISS, jti: first.jwt.payload.jti });
  });

  it('every captured token verifies at its capture time and is refused when replayed', async () => {
    const config = await testConfig();
    for (const c of captures) {
      const at = new Date(c.at);
      const verifier = new JwtVerifier(config.auth, new MemoryReplayCache(() => at.getTime()), () => at);
      await expect(verifier.verify(c.headers.authorization, c.jwt.payload.aud)).resolves.toMatchObject({
        iss: SANDBOX_ISS,
      });
      await expect(verifier.verify(c.headers.authorization, c.jwt.payload.aud)).rejects.toThrow(/replayed jti/);
    }
  });

  it('the captured token one hour later is refused (expired)', async () => {
    const config = await testConfig();
    const later = new Date(new Date(first.at).getTime() + 3600_000);
    const verifier = new JwtVerifier(config.auth, new MemoryReplayCache(), () => later);
    const attempt = verifier.verify(first.headers.authorization, first.jwt.payload.aud);
    await expect(attempt).rejects.toBeInstanceOf(AuthError);
    await expect(verifier.verify(first.headers.authorization, first.jwt.payload.aud)).rejects.toThrow(/EXPIRED/);
  });

  it('the captured token for another audience is refused', async () => {
    const config = await testConfig();
    const verifier = new JwtVerifier(config.auth, new MemoryReplayCache(), () => new Date(first.at));
    await expect(verifier.verify(first.headers.authorization, AUD)).rejects.toBeInstanceOf(AuthError);
    await expect(
      verifier.verify(first.headers.authorization, 'http://127.0.0.1:3000/cds-services/pv-check'),
    ).rejects.toThrow(/verification failed/);
  });

  it('the captured token is refused when the sandbox issuer is not trusted', async () => {
    const config = await testConfig();
    const auth = { ...config.auth, trustedIssuers: config.auth.trustedIssuers.filter((i) => i.iss !== SANDBOX_ISS) };
    const verifier = new JwtVerifier(auth, new MemoryReplayCache(), () => new Date(first.at));
    await expect(verifier.verify(first.headers.authorization, first.jwt.payload.aud)).rejects.toThrow(
      /untrusted issuer/,
    );
  });

  it('the captured token is refused when its jku is not allow-listed', async () => {
    const config = await testConfig();
    const auth = {
      ...config.auth,
      trustedIssuers: config.auth.trustedIssuers.map((i) => (i.iss === SANDBOX_ISS ? { ...i, jkuAllowed: [] } : i)),
    };
    const verifier = new JwtVerifier(auth, new MemoryReplayCache(), () => new Date(first.at));
    await expect(verifier.verify(first.headers.authorization, first.jwt.payload.aud)).rejects.toThrow(/jku/);
  });

  it('the captured signature does not cover a rewritten payload', async () => {
    const config = await testConfig();
    const verifier = new JwtVerifier(config.auth, new MemoryReplayCache(), () => new Date(first.at));
    const [h, , s] = first.headers.authorization.replace(/^Bearer /, '').split('.');
    const forged = `Bearer ${h}.${b64json({ ...first.jwt.payload, aud: AUD })}.${s}`;
    await expect(verifier.verify(forged, AUD)).rejects.toThrow(/verification failed/);
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: tenant and iss reach feedback', () => {
  it('the tenant of the issuer config (hospital-a) and iss are stored with feedback', async () => {
    const { call, feedback, store, app } = await startService();
    try {
      const res = await call('immunosteward-order-sign', orderSignRequest(healthy, [], 'healthy-1'));
      expect(res.statusCode).toBe(200);
      const cards = res.json().cards as { uuid: string }[];
      const card = cards[0]?.uuid ?? randomUUID();
      const fb = await feedback(
        'immunosteward-order-sign',
        {
          feedback: [
            {
              card,
              outcome: 'overridden',
              overrideReason: { userComment: 'x' },
              outcomeTimestamp: new Date().toISOString(),
            },
          ],
        },
        await sign(FEEDBACK_AUD),
      );
      expect(fb.statusCode, fb.body).toBe(200);
      expect(store.query('SELECT tenant, iss FROM feedback')).toStrictEqual([{ tenant: 'hospital-a', iss: EHR_ISS }]);
    } finally {
      await app.close();
    }
  });

  it('a tenant claim in the token is recorded instead of the issuer default', async () => {
    const { feedback, store, app } = await startService();
    try {
      const fb = await feedback(
        'immunosteward-order-sign',
        {
          feedback: [
            {
              card: randomUUID(),
              outcome: 'overridden',
              overrideReason: { userComment: 'x' },
              outcomeTimestamp: new Date().toISOString(),
            },
          ],
        },
        await sign(FEEDBACK_AUD, { claims: { tenant: 'ward-7' } }),
      );
      expect(fb.statusCode).toBe(200);
      expect(store.query('SELECT tenant, iss FROM feedback')).toStrictEqual([{ tenant: 'ward-7', iss: EHR_ISS }]);
    } finally {
      await app.close();
    }
  });
});

describe('cds-hooks_2.0 §Trusting CDS Clients: discovery requires a token too', () => {
  const get = async (authorization?: string) => {
    const from = sink.lines.length;
    const res = await service.app.inject({
      method: 'GET',
      url: '/cds-services',
      headers: authorization ? { authorization } : {},
    });
    return { res, logs: sink.lines.slice(from), authorization };
  };

  it('without a token: 401', async () => {
    expectRejected(await get(), /no Authorization header/);
  });

  it('with a token for a service URL: 401', async () => {
    expectRejected(await get(`Bearer ${await sign(AUD)}`), /verification/);
  });

  it('with a token for aud = {base}/cds-services: 200', async () => {
    const { res } = await get(`Bearer ${await sign(`${BASE}/cds-services`)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().services).toHaveLength(3);
  });
});

describe('auth.disabled (development only)', () => {
  it('accepts a call without a token and logs a warning at start', async () => {
    const lines = logSink();
    const { app, call } = await startService({ auth: { disabled: true } }, lines);
    try {
      const warning = lines.lines.map((l) => JSON.parse(l)).find((l) => /AUTHENTICATION IS DISABLED/.test(l.msg));
      expect(warning).toBeDefined();
      expect(warning.level).toBe(40);
      const res = await call('immunosteward-order-sign', orderSignRequest(healthy, [], 'healthy-1'), null);
      expect(res.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('is off by default: no warning is logged', () => {
    expect(sink.lines.join('\n')).not.toContain('AUTHENTICATION IS DISABLED');
  });
});

describe('best practices §JWT: never log JWTs', () => {
  it('a refused token appears nowhere in the logs; the reason and path do', async () => {
    const tokens = [
      await sign(`https://evil.example${ORDER_SIGN}`),
      await sign(AUD, { wrongKey: true }),
      await sign(AUD, { iss: 'https://evil.example' }),
      await sign(AUD, { header: { jku: 'https://evil.example/jwks.json' } }),
    ];
    const from = sink.lines.length;
    for (const token of tokens) expect((await withToken(token)).res.statusCode).toBe(401);
    const logs = sink.lines.slice(from);
    const text = logs.join('\n');
    for (const token of tokens) {
      expect(text).not.toContain(token);
      for (const segment of token.split('.')) expect(text).not.toContain(segment);
    }
    const failures = authFailures(logs);
    expect(failures).toHaveLength(tokens.length);
    for (const f of failures) {
      expect(f.level).toBe(40);
      expect(f.audience).toBe(ORDER_SIGN);
      expect(f.reason).toEqual(expect.any(String));
    }
  });

  it('an accepted token appears nowhere in the logs', async () => {
    const token = await sign(AUD);
    const sent = await withToken(token);
    expectAccepted(sent);
    for (const segment of token.split('.')) expect(sent.logs.join('\n')).not.toContain(segment);
  });
});
