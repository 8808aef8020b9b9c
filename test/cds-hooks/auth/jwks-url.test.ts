import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../helpers/fixtures.js';
import { BASE, EHR_ISS, orderSignRequest, sign, startService, testKeys } from '../../helpers/service.js';

/**
 * An issuer whose keys are published at a JWK Set URL: fetched once and cached (jose refetches
 * on an unknown kid after a 30 s cooldown, which is how rotated keys arrive).
 */

let server: Server;
let jwksUrl: string;
let fetches = 0;
let published: unknown[];

beforeAll(async () => {
  const keys = await testKeys();
  published = [keys.ES384.publicJwk];
  server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];
const url = `${BASE}/cds-services/immunosteward-order-sign`;

describe('issuer keys from a JWK Set URL', () => {
  it('fetches the keys once and keeps using the cache', async () => {
    fetches = 0;
    const { call } = await startService({ auth: { trustedIssuers: [{ iss: EHR_ISS, jwksUrl }] } });
    for (let i = 0; i < 3; i++) {
      const res = await call('immunosteward-order-sign', orderSignRequest(healthy, [], 'healthy-1'), await sign(url));
      expect(res.statusCode).toBe(200);
    }
    expect(fetches).toBe(1);
  });

  it('refuses a kid the published set does not hold', async () => {
    const { call } = await startService({ auth: { trustedIssuers: [{ iss: EHR_ISS, jwksUrl }] } });
    const res = await call(
      'immunosteward-order-sign',
      orderSignRequest(healthy, [], 'healthy-1'),
      await sign(url, { alg: 'RS384' }),
    );
    expect(res.statusCode).toBe(401);
  });
});
