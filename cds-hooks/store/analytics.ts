import type { Analytics, AnalyticsQuery, RuleAnalytics, ServiceAnalytics } from '../../src/contract/analytics.js';
import { translator } from '../../src/core/messages/translator.js';
import { offeredReasonDisplay } from '../cards/render.js';

/**
 * The admin analytics, written once for both stores: portable SQL with `?` placeholders (the
 * PostgreSQL store numbers them) and the code that turns rows into figures. Counts come back as
 * numbers from SQLite and as strings (bigint) from PostgreSQL, so every figure goes through Number().
 */

/** Runs one statement with positional `?` parameters and returns its rows. */
export type RunQuery = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** The rule under which feedback on a card no instance ever recorded is counted. */
export const UNKNOWN_CARD_RULE = '(unknown card)';

/** Latency percentiles reported per service. */
export const PERCENTILES = [50, 95, 99] as const;

const TOP_REASONS = 5;

interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The 1-based rank of the p-th percentile among n sorted values (nearest-rank method,
 * ceil(p/100 · n)), in integer arithmetic so that SQLite and PostgreSQL pick the same row.
 */
const nearestRank = (p: number, n: string) => `(${p} * ${n} + 99) / 100`;

/** `from`/`to` in the stores' instant format (ISO 8601 UTC with milliseconds), which sorts as text. */
function period(query: AnalyticsQuery): [string, string] {
  const instant = (value: string, name: string) => {
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw new RangeError(`analytics: ${name} is not an ISO 8601 instant`);
    return new Date(time).toISOString();
  };
  return [instant(query.from, 'from'), instant(query.to, 'to')];
}

/** The condition: instant `column` in [from, to) and, when queried, the tenant. */
function scoped(query: AnalyticsQuery, column: string): Statement {
  const params: unknown[] = period(query);
  let sql = `${column} >= ? AND ${column} < ?`;
  if (query.tenant !== undefined) {
    sql += ' AND tenant = ?';
    params.push(query.tenant);
  }
  return { sql, params };
}

const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/** A card counts as shown once for each rule that fired on it. */
function cardsShown(query: AnalyticsQuery): Statement {
  const where = scoped(query, 'issued_at');
  return {
    sql: `SELECT rule, tenant, COUNT(*) AS shown FROM card_rules WHERE ${where.sql} GROUP BY rule, tenant`,
    params: where.params,
  };
}

/**
 * Feedback of the period, once for each rule that fired on its card, with the card's tenant. The
 * card's rules are joined when the analytics are asked, so feedback that arrived before its card
 * was recorded (shown by another instance whose batch was not yet written) counts too. Feedback
 * whose card is not recorded counts under the rule copied when it was received, if any.
 */
function resolvedFeedback(query: AnalyticsQuery, columns: string): Statement {
  const [from, to] = period(query);
  const params: unknown[] = [from, to];
  let tenantFilter = '';
  if (query.tenant !== undefined) {
    tenantFilter = 'WHERE tenant = ?';
    params.push(query.tenant);
  }
  return {
    sql: `SELECT * FROM (
        SELECT COALESCE(r.rule, f.rule, '${UNKNOWN_CARD_RULE}') AS rule, COALESCE(r.tenant, f.tenant) AS tenant,
          ${columns}
        FROM feedback f LEFT JOIN card_rules r ON r.card_uuid = f.card_uuid
        WHERE f.received_at >= ? AND f.received_at < ?
      ) resolved ${tenantFilter}`,
    params,
  };
}

function feedbackCounts(query: AnalyticsQuery): Statement {
  const rows = resolvedFeedback(query, 'f.outcome, f.comment, f.suggestions_accepted');
  return {
    sql: `SELECT rule, tenant,
        ${count("outcome = 'accepted'")} AS accepted,
        ${count("outcome = 'overridden'")} AS overridden,
        ${count("outcome = 'overridden' AND comment IS NOT NULL")} AS comments,
        SUM(suggestions_accepted) AS suggestions
      FROM (${rows.sql}) fb GROUP BY rule, tenant`,
    params: rows.params,
  };
}

/** Per code and system: whether the reason is one the cards offered depends on its system. */
function overrideReasons(query: AnalyticsQuery): Statement {
  const rows = resolvedFeedback(query, 'f.outcome, f.reason_system, f.reason_code, f.reason_display');
  return {
    sql: `SELECT rule, tenant, reason_system AS system, reason_code AS code, MAX(reason_display) AS display,
        COUNT(*) AS n
      FROM (${rows.sql}) fb WHERE outcome = 'overridden' AND reason_code IS NOT NULL
      GROUP BY rule, tenant, reason_system, reason_code`,
    params: rows.params,
  };
}

