import type { JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../../helpers/fixtures.js';
import { type RecordingServer, startRecordingServer } from '../../helpers/misbehaving-server.js';
import { BASE, EHR_ISS, orderSignRequest, sign, startService, testKeys } from '../../helpers/service.js';

/**
 * An issuer whose keys come from a JWK Set URL served by a real local server that misbehaves:
 * slow beyond `auth.jwksTimeoutMs`, down, garbage, or up once and then down or slow. Every call
 * ends within the JWKS timeout plus a margin, with 401 (generic body) when no key can be trusted
 * and 200 while keys fetched before still verify; a redirect target never receives a request.
 */

const JWKS_TIMEOUT_MS = 300;
const BOUND_MS = JWKS_TIMEOUT_MS + 1_000;
const ORDER_SIGN = '/cds-services/immunosteward-order-sign';
const AUD = `${BASE}${ORDER_SIGN}`;
const UNAUTHORIZED = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'security', diagnostics: 'Authentication failed.' }],
};
const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];

/** What the JWKS server answers from now on. */
type Mode =
  | { kind: 'keys'; body: unknown }
  | { kind: 'raw'; status: number; contentType: string; body: string }
  | { kind: 'hold' }
  | { kind: 'trickle' }
  | { kind: 'redirect'; location: string };

let published: JWK[];
let forbidden: RecordingServer;
const servers: RecordingServer[] = [];
const stats = { cases: 0, serverErrors: 0, forbiddenRequests: 0, slowestMs: 0 };

beforeAll(async () => {
  published = [(await testKeys()).ES384.publicJwk];
  forbidden = await startRecordingServer((_req, res) => res.end('{"keys":[]}'));
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await Promise.all([forbidden?.close(), ...servers.map((s) => s.close())]);
  console.log(
    `jwks faults: ${stats.cases} calls, ${stats.serverErrors} 5xx, ${stats.forbiddenRequests} requests to forbidden hosts, slowest ${stats.slowestMs.toLocaleString('en-US')} ms (bound ${BOUND_MS.toLocaleString('en-US')} ms)`,
  );
});

/** A JWKS server whose behaviour `mode` can be switched; closed in afterAll (or earlier by a test). */
async function jwksServer(initial: Mode) {
  let mode = initial;
  const server = await startRecordingServer((_req, res) => {
    switch (mode.kind) {
      case 'keys':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(mode.body));
        return;
      case 'raw':
        res.writeHead(mode.status, { 'content-type': mode.contentType });
        res.end(mode.body);
        return;
      case 'hold':
        return;
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"keys":[');
        const drip = () => {
          if (res.destroyed) return;
          res.write(' ');
          server.later(50, drip);
        };
        server.later(50, drip);
        return;
      }
      case 'redirect':
        res.writeHead(302, { location: mode.location });
        res.end();
        return;
    }
  });
  servers.push(server);
  return {
    server,
    url: `${server.origin}/.well-known/jwks.json`,
    set(next: Mode) {
      mode = next;
    },
  };
}

/** A closed port: connection refused. */
async function closedPortUrl(): Promise<string> {
  const server = await startRecordingServer(() => undefined);
  await server.close();
  return `${server.origin}/jwks.json`;
}

async function serviceFor(jwksUrl: string) {
  const service = await startService({
    auth: { trustedIssuers: [{ iss: EHR_ISS, jwksUrl }], jwksTimeoutMs: JWKS_TIMEOUT_MS },
  });
  const call = async (token: string) => {
    const started = performance.now();
    const res = await service.call('immunosteward-order-sign', orderSignRequest(healthy, [], 'healthy-1'), token);
    const elapsed = Math.round(performance.now() - started);
    stats.cases++;
    stats.slowestMs = Math.max(stats.slowestMs, elapsed);
    if (res.statusCode >= 500) stats.serverErrors++;
    stats.forbiddenRequests += forbidden.requests.length;
    expect(elapsed).toBeLessThan(BOUND_MS);
    expect(forbidden.requests).toEqual([]);
    return res;
  };
  return { ...service, call };
}

function expectRefused(res: { statusCode: number; json(): unknown; body: string }) {
  expect(res.statusCode, res.body).toBe(401);
  expect(res.json()).toStrictEqual(UNAUTHORIZED);
}

const known = () => sign(AUD);
/** Signed with the RS384 test key, whose kid the published set lacks. */
const unknownKid = () => sign(AUD, { alg: 'RS384' });

describe('a JWKS URL that never answers in time', () => {
  it.each([
    ['holds the response', { kind: 'hold' } as Mode],
    ['sends headers, then trickles the body', { kind: 'trickle' } as Mode],
  ])('%s: 401 within the timeout, concurrent calls included', async (_name, mode) => {
    const jwks = await jwksServer(mode);
    const { call, app } = await serviceFor(jwks.url);
    try {
      const results = await Promise.all([known(), known(), known()].map(async (t) => call(await t)));
      for (const res of results) expectRefused(res);
      // the next call tries again (nothing was cached) and also ends in time
      expectRefused(await call(await known()));
      expect(jwks.server.requests.length).toBeGreaterThanOrEqual(1);
    } finally {
      await app.close();
    }
  });
});

describe('a JWKS URL that is down', () => {
  it('connection refused: 401 at once, every time', async () => {
    const { call, app } = await serviceFor(await closedPortUrl());
    try {
      expectRefused(await call(await known()));
      expectRefused(await call(await known()));
    } finally {
      await app.close();
    }
  });
});

