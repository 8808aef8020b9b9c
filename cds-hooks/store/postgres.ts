import { Pool, type PoolClient } from 'pg';
import type { Analytics, AnalyticsQuery } from '../../src/contract/analytics.js';
import type { ReplayCache } from '../auth/replay-cache.js';
import type { FeedbackItem } from '../cards/feedback.js';
import { computeAnalytics } from './analytics.js';
import { type CardRow, cardRuleRows, type InvocationRow, RecordBatch } from './record-batch.js';
import {
  type CallMeta,
  type CardRecord,
  errorSummary,
  type FeedbackStore,
  type Invocation,
  type StoreLogger,
  type StoreOptions,
} from './types.js';

export interface PgStoreOptions extends StoreOptions {
  /** Connections per instance (`feedback.poolSize`). */
  poolSize?: number;
  logger?: StoreLogger;
  /** How often expired JWT ids are deleted. */
  purgeMs?: number;
}

/**
 * Migrations, applied in order at start by the first instance to take the advisory lock; the
 * `schema_migrations` table records which ran. Append only: a deployed migration never changes.
 */
export const MIGRATIONS = [
  `CREATE TABLE cards (
     uuid TEXT PRIMARY KEY,
     service TEXT NOT NULL,
     hook_instance TEXT,
     rule TEXT NOT NULL,
     indicator TEXT NOT NULL,
     iss TEXT,
     tenant TEXT,
     issued_at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX cards_issued ON cards (issued_at);
   CREATE TABLE feedback (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     card_uuid TEXT NOT NULL,
     outcome TEXT NOT NULL,
     outcome_timestamp TEXT NOT NULL,
     service TEXT NOT NULL,
     hook_instance TEXT,
     rule TEXT,
     indicator TEXT,
     reason_system TEXT,
     reason_code TEXT,
     reason_display TEXT,
     comment TEXT,
     accepted_suggestions JSONB,
     suggestions_accepted INTEGER NOT NULL DEFAULT 0,
     iss TEXT,
     tenant TEXT,
     received_at TIMESTAMPTZ NOT NULL,
     UNIQUE (card_uuid, outcome, outcome_timestamp)
   );
   CREATE INDEX feedback_received ON feedback (received_at);
   CREATE TABLE invocations (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     service TEXT NOT NULL,
     status INTEGER NOT NULL,
     duration_ms DOUBLE PRECISION NOT NULL,
     iss TEXT,
     tenant TEXT,
     at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX invocations_at ON invocations (at);
   CREATE TABLE jwt_replay (
     key TEXT PRIMARY KEY,
     expires_at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX jwt_replay_expires ON jwt_replay (expires_at);`,
  // One card per draft order: every rule fired on a card, the analytics' unit; old cards keep their one rule.
  `CREATE TABLE card_rules (
     card_uuid TEXT NOT NULL,
     rule TEXT NOT NULL,
     indicator TEXT NOT NULL,
     tenant TEXT,
     issued_at TIMESTAMPTZ NOT NULL,
     PRIMARY KEY (card_uuid, rule)
   );
   INSERT INTO card_rules (card_uuid, rule, indicator, tenant, issued_at)
     SELECT uuid, rule, indicator, tenant, issued_at FROM cards;
   CREATE INDEX card_rules_rule ON card_rules (rule, tenant, issued_at);
   CREATE INDEX card_rules_issued ON card_rules (issued_at);`,
];

/** Any 64-bit constant: instances of this service serialise their migrations on it. */
const MIGRATION_LOCK = 7_316_051_942;
const FLUSH_MS = 250;
const PURGE_MS = 60_000;

/** The URL without user, password or parameters: safe to log. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** `?` placeholders (the portable analytics SQL) as PostgreSQL's `$1, $2, …`. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Message and code only: never the error's config or connection objects. */

