import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FeedbackItem } from '../../../cds-hooks/cards/feedback.js';
import { isPostgresUrl, openStore } from '../../../cds-hooks/store/open.js';
import {
  describePostgresUrl,
  numberPlaceholders,
  MIGRATIONS as PG_MIGRATIONS,
  PgFeedbackStore,
} from '../../../cds-hooks/store/postgres.js';
import { MIGRATIONS, SqliteFeedbackStore } from '../../../cds-hooks/store/sqlite.js';
import type { CardRecord, FeedbackStore, FiredRule, StoreOptions } from '../../../cds-hooks/store/types.js';
import type { Analytics } from '../../../src/contract/analytics.js';
import { freshDatabase, type TestDatabase } from '../../setup/postgres.js';

/**
 * The feedback store contract, run against SQLite and PostgreSQL alike: migrations, batching,
 * idempotent feedback and the analytics figures of a seeded data set (computed by hand below).
 */

interface Backend {
  name: string;
  /** A new store on this backend's database (reopening the same one each time). */
  open(options?: StoreOptions): Promise<FeedbackStore & { flush(): void | Promise<void> }>;
  /** Rows counted over a separate connection: what another process would see. */
  count(table: string): Promise<number>;
  /** The schema versions the backend recorded. */
  versions(): Promise<number[]>;
  /** Feedback rows as stored, for checking the copied card fields. */
  feedbackRows(): Promise<Record<string, unknown>[]>;
  /** The rules fired on cards as stored. */
  cardRuleRows(): Promise<Record<string, unknown>[]>;
  /** This backend's migrations, in order. */
  migrations: readonly string[];
  /** Resets, then builds the schema of the first `version` migrations and runs `sql` on it (no store opened). */
  atVersion(version: number, sql: string): Promise<void>;
  reset(): Promise<void>;
}

let database: TestDatabase;
// The first file to ask starts the test cluster: allow for initdb on a busy machine.
beforeAll(async () => {
  database = await freshDatabase();
}, 60_000);
afterAll(async () => {
  await database.drop();
});

