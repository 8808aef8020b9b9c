import type { SiteConfig } from '../../src/core/config/schema.js';
import type { ReplayCache } from '../auth/replay-cache.js';
import { PgFeedbackStore } from './postgres.js';
import { SqliteFeedbackStore } from './sqlite.js';
import type { FeedbackStore, StoreLogger } from './types.js';

export interface OpenStoreOptions {
  /** The clock stamped on records and compared with JWT expiries (tests pin it). */
  now?: () => Date;
  /** Where PostgreSQL connection trouble is reported (never with credentials). */
  logger?: StoreLogger;
}

export interface OpenedStore {
  store: FeedbackStore;
  /** Shared by every instance on the same PostgreSQL database; absent for SQLite (one process). */
  replay?: ReplayCache;
}

export function isPostgresUrl(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/**
 * The store named by `feedback.store`: a `postgres://` or `postgresql://` URL opens PostgreSQL
 * (migrated before it is returned) with its JWT replay cache; anything else is a SQLite file path.
 */
export async function openStore(config: SiteConfig['feedback'], options: OpenStoreOptions = {}): Promise<OpenedStore> {
  if (isPostgresUrl(config.store)) {
    const store = await PgFeedbackStore.open(config.store, { poolSize: config.poolSize, ...options });
    return { store, replay: store.replay };
  }
  return { store: new SqliteFeedbackStore(config.store, options) };
}
