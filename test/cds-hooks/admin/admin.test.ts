import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminCredential, sha256Hex } from '../../../cds-hooks/auth/admin-credential.js';
import { siteConfigSchema } from '../../../src/core/config/schema.js';
import { DIST_APP } from '../../e2e/smart-server.js';
import { firedRules } from '../../helpers/cards.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { registerSecret } from '../../helpers/log-capture.js';
import { medicationRequest } from '../../helpers/orders.js';
import { BASE, orderSignRequest, sign, startService } from '../../helpers/service.js';

/** The admin API: absent without a credential, behind the admin token, analytics as JSON and CSV. */

const TOKEN = 'admin-token-for-tests-0123456789';
registerSecret(TOKEN);
const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];
const lysate = medicationRequest({ id: 'd-lysate', status: 'draft', text: 'Бронхо-мунал 7 мг', patient: 'healthy-1' });
const ORDER_SIGN = 'immunosteward-order-sign';

type Service = Awaited<ReturnType<typeof startService>>;
const started: Service[] = [];
async function service(admin = true, appDir = false): Promise<Service> {
  const s = await startService({}, undefined, {
    ...(admin ? { adminTokenSha256: sha256Hex(TOKEN) } : {}),
    ...(appDir ? { appDir: DIST_APP } : {}),
  });
  started.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.app.close()));
});

const auth = (token = TOKEN) => ({ authorization: `Bearer ${token}` });

/** Two order-sign calls (one card each, with booster-not-indicated and course-unbounded), one 400, and feedback on them. */
async function seed({ call, feedback }: Service) {
  const cards: { uuid: string; source: { topic: { code: string } }; suggestions?: { uuid: string }[] }[] = [];
  for (let i = 0; i < 2; i++) {
    cards.push(...(await call(ORDER_SIGN, orderSignRequest(healthy, [lysate], 'healthy-1'))).json().cards);
  }
  await call(ORDER_SIGN, { hook: 'order-sign' });
  const booster = cards.filter((c) => firedRules([c]).includes('booster-not-indicated'));
  const at = new Date().toISOString();
  const res = await feedback(ORDER_SIGN, {
    feedback: [
      {
        card: booster[0]?.uuid,
        outcome: 'overridden',
        overrideReason: {
          reason: {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'PATPREF',
            display: '=HYPERLINK("x")',
          },
          userComment: 'patient insists',
        },
        outcomeTimestamp: at,
      },
      {
        card: booster[1]?.uuid,
        outcome: 'accepted',
        acceptedSuggestions: [{ id: booster[1]?.suggestions?.[0]?.uuid }],
        outcomeTimestamp: at,
      },
    ],
  });
  expect(res.json()).toEqual({ received: 2, stored: 2 });
}

describe('without an admin credential', () => {
  it('has no admin page and no admin API', async () => {
    const { app } = await service(false, true);
    for (const url of ['/admin', '/admin/api/analytics', '/admin/api/analytics.csv']) {
      const res = await app.inject({ method: 'GET', url, headers: auth() });
      expect(res.statusCode).toBe(404);
    }
  });
});

