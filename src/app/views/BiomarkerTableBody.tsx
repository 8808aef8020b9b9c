import { Fragment, lazy, Suspense, useState } from 'react';
import { formatQuantity } from '../../core/biomarkers/display.js';
import type { Interpretation, Measurement } from '../../core/biomarkers/measurement.js';
import type { BiomarkerSeries, ImmuneProfile } from '../../core/biomarkers/profile.js';
import { translator } from '../../core/messages/translator.js';

const TrendChart = lazy(() => import('./TrendChart.js'));

const COLUMNS = 9;

const FLAGS: Record<Interpretation, { icon: string; text: string } | undefined> = {
  'critical-low': { icon: '▼▼', text: 'Critical low' },
  low: { icon: '▼', text: 'Low' },
  normal: { icon: '', text: 'Normal' },
  high: { icon: '▲', text: 'High' },
  'critical-high': { icon: '▲▲', text: 'Critical high' },
  abnormal: { icon: '!', text: 'Abnormal' },
  unknown: undefined,
};

const TREND = {
  up: { arrow: '↑', text: 'rising' },
  down: { arrow: '↓', text: 'falling' },
  stable: { arrow: '→', text: 'stable' },
} as const;

function num(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

function displayUnit(unit: string): string {
  return unit === '{ratio}' || unit === '{INR}' ? '—' : unit;
}

function perMonth(change: number, unit: string): string {
  const shown = displayUnit(unit);
  return `${change > 0 ? '+' : ''}${num(change)}${shown === '—' ? '' : ` ${shown}`} per 30 days`;
}

function RangeCell({ m }: { m: Measurement }) {
  const r = m.referenceRange;
  if (!r || (r.low === undefined && r.high === undefined)) return <span className="muted">no range</span>;
  const span =
    r.low !== undefined && r.high !== undefined
      ? `${num(r.low)}–${num(r.high)}`
      : r.low !== undefined
        ? `≥ ${num(r.low)}`
        : `≤ ${num(r.high as number)}`;
  return (
    <>
      {span} <span className="range-origin">({r.origin === 'observation' ? 'lab' : 'catalog'})</span>
    </>
  );
}

function FlagCell({ m }: { m: Measurement }) {
  const flag = FLAGS[m.interpretation];
  if (!flag) return <span className="muted">—</span>;
  return (
    <span className={`flag flag--${m.interpretation}`}>
      {flag.icon && <span aria-hidden="true">{flag.icon} </span>}
      {flag.text}
    </span>
  );
}

function TrendCell({ series }: { series: BiomarkerSeries }) {
  const trend = series.trend;
  if (!trend) return <span className="muted">single value</span>;
  const t = TREND[trend.direction];
  const change = trend.changePer30Days;
  return (
    <span className="trend">
      <span aria-hidden="true">{t.arrow} </span>
      {t.text}
      {change !== undefined && <span className="trend-change"> {perMonth(change, series.latest.unit)}</span>}
    </span>
  );
}

function Markers({ series }: { series: BiomarkerSeries }) {
  const m = series.latest;
  const tags: { key: string; text: string; title?: string }[] = [];
  if (m.derived) tags.push({ key: 'derived', text: 'derived', title: `calculated: ${m.derived.method}` });
  if (series.stale) tags.push({ key: 'stale', text: `stale (${series.ageDays} days)` });
  if (m.preliminary) tags.push({ key: 'preliminary', text: 'preliminary' });
  if (m.originalUnit && m.originalUnit !== m.unit && !m.derived) {
    tags.push({ key: 'reported', text: `reported ${m.originalValue} ${m.originalUnit}` });
  }
  if (tags.length === 0) return null;
  return (
    <ul className="tags">
      {tags.map((t) => (
        <li key={t.key} className={`tag tag--${t.key}`} title={t.title}>
          {t.text}
        </li>
      ))}
    </ul>
  );
}

/** Latest value of every immune marker, with range, flag and trend; each row expands a chart. */
export function BiomarkerTableBody({ profile }: { profile: ImmuneProfile }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  if (profile.series.length === 0) {
    return <p className="empty">No immune biomarker results in the record.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="biomarkers">
        <caption>Immune biomarkers: latest value per marker as of {profile.asOf.slice(0, 10)}</caption>
        <thead>
          <tr>
            <th scope="col">Marker</th>
            <th scope="col">Latest</th>
            <th scope="col">Unit</th>
            <th scope="col">Reference range</th>
            <th scope="col">Flag</th>
            <th scope="col">Trend</th>
            <th scope="col">Date</th>
            <th scope="col">Notes</th>
            <th scope="col">
              <span className="visually-hidden">Chart</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {profile.series.map((s) => {
            const id = s.biomarker.id;
            const expanded = open.has(id);
            const chartId = `trend-${id}`;
            return (
              <Fragment key={id}>
                <tr className={s.stale ? 'row--stale' : undefined}>
                  <th scope="row">{s.biomarker.display}</th>
                  <td className="num">{formatQuantity(translator(), s.latest, s.biomarker)}</td>
                  <td>{displayUnit(s.latest.unit)}</td>
                  <td>
                    <RangeCell m={s.latest} />
                  </td>
                  <td>
                    <FlagCell m={s.latest} />
                  </td>
                  <td>
                    <TrendCell series={s} />
                  </td>
                  <td>
                    <time dateTime={s.latest.day}>{s.latest.day}</time>
                  </td>
                  <td>
                    <Markers series={s} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button-link"
                      aria-expanded={expanded}
                      aria-controls={expanded ? chartId : undefined}
                      aria-label={`${expanded ? 'Hide' : 'Show'} trend of ${s.biomarker.short}`}
                      onClick={() => toggle(id)}
                    >
                      <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
                      Trend
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="chart-row">
                    <td id={chartId} colSpan={COLUMNS}>
                      <Suspense fallback={<p className="muted">Loading chart…</p>}>
                        <TrendChart series={s} />
                      </Suspense>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default BiomarkerTableBody;
