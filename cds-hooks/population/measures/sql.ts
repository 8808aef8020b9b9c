/**
 * The measures in DuckDB SQL over `course_classes`, `course_months`, `days_present` and
 * `observation_spans` (tables of a warehouse or views over Parquet shards). One row per bucket
 * (a month, or the phase before/after go-live, or the whole period), dimension (all, class,
 * agent, department) and key. Definitions and formulas: docs/population.md.
 */

export type Grain = 'month' | 'phase' | 'total';

/** What the dashboard filters by; the values go in as named parameters ($from, $to, $class, $department). */
export interface MeasureFilter {
  /** First and last month (YYYY-MM), inclusive. */
  from?: string;
  to?: string;
  class?: string;
  department?: string;
}
export const DIMENSIONS = ['all', 'class', 'agent', 'department'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The column a dimension groups by ('' for all; no department is written '(none)'). */
const KEY: Record<Dimension, string> = {
  all: "''",
  class: 'class',
  agent: 'agent',
  department: "coalesce(department, '(none)')",
};

/** The bucket of a month (a DATE expression): the month itself, before/after go-live, or one total. */
function bucket(grain: Grain, month: string, goLive: string | undefined): string {
  if (grain === 'month') return `strftime(${month}, '%Y-%m')`;
  if (grain === 'total' || goLive === undefined) return "'all'";
  return `CASE WHEN ${month} < date_trunc('month', DATE '${goLive}') THEN 'before' ELSE 'after' END`;
}

const perDimension = (select: (dim: Dimension, key: string) => string) =>
  DIMENSIONS.map((d) => select(d, KEY[d])).join('\nUNION ALL\n');

/**
 * Days present per month: calendar days with an encounter, once per patient (and per department
 * for the department rows). Without any encounter in the data, patient-days under observation:
 * each patient's days between the first and the last dated record.
 */
const PRESENT_MONTHS = `
present_months AS (
  SELECT date_trunc('month', day) AS month, 'all' AS dim, '' AS key, count(DISTINCT patient_id || '|' || day) AS days
  FROM dp GROUP BY 1
  UNION ALL
  SELECT date_trunc('month', day), 'department', department, count(DISTINCT patient_id || '|' || day)
  FROM dp WHERE department IS NOT NULL GROUP BY 1, 3
  UNION ALL
  SELECT month, 'all', '', sum(datediff('day', greatest(first_day, month), least(last_day, month + INTERVAL 1 MONTH - INTERVAL 1 DAY)) + 1)
  FROM (
    SELECT first_day, last_day, unnest(generate_series(date_trunc('month', first_day), last_day, INTERVAL 1 MONTH))::DATE AS month
    FROM observation_spans
  )
  WHERE NOT EXISTS (SELECT 1 FROM days_present) AND NOT $department_set
  GROUP BY 1
)`;

const inPeriod = (month: string) =>
  `($from IS NULL OR ${month} >= CAST($from || '-01' AS DATE)) AND ($to IS NULL OR ${month} <= CAST($to || '-01' AS DATE))`;

/** The tables narrowed by the filter: class and department on the courses, department on the days present. */
const FILTERED = `
cc AS (
  SELECT * FROM course_classes
  WHERE ($class IS NULL OR class = $class) AND ($department IS NULL OR coalesce(department, '(none)') = $department)
),
cm AS (SELECT * FROM course_months WHERE ${inPeriod('month')}),
dp AS (SELECT * FROM days_present WHERE $department IS NULL OR department = $department)`;

/** The named parameters of a filter (every one bound, NULL when not filtered). */
export function filterParams(filter: MeasureFilter = {}): Record<string, string | boolean | null> {
  return {
    from: filter.from ?? null,
    to: filter.to ?? null,
    class: filter.class ?? null,
    department: filter.department ?? null,
    department_set: filter.department !== undefined,
  };
}

export function measuresSql(grain: Grain, goLive?: string): string {
  const b = (month: string) => bucket(grain, month, goLive);
  return `
WITH ${FILTERED.trim()},
${PRESENT_MONTHS.trim()},
present AS (
  SELECT ${b('month')} AS bucket, dim, key, sum(days) AS days FROM present_months WHERE ${inPeriod('month')} GROUP BY ALL
),
therapy AS (
  ${perDimension(
    (dim, key) => `SELECT ${b('m.month')} AS bucket, '${dim}' AS dim, ${key} AS key, sum(m.days_of_therapy) AS dot
  FROM cm m JOIN cc c USING (patient_id, course_id) GROUP BY ALL`,
  )}
),
courses AS (
  ${perDimension(
    (dim, key) => `SELECT ${b('start_month')} AS bucket, '${dim}' AS dim, ${key} AS key,
    count(*) AS courses,
    count(*) FILTER (classification = 'indicated') AS indicated,
    count(*) FILTER (classification = 'not-indicated-normal-labs') AS not_indicated_normal,
    count(*) FILTER (classification = 'not-indicated-unknown-labs') AS not_indicated_unknown,
    count(*) FILTER (unbounded) AS unbounded,
    count(*) FILTER (over_max) AS over_max,
    count(*) FILTER (repeated) AS repeated,
    count(*) FILTER (live_vaccine OR anticoagulant OR antineoplastic OR immunosuppressant) AS near_misses,
    count(*) FILTER (live_vaccine) AS live_vaccine,
    count(*) FILTER (anticoagulant) AS anticoagulant,
    count(*) FILTER (antineoplastic) AS antineoplastic,
    count(*) FILTER (immunosuppressant) AS immunosuppressant,
    quantile_cont(days, 0.5) AS median_days,
    quantile_cont(days, 0.9) AS p90_days,
    ${dim === 'class' || dim === 'agent' ? 'max(class_max_days)' : 'NULL::INTEGER'} AS class_max_days
  FROM cc WHERE ${inPeriod('start_month')} GROUP BY ALL`,
  )}
),
keys AS (SELECT bucket, dim, key FROM courses UNION SELECT bucket, dim, key FROM therapy)
SELECT k.bucket, k.dim, k.key,
  coalesce(c.courses, 0) AS courses,
  coalesce(c.indicated, 0) AS indicated,
  coalesce(c.not_indicated_normal, 0) AS not_indicated_normal,
  coalesce(c.not_indicated_unknown, 0) AS not_indicated_unknown,
  coalesce(c.unbounded, 0) AS unbounded,
  coalesce(c.over_max, 0) AS over_max,
  coalesce(c.repeated, 0) AS repeated,
  coalesce(c.near_misses, 0) AS near_misses,
  coalesce(c.live_vaccine, 0) AS live_vaccine,
  coalesce(c.anticoagulant, 0) AS anticoagulant,
  coalesce(c.antineoplastic, 0) AS antineoplastic,
  coalesce(c.immunosuppressant, 0) AS immunosuppressant,
  c.median_days, c.p90_days, c.class_max_days,
  coalesce(t.dot, 0) AS days_of_therapy,
  p.days AS days_present,
  1000.0 * coalesce(t.dot, 0) / nullif(p.days, 0) AS dot_per_1000,
  c.indicated / nullif(c.courses, 0) AS share_indicated,
  c.not_indicated_normal / nullif(c.courses, 0) AS share_not_indicated_normal,
  c.not_indicated_unknown / nullif(c.courses, 0) AS share_not_indicated_unknown,
  c.unbounded / nullif(c.courses, 0) AS share_unbounded,
  c.over_max / nullif(c.courses, 0) AS share_over_max,
  c.repeated / nullif(c.courses, 0) AS share_repeated,
  100.0 * c.near_misses / nullif(c.courses, 0) AS near_misses_per_100
FROM keys k
LEFT JOIN courses c USING (bucket, dim, key)
LEFT JOIN therapy t USING (bucket, dim, key)
-- Class and agent rows share the whole population's denominator (NHSN: agent-level DOT per facility days present).
LEFT JOIN present p ON p.bucket = k.bucket AND p.dim = CASE WHEN k.dim = 'department' THEN 'department' ELSE 'all' END
  AND p.key = CASE WHEN k.dim = 'department' THEN k.key ELSE '' END
ORDER BY k.bucket, array_position(['all', 'class', 'agent', 'department'], k.dim), k.key`;
}

/** Whether the denominator is days present (encounters in the data) or patient-days under observation. */
export const DENOMINATOR_SQL = `SELECT CASE WHEN EXISTS (SELECT 1 FROM days_present) THEN 'days-present' ELSE 'observation-days' END AS denominator`;