describe('a JWKS URL that answers garbage: 401', () => {
  const badKey = { kty: 'EC', crv: 'P-384', kid: 'ehr-es384', alg: 'ES384', use: 'sig', x: 'AAAA', y: 'AAAA' };
  const cases: [string, () => Promise<Mode>][] = [
    ['not JSON', async () => ({ kind: 'raw', status: 200, contentType: 'application/json', body: '<html>oops' })],
    ['truncated JSON', async () => ({ kind: 'raw', status: 200, contentType: 'application/json', body: '{"keys":[{' })],
    ['JSON null', async () => ({ kind: 'keys', body: null })],
    ['a JSON array', async () => ({ kind: 'keys', body: published })],
    ['an object without keys', async () => ({ kind: 'keys', body: { hello: 'world' } })],
    ['keys that is not an array', async () => ({ kind: 'keys', body: { keys: 'ehr-es384' } })],
    ['keys holding non-objects', async () => ({ kind: 'keys', body: { keys: ['ehr-es384', 42] } })],
    ['a key with the right kid and bad key material', async () => ({ kind: 'keys', body: { keys: [badKey] } })],
    [
      'a key with the right kid and the wrong curve',
      async () => ({ kind: 'keys', body: { keys: [{ ...published[0], crv: 'P-256' }] } }),
    ],
    [
      'HTTP 500 with a valid-looking set',
      async () => ({
        kind: 'raw',
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ keys: published }),
      }),
    ],
    ['a 302 redirect to another host', async () => ({ kind: 'redirect', location: `${forbidden.origin}/jwks.json` })],
  ];

  it.each(cases)('%s', async (_name, mode) => {
    const jwks = await jwksServer(await mode());
    const { call, app } = await serviceFor(jwks.url);
    try {
      expectRefused(await call(await known()));
      expect(jwks.server.requests).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('a set that publishes a private key is refused', async () => {
    const { exportJWK, generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('ES384', { extractable: true });
    const privateJwk = { ...(await exportJWK(privateKey)), kid: 'ehr-es384', alg: 'ES384' };
    const jwks = await jwksServer({ kind: 'keys', body: { keys: [privateJwk] } });
    const { call, app } = await serviceFor(jwks.url);
    try {
      expectRefused(await call(await known()));
    } finally {
      await app.close();
    }
  });
});

describe('a JWKS URL that worked once, then failed', () => {
  /** A service whose cache holds the published keys, and the JWKS server it fetched them from. */
  async function warmed() {
    const jwks = await jwksServer({ kind: 'keys', body: { keys: published } });
    const service = await serviceFor(jwks.url);
    expect((await service.call(await known())).statusCode).toBe(200);
    expect(jwks.server.requests).toHaveLength(1);
    return { jwks, ...service };
  }

  it('down: cached keys keep verifying; an unknown kid gets 401 without hanging', async () => {
    const { jwks, call, app } = await warmed();
    try {
      await jwks.server.close();
      for (let i = 0; i < 3; i++) expect((await call(await known())).statusCode).toBe(200);
      expectRefused(await call(await unknownKid()));
    } finally {
      await app.close();
    }
  });

  it('down past the refetch cooldown (30 s): an unknown kid asks again and gets 401 at once', async () => {
    const { jwks, call, app } = await warmed();
    try {
      await jwks.server.close();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 31_000);
      expectRefused(await call(await unknownKid()));
      expect((await call(await known())).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it.each([
    ['down', { kind: 'raw', status: 503, contentType: 'text/plain', body: 'maintenance' } as Mode | 'closed'],
    ['closed', 'closed' as const],
    ['slow', { kind: 'hold' } as Mode],
  ])('%s past the cache lifetime (10 min): keys fetched before keep verifying', async (_name, failure) => {
    const { jwks, call, app } = await warmed();
    try {
      if (failure === 'closed') await jwks.server.close();
      else jwks.set(failure);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 11 * 60_000);
      for (let i = 0; i < 2; i++) expect((await call(await known())).statusCode).toBe(200);
      expectRefused(await call(await unknownKid()));
    } finally {
      await app.close();
    }
  });

  it('rotated within the cache lifetime: a new kid fetches the set, and the withdrawn key, verified before, is refused', async () => {
    const { jwks, call, app } = await warmed();
    try {
      const { RS384 } = await testKeys();
      // The ES384 key has verified a token (warmed) and again now: it is known to the service.
      expect((await call(await known())).statusCode).toBe(200);
      jwks.set({ kind: 'keys', body: { keys: [RS384.publicJwk] } });
      // Past the 30 s refetch cooldown, well within the 10 min cache lifetime.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 31_000);
      expect((await call(await unknownKid())).statusCode).toBe(200);
      expect(jwks.server.requests).toHaveLength(2);
      expectRefused(await call(await known()));
      expect((await call(await unknownKid())).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('back up after the cache lifetime: the fresh set is used (a removed key is no longer trusted)', async () => {
    const { jwks, call, app } = await warmed();
    try {
      const { RS384 } = await testKeys();
      // Rotation: the ES384 key is withdrawn, the RS384 key published.
      jwks.set({ kind: 'keys', body: { keys: [RS384.publicJwk] } });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 11 * 60_000);
      expect((await call(await unknownKid())).statusCode).toBe(200);
      expectRefused(await call(await known()));
    } finally {
      await app.close();
    }
  });
});
