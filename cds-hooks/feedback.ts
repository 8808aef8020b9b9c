import { z } from 'zod';

/**
 * Feedback (CDS Hooks 2.0 §Feedback): validated with the cds-fb invariants — outcome is accepted
 * or overridden; accepted needs acceptedSuggestions; an override reason has a reason or a
 * comment. Reasons without `display` are accepted (the sandbox sends none).
 */

const coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().min(1),
  display: z.string().optional(),
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const feedbackItem = z
  .looseObject({
    card: z.string().min(1),
    outcome: z.enum(['accepted', 'overridden']),
    acceptedSuggestions: z.array(z.looseObject({ id: z.string().min(1) })).optional(),
    overrideReason: z
      .looseObject({ reason: coding.optional(), userComment: z.string().max(4000).optional() })
      .refine((r) => r.reason !== undefined || r.userComment !== undefined, {
        message: 'overrideReason needs a reason or a userComment (cds-fb-3)',
      })
      .optional(),
    outcomeTimestamp: z.string().regex(RFC3339, 'not an RFC 3339 timestamp'),
  })
  .refine((f) => f.outcome !== 'accepted' || (f.acceptedSuggestions?.length ?? 0) > 0, {
    message: 'accepted feedback needs acceptedSuggestions (cds-fb-2)',
    path: ['acceptedSuggestions'],
  });

export const feedbackRequest = z.looseObject({ feedback: z.array(feedbackItem).min(1).max(100) });

export type FeedbackItem = z.infer<typeof feedbackItem>;

export interface CardRecord {
  uuid: string;
  rule: string;
  indicator: string;
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

/**
 * The period and scope of an analytics query (ISO 8601 instants; `to` exclusive). A card counts
 * when it was shown, feedback when it was received, a call when it was answered.
 */
export interface AnalyticsQuery {
  from: string;
  to: string;
  /** Only this tenant; all tenants when absent. */
  tenant?: string;
}

export interface RuleAnalytics {
  /** The card's rule; `(unknown card)` for feedback on a card no instance recorded. */
  rule: string;
  /** `null` for calls whose issuer names no tenant. */
  tenant: string | null;
  shown: number;
  accepted: number;
  overridden: number;
  /** overridden / (accepted + overridden); null when there was no feedback. */
  overrideRate: number | null;
  /**
   * Most frequent override reasons by code (with a display one of them carried), most frequent
   * first, ties by code, at most five.
   */
  topReasons: { code: string; display: string | null; count: number }[];
  /** Overrides that carry a free-text comment. */
  comments: number;
  /** Suggestions accepted (sum over accepted feedback of acceptedSuggestions). */
  suggestionsAccepted: number;
}

export interface ServiceAnalytics {
  service: string;
  invocations: number;
  /** Latency percentiles by the nearest-rank method (a value that was measured); null without calls. */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Calls answered 412 (data unobtainable). */
  status412: number;
  /** Calls answered with any other 4xx. */
  status4xx: number;
  status5xx: number;
}

export interface Analytics {
  query: AnalyticsQuery;
  rules: RuleAnalytics[];
  services: ServiceAnalytics[];
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
