/** The override analytics the admin API answers (`GET /admin/api/analytics`) and the admin page reads. */

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
   * Most frequent override reasons by code (with a display one of them carried, else the cards'
   * own display of a reason they offered), most frequent first, ties by code, at most five.
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