async function pgQuery<T>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function sqliteBackend(): Backend {
  let file = '';
  const fresh = () => {
    file = join(mkdtempSync(join(tmpdir(), 'immunosteward-store-')), 'feedback.sqlite');
  };
  fresh();
  const read = <T>(sql: string): T[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  return {
    name: 'SQLite',
    open: async (options) => new SqliteFeedbackStore(file, options),
    count: async (table) => read<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)[0]?.n ?? -1,
    versions: async () => [read<{ user_version: number }>('PRAGMA user_version')[0]?.user_version ?? -1],
    feedbackRows: async () =>
      read('SELECT card_uuid, rule, indicator, tenant, suggestions_accepted FROM feedback ORDER BY id'),
    cardRuleRows: async () =>
      read('SELECT card_uuid, rule, indicator, tenant, issued_at FROM card_rules ORDER BY card_uuid, rule'),
    migrations: MIGRATIONS,
    atVersion: async (version, sql) => {
      fresh();
      const db = new Database(file);
      try {
        for (const migration of MIGRATIONS.slice(0, version)) db.exec(migration);
        db.pragma(`user_version = ${version}`);
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    reset: async () => fresh(),
  };
}

function postgresBackend(): Backend {
  return {
    name: 'PostgreSQL',
    open: (options) => PgFeedbackStore.open(database.url, { ...options, poolSize: 4 }),
    count: async (table) => Number((await pgQuery<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n),
    versions: async () =>
      (await pgQuery<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map(
        (r) => r.version,
      ),
    feedbackRows: () =>
      pgQuery('SELECT card_uuid, rule, indicator, tenant, suggestions_accepted FROM feedback ORDER BY id'),
    // issued_at as the SQLite store writes it, so both backends' rows compare equal.
    cardRuleRows: () =>
      pgQuery(
        `SELECT card_uuid, rule, indicator, tenant,
           to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS issued_at
         FROM card_rules ORDER BY card_uuid, rule`,
      ),
    migrations: PG_MIGRATIONS,
    // schema_migrations as the store's migrate() creates it, recording the first `version` migrations.
    atVersion: async (version, sql) => {
      await pgQuery('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      await pgQuery(
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      for (let v = 0; v < version; v++) {
        await pgQuery(`${PG_MIGRATIONS[v]}; INSERT INTO schema_migrations (version) VALUES (${v + 1})`);
      }
      await pgQuery(sql);
    },
    // An empty database, as a new SQLite file is: no tables, no schema version.
    reset: async () => {
      await pgQuery('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    },
  };
}

const SIGN = 'immunosteward-order-sign';
const VIEW = 'immunosteward-patient-view';
const FROM = '2026-03-01T00:00:00.000Z';
const TO = '2026-03-02T00:00:00.000Z';

/** A card shown: its primary rule and indicator, then the other rules that fired on it. */
const shownCard = (uuid: string, rule: string, indicator: string, ...others: FiredRule[]): CardRecord => ({
  uuid,
  rule,
  indicator,
  rules: [{ rule, indicator }, ...others],
});

/** The system of the override reasons the cards offer (cds-hooks/cards/render.ts). */
const NON_ADHERENCE = 'http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes';
const override = (card: string, at: string, code?: string, display?: string, comment?: string): FeedbackItem => ({
  card,
  outcome: 'overridden',
  overrideReason: {
    ...(code ? { reason: { system: 'urn:reasons', code, ...(display ? { display } : {}) } } : {}),
    ...(comment ? { userComment: comment } : {}),
  },
  outcomeTimestamp: at,
});
const accept = (card: string, at: string, suggestions: number): FeedbackItem => ({
  card,
  outcome: 'accepted',
  acceptedSuggestions: Array.from({ length: suggestions }, (_, i) => ({ id: `s${i}` })),
  outcomeTimestamp: at,
});

/** Deterministic shuffle (seeded LCG), so insertion order never matches duration order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The seeded data set. In [FROM, TO):
 * - booster-not-indicated @ hospital-a: cards a1–a4; a1, a2 overridden "not-applicable" (a1 with a
 *   display and a comment), a3 overridden "patient-preference", a4 accepted with 2 suggestions;
 *   a1's override posted twice (stored once).
 * - live-vaccine-immunosuppressed @ hospital-a: cards b1, b2; b1 overridden 9 times (r1×3, r2×2,
 *   r3, r4, r5, r6; two with comments), b2 accepted with 1 suggestion.
 * - booster-not-indicated @ hospital-b: card c1, no feedback.
 * - feedback on an unknown card from hospital-a: one override with only a comment.
 * - order-sign calls (hospital-a): durations 1…20 ms, 17 × 200, one each 412, 401, 500.
 * - patient-view calls (hospital-b): 5.5, 2.25 and 9 ms, answered 200, 404 and 429.
 * Outside the period (must not count): card a0 a millisecond before FROM, an acceptance of a2 and a
 * 1000 ms call at exactly TO.
 */
async function seed(backend: Backend) {
  let clock = new Date(FROM);
  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const store = await backend.open({ now: () => clock });
  const a = { service: SIGN, iss: 'https://ehr.example.org', tenant: 'hospital-a' };
  at('2026-02-28T23:59:59.999Z');
  store.recordCards([shownCard('a0', 'booster-not-indicated', 'warning')], a);
  at(FROM);
  store.recordCards(
    ['a1', 'a2', 'a3', 'a4'].map((uuid) => shownCard(uuid, 'booster-not-indicated', 'warning')),
    { ...a, hookInstance: 'h1' },
  );
  at('2026-03-01T08:00:00.000Z');
  store.recordCards(
    ['b1', 'b2'].map((uuid) => shownCard(uuid, 'live-vaccine-immunosuppressed', 'critical')),
    a,
  );
  store.recordCards([shownCard('c1', 'booster-not-indicated', 'warning')], {
    service: SIGN,
    tenant: 'hospital-b',
  });
  const durations = shuffled(
    Array.from({ length: 20 }, (_, i) => i + 1),
    42,
  );
  const statusOf = (d: number) => (d === 3 ? 412 : d === 7 ? 401 : d === 20 ? 500 : 200);
  for (const d of durations) store.recordInvocation({ ...a, status: statusOf(d), durationMs: d });
  for (const [durationMs, status] of [
    [5.5, 200],
    [2.25, 404],
    [9, 429],
  ] as const) {
    store.recordInvocation({ service: VIEW, status, durationMs, tenant: 'hospital-b' });
  }

  at('2026-03-01T09:00:00.000Z');
  const t = (n: number) => `2026-03-01T09:${String(n).padStart(2, '0')}:00+05:00`;
  expect(
    await store.recordFeedback(
      [
        override('a1', t(1), 'not-applicable', 'Not applicable', 'seen by the immunologist'),
        override('a2', t(2), 'not-applicable'),
        override('a3', t(3), 'patient-preference', 'Patient preference'),
        accept('a4', t(4), 2),
      ],
      a,
    ),
  ).toBe(4);
  expect(await store.recordFeedback([override('a1', t(1), 'not-applicable', 'Not applicable', 'again')], a)).toBe(0);
  const b1 = ['r1', 'r1', 'r1', 'r2', 'r2', 'r3', 'r4', 'r5', 'r6'].map((code, i) =>
    override('b1', t(10 + i), code, undefined, i < 2 ? 'comment' : undefined),
  );
  expect(await store.recordFeedback([...b1, accept('b2', t(30), 1)], a)).toBe(10);
  expect(await store.recordFeedback([override('zz', t(40), undefined, undefined, 'unknown card')], a)).toBe(1);

  at(TO);
  expect(await store.recordFeedback([accept('a2', t(50), 1)], a)).toBe(1);
  store.recordInvocation({ ...a, status: 200, durationMs: 1000 });
  await store.close();
}

const noFeedback = {
  accepted: 0,
  overridden: 0,
  overrideRate: null,
  topReasons: [],
  comments: 0,
  suggestionsAccepted: 0,
};

const EXPECTED_RULES: Analytics['rules'] = [
  {
    rule: '(unknown card)',
    tenant: 'hospital-a',
    shown: 0,
    accepted: 0,
    overridden: 1,
    overrideRate: 1,
    topReasons: [],
    comments: 1,
    suggestionsAccepted: 0,
  },
  {
    rule: 'booster-not-indicated',
    tenant: 'hospital-a',
    shown: 4,
    accepted: 1,
    overridden: 3,
    overrideRate: 0.75,
    topReasons: [
      { code: 'not-applicable', display: 'Not applicable', count: 2 },
      { code: 'patient-preference', display: 'Patient preference', count: 1 },
    ],
    comments: 1,
    suggestionsAccepted: 2,
  },
  { rule: 'booster-not-indicated', tenant: 'hospital-b', shown: 1, ...noFeedback },
  {
    rule: 'live-vaccine-immunosuppressed',
    tenant: 'hospital-a',
    shown: 2,
    accepted: 1,
    overridden: 9,
    overrideRate: 0.9,
    topReasons: [
      { code: 'r1', display: null, count: 3 },
      { code: 'r2', display: null, count: 2 },
      { code: 'r3', display: null, count: 1 },
      { code: 'r4', display: null, count: 1 },
      { code: 'r5', display: null, count: 1 },
    ],
    comments: 2,
    suggestionsAccepted: 1,
  },
];

// Nearest rank: p50 of 20 → 10th value, p95 → 19th, p99 → 20th; of 3 → 2nd, 3rd, 3rd.
const EXPECTED_SERVICES: Analytics['services'] = [
  {
    service: SIGN,
    invocations: 20,
    p50Ms: 10,
    p95Ms: 19,
    p99Ms: 20,
    status412: 1,
    status4xx: 1,
    status5xx: 1,
  },
  {
    service: VIEW,
    invocations: 3,
    p50Ms: 5.5,
    p95Ms: 9,
    p99Ms: 9,
    status412: 0,
    status4xx: 2,
    status5xx: 0,
  },
];

describe.each([sqliteBackend(), postgresBackend()])('$name feedback store', (backend) => {
  it('migrates once: reopening keeps the schema version and the rows', async () => {
    await backend.reset();
    const first = await backend.open();
    expect(await first.recordFeedback([accept('m1', '2026-03-01T00:00:00Z', 1)], { service: SIGN })).toBe(1);
    await first.close();
    const versions = await backend.versions();
    const again = await backend.open();
    expect(await again.recordFeedback([accept('m1', '2026-03-01T00:00:00Z', 1)], { service: SIGN })).toBe(0);
    await again.close();
    expect(await backend.versions()).toStrictEqual(versions);
    expect(await backend.count('feedback')).toBe(1);
  });

  it('batches cards and calls: written by the timer, and by close', async () => {
    await backend.reset();
    const store = await backend.open({ flushMs: 50 });
    store.recordCards(
      [
        shownCard('k1', 'booster-not-indicated', 'warning', { rule: 'course-unbounded', indicator: 'info' }),
        shownCard('k2', 'course-unbounded', 'info'),
      ],
      { service: SIGN, tenant: 'hospital-a' },
    );
    store.recordInvocation({ service: SIGN, status: 200, durationMs: 12.5 });
    // Not written on the signing path…
    expect(await backend.count('cards')).toBe(0);
    expect(await backend.count('card_rules')).toBe(0);
    // …but within the flush interval, each card with its rules.
    await vi.waitFor(async () => {
      expect(await backend.count('cards')).toBe(2);
      expect(await backend.count('card_rules')).toBe(3);
      expect(await backend.count('invocations')).toBe(1);
    });
    await store.close();

    const late = await backend.open({ flushMs: 60_000 });
    late.recordCards([shownCard('k3', 'booster-not-indicated', 'warning')], { service: SIGN });
    late.recordInvocation({ service: SIGN, status: 412, durationMs: 3 });
    expect(await backend.count('cards')).toBe(2);
    await late.close();
    expect(await backend.count('cards')).toBe(3);
    expect(await backend.count('card_rules')).toBe(4);
    expect(await backend.count('invocations')).toBe(2);
  });

  it('stores feedback once per (card, outcome, timestamp), with the rule and tenant of its card', async () => {
    await backend.reset();
    const store = await backend.open();
    store.recordCards([shownCard('f1', 'booster-not-indicated', 'warning')], {
      service: SIGN,
      tenant: 'hospital-a',
    });
    const item = override('f1', '2026-03-01T10:00:00Z', 'not-applicable');
    // The cards batch is written before feedback looks its card up.
    expect(await store.recordFeedback([item, item], { service: SIGN, tenant: 'ward-7' })).toBe(1);
    expect(await store.recordFeedback([item], { service: SIGN })).toBe(0);
    expect(await store.recordFeedback([{ ...item, outcomeTimestamp: '2026-03-01T10:00:01Z' }], { service: SIGN })).toBe(
      1,
    );
    expect(
      await store.recordFeedback([accept('unknown', '2026-03-01T10:00:00Z', 3)], { service: SIGN, tenant: 'ward-7' }),
    ).toBe(1);
    await store.close();
    expect(await backend.feedbackRows()).toStrictEqual([
      {
        card_uuid: 'f1',
        rule: 'booster-not-indicated',
        indicator: 'warning',
        tenant: 'hospital-a',
        suggestions_accepted: 0,
      },
      {
        card_uuid: 'f1',
        rule: 'booster-not-indicated',
        indicator: 'warning',
        tenant: 'hospital-a',
        suggestions_accepted: 0,
      },
      { card_uuid: 'unknown', rule: null, indicator: null, tenant: 'ward-7', suggestions_accepted: 3 },
    ]);
  });

  it('computes the analytics of the seeded period', async () => {
    await backend.reset();
    await seed(backend);
    const store = await backend.open();
    try {
      const all = await store.analytics({ from: FROM, to: TO });
      expect(all.rules).toStrictEqual(EXPECTED_RULES);
      expect(all.services).toStrictEqual(EXPECTED_SERVICES);

      // The same period written with an offset, narrowed to one tenant.
      const b = await store.analytics({ from: '2026-03-01T05:00:00+05:00', to: TO, tenant: 'hospital-b' });
      expect(b.rules).toStrictEqual([EXPECTED_RULES[2]]);
      expect(b.services).toStrictEqual([EXPECTED_SERVICES[1]]);

      // The next day holds only what was recorded at exactly TO.
      const next = await store.analytics({ from: TO, to: '2026-03-03T00:00:00Z' });
      expect(next.rules).toStrictEqual([
        {
          ...EXPECTED_RULES[1],
          shown: 0,
          accepted: 1,
          overridden: 0,
          overrideRate: 0,
          topReasons: [],
          comments: 0,
          suggestionsAccepted: 1,
        },
      ]);
      expect(next.services).toStrictEqual([
        {
          ...EXPECTED_SERVICES[0],
          invocations: 1,
          p50Ms: 1000,
          p95Ms: 1000,
          p99Ms: 1000,
          status412: 0,
          status4xx: 0,
          status5xx: 0,
        },
      ]);

      const empty = await store.analytics({ from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' });
      expect(empty).toStrictEqual({
        query: { from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' },
        rules: [],
        services: [],
      });
      await expect(store.analytics({ from: 'yesterday', to: TO })).rejects.toThrow(/not an ISO 8601 instant/);
    } finally {
      await store.close();
    }
  });

  it('fills in the display of a reason the cards offered when the client sent none; others keep theirs', async () => {
    await backend.reset();
    const store = await backend.open({ now: () => new Date('2026-03-01T08:00:00.000Z') });
    const meta = { service: SIGN, tenant: 'hospital-a' };
    const reason = (card: string, minute: number, coding: { system?: string; code: string; display?: string }) => ({
      card,
      outcome: 'overridden' as const,
      overrideReason: { reason: coding },
      outcomeTimestamp: `2026-03-01T09:${String(minute).padStart(2, '0')}:00Z`,
    });
    try {
      store.recordCards(
        [shownCard('x1', 'booster-not-indicated', 'warning'), shownCard('x2', 'course-unbounded', 'warning')],
        meta,
      );
      const feedback: FeedbackItem[] = [
        // As the CDS Hooks sandbox sends them: code and system, no display.
        reason('x1', 1, { system: NON_ADHERENCE, code: 'risk-benefit-ratio' }),
        reason('x1', 2, { system: NON_ADHERENCE, code: 'risk-benefit-ratio' }),
        // The code alone, and a display the client chose itself (kept).
        reason('x1', 3, { code: 'expert-contradicts' }),
        reason('x1', 4, { system: NON_ADHERENCE, code: 'indication-order-exists', display: 'Already indicated' }),
        // Codes the cards never offered: another system, or another code.
        reason('x1', 5, { system: 'urn:reasons', code: 'action-performed-no-adverse-effect' }),
        reason('x2', 6, { system: NON_ADHERENCE, code: 'patient-refuses' }),
        reason('x2', 7, { system: 'urn:reasons', code: 'local', display: 'Local reason' }),
      ];
      expect(await store.recordFeedback(feedback, meta)).toBe(7);
      const [booster, course] = (await store.analytics({ from: FROM, to: TO })).rules;
      expect(booster?.topReasons).toStrictEqual([
        { code: 'risk-benefit-ratio', display: 'Recipient assessment of risk/benefit ratio', count: 2 },
        { code: 'action-performed-no-adverse-effect', display: null, count: 1 },
        { code: 'expert-contradicts', display: 'Advice from expert contradicts the recommended action', count: 1 },
        { code: 'indication-order-exists', display: 'Already indicated', count: 1 },
      ]);
      expect(course?.topReasons).toStrictEqual([
        { code: 'local', display: 'Local reason', count: 1 },
        { code: 'patient-refuses', display: null, count: 1 },
      ]);
      // The same code in the cards' system and in another is one reason, with the cards' display.
      expect(
        await store.recordFeedback(
          [reason('x1', 8, { system: NON_ADHERENCE, code: 'action-performed-no-adverse-effect' })],
          meta,
        ),
      ).toBe(1);
      const [again] = (await store.analytics({ from: FROM, to: TO })).rules;
      expect(again?.topReasons[0]).toStrictEqual({
        code: 'action-performed-no-adverse-effect',
        display: 'Intended action was performed previously without adverse effect',
        count: 2,
      });
    } finally {
      await store.close();
    }
  });

  it('counts a card once for each rule that fired on it, and its feedback for each', async () => {
    await backend.reset();
    const store = await backend.open({ now: () => new Date('2026-03-01T08:00:00.000Z') });
    const meta = { service: SIGN, tenant: 'hospital-a' };
    try {
      store.recordCards(
        [
          // One draft order, two findings: the critical one is the card's primary.
          shownCard('two', 'live-vaccine-immunosuppressed', 'critical', {
            rule: 'booster-not-indicated',
            indicator: 'warning',
          }),
          shownCard('one', 'course-unbounded', 'info'),
        ],
        meta,
      );
      const feedback = [
        override('two', '2026-03-01T09:00:00Z', 'not-applicable', 'Not applicable', 'seen by the immunologist'),
        accept('one', '2026-03-01T09:01:00Z', 1),
      ];
      expect(await store.recordFeedback(feedback, meta)).toBe(2);
      const overriddenOnce = {
        tenant: 'hospital-a',
        shown: 1,
        accepted: 0,
        overridden: 1,
        overrideRate: 1,
        topReasons: [{ code: 'not-applicable', display: 'Not applicable', count: 1 }],
        comments: 1,
        suggestionsAccepted: 0,
      };
      const expected = [
        { rule: 'booster-not-indicated', ...overriddenOnce },
        {
          rule: 'course-unbounded',
          tenant: 'hospital-a',
          shown: 1,
          ...noFeedback,
          accepted: 1,
          overrideRate: 0,
          suggestionsAccepted: 1,
        },
        { rule: 'live-vaccine-immunosuppressed', ...overriddenOnce },
      ];
      expect((await store.analytics({ from: FROM, to: TO })).rules).toStrictEqual(expected);
      expect((await store.analytics({ from: FROM, to: TO, tenant: 'hospital-a' })).rules).toStrictEqual(expected);
    } finally {
      await store.close();
    }
    // The feedback row keeps the card's primary rule.
    expect((await backend.feedbackRows()).map((r) => [r.card_uuid, r.rule, r.indicator])).toStrictEqual([
      ['two', 'live-vaccine-immunosuppressed', 'critical'],
      ['one', 'course-unbounded', 'info'],
    ]);
  });

  it("stores each rule of a card once, the card's primary always", async () => {
    await backend.reset();
    const issuedAt = '2026-03-01T08:00:00.000Z';
    const store = await backend.open({ now: () => new Date(issuedAt) });
    // A list that omits the primary and repeats a rule (its first indicator is kept).
    store.recordCards(
      [
        {
          uuid: 'odd',
          rule: 'course-unbounded',
          indicator: 'info',
          rules: [
            { rule: 'booster-not-indicated', indicator: 'warning' },
            { rule: 'booster-not-indicated', indicator: 'critical' },
          ],
        },
      ],
      { service: SIGN },
    );
    await store.close();
    expect(await backend.cardRuleRows()).toStrictEqual([
      { card_uuid: 'odd', rule: 'booster-not-indicated', indicator: 'warning', tenant: null, issued_at: issuedAt },
      { card_uuid: 'odd', rule: 'course-unbounded', indicator: 'info', tenant: null, issued_at: issuedAt },
    ]);
  });

  it('migrating from the previous schema version keeps counting the cards and feedback stored before', async () => {
    // Old-style rows: one rule per card, copied onto its feedback.
    await backend.atVersion(
      backend.migrations.length - 1,
      `INSERT INTO cards (uuid, service, rule, indicator, tenant, issued_at) VALUES
         ('old-1', '${SIGN}', 'booster-not-indicated', 'warning', 'hospital-a', '2026-03-01T08:00:00.000Z'),
         ('old-2', '${SIGN}', 'booster-not-indicated', 'warning', 'hospital-a', '2026-03-01T08:00:00.000Z'),
         ('old-3', '${SIGN}', 'live-vaccine-immunosuppressed', 'critical', NULL, '2026-03-01T08:30:00.000Z');
       INSERT INTO feedback (card_uuid, outcome, outcome_timestamp, service, rule, indicator, reason_code,
         reason_display, comment, suggestions_accepted, tenant, received_at) VALUES
         ('old-1', 'overridden', '2026-03-01T09:00:00Z', '${SIGN}', 'booster-not-indicated', 'warning',
           'not-applicable', 'Not applicable', NULL, 0, 'hospital-a', '2026-03-01T09:00:00.000Z'),
         ('old-2', 'accepted', '2026-03-01T09:01:00Z', '${SIGN}', 'booster-not-indicated', 'warning',
           NULL, NULL, NULL, 2, 'hospital-a', '2026-03-01T09:01:00.000Z'),
         ('gone', 'overridden', '2026-03-01T09:02:00Z', '${SIGN}', NULL, NULL,
           NULL, NULL, 'unknown card', 0, 'hospital-a', '2026-03-01T09:02:00.000Z');`,
    );
    const store = await backend.open({ now: () => new Date('2026-03-01T10:00:00.000Z') });
    try {
      expect(Math.max(...(await backend.versions()))).toBe(backend.migrations.length);
      // A card shown after the migration counts alongside the old ones.
      store.recordCards(
        [
          shownCard('new', 'live-vaccine-immunosuppressed', 'critical', {
            rule: 'booster-not-indicated',
            indicator: 'warning',
          }),
        ],
        { service: SIGN, tenant: 'hospital-a' },
      );
      expect((await store.analytics({ from: FROM, to: TO })).rules).toStrictEqual([
        {
          rule: '(unknown card)',
          tenant: 'hospital-a',
          shown: 0,
          ...noFeedback,
          overridden: 1,
          overrideRate: 1,
          comments: 1,
        },
        {
          rule: 'booster-not-indicated',
          tenant: 'hospital-a',
          shown: 3,
          accepted: 1,
          overridden: 1,
          overrideRate: 0.5,
          topReasons: [{ code: 'not-applicable', display: 'Not applicable', count: 1 }],
          comments: 0,
          suggestionsAccepted: 2,
        },
        { rule: 'live-vaccine-immunosuppressed', tenant: null, shown: 1, ...noFeedback },
        { rule: 'live-vaccine-immunosuppressed', tenant: 'hospital-a', shown: 1, ...noFeedback },
      ]);
    } finally {
      await store.close();
    }
    const row = (card_uuid: string, rule: string, indicator: string, tenant: string | null, issued_at: string) => ({
      card_uuid,
      rule,
      indicator,
      tenant,
      issued_at,
    });
    expect(await backend.cardRuleRows()).toStrictEqual([
      row('new', 'booster-not-indicated', 'warning', 'hospital-a', '2026-03-01T10:00:00.000Z'),
      row('new', 'live-vaccine-immunosuppressed', 'critical', 'hospital-a', '2026-03-01T10:00:00.000Z'),
      row('old-1', 'booster-not-indicated', 'warning', 'hospital-a', '2026-03-01T08:00:00.000Z'),
      row('old-2', 'booster-not-indicated', 'warning', 'hospital-a', '2026-03-01T08:00:00.000Z'),
      row('old-3', 'live-vaccine-immunosuppressed', 'critical', null, '2026-03-01T08:30:00.000Z'),
    ]);
  });
});

describe('SQLite durability settings', () => {
  it('writes the batched records without waiting for the disk, and feedback with a full sync', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'immunosteward-store-')), 'sync.sqlite');
    const store = new SqliteFeedbackStore(file, { flushMs: 60_000 });
    try {
      store.recordCards([shownCard('s1', 'booster-not-indicated', 'warning')], { service: SIGN });
      store.recordInvocation({ service: SIGN, status: 200, durationMs: 4 });
      store.flush();
      // After a batch the connection is back at FULL (2), which feedback commits with…
      expect(store.query('PRAGMA synchronous')).toStrictEqual([{ synchronous: 2 }]);
      expect(await store.recordFeedback([accept('s1', '2026-03-01T00:00:00Z', 1)], { service: SIGN })).toBe(1);
      // …and the batch and the feedback are both there for a reader.
      const reader = new Database(file, { readonly: true });
      try {
        expect(reader.prepare('SELECT COUNT(*) AS n FROM cards').get()).toStrictEqual({ n: 1 });
        expect(reader.prepare('SELECT COUNT(*) AS n FROM feedback').get()).toStrictEqual({ n: 1 });
      } finally {
        reader.close();
      }
    } finally {
      store.close();
    }
  });
});

describe('SQLite migration 2', () => {
  it('counts the suggestions of feedback stored before it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'immunosteward-store-')), 'v1.sqlite');
    const v1 = new Database(file);
    v1.exec(MIGRATIONS[0] as string);
    v1.pragma('user_version = 1');
    v1.prepare(
      `INSERT INTO feedback (card_uuid, outcome, outcome_timestamp, service, rule, accepted_suggestions, tenant, received_at)
       VALUES ('old', 'accepted', '2026-03-01T00:00:00Z', ?, 'booster-not-indicated', '["s1","s2"]', 't', ?)`,
    ).run(SIGN, '2026-03-01T12:00:00.000Z');
    v1.close();
    const store = new SqliteFeedbackStore(file);
    try {
      expect(store.query('PRAGMA user_version')).toStrictEqual([{ user_version: MIGRATIONS.length }]);
      const { rules } = await store.analytics({ from: FROM, to: TO });
      expect(rules).toStrictEqual([
        {
          rule: 'booster-not-indicated',
          tenant: 't',
          shown: 0,
          ...noFeedback,
          accepted: 1,
          overrideRate: 0,
          suggestionsAccepted: 2,
        },
      ]);
    } finally {
      store.close();
    }
  });
});

describe('PostgreSQL store', () => {
  it('two instances starting together migrate the database once', async () => {
    const db = await freshDatabase();
    try {
      const stores = await Promise.all([1, 2, 3].map(() => PgFeedbackStore.open(db.url, { poolSize: 2 })));
      await Promise.all(stores.map((s) => s.close()));
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        expect((await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toStrictEqual(
          PG_MIGRATIONS.map((_, i) => ({ version: i + 1 })),
        );
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });

  it('joins feedback that arrived before its card was written (shown by another instance)', async () => {
    await postgresBackend().reset();
    const shower = await PgFeedbackStore.open(database.url, { flushMs: 60_000 });
    const receiver = await PgFeedbackStore.open(database.url);
    try {
      const now = new Date().toISOString();
      shower.recordCards(
        [shownCard('late', 'course-unbounded', 'info', { rule: 'booster-not-indicated', indicator: 'warning' })],
        {
          service: SIGN,
          tenant: 'hospital-a',
        },
      );
      expect(await receiver.recordFeedback([accept('late', now, 1)], { service: SIGN, tenant: 'hospital-a' })).toBe(1);
      await shower.flush();
      const { rules } = await receiver.analytics({
        from: new Date(Date.now() - 60_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
      });
      // Joined for each rule of the card.
      expect(rules).toStrictEqual(
        ['booster-not-indicated', 'course-unbounded'].map((rule) => ({
          rule,
          tenant: 'hospital-a',
          shown: 1,
          ...noFeedback,
          accepted: 1,
          overrideRate: 0,
          suggestionsAccepted: 1,
        })),
      );
    } finally {
      await Promise.all([shower.close(), receiver.close()]);
    }
  });

  it('replay cache: a key is accepted once until it expires, across instances', async () => {
    let clock = new Date('2026-03-01T00:00:00Z');
    const a = await PgFeedbackStore.open(database.url, { now: () => clock });
    const b = await PgFeedbackStore.open(database.url, { now: () => clock });
    try {
      const expires = clock.getTime() + 300_000;
      expect(await a.replay.remember('iss|jti-1', expires)).toBe(true);
      expect(await a.replay.remember('iss|jti-1', expires)).toBe(false);
      expect(await b.replay.remember('iss|jti-1', expires)).toBe(false);
      expect(await b.replay.remember('iss|jti-2', expires)).toBe(true);

      // Ten concurrent presentations of one token on two instances: exactly one is accepted.
      const race = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).replay.remember('iss|jti-race', expires)),
      );
      expect(race.filter(Boolean)).toHaveLength(1);

      clock = new Date(expires);
      // Expired: the key may be remembered again (its old token is refused by the verifier anyway).
      expect(await b.replay.remember('iss|jti-1', expires + 300_000)).toBe(true);
      // jti-2 and jti-race are expired, jti-1 was renewed.
      expect(await a.replay.purge()).toBe(2);
      expect(await a.replay.remember('iss|jti-1', expires + 300_000)).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('never reports the password of the URL', async () => {
    const password = 'pa55-w0rd-not-for-logs';
    const url = `postgres://immunosteward:${password}@127.0.0.1:1/feedback?sslmode=disable`;
    expect(describePostgresUrl(url)).toBe('postgres://127.0.0.1:1/feedback');
    const warnings: string[] = [];
    const failure = await openStore(
      { store: url, poolSize: 1 },
      { logger: { warn: (details, message) => warnings.push(JSON.stringify(details) + message) } },
    ).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toContain('postgres://127.0.0.1:1/feedback');
    expect(JSON.stringify(failure) + String((failure as Error).message) + warnings.join()).not.toContain(password);
  });
});

describe('openStore', () => {
  it('opens SQLite for a path and PostgreSQL (with its replay cache) for a URL', async () => {
    expect(isPostgresUrl('postgresql://db/x')).toBe(true);
    expect(isPostgresUrl('POSTGRES://db/x')).toBe(true);
    expect(isPostgresUrl('feedback.sqlite')).toBe(false);
    const sqlite = await openStore({ store: ':memory:', poolSize: 1 });
    expect(sqlite.store).toBeInstanceOf(SqliteFeedbackStore);
    expect(sqlite.replay).toBeUndefined();
    await sqlite.store.close();
    const pg = await openStore({ store: database.url, poolSize: 2 });
    try {
      expect(pg.store).toBeInstanceOf(PgFeedbackStore);
      expect(await pg.store.ping()).toBe(true);
      expect(await pg.replay?.remember(`openStore|${Date.now()}`, Date.now() + 60_000)).toBe(true);
    } finally {
      await pg.store.close();
    }
  });

  it('numbers the portable placeholders for PostgreSQL', () => {
    expect(numberPlaceholders('a >= ? AND a < ? AND tenant = ?')).toBe('a >= $1 AND a < $2 AND tenant = $3');
  });
});