function serviceCounts(query: AnalyticsQuery): Statement {
  const where = scoped(query, 'at');
  return {
    sql: `SELECT service, COUNT(*) AS invocations,
        ${count('status = 412')} AS status412,
        ${count('status >= 400 AND status < 500 AND status <> 412')} AS status4xx,
        ${count('status >= 500')} AS status5xx
      FROM invocations WHERE ${where.sql} GROUP BY service`,
    params: where.params,
  };
}

/** Only the durations at the percentile ranks leave the database, not every call's. */
function latencyPercentiles(query: AnalyticsQuery): Statement {
  const where = scoped(query, 'at');
  const ranks = PERCENTILES.map((p) => `${nearestRank(p, 'n')} AS rank${p}`).join(', ');
  const wanted = PERCENTILES.map((p) => nearestRank(p, 'n')).join(', ');
  return {
    sql: `SELECT service, rn, duration_ms, ${ranks} FROM (
        SELECT service, duration_ms,
          ROW_NUMBER() OVER (PARTITION BY service ORDER BY duration_ms) AS rn,
          COUNT(*) OVER (PARTITION BY service) AS n
        FROM invocations WHERE ${where.sql}
      ) ranked WHERE rn IN (${wanted})`,
    params: where.params,
  };
}

const num = (v: unknown) => Number(v ?? 0);
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
// Code-point order, not a database collation: both stores list rules and reasons alike.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function emptyRule(rule: string, tenant: string | null): RuleAnalytics {
  return {
    rule,
    tenant,
    shown: 0,
    accepted: 0,
    overridden: 0,
    overrideRate: null,
    topReasons: [],
    comments: 0,
    suggestionsAccepted: 0,
  };
}

/** Per rule and tenant, and per service, over [from, to). */
export async function computeAnalytics(run: RunQuery, query: AnalyticsQuery): Promise<Analytics> {
  const exec = (s: Statement) => run(s.sql, s.params);
  const [shown, feedback, reasons, services, ranked] = await Promise.all([
    exec(cardsShown(query)),
    exec(feedbackCounts(query)),
    exec(overrideReasons(query)),
    exec(serviceCounts(query)),
    exec(latencyPercentiles(query)),
  ]);

  const rules = new Map<string, RuleAnalytics>();
  const ruleOf = (row: Record<string, unknown>): RuleAnalytics => {
    const rule = String(row.rule);
    const tenant = text(row.tenant);
    const key = JSON.stringify([rule, tenant]);
    let entry = rules.get(key);
    if (!entry) {
      entry = emptyRule(rule, tenant);
      rules.set(key, entry);
    }
    return entry;
  };
  for (const row of shown) ruleOf(row).shown = num(row.shown);
  for (const row of feedback) {
    const r = ruleOf(row);
    r.accepted = num(row.accepted);
    r.overridden = num(row.overridden);
    r.comments = num(row.comments);
    r.suggestionsAccepted = num(row.suggestions);
    const answered = r.accepted + r.overridden;
    r.overrideRate = answered === 0 ? null : r.overridden / answered;
  }
  // A reason the cards offered that arrived without its display (the CDS Hooks sandbox sends
  // none) shows the display the cards gave it; any other keeps the display it came with, or none.
  const t = translator();
  for (const row of reasons) {
    const code = String(row.code);
    const display = text(row.display) ?? offeredReasonDisplay(t, code, text(row.system)) ?? null;
    const top = ruleOf(row).topReasons;
    const same = top.find((r) => r.code === code);
    if (!same) top.push({ code, display, count: num(row.n) });
    else {
      same.count += num(row.n);
      if (display !== null && (same.display === null || display > same.display)) same.display = display;
    }
  }
  for (const r of rules.values()) {
    r.topReasons.sort((a, b) => b.count - a.count || byText(a.code, b.code));
    r.topReasons.splice(TOP_REASONS);
  }

  const perService = new Map<string, ServiceAnalytics>();
  for (const row of services) {
    perService.set(String(row.service), {
      service: String(row.service),
      invocations: num(row.invocations),
      p50Ms: null,
      p95Ms: null,
      p99Ms: null,
      status412: num(row.status412),
      status4xx: num(row.status4xx),
      status5xx: num(row.status5xx),
    });
  }
  for (const row of ranked) {
    const s = perService.get(String(row.service));
    if (!s) continue;
    // One row can sit at several ranks (p95 and p99 of a small sample are often the same call).
    for (const p of PERCENTILES) {
      if (num(row[`rank${p}`]) === num(row.rn)) s[`p${p}Ms`] = num(row.duration_ms);
    }
  }

  return {
    query,
    rules: [...rules.values()].sort((a, b) => byText(a.rule, b.rule) || byText(a.tenant ?? '', b.tenant ?? '')),
    services: [...perService.values()].sort((a, b) => byText(a.service, b.service)),
  };
}
