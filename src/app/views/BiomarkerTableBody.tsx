import { Fragment, lazy, Suspense, useId, useState } from 'react';
import { displayUnit, formatQuantity, formatRate, readResult } from '../../core/biomarkers/display.js';
import type { Interpretation } from '../../core/biomarkers/measurement.js';
import type { BiomarkerSeries, ImmuneProfile } from '../../core/biomarkers/profile.js';
import { markerName } from '../../core/messages/names.js';
import type { MessageKey } from '../../core/messages/translator.js';
import { pageTranslator } from '../language.js';
import { Glyph } from './Glyph.js';
import { useNarrow } from './useNarrow.js';

const TrendChart = lazy(() => import('./TrendChart.js'));

const COLUMNS = 8;

const FLAG_GLYPH: Partial<Record<Interpretation, 'deficit' | 'excess' | 'warning'>> = {
  'critical-low': 'deficit',
  low: 'deficit',
  high: 'excess',
  'critical-high': 'excess',
  abnormal: 'warning',
};

const TREND_ARROW = { up: '↑', down: '↓', stable: '→' } as const;

/** The reference range with where it comes from: the lab's own, or the catalog's adult range. */
function RangeText({ series }: { series: BiomarkerSeries }) {
  const t = pageTranslator();
  const reading = readResult(t, series.latest, series.biomarker);
  if (!reading.range) return <span className="muted">{t.t('app.biomarkers.noRange')}</span>;
  return <>{t.t('app.biomarkers.range', { range: reading.range, origin: reading.rangeOrigin })}</>;
}

