import { type FormEvent, Fragment, useCallback, useEffect, useId, useMemo, useState } from 'react';
import { agentById, classById } from '../../core/drugs/knowledge-base.js';
import { className } from '../../core/messages/names.js';
import type { MessageKey } from '../../core/messages/translator.js';
import { pageTranslator } from '../language.js';
import {
  AdminError,
  downloadPopulationCsv,
  loadPopulation,
  type MeasureRow,
  type PopulationFilter,
  type PopulationReport,
} from './api.js';
import { PopulationBars, PopulationTrend } from './PopulationCharts.js';

/**
 * `/admin/population`: the stewardship measures of the warehouse — the whole period, before and
 * after go-live, the monthly trend, courses per class and by length, and counts by class, agent and
 * department (drill-down to counts, never to a patient), with the same numbers as CSV.
 */

const NO_FILTER: PopulationFilter = { from: '', to: '', class: '', department: '' };

function classLabel(id: string): string {
  const cls = classById(id);
  return cls ? className(pageTranslator(), cls) : id;
}

function agentLabel(id: string): string {
  return agentById(id)?.name ?? classLabel(id);
}

function pct(value: number | null): string {
  const t = pageTranslator();
  return value === null ? t.t('admin.none') : t.t('admin.percent', { rate: t.number(value * 100, 1) });
}

function num(value: number | null, decimals = 1): string {
  const t = pageTranslator();
  return value === null ? t.t('admin.none') : t.number(value, decimals);
}

function lengthText(row: MeasureRow): string {
  const t = pageTranslator();
  if (row.median_days === null) return t.t('admin.none');
  return t.t('admin.population.days', { median: num(row.median_days), p90: num(row.p90_days) });
}

/** The measures of one row, in the order the dashboard lists them. */
function measures(row: MeasureRow, denominator: PopulationReport['denominator']): [MessageKey, string][] {
  return [
    ['admin.population.measure.courses', String(row.courses)],
    [
      denominator === 'days-present' ? 'admin.population.measure.dot' : 'admin.population.measure.dotObserved',
      num(row.dot_per_1000),
    ],
    ['admin.population.measure.indicated', pct(row.share_indicated)],
    ['admin.population.measure.normal', pct(row.share_not_indicated_normal)],
    ['admin.population.measure.unknown', pct(row.share_not_indicated_unknown)],
    ['admin.population.measure.unbounded', pct(row.share_unbounded)],
    ['admin.population.measure.overMax', pct(row.share_over_max)],
    ['admin.population.measure.repeated', pct(row.share_repeated)],
    ['admin.population.measure.nearMisses', num(row.near_misses_per_100)],
    ['admin.population.measure.length', lengthText(row)],
  ];
}

const COUNT_COLUMNS = [
  'courses',
  'indicated',
  'normal',
  'unknown',
  'unbounded',
  'overMax',
  'repeated',
  'nearMisses',
  'dot',
  'length',
] as const;

function countCells(row: MeasureRow) {
  return [
    row.courses,
    row.indicated,
    row.not_indicated_normal,
    row.not_indicated_unknown,
    row.unbounded,
    row.over_max,
    row.repeated,
    row.near_misses,
    num(row.dot_per_1000),
    lengthText(row),
  ].map((v, i) => <td key={COUNT_COLUMNS[i]}>{v}</td>);
}

