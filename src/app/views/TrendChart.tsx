import 'uplot/dist/uPlot.min.css';
import { useEffect, useId, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { displayUnit, formatQuantity, formatRange, readResult } from '../../core/biomarkers/display.js';
import type { BiomarkerSeries } from '../../core/biomarkers/profile.js';
import { markerName } from '../../core/messages/names.js';
import { pageTranslator } from '../language.js';

const HEIGHT = 220;
const BAND_FILL = 'rgba(22, 120, 60, 0.12)';
const LINE = '#1f4e9c';

function plotWidth(el: HTMLElement): number {
  const w = el.clientWidth;
  return w > 0 ? Math.min(w, 900) : 600;
}

const MONTH_S = 30 * 86_400;

/** A single result gets a month either side instead of an arbitrary span. */
const xRange: uPlot.Range.Function = (_u, min, max) => {
  if (max - min >= MONTH_S) return [min, max];
  const mid = (min + max) / 2;
  return [mid - MONTH_S, mid + MONTH_S];
};

/** The y range covers the values and the reference band, with a little air. */
function yRange(low: number | undefined, high: number | undefined): uPlot.Range.Function {
  return (_u, min, max) => {
    const lo = Math.min(min, low ?? min);
    const hi = Math.max(max, high ?? max);
    const pad = (hi - lo || Math.abs(hi) || 1) * 0.1;
    return [lo - pad < 0 && lo >= 0 ? 0 : lo - pad, hi + pad];
  };
}

/**
 * A biomarker's history as a line over time, the reference range shaded. uPlot draws on a
 * canvas; the data table beside it is what screen readers (and environments without a canvas)
 * get. uPlot is loaded here, in the lazy chart chunk.
 */
export function TrendChart({ series }: { series: BiomarkerSeries }) {
  const t = pageTranslator();
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const captionId = useId();
  // Values and range in the unit the latest result is shown in.
  const unit = displayUnit(series.biomarker, series.latest);
  const range = series.latest.referenceRange;
  const low = range?.low === undefined ? undefined : range.low * unit.factor;
  const high = range?.high === undefined ? undefined : range.high * unit.factor;
  const unitLabel = t.unit(unit.ucum);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    let chart: uPlot | undefined;
    let cancelled = false;
    const xs = series.history.map((m) => m.epochMs / 1000);
    const ys = series.history.map((m) => m.value * unit.factor);
    import('uplot')
      .then(({ default: UPlot }) => {
        if (cancelled) return;
        const options: uPlot.Options = {
          width: plotWidth(el),
          height: HEIGHT,
          legend: { show: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: true, range: xRange }, y: { range: yRange(low, high) } },
          axes: [{}, { label: unitLabel }],
          series: [{}, { label: series.biomarker.short, stroke: LINE, width: 2, points: { show: true, size: 7 } }],
          hooks: {
            drawClear: [
              (u) => {
                if (low === undefined && high === undefined) return;
                const ctx = u.ctx;
                const top = high === undefined ? u.bbox.top : u.valToPos(high, 'y', true);
                const bottom = low === undefined ? u.bbox.top + u.bbox.height : u.valToPos(low, 'y', true);
                ctx.save();
                ctx.fillStyle = BAND_FILL;
                ctx.fillRect(
                  u.bbox.left,
                  Math.max(top, u.bbox.top),
                  u.bbox.width,
                  Math.min(bottom, u.bbox.top + u.bbox.height) - Math.max(top, u.bbox.top),
                );
                ctx.restore();
              },
            ],
          },
        };
        chart = new UPlot(options, [xs, ys], el);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      try {
        chart?.destroy();
      } catch {
        // a chart that never drew has nothing to clean up
      }
    };
  }, [series, low, high, unit.factor, unitLabel]);

  const shownRange = formatRange(t, series.latest, series.biomarker);
  const rangeText = shownRange ? t.t('app.chart.range', { range: shownRange }) : t.t('app.chart.noRange');
  return (
    <figure className="trend-chart">
      <figcaption id={captionId}>
        {t.t('app.chart.caption', {
          marker: markerName(t, series.biomarker),
          count: series.history.length,
          range: rangeText,
        })}
      </figcaption>
      {!failed && <div ref={holder} className="trend-chart-canvas" aria-hidden="true" />}
      {failed && <p className="muted">{t.t('app.chart.cannotDraw')}</p>}
      <table className={failed ? 'trend-table' : 'trend-table visually-hidden'} aria-describedby={captionId}>
        <caption>{t.t('app.chart.tableCaption', { marker: markerName(t, series.biomarker) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('app.chart.column.date')}</th>
            <th scope="col">{t.t('app.chart.column.value')}</th>
            <th scope="col">{t.t('app.chart.column.flag')}</th>
          </tr>
        </thead>
        <tbody>
          {series.history.map((m) => (
            <tr key={`${m.sourceId}|${m.time}`}>
              <td>
                <time dateTime={m.day}>{t.date(m.day)}</time>
              </td>
              <td>{formatQuantity(t, m, series.biomarker)}</td>
              <td>{readResult(t, m, series.biomarker).flag}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export default TrendChart;
