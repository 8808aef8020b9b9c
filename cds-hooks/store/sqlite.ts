import Database from 'better-sqlite3';
import type { Analytics, AnalyticsQuery } from '../../src/contract/analytics.js';
import type { FeedbackItem } from '../cards/feedback.js';
import { computeAnalytics } from './analytics.js';
import { RecordBatch } from './record-batch.js';
import type { CallMeta, CardRecord, FeedbackStore, Invocation, StoreOptions } from './types.js';

/** Migrations, applied in order at open; `PRAGMA user_version` records how far a file went. */
export const MIGRATIONS = [
  `CREATE TABLE cards (
     uuid TEXT PRIMARY KEY,
     service TEXT NOT NULL,
     hook_instance TEXT,
     rule TEXT NOT NULL,
     indicator TEXT NOT NULL,
     iss TEXT,
     tenant TEXT,
     issued_at TEXT NOT NULL
   );
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY,
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
     accepted_suggestions TEXT,
     iss TEXT,
     tenant TEXT,
     received_at TEXT NOT NULL,
     UNIQUE (card_uuid, outcome, outcome_timestamp)
   );
   CREATE INDEX feedback_rule ON feedback (rule, tenant, received_at);
   CREATE INDEX cards_rule ON cards (rule, tenant, issued_at);`,
  // Analytics: service calls; suggestions accepted counted once at write time; period indexes.
  `CREATE TABLE invocations (
     id INTEGER PRIMARY KEY,
     service TEXT NOT NULL,
     status INTEGER NOT NULL,
     duration_ms REAL NOT NULL,
     iss TEXT,
     tenant TEXT,
     at TEXT NOT NULL
   );
   CREATE INDEX invocations_at ON invocations (at);
   ALTER TABLE feedback ADD COLUMN suggestions_accepted INTEGER NOT NULL DEFAULT 0;
   UPDATE feedback SET suggestions_accepted = json_array_length(accepted_suggestions)
     WHERE accepted_suggestions IS NOT NULL;
   CREATE INDEX feedback_received ON feedback (received_at);
   CREATE INDEX cards_issued ON cards (issued_at);`,
  // One card per draft order: every rule fired on a card, the analytics' unit; old cards keep their one rule.
  `CREATE TABLE card_rules (
     card_uuid TEXT NOT NULL,
     rule TEXT NOT NULL,
     indicator TEXT NOT NULL,
     tenant TEXT,
     issued_at TEXT NOT NULL,
     PRIMARY KEY (card_uuid, rule)
   );
   INSERT INTO card_rules (card_uuid, rule, indicator, tenant, issued_at)
     SELECT uuid, rule, indicator, tenant, issued_at FROM cards;
   CREATE INDEX card_rules_rule ON card_rules (rule, tenant, issued_at);
   CREATE INDEX card_rules_issued ON card_rules (issued_at);`,
];

const FLUSH_MS = 250;

/**
 * The embedded store: one SQLite file in WAL mode. Feedback is written before the response (an
 * acknowledged row is durable); the records of cards shown and of calls are batched off the
 * signing path.
 */
