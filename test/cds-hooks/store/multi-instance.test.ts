import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../../cds-hooks/http/server.js';
import { createLogger } from '../../../cds-hooks/logger.js';
import { openStore } from '../../../cds-hooks/store/open.js';
import type { FeedbackStore } from '../../../cds-hooks/store/types.js';
import { cardWithRule } from '../../helpers/cards.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { logCapture, registerSecret } from '../../helpers/log-capture.js';
import { medicationRequest } from '../../helpers/orders.js';
import { BASE, orderSignRequest, sign, testConfig } from '../../helpers/service.js';
import { freshDatabase, type TestDatabase } from '../../setup/postgres.js';

/**
 * Two service instances behind one load balancer, sharing a PostgreSQL database: a JWT is accepted
 * by one of them only, feedback posted to both counts once, and cards shown by one are joined to
 * feedback received by the other.
 */

const SIGN = 'immunosteward-order-sign';
const CALL = `/cds-services/${SIGN}`;
const FEEDBACK = `${CALL}/feedback`;
const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];
const lysate = medicationRequest({ id: 'd-lysate', status: 'draft', text: 'Бронхо-мунал 7 мг', patient: 'healthy-1' });
/** The test cluster trusts local connections: the password is carried in the URL, never checked. */
const PASSWORD = 'cluster-secret-pw-7f3a';

interface Instance {
  app: Awaited<ReturnType<typeof buildServer>>;
  store: FeedbackStore;
}

let database: TestDatabase;
let a: Instance;
let b: Instance;

async function instance(url: string): Promise<Instance> {
  const config = await testConfig({ feedback: { store: url, poolSize: 3 }, logging: { level: 'info' } });
  const logger = createLogger('info', logCapture.destination as never);
  const { store, replay } = await openStore(config.feedback, { logger });
  const app = await buildServer({ config, store, ...(replay ? { replay } : {}), logger });
  return { app, store };
}

beforeEach(async () => {
  database = await freshDatabase();
  const url = new URL(database.url);
  url.password = PASSWORD;
  registerSecret(PASSWORD);
  // Started together: both migrate the same empty database.
  [a, b] = await Promise.all([instance(url.toString()), instance(url.toString())]);
}, 60_000);

afterEach(async () => {
  await Promise.all([a.app.close(), b.app.close()]);
  await database.drop();
});

const post = ({ app }: Instance, url: string, token: string, body: unknown) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: JSON.stringify(body),
  });

const signRequest = () => orderSignRequest(healthy, [lysate], 'healthy-1');
const lastHour = () => ({
  from: new Date(Date.now() - 3_600_000).toISOString(),
  to: new Date(Date.now() + 3_600_000).toISOString(),
});

describe('two instances on one PostgreSQL database', () => {
  it('B refuses a JWT already used on A', async () => {
    const token = await sign(`${BASE}${CALL}`);
    expect((await post(a, CALL, token, signRequest())).statusCode).toBe(200);
    const replayed = await post(b, CALL, token, signRequest());
    expect(replayed.statusCode).toBe(401);
    expect(replayed.headers['www-authenticate']).toBe('Bearer');
    // B itself accepts a new token.
    expect((await post(b, CALL, await sign(`${BASE}${CALL}`), signRequest())).statusCode).toBe(200);
  });

  it('the same feedback posted to both counts once', async () => {
    const feedback = {
      feedback: [
        {
          card: '0b6f3c1e-2a52-4f57-9d0c-3f7a2d9e8b41',
          outcome: 'overridden',
          overrideReason: { reason: { system: 'urn:reasons', code: 'not-applicable' } },
          outcomeTimestamp: '2026-11-01T09:00:00Z',
        },
      ],
    };
    const first = await post(a, FEEDBACK, await sign(`${BASE}${FEEDBACK}`), feedback);
    const second = await post(b, FEEDBACK, await sign(`${BASE}${FEEDBACK}`), feedback);
    expect([first.json(), second.json()]).toStrictEqual([
      { received: 1, stored: 1 },
      { received: 1, stored: 0 },
    ]);
    for (const { store } of [a, b]) {
      const { rules } = await store.analytics(lastHour());
      expect(rules.map((r) => [r.rule, r.tenant, r.overridden, r.topReasons])).toStrictEqual([
        ['(unknown card)', 'hospital-a', 1, [{ code: 'not-applicable', display: null, count: 1 }]],
      ]);
    }
  });

  it("cards shown by A are joined to feedback received by B, and A's calls are counted", async () => {
    const shown = await post(a, CALL, await sign(`${BASE}${CALL}`), signRequest());
    expect(shown.statusCode).toBe(200);
    const cards = shown.json().cards as {
      uuid: string;
      source: { topic: { code: string } };
      suggestions?: { uuid: string }[];
    }[];
    const booster = cardWithRule(cards, 'booster-not-indicated');
    const course = cardWithRule(cards, 'course-unbounded');
    expect(booster && course).toBeTruthy();
    const suggestion = course?.suggestions?.[0]?.uuid ?? 'suggestion';
    const now = new Date().toISOString();
    const received = await post(b, FEEDBACK, await sign(`${BASE}${FEEDBACK}`), {
      feedback: [
        {
          card: booster?.uuid,
          outcome: 'overridden',
          overrideReason: { reason: { code: 'patient-preference', display: 'Patient preference' }, userComment: 'x' },
          outcomeTimestamp: now,
        },
        { card: course?.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: suggestion }], outcomeTimestamp: now },
      ],
    });
    expect(received.json()).toStrictEqual({ received: 2, stored: 2 });

    // A writes its batch of cards and calls within its flush interval; B then sees them.
    await vi.waitFor(async () => {
      const analytics = await b.store.analytics(lastHour());
      expect(analytics.services.map((s) => [s.service, s.invocations])).toStrictEqual([[SIGN, 1]]);
      expect(analytics.rules).toStrictEqual([
        // One card for the lysate order carries both rules: its two feedback items count for each.
        ...['booster-not-indicated', 'course-unbounded'].map((rule) => ({
          rule,
          tenant: 'hospital-a',
          shown: 1,
          accepted: 1,
          overridden: 1,
          overrideRate: 0.5,
          topReasons: [{ code: 'patient-preference', display: 'Patient preference', count: 1 }],
          comments: 1,
          suggestionsAccepted: 1,
        })),
      ]);
    });
  });

  it('survives dropped connections, logging the database without its password', async () => {
    expect((await post(a, CALL, await sign(`${BASE}${CALL}`), signRequest())).statusCode).toBe(200);
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'immunosteward'`,
      );
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => {
      logCapture.flush();
      expect(logCapture.lines.some((l) => l.includes('PostgreSQL connection lost'))).toBe(true);
    });
    const lost = logCapture.lines.filter((l) => l.includes('PostgreSQL connection lost'));
    expect(lost[0]).toContain(`"database":"${new URL(database.url).protocol}//${new URL(database.url).host}/`);
    expect(logCapture.lines.join('\n')).not.toContain(PASSWORD);
    // The pools reconnect: both instances answer again.
    expect((await post(a, CALL, await sign(`${BASE}${CALL}`), signRequest())).statusCode).toBe(200);
    expect((await post(b, CALL, await sign(`${BASE}${CALL}`), signRequest())).statusCode).toBe(200);
  });
});
