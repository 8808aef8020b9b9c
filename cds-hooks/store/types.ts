import type { Analytics, AnalyticsQuery } from '../../src/contract/analytics.js';
import type { FeedbackItem } from '../cards/feedback.js';

/** A rule that fired on a card, with the indicator of its finding. */
export interface FiredRule {
  rule: string;
  indicator: string;
}

/**
 * A card shown: one per draft order, carrying every rule that fired on that order. `rule` and
 * `indicator` are the card's primary (its most severe finding, the card's `source.topic.code`);
 * `rules` lists them all, the primary first. Analytics count the card once for each rule.
 */
export interface CardRecord extends FiredRule {
  uuid: string;
  rules: readonly FiredRule[];
}

export interface CallMeta {
  service: string;
  hookInstance?: string;
  iss?: string;
  tenant?: string;
}

/** One CDS service call as the admin analytics count it (never patient data). */
export interface Invocation {
  service: string;
  /** HTTP status returned to the EHR. */
  status: number;
  /** Time spent answering, in milliseconds. */
  durationMs: number;
  iss?: string;
  tenant?: string;
}

/** Where cards shown, calls and feedback received are kept (SQLite embedded; PostgreSQL for clusters). */
export interface FeedbackStore {
  /** Batched off the signing path. */
  recordCards(cards: readonly CardRecord[], meta: CallMeta): void | Promise<void>;
  /** Batched off the signing path. */
  recordInvocation(invocation: Invocation): void;
  /** Idempotent: the same (card, outcome, timestamp) is stored once. Returns how many were new. */
  recordFeedback(items: readonly FeedbackItem[], meta: CallMeta): number | Promise<number>;
  analytics(query: AnalyticsQuery): Promise<Analytics>;
  ping(): boolean | Promise<boolean>;
  /** Writes what is batched and releases the store. */
  close(): void | Promise<void>;
}

export interface StoreOptions {
  /** The clock stamped on cards, calls and feedback (tests pin it). */
  now?: () => Date;
  /** How often batched cards and calls are written. */
  flushMs?: number;
  /** Where a failed batch write is reported. */
  logger?: StoreLogger;
}

/** Where store trouble is reported (never with credentials); a pino logger fits. */
export interface StoreLogger {
  warn(details: object, message: string): void;
}

/** An error as it may be logged: message and code only. */
export function errorSummary(error: unknown): { message: string; code?: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: string }).code;
  // A refused connection to a name with several addresses is an AggregateError with no message.
  return { message: error.message || code || error.name, ...(code ? { code } : {}) };
}