export class SqliteFeedbackStore implements FeedbackStore {
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly batch: RecordBatch;
  private pendingFeedback: {
    items: readonly FeedbackItem[];
    meta: CallMeta;
    resolve: (stored: number) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly insertCard: Database.Statement;
  private readonly insertCardRule: Database.Statement;
  private readonly insertInvocation: Database.Statement;
  private readonly insertFeedback: Database.Statement;
  private readonly cardById: Database.Statement;

  constructor(path: string, options: StoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.batch = new RecordBatch(this.now, options.logger);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged feedback row survives a power loss, not only a process crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v] as string);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
    this.insertCard = this.db.prepare(
      `INSERT OR IGNORE INTO cards (uuid, service, hook_instance, rule, indicator, iss, tenant, issued_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertCardRule = this.db.prepare(
      `INSERT OR IGNORE INTO card_rules (card_uuid, rule, indicator, tenant, issued_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.insertInvocation = this.db.prepare(
      `INSERT INTO invocations (service, status, duration_ms, iss, tenant, at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.insertFeedback = this.db.prepare(
      `INSERT OR IGNORE INTO feedback (card_uuid, outcome, outcome_timestamp, service, hook_instance, rule, indicator,
         reason_system, reason_code, reason_display, comment, accepted_suggestions, suggestions_accepted, iss, tenant,
         received_at)
       VALUES (@card, @outcome, @outcomeTimestamp, @service, @hookInstance, @rule, @indicator,
         @reasonSystem, @reasonCode, @reasonDisplay, @comment, @acceptedSuggestions, @suggestionsAccepted, @iss, @tenant,
         @receivedAt)`,
    );
    this.cardById = this.db.prepare(
      'SELECT rule, indicator, hook_instance AS hookInstance, tenant FROM cards WHERE uuid = ?',
    );
    // A failed batch (e.g. the file locked beyond busy_timeout) is logged and retried, never thrown
    // out of a timer, which would end the process.
    this.timer = setInterval(() => {
      try {
        this.flush();
      } catch {
        // flush() has queued the batch again and logged why
      }
    }, options.flushMs ?? FLUSH_MS);
    this.timer.unref();
  }

  recordCards(cards: readonly CardRecord[], meta: CallMeta): void {
    this.batch.addCards(cards, meta);
  }

  recordInvocation(invocation: Invocation): void {
    this.batch.addInvocation(invocation);
  }

  /** Writes the batched cards and calls (also before any feedback lookup or analytics query). */
  flush(): void {
    if (this.batch.empty || !this.db.open) return;
    const { cards, invocations } = this.batch.take();
    try {
      // The batch already waits up to `flushMs` in memory: its commit need not wait for the disk
      // (WAL, synchronous=NORMAL: durable across a crash of the process, not of the machine).
      // FULL would wait for an fsync on the event loop at every flush; feedback, which is
      // acknowledged to the EHR, still commits with FULL, and its fsync covers these pages too.
      this.db.pragma('synchronous = NORMAL');
      this.db.transaction(() => {
        // Positional parameters: better-sqlite3 binds them without looking up each name in an object.
        for (const c of cards) {
          this.insertCard.run(c.uuid, c.service, c.hookInstance, c.rule, c.indicator, c.iss, c.tenant, c.issuedAt);
          for (const r of c.rules) this.insertCardRule.run(c.uuid, r.rule, r.indicator, c.tenant, c.issuedAt);
        }
        for (const i of invocations)
          this.insertInvocation.run(i.service, i.status, i.durationMs, i.iss, i.tenant, i.at);
      })();
    } catch (error) {
      this.batch.putBack({ cards, invocations }, error);
      throw error;
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /**
   * Group commit: feedback arriving in the same turn of the event loop is written in one
   * transaction (one fsync with `synchronous=FULL`), and each caller is answered only after that
   * commit, so an acknowledged row stays durable while the store keeps up with hundreds of posts
   * per second.
   */
  recordFeedback(items: readonly FeedbackItem[], meta: CallMeta): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pendingFeedback.push({ items, meta, resolve, reject });
      if (this.pendingFeedback.length === 1) setImmediate(() => this.commitFeedback());
    });
  }

  private commitFeedback(): void {
    const batch = this.pendingFeedback;
    this.pendingFeedback = [];
    if (batch.length === 0) return;
    let stored: number[];
    try {
      this.flush();
      const receivedAt = this.now().toISOString();
      stored = this.db.transaction(() => batch.map((b) => this.insertFeedbackItems(b.items, b.meta, receivedAt)))();
    } catch (error) {
      for (const b of batch) b.reject(error);
      return;
    }
    batch.forEach((b, i) => {
      b.resolve(stored[i] as number);
    });
  }

  /** Inserts one request's items (inside the caller's transaction); returns how many were new. */
  private insertFeedbackItems(items: readonly FeedbackItem[], meta: CallMeta, receivedAt: string): number {
    let stored = 0;
    for (const f of items) {
      const card = this.cardById.get(f.card) as
        | { rule: string; indicator: string; hookInstance: string | null; tenant: string | null }
        | undefined;
      const reason = f.overrideReason?.reason;
      const info = this.insertFeedback.run({
        card: f.card,
        outcome: f.outcome,
        outcomeTimestamp: f.outcomeTimestamp,
        service: meta.service,
        hookInstance: card?.hookInstance ?? null,
        rule: card?.rule ?? null,
        indicator: card?.indicator ?? null,
        reasonSystem: reason?.system ?? null,
        reasonCode: reason?.code ?? null,
        reasonDisplay: reason?.display ?? null,
        comment: f.overrideReason?.userComment ?? null,
        acceptedSuggestions: f.acceptedSuggestions ? JSON.stringify(f.acceptedSuggestions.map((s) => s.id)) : null,
        suggestionsAccepted: f.acceptedSuggestions?.length ?? 0,
        iss: meta.iss ?? null,
        // The card's tenant, so feedback counts where the card was shown; the caller's otherwise.
        tenant: card?.tenant ?? meta.tenant ?? null,
        receivedAt,
      });
      stored += info.changes;
    }
    return stored;
  }

  /** Rows for tests. */
  query<T>(sql: string, ...params: unknown[]): T[] {
    this.flush();
    return this.db.prepare(sql).all(...params) as T[];
  }

  async analytics(query: AnalyticsQuery): Promise<Analytics> {
    this.flush();
    return computeAnalytics(
      async (sql, params) => this.db.prepare(sql).all(...params) as Record<string, unknown>[],
      query,
    );
  }

  ping(): boolean {
    return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }

  close(): void {
    clearInterval(this.timer);
    if (!this.db.open) return;
    this.commitFeedback();
    this.flush();
    this.db.close();
  }
}