describe('the admin API', () => {
  it('refuses a missing or wrong token with 401 and no detail', async () => {
    const { app } = await service();
    for (const headers of [{}, auth('wrong-token-wrong-token'), { authorization: TOKEN }]) {
      const res = await app.inject({ method: 'GET', url: '/admin/api/analytics', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'security', diagnostics: 'Authentication failed.' }],
      });
    }
  });

  it('does not accept a CDS Hooks JWT in place of the admin token', async () => {
    const { app } = await service();
    const jwt = await sign(`${BASE}/admin/api/analytics`);
    expect((await app.inject({ method: 'GET', url: '/admin/api/analytics', headers: auth(jwt) })).statusCode).toBe(401);
  });

  it('reports per rule and tenant what physicians did with the cards, and per service the calls', async () => {
    const s = await service();
    await seed(s);
    const res = await s.app.inject({ method: 'GET', url: '/admin/api/analytics', headers: auth() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.rules).toContainEqual({
      rule: 'booster-not-indicated',
      tenant: 'hospital-a',
      shown: 2,
      accepted: 1,
      overridden: 1,
      overrideRate: 0.5,
      topReasons: [{ code: 'PATPREF', display: '=HYPERLINK("x")', count: 1 }],
      comments: 1,
      suggestionsAccepted: 1,
    });
    // One card per order: the lysate's card carries both rules, so its feedback counts for both.
    expect(body.rules).toContainEqual(
      expect.objectContaining({ rule: 'course-unbounded', shown: 2, accepted: 1, overridden: 1, overrideRate: 0.5 }),
    );
    expect(body.services).toEqual([
      expect.objectContaining({ service: ORDER_SIGN, invocations: 3, status4xx: 1, status412: 0, status5xx: 0 }),
    ]);
    const other = await s.app.inject({
      method: 'GET',
      url: '/admin/api/analytics?tenant=someone-else',
      headers: auth(),
    });
    expect(other.json().rules).toEqual([]);
  });

  it('counts a card for each rule that fired on it, with its feedback for each', async () => {
    const s = await service();
    // One card for one draft order on which two rules fired, the critical one its primary.
    const critical = { rule: 'live-vaccine-immunosuppressed', indicator: 'critical' };
    s.store.recordCards(
      [{ uuid: 'order-1', ...critical, rules: [critical, { rule: 'booster-not-indicated', indicator: 'warning' }] }],
      { service: ORDER_SIGN, tenant: 'hospital-a' },
    );
    const override = {
      card: 'order-1',
      outcome: 'overridden',
      overrideReason: { reason: { system: 'urn:reasons', code: 'PATPREF', display: 'Patient preference' } },
      outcomeTimestamp: new Date().toISOString(),
    };
    expect((await s.feedback(ORDER_SIGN, { feedback: [override] })).json()).toEqual({ received: 1, stored: 1 });
    const res = await s.app.inject({ method: 'GET', url: '/admin/api/analytics', headers: auth() });
    const counted = {
      tenant: 'hospital-a',
      shown: 1,
      accepted: 0,
      overridden: 1,
      overrideRate: 1,
      topReasons: [{ code: 'PATPREF', display: 'Patient preference', count: 1 }],
      comments: 0,
      suggestionsAccepted: 0,
    };
    expect(res.json().rules).toEqual([
      { rule: 'booster-not-indicated', ...counted },
      { rule: 'live-vaccine-immunosuppressed', ...counted },
    ]);
  });

  it('limits the period: a past period without calls is empty', async () => {
    const s = await service();
    await seed(s);
    const res = await s.app.inject({
      method: 'GET',
      url: '/admin/api/analytics?from=2020-01-01&to=2020-01-31',
      headers: auth(),
    });
    expect(res.json()).toMatchObject({
      query: { from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' },
      rules: [],
      services: [],
    });
  });

  it('answers 400 naming the parameter for a bad period or an unknown parameter', async () => {
    const { app } = await service();
    const cases: [string, string][] = [
      ['from=yesterday', 'from'],
      ['from=2026-02-30', 'from'],
      ['from=2026-03-01&to=2026-02-01', 'from'],
      ['color=red', '(query)'],
    ];
    for (const [query, expression] of cases) {
      const res = await app.inject({ method: 'GET', url: `/admin/api/analytics?${query}`, headers: auth() });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().issue[0].expression, query).toEqual([expression]);
    }
  });

  it('exports the rule table as CSV, safe to open in a spreadsheet', async () => {
    const s = await service();
    await seed(s);
    const res = await s.app.inject({ method: 'GET', url: '/admin/api/analytics.csv', headers: auth() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="immunosteward-overrides-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('rule,tenant,shown,accepted,overridden,overrideRate,comments,suggestionsAccepted,topReasons');
    // A reason that looks like a formula is quoted text, not a formula.
    expect(lines).toContain(`booster-not-indicated,hospital-a,2,1,1,0.500,1,1,"'=HYPERLINK(""x"") (1)"`);
  });
});

describe('the admin page', () => {
  it('is served at /admin with a strict policy, holding no data', async () => {
    const { app } = await service(true, true);
    const res = await app.inject({ method: 'GET', url: '/admin' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.body).toContain('<div id="root"></div>');
  });
});

describe('the admin credential', () => {
  const config = (tokenSha256?: string) => siteConfigSchema.parse(tokenSha256 ? { admin: { tokenSha256 } } : {});

  it('comes from IMMUNOSTEWARD_ADMIN_TOKEN, else admin.tokenSha256, else (demo only) a token file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'immunosteward-admin-'));
    const fromConfig = 'c'.repeat(64);
    expect(adminCredential({ IMMUNOSTEWARD_ADMIN_TOKEN: TOKEN }, config(fromConfig), dir)).toEqual({
      sha256: sha256Hex(TOKEN),
      source: 'IMMUNOSTEWARD_ADMIN_TOKEN',
    });
    expect(adminCredential({}, config(fromConfig), dir)).toEqual({ sha256: fromConfig, source: 'admin.tokenSha256' });
    expect(adminCredential({}, config(), undefined)).toBeUndefined();
    const demo = adminCredential({}, config(), dir);
    const file = join(dir, 'admin-token');
    expect(demo).toEqual({ sha256: sha256Hex(readFileSync(file, 'utf8').trim()), source: `the token in ${file}` });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(adminCredential({}, config(), dir)).toEqual(demo);
  });

  it('refuses a token shorter than 16 characters, naming the variable', () => {
    expect(() => adminCredential({ IMMUNOSTEWARD_ADMIN_TOKEN: 'short' }, config(), undefined)).toThrow(
      /IMMUNOSTEWARD_ADMIN_TOKEN: must be at least 16 characters/,
    );
  });
});