function CountHeaders({ first }: { first: MessageKey }) {
  const t = pageTranslator();
  return (
    <thead>
      <tr>
        <th scope="col">{t.t(first)}</th>
        {COUNT_COLUMNS.map((c) => (
          <th key={c} scope="col">
            {t.t(`admin.population.column.${c}` as MessageKey)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Counts per class; a class opens onto its agents' counts. */
function ClassTable({ report }: { report: PopulationReport }) {
  const t = pageTranslator();
  const [open, setOpen] = useState<string | undefined>();
  const classes = report.total.filter((r) => r.dim === 'class');
  const agents = report.total.filter((r) => r.dim === 'agent');
  return (
    <table className="adm-table">
      <CountHeaders first="admin.population.column.group" />
      <tbody>
        {classes.map((c) => {
          const label = classLabel(c.key);
          const own = agents.filter((a) => (agentById(a.key)?.classId ?? a.key) === c.key);
          const shown = open === c.key;
          return (
            <Fragment key={c.key}>
              <tr>
                <th scope="row">
                  <button
                    type="button"
                    className="pop-drill"
                    aria-expanded={shown}
                    onClick={() => setOpen(shown ? undefined : c.key)}
                    aria-label={t.t(shown ? 'admin.population.drill.hide' : 'admin.population.drill.show', {
                      class: label,
                    })}
                  >
                    {shown ? '▾' : '▸'}
                  </button>{' '}
                  {label}
                </th>
                {countCells(c)}
              </tr>
              {shown
                ? own.map((a) => (
                    <tr key={`${c.key}|${a.key}`} className="pop-agent">
                      <th scope="row">{agentLabel(a.key)}</th>
                      {countCells(a)}
                    </tr>
                  ))
                : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function DepartmentTable({ rows }: { rows: MeasureRow[] }) {
  const t = pageTranslator();
  return (
    <table className="adm-table">
      <CountHeaders first="admin.population.column.department" />
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.key === '(none)' ? t.t('admin.population.noDepartment') : r.key}</th>
            {countCells(r)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PhaseTable({ report }: { report: PopulationReport }) {
  const t = pageTranslator();
  const rows = ['before', 'after'].map((b) => report.phases.find((r) => r.dim === 'all' && r.bucket === b));
  const [before, after] = rows;
  if (!before && !after) return null;
  const list = (row: MeasureRow | undefined) => (row ? measures(row, report.denominator) : []);
  const a = list(before);
  const b = list(after);
  return (
    <table className="adm-table">
      <thead>
        <tr>
          <th scope="col">{t.t('admin.population.column.measure')}</th>
          <th scope="col">{t.t('admin.population.before')}</th>
          <th scope="col">{t.t('admin.population.after')}</th>
        </tr>
      </thead>
      <tbody>
        {(a.length > 0 ? a : b).map(([key], i) => (
          <tr key={key}>
            <th scope="row">{t.t(key)}</th>
            <td>{a[i]?.[1] ?? t.t('admin.none')}</td>
            <td>{b[i]?.[1] ?? t.t('admin.none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CardsTable({ report }: { report: PopulationReport }) {
  const t = pageTranslator();
  if (report.feedback.length === 0) return <p className="muted">{t.t('admin.population.cards.none')}</p>;
  return (
    <table className="adm-table">
      <thead>
        <tr>
          <th scope="col">{t.t('admin.population.column.phase')}</th>
          <th scope="col">{t.t('admin.column.rule')}</th>
          <th scope="col">{t.t('admin.column.shown')}</th>
          <th scope="col">{t.t('admin.column.accepted')}</th>
          <th scope="col">{t.t('admin.column.overridden')}</th>
        </tr>
      </thead>
      <tbody>
        {report.feedback.map((f) => {
          const title = `ruleTitle.${f.rule}`;
          return (
            <tr key={`${f.bucket}|${f.rule}`}>
              <td>{t.t(`admin.population.phase.${f.bucket}` as MessageKey)}</td>
              <th scope="row">{t.has(title) ? t.t(title) : f.rule}</th>
              <td>{f.shown}</td>
              <td>{f.accepted}</td>
              <td>{f.overridden}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Population({ token, onUnauthorized }: { token: string; onUnauthorized: (message: string) => void }) {
  const t = pageTranslator();
  const id = useId();
  const [filter, setFilter] = useState<PopulationFilter>(NO_FILTER);
  const [report, setReport] = useState<PopulationReport | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (f: PopulationFilter) => {
      setLoading(true);
      setError(undefined);
      try {
        setReport(await loadPopulation(f, token));
      } catch (e) {
        if (e instanceof AdminError && e.unauthorized) onUnauthorized(e.message);
        else setError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [token, onUnauthorized],
  );

  useEffect(() => {
    void load(NO_FILTER);
  }, [load]);

  function apply(event: FormEvent) {
    event.preventDefault();
    void load(filter);
  }

  // Derived once per report, so that the charts are drawn again only when the numbers change.
  const view = useMemo(() => {
    const lengths = new Map<number, number>();
    for (const l of report?.lengths ?? []) lengths.set(l.days, (lengths.get(l.days) ?? 0) + l.courses);
    const days = [...lengths.keys()].sort((a, b) => a - b);
    const classes = report?.total.filter((r) => r.dim === 'class') ?? [];
    return {
      all: report?.total.find((r) => r.dim === 'all'),
      trend: (report?.months ?? [])
        .filter((r) => r.dim === 'all')
        .map((m) => ({ month: m.bucket, dot: m.dot_per_1000, indicated: m.share_indicated })),
      classLabels: classes.map((c) => classLabel(c.key)),
      classCourses: classes.map((c) => c.courses),
      lengthLabels: days.map(String),
      lengthCourses: days.map((d) => lengths.get(d) ?? 0),
      departments: report?.total.filter((r) => r.dim === 'department') ?? [],
    };
  }, [report]);
  const { all, departments } = view;

  return (
    <>
      {error ? (
        <p className="adm-error" role="alert">
          {error}
        </p>
      ) : null}
      <form className="panel adm-form" onSubmit={apply} aria-label={t.t('admin.population.filters')}>
        <label htmlFor={`${id}-from`}>{t.t('admin.population.from')}</label>
        <input
          id={`${id}-from`}
          type="month"
          value={filter.from}
          onChange={(e) => setFilter({ ...filter, from: e.target.value })}
        />
        <label htmlFor={`${id}-to`}>{t.t('admin.population.to')}</label>
        <input
          id={`${id}-to`}
          type="month"
          value={filter.to}
          onChange={(e) => setFilter({ ...filter, to: e.target.value })}
        />
        <label htmlFor={`${id}-class`}>{t.t('admin.population.class')}</label>
        <select
          id={`${id}-class`}
          value={filter.class}
          onChange={(e) => setFilter({ ...filter, class: e.target.value })}
        >
          <option value="">{t.t('admin.population.allClasses')}</option>
          {(report?.classes ?? []).map((c) => (
            <option key={c} value={c}>
              {classLabel(c)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-department`}>{t.t('admin.population.department')}</label>
        <select
          id={`${id}-department`}
          value={filter.department}
          onChange={(e) => setFilter({ ...filter, department: e.target.value })}
        >
          <option value="">{t.t('admin.population.allDepartments')}</option>
          {(report?.departments ?? []).map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <button type="submit" disabled={loading}>
          {t.t('admin.show')}
        </button>
        <button
          type="button"
          onClick={() => downloadPopulationCsv(filter, token).catch((e: Error) => setError(e.message))}
        >
          {t.t('admin.export')}
        </button>
      </form>
      {loading ? <p className="muted">{t.t('admin.loading')}</p> : null}
      {report && !all ? <p className="muted">{t.t('admin.population.none')}</p> : null}
      {report && all ? (
        <>
          <section className="panel" aria-labelledby={`${id}-summary`}>
            <h2 id={`${id}-summary`} className="panel-title">
              {t.t('admin.population.summary')}
            </h2>
            <p className="muted">
              {report.goLiveDate
                ? t.t('admin.population.goLive', { date: t.date(report.goLiveDate) })
                : t.t('admin.population.noGoLive')}
            </p>
            <dl className="pop-summary">
              {measures(all, report.denominator).map(([key, value]) => (
                <div key={key}>
                  <dt>{t.t(key)}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            <PhaseTable report={report} />
          </section>
          <section className="panel" aria-labelledby={`${id}-trend`}>
            <h2 id={`${id}-trend`} className="panel-title">
              {t.t('admin.population.trend')}
            </h2>
            <PopulationTrend goLive={report.goLiveDate} points={view.trend} />
          </section>
          <section className="panel pop-pair" aria-labelledby={`${id}-classes`}>
            <h2 id={`${id}-classes`} className="panel-title">
              {t.t('admin.population.classes')}
            </h2>
            <PopulationBars
              labels={view.classLabels}
              values={view.classCourses}
              caption={t.t('admin.population.classes')}
              series={t.t('admin.population.series.courses')}
            />
            <h3 className="pop-subtitle">{t.t('admin.population.lengths')}</h3>
            <PopulationBars
              labels={view.lengthLabels}
              values={view.lengthCourses}
              caption={t.t('admin.population.lengths.caption')}
              series={t.t('admin.population.series.courses')}
            />
          </section>
          <section className="panel" aria-labelledby={`${id}-drill`}>
            <h2 id={`${id}-drill`} className="panel-title">
              {t.t('admin.population.drill')}
            </h2>
            <div className="table-scroll">
              <ClassTable report={report} />
            </div>
          </section>
          {departments.some((d) => d.key !== '(none)') ? (
            <section className="panel" aria-labelledby={`${id}-departments`}>
              <h2 id={`${id}-departments`} className="panel-title">
                {t.t('admin.population.departments')}
              </h2>
              <div className="table-scroll">
                <DepartmentTable rows={departments} />
              </div>
            </section>
          ) : null}
          <section className="panel" aria-labelledby={`${id}-cards`}>
            <h2 id={`${id}-cards`} className="panel-title">
              {t.t('admin.population.cards')}
            </h2>
            <CardsTable report={report} />
          </section>
        </>
      ) : null}
    </>
  );
}