/** The lab flag in words, and beside it each clinical threshold the result crosses, with its source. */
function FlagText({ series, withRange = false }: { series: BiomarkerSeries; withRange?: boolean }) {
  const t = pageTranslator();
  const m = series.latest;
  const reading = readResult(t, m, series.biomarker);
  const glyph = FLAG_GLYPH[m.interpretation];
  const flag =
    withRange && reading.range
      ? t.t('result.flagWithRange', { flag: reading.flag, range: reading.range })
      : reading.flag;
  return (
    <div className="flag-cell">
      <span className={`flag flag--${m.interpretation}`}>
        {glyph && <Glyph name={glyph} />} {flag}
      </span>
      {reading.thresholds.length > 0 && (
        <ul className="thresholds">
          {reading.thresholds.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TrendText({ series }: { series: BiomarkerSeries }) {
  const t = pageTranslator();
  const trend = series.trend;
  if (!trend) return <span className="muted">{t.t('app.trend.single')}</span>;
  // The direction comes from the printed rate (src/core/biomarkers/profile.ts): they never disagree.
  return (
    <span className="trend">
      <span aria-hidden="true">{TREND_ARROW[trend.direction]} </span>
      {t.t(`trend.${trend.direction}`)}
      <span className="trend-change"> {formatRate(t, trend, series.biomarker, series.latest)}</span>
    </span>
  );
}

/** Derived, stale, preliminary, and the lab's own value when it is shown in another unit. */
function Notes({ series }: { series: BiomarkerSeries }) {
  const t = pageTranslator();
  const m = series.latest;
  const tags: { key: string; text: string; title?: string }[] = [];
  if (m.derived)
    tags.push({
      key: 'derived',
      text: t.t('app.tag.derived'),
      title: t.t('app.tag.derivedTitle', { method: m.derived.method }),
    });
  if (series.stale) tags.push({ key: 'stale', text: t.t('app.tag.stale', { days: series.ageDays }) });
  if (m.preliminary) tags.push({ key: 'preliminary', text: t.t('app.tag.preliminary') });
  if (m.originalUnit && !m.derived && !displayUnit(series.biomarker, m).fromLab) {
    tags.push({
      key: 'reported',
      text: t.t('app.tag.reported', { value: String(m.originalValue), unit: t.unit(m.originalUnit) }),
    });
  }
  if (tags.length === 0) return null;
  return (
    <ul className="tags">
      {tags.map((tag) => (
        <li key={tag.key} className={`tag tag--${tag.key}`} title={tag.title}>
          {tag.text}
        </li>
      ))}
    </ul>
  );
}

function TrendToggle({
  series,
  expanded,
  chartId,
  onToggle,
}: {
  series: BiomarkerSeries;
  expanded: boolean;
  chartId: string;
  onToggle: () => void;
}) {
  const t = pageTranslator();
  const marker = series.biomarker.short;
  return (
    <button
      type="button"
      className="button-link"
      aria-expanded={expanded}
      aria-controls={expanded ? chartId : undefined}
      aria-label={t.t(expanded ? 'app.trend.hide' : 'app.trend.show', { marker })}
      onClick={onToggle}
    >
      <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
      {t.t('app.trend.button')}
    </button>
  );
}

function Chart({ series }: { series: BiomarkerSeries }) {
  const t = pageTranslator();
  return (
    <Suspense fallback={<p className="muted">{t.t('app.trend.loading')}</p>}>
      <TrendChart series={series} />
    </Suspense>
  );
}

interface ViewProps {
  profile: ImmuneProfile;
  open: ReadonlySet<string>;
  toggle: (id: string) => void;
}

/** Wide frames: one row per marker. */
function MarkerTable({ profile, open, toggle }: ViewProps) {
  const t = pageTranslator();
  const column = (key: string) => t.t(`app.biomarkers.column.${key}` as MessageKey);
  return (
    <table className="biomarkers">
      <caption>{t.t('app.biomarkers.caption', { date: t.date(profile.asOf) })}</caption>
      <thead>
        <tr>
          {['marker', 'latest', 'range', 'flag', 'trend', 'date', 'notes'].map((key) => (
            <th key={key} scope="col">
              {column(key)}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">{column('chart')}</span>
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
                <th scope="row">{markerName(t, s.biomarker)}</th>
                <td className="num">{formatQuantity(t, s.latest, s.biomarker)}</td>
                <td>
                  <RangeText series={s} />
                </td>
                <td>
                  <FlagText series={s} />
                </td>
                <td>
                  <TrendText series={s} />
                </td>
                <td>
                  <time dateTime={s.latest.day}>{t.date(s.latest.day)}</time>
                </td>
                <td>
                  <Notes series={s} />
                </td>
                <td>
                  <TrendToggle series={s} expanded={expanded} chartId={chartId} onToggle={() => toggle(id)} />
                </td>
              </tr>
              {expanded && (
                <tr className="chart-row">
                  <td id={chartId} colSpan={COLUMNS}>
                    <Chart series={s} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

/** Narrow frames: one card per marker, nothing to scroll sideways. */
function MarkerCards({ profile, open, toggle }: ViewProps) {
  const t = pageTranslator();
  const captionId = useId();
  return (
    <section className="marker-cards" aria-labelledby={captionId}>
      <p id={captionId} className="marker-cards-caption">
        {t.t('app.biomarkers.caption', { date: t.date(profile.asOf) })}
      </p>
      <ul className="marker-list">
        {profile.series.map((s) => {
          const id = s.biomarker.id;
          const expanded = open.has(id);
          const chartId = `trend-${id}`;
          return (
            <li key={id} className={`marker-card${s.stale ? ' marker-card--stale' : ''}`}>
              <h3 className="marker-name">{markerName(t, s.biomarker)}</h3>
              <p className="marker-value">
                <span className="num">{formatQuantity(t, s.latest, s.biomarker)}</span>{' '}
                <time className="muted" dateTime={s.latest.day}>
                  {t.t('app.biomarkers.taken', { date: t.date(s.latest.day) })}
                </time>
              </p>
              <FlagText series={s} withRange />
              <p className="marker-trend">
                <TrendText series={s} />
              </p>
              <Notes series={s} />
              <TrendToggle series={s} expanded={expanded} chartId={chartId} onToggle={() => toggle(id)} />
              {expanded && (
                <div id={chartId} className="marker-chart">
                  <Chart series={s} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Latest value of every immune marker, with range, flag, thresholds and trend; each expands a chart. */
export function BiomarkerTableBody({ profile }: { profile: ImmuneProfile }) {
  const narrow = useNarrow();
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  if (profile.series.length === 0) {
    return <p className="empty">{pageTranslator().t('app.biomarkers.empty')}</p>;
  }
  return narrow ? (
    <MarkerCards profile={profile} open={open} toggle={toggle} />
  ) : (
    <div className="table-scroll">
      <MarkerTable profile={profile} open={open} toggle={toggle} />
    </div>
  );
}

export default BiomarkerTableBody;
