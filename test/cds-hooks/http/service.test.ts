import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteFeedbackStore } from '../../../cds-hooks/store/sqlite.js';
import { type CardLike, firedRules } from '../../helpers/cards.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { medicationRequest } from '../../helpers/orders.js';
import { BASE, orderSignRequest, sign, startService } from '../../helpers/service.js';

const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];
const lysate = medicationRequest({ id: 'd-lysate', status: 'draft', text: 'Бронхо-мунал 7 мг', patient: 'healthy-1' });
const topics = (cards: CardLike[]) => firedRules(cards);

describe('order-sign', () => {
  it('answers a fully prefetched request with cards', async () => {
    const { call } = await startService();
    const res = await call('immunosteward-order-sign', orderSignRequest(healthy, [lysate], 'healthy-1'));
    expect(res.statusCode).toBe(200);
    expect(topics(res.json().cards)).toEqual(['booster-not-indicated', 'course-unbounded']);
  });

  it('serves discovery to an authenticated caller', async () => {
    const { app } = await startService();
    const res = await app.inject({
      method: 'GET',
      url: '/cds-services',
      headers: { authorization: `bearer ${await sign(`${BASE}/cds-services`)}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().services).toHaveLength(3);
  });
});

describe('transport', () => {
  it('refuses a body over the limit with 413 and an OperationOutcome', async () => {
    const { call } = await startService({ server: { bodyLimitBytes: 10_000 } });
    const res = await call('immunosteward-order-sign', orderSignRequest(healthy, [lysate], 'healthy-1'));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ diagnostics: 'request body exceeds 10000 bytes' }],
    });
  });

  it('refuses prototype-poisoning keys with 400', async () => {
    const { call } = await startService();
    const res = await call('immunosteward-order-sign', '{"hook":"order-sign","__proto__":{"polluted":true}}');
    expect(res.statusCode).toBe(400);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('sends security headers', async () => {
    const { app } = await startService();
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('sends the same security headers on cards, on a 401 answered before the body and on a 404', async () => {
    const { app, call } = await startService();
    const cards = await call('immunosteward-order-sign', orderSignRequest(healthy, [lysate], 'healthy-1'));
    const refused = await app.inject({
      method: 'POST',
      url: '/cds-services/immunosteward-order-sign',
      headers: { 'content-type': 'application/json' },
      payload: orderSignRequest(healthy, [lysate], 'healthy-1'),
    });
    const missing = await app.inject({ method: 'GET', url: '/no-such-endpoint' });
    expect([cards.statusCode, refused.statusCode, missing.statusCode]).toEqual([200, 401, 404]);
    const security = (headers: Record<string, unknown>) =>
      Object.fromEntries(
        [
          'content-security-policy',
          'strict-transport-security',
          'x-content-type-options',
          'x-frame-options',
          'referrer-policy',
        ].map((name) => [name, headers[name]]),
      );
    expect(security(cards.headers)).toEqual({
      'content-security-policy':
        "default-src 'none';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
    });
    expect(security(refused.headers)).toEqual(security(cards.headers));
    expect(security(missing.headers)).toEqual(security(cards.headers));
  });

  it('answers CORS preflight only for allowed origins', async () => {
    const { app } = await startService({ server: { corsOrigins: ['https://sandbox.cds-hooks.org'] } });
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/cds-services/immunosteward-order-sign',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    expect((await preflight('https://sandbox.cds-hooks.org')).headers['access-control-allow-origin']).toBe(
      'https://sandbox.cds-hooks.org',
    );
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('logs', () => {
  it('carry no patient names, identifiers, access tokens or JWTs', async () => {
    const lines: string[] = [];
    const { call } = await startService({}, { write: (line: string) => lines.push(line) });
    const body = {
      ...orderSignRequest(healthy, [lysate], 'healthy-1'),
      fhirAuthorization: { access_token: 'secret-access-token', token_type: 'Bearer' },
    };
    const token = await sign(`${BASE}/cds-services/immunosteward-order-sign`);
    expect((await call('immunosteward-order-sign', body, token)).statusCode).toBe(200);
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [
      'Toshmatov',
      'Jasur',
      'MRN-300902',
      'secret-access-token',
      token,
      token.split('.')[2] as string,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('feedback store', () => {
  it('keeps acknowledged feedback across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'immunosteward-')), 'feedback.sqlite');
    const store = new SqliteFeedbackStore(file);
    const booster = { rule: 'booster-not-indicated', indicator: 'warning' };
    store.recordCards([{ uuid: 'c1', ...booster, rules: [booster] }], {
      service: 'immunosteward-order-sign',
    });
    const item = {
      card: 'c1',
      outcome: 'overridden' as const,
      overrideReason: { userComment: 'ok' },
      outcomeTimestamp: '2026-11-01T09:00:00Z',
    };
    expect(await store.recordFeedback([item], { service: 'immunosteward-order-sign', tenant: 't' })).toBe(1);
    store.close();
    const reopened = new SqliteFeedbackStore(file);
    expect(await reopened.recordFeedback([item], { service: 'immunosteward-order-sign' })).toBe(0);
    expect(reopened.query('SELECT rule, indicator, tenant FROM feedback')).toEqual([
      { rule: 'booster-not-indicated', indicator: 'warning', tenant: 't' },
    ]);
    reopened.close();
  });

  it('commits concurrent feedback together and answers each request with its own count', async () => {
    const store = new SqliteFeedbackStore(':memory:');
    const item = (card: string) => ({
      card,
      outcome: 'overridden' as const,
      overrideReason: { userComment: 'x' },
      outcomeTimestamp: '2026-11-01T09:00:00Z',
    });
    const meta = { service: 'immunosteward-order-sign' };
    // 40 requests in one turn of the event loop; every card posted twice, the pair sometimes in one request
    const requests = Array.from({ length: 20 }, (_, i) => [item(`c${i}`), ...(i % 2 ? [item(`c${i}`)] : [])]);
    const counts = await Promise.all([...requests, ...requests].map((items) => store.recordFeedback(items, meta)));
    expect(counts.slice(0, 20)).toEqual(Array(20).fill(1));
    expect(counts.slice(20)).toEqual(Array(20).fill(0));
    expect(store.query<{ n: number }>('SELECT COUNT(*) AS n FROM feedback')).toEqual([{ n: 20 }]);
    // pending feedback is committed by close()
    const pending = store.recordFeedback([item('late')], meta);
    store.close();
    expect(await pending).toBe(1);
  });
});

describe('the SMART app pages', () => {
  it('are served under /app/ with the app policy and the configured frame ancestors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'immunosteward-app-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'launch.html'), '<!doctype html><title>launch</title>');
    const { app } = await startService({ app: { frameAncestors: ['https://ehr.example.org'] } }, undefined, {
      appDir: dir,
    });
    const launch = await app.inject({ method: 'GET', url: '/app/launch.html' });
    expect(launch.statusCode).toBe(200);
    expect(launch.headers['content-type']).toContain('text/html');
    expect(launch.headers['content-security-policy']).toContain("script-src 'self'");
    expect(launch.headers['content-security-policy']).toContain('frame-ancestors https://ehr.example.org');
    expect((await app.inject({ method: 'GET', url: '/app/' })).body).toContain('<title>app</title>');
    expect((await app.inject({ method: 'GET', url: '/app/../package.json' })).statusCode).toBe(404);
  });
});
