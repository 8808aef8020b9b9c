import Database from 'better-sqlite3';
import type { CallMeta, CardRecord, FeedbackItem, FeedbackStore } from './feedback.js';

/** Migrations, applied in order at open; `PRAGMA user_version` records how far a file went. */
const MIGRATIONS = [
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
];

const CARD_FLUSH_MS = 250;

/**
 * The embedded store: one SQLite file in WAL mode. Feedback is written before the response (an
 * acknowledged row is durable); the record of cards shown is batched off the signing path.
 */
export class SqliteFeedbackStore implements FeedbackStore {
  private readonly db: Database.Database;
  private pendingCards: Record<string, unknown>[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly insertCard: Database.Statement;
  private readonly insertFeedback: Database.Statement;
  private readonly cardById: Database.Statement;

  constructor(path: string) {
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
       VALUES (@uuid, @service, @hookInstance, @rule, @indicator, @iss, @tenant, @issuedAt)`,
    );
    this.insertFeedback = this.db.prepare(
      `INSERT OR IGNORE INTO feedback (card_uuid, outcome, outcome_timestamp, service, hook_instance, rule, indicator,
         reason_system, reason_code, reason_display, comment, accepted_suggestions, iss, tenant, received_at)
       VALUES (@card, @outcome, @outcomeTimestamp, @service, @hookInstance, @rule, @indicator,
         @reasonSystem, @reasonCode, @reasonDisplay, @comment, @acceptedSuggestions, @iss, @tenant, @receivedAt)`,
    );
    this.cardById = this.db.prepare('SELECT rule, indicator, hook_instance AS hookInstance FROM cards WHERE uuid = ?');
    this.timer = setInterval(() => this.flushCards(), CARD_FLUSH_MS);
    this.timer.unref();
  }

  recordCards(cards: readonly CardRecord[], meta: CallMeta): void {
    const issuedAt = new Date().toISOString();
    for (const c of cards) {
      this.pendingCards.push({
        uuid: c.uuid,
        service: meta.service,
        hookInstance: meta.hookInstance ?? null,
        rule: c.rule,
        indicator: c.indicator,
        iss: meta.iss ?? null,
        tenant: meta.tenant ?? null,
        issuedAt,
      });
    }
  }

  /** Writes the batched card records (also before any feedback lookup). */
  flushCards(): void {
    if (this.pendingCards.length === 0 || !this.db.open) return;
    const batch = this.pendingCards;
    this.pendingCards = [];
    this.db.transaction(() => {
      for (const row of batch) this.insertCard.run(row);
    })();
  }

  recordFeedback(items: readonly FeedbackItem[], meta: CallMeta): number {
    this.flushCards();
    const receivedAt = new Date().toISOString();
    return this.db.transaction(() => {
      let stored = 0;
      for (const f of items) {
        const card = this.cardById.get(f.card) as
          | { rule: string; indicator: string; hookInstance: string | null }
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
          iss: meta.iss ?? null,
          tenant: meta.tenant ?? null,
          receivedAt,
        });
        stored += info.changes;
      }
      return stored;
    })();
  }

  /** Rows for tests and analytics. */
  query<T>(sql: string, ...params: unknown[]): T[] {
    this.flushCards();
    return this.db.prepare(sql).all(...params) as T[];
  }

  ping(): boolean {
    return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }

  close(): void {
    clearInterval(this.timer);
    this.flushCards();
    if (this.db.open) this.db.close();
  }
}