async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations',
    );
    const current = rows[0]?.version ?? 0;
    for (let v = current; v < MIGRATIONS.length; v++) {
      await client.query(MIGRATIONS[v] as string);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * JWT ids seen by any instance on the database. Insert-if-absent-or-expired is one statement, so
 * two instances receiving the same token at once cannot both accept it.
 */
export class PgReplayCache implements ReplayCache {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => Date,
  ) {}

  async remember(key: string, expiresAtMs: number): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO jwt_replay (key, expires_at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE jwt_replay.expires_at <= $3
       RETURNING key`,
      [key, new Date(expiresAtMs), this.now()],
    );
    return result.rowCount === 1;
  }

  /** Deletes the ids whose tokens can no longer be accepted; returns how many. */
  async purge(): Promise<number> {
    const result = await this.pool.query('DELETE FROM jwt_replay WHERE expires_at <= $1', [this.now()]);
    return result.rowCount ?? 0;
  }
}

/** One array per column, for `unnest`: a batch of any size is one statement. */
function columns<T extends object>(rows: readonly T[], keys: readonly (keyof T)[]): unknown[][] {
  return keys.map((k) => rows.map((r) => r[k]));
}

/**
 * The cluster store: PostgreSQL shared by every instance. Feedback is written before the
 * response; cards shown and calls are batched and written every `flushMs` and on close.
 */
export class PgFeedbackStore implements FeedbackStore {
  readonly replay: PgReplayCache;
  private readonly batch: RecordBatch;
  /** The last batch write; the next one waits for it, so writes keep their order. */
  private writing: Promise<void> = Promise.resolve();
  private readonly flushTimer: NodeJS.Timeout;
  private readonly purgeTimer: NodeJS.Timeout;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly now: () => Date,
    private readonly logger: StoreLogger | undefined,
    options: PgStoreOptions,
  ) {
    this.replay = new PgReplayCache(pool, now);
    this.batch = new RecordBatch(now, logger);
    this.flushTimer = setInterval(() => void this.flush(), options.flushMs ?? FLUSH_MS);
    this.flushTimer.unref();
    this.purgeTimer = setInterval(
      () =>
        void this.replay
          .purge()
          .catch((error: unknown) => this.logger?.warn({ err: errorSummary(error) }, 'JWT replay cache purge failed')),
      options.purgeMs ?? PURGE_MS,
    );
    this.purgeTimer.unref();
  }

  /** Connects and migrates (waiting for another instance that is migrating the same database). */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgFeedbackStore> {
    const database = describePostgresUrl(url);
    const pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      application_name: 'immunosteward',
    });
    // An idle connection dropped by the server must not crash the process; the pool reconnects.
    pool.on('error', (error) =>
      options.logger?.warn({ err: errorSummary(error), database }, 'PostgreSQL connection lost'),
    );
    try {
      const client = await pool.connect();
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`PostgreSQL store ${database} could not be opened: ${errorSummary(error).message}`);
    }
    return new PgFeedbackStore(pool, options.now ?? (() => new Date()), options.logger, options);
  }

  recordCards(cards: readonly CardRecord[], meta: CallMeta): void {
    this.batch.addCards(cards, meta);
  }

  recordInvocation(invocation: Invocation): void {
    this.batch.addInvocation(invocation);
  }

  /** Writes the batched cards and calls; resolves when they (and earlier batches) are written or re-queued. */
  flush(): Promise<void> {
    const { cards, invocations } = this.batch.take();
    this.writing = this.writing.then(() => this.write(cards, invocations));
    return this.writing;
  }

  private async write(cards: CardRow[], invocations: InvocationRow[]): Promise<void> {
    if (cards.length > 0) {
      try {
        // One statement, so a card and its rules are written together or not at all.
        await this.pool.query(
          `WITH card AS (
             INSERT INTO cards (uuid, service, hook_instance, rule, indicator, iss, tenant, issued_at)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
               $8::timestamptz[])
             ON CONFLICT (uuid) DO NOTHING
           )
           INSERT INTO card_rules (card_uuid, rule, indicator, tenant, issued_at)
           SELECT * FROM unnest($9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[])
           ON CONFLICT (card_uuid, rule) DO NOTHING`,
          [
            ...columns(cards, ['uuid', 'service', 'hookInstance', 'rule', 'indicator', 'iss', 'tenant', 'issuedAt']),
            ...columns(cardRuleRows(cards), ['cardUuid', 'rule', 'indicator', 'tenant', 'issuedAt']),
          ],
        );
      } catch (error) {
        this.batch.putBack({ cards }, error);
      }
    }
    if (invocations.length > 0) {
      try {
        await this.pool.query(
          `INSERT INTO invocations (service, status, duration_ms, iss, tenant, at)
           SELECT * FROM unnest($1::text[], $2::int[], $3::float8[], $4::text[], $5::text[], $6::timestamptz[])`,
          columns(invocations, ['service', 'status', 'durationMs', 'iss', 'tenant', 'at']),
        );
      } catch (error) {
        this.batch.putBack({ invocations }, error);
      }
    }
  }

  async recordFeedback(items: readonly FeedbackItem[], meta: CallMeta): Promise<number> {
    await this.flush();
    // One statement: the card's rule, indicator and tenant are copied where this store knows the card.
    const result = await this.pool.query(
      `INSERT INTO feedback (card_uuid, outcome, outcome_timestamp, service, hook_instance, rule, indicator,
         reason_system, reason_code, reason_display, comment, accepted_suggestions, suggestions_accepted, iss, tenant,
         received_at)
       SELECT f.card, f.outcome, f.outcome_timestamp, $1, c.hook_instance, c.rule, c.indicator,
         f.reason_system, f.reason_code, f.reason_display, f.comment, f.accepted::jsonb, f.suggestions, $2,
         COALESCE(c.tenant, $3), $4
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
           $13::int[])
         AS f(card, outcome, outcome_timestamp, reason_system, reason_code, reason_display, comment, accepted, suggestions)
       LEFT JOIN cards c ON c.uuid = f.card
       ON CONFLICT (card_uuid, outcome, outcome_timestamp) DO NOTHING`,
      [
        meta.service,
        meta.iss ?? null,
        meta.tenant ?? null,
        this.now(),
        items.map((f) => f.card),
        items.map((f) => f.outcome),
        items.map((f) => f.outcomeTimestamp),
        items.map((f) => f.overrideReason?.reason?.system ?? null),
        items.map((f) => f.overrideReason?.reason?.code ?? null),
        items.map((f) => f.overrideReason?.reason?.display ?? null),
        items.map((f) => f.overrideReason?.userComment ?? null),
        items.map((f) => (f.acceptedSuggestions ? JSON.stringify(f.acceptedSuggestions.map((s) => s.id)) : null)),
        items.map((f) => f.acceptedSuggestions?.length ?? 0),
      ],
    );
    return result.rowCount ?? 0;
  }

  async analytics(query: AnalyticsQuery): Promise<Analytics> {
    await this.flush();
    return computeAnalytics(
      async (sql, params) => (await this.pool.query(numberPlaceholders(sql), [...params])).rows,
      query,
    );
  }

  /** Rows for tests. */
  async query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    await this.flush();
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async ping(): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 AS ok');
    return rows.length === 1;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.flushTimer);
      clearInterval(this.purgeTimer);
      await this.flush();
      await this.pool.end();
    })();
    return this.closing;
  }
}
