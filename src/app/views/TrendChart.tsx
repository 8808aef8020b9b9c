import 'uplot/dist/uPlot.min.css';
import { useEffect, useId, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { displayUnit, formatQuantity, formatRange, readResult } from '../../core/biomarkers/display.js';
import type { BiomarkerSeries } from '../../core/biomarkers/profile.js';
import { markerName } from '../../core/messages/names.js';
import { pageTranslator } from '../language.js';

const HEIGHT = 220;
const BAND_FILL = 'rgba(22, 120, 60, 0.12)';
const SPAN_FILL = 'rgba(31, 78, 156, 0.14)';
const SPAN_EDGE = 'rgba(31, 78, 156, 0.55)';
const LINE = '#1f4e9c';

function plotWidth(el: HTMLElement): number {
  const w = el.clientWidth;
  return w > 0 ? Math.min(w, 900) : 600;
}

const MONTH_S = 30 * 86_400;

/** A course drawn over the chart: its start and its planned end (or today, while it runs). */
export interface ChartSpan {
  startMs: number;
  endMs: number;
}

/**
 * A single result gets a month either side instead of an arbitrary span; a course's span is
 * always in view.
 */
function xRange(span: ChartSpan | undefined): uPlot.Range.Function {
  return (_u, dataMin, dataMax) => {
    const min = span ? Math.min(dataMin, span.startMs / 1000) : dataMin;
    const max = span ? Math.max(dataMax, span.endMs / 1000) : dataMax;
    if (max - min >= MONTH_S) return [min, max];
    const mid = (min + max) / 2;
    return [mid - MONTH_S, mid + MONTH_S];
  };
}

/** The course as a shaded column with its edges drawn, behind the line. */
function drawSpan(u: uPlot, span: ChartSpan): void {
  const left = Math.max(u.valToPos(span.startMs / 1000, 'x', true), u.bbox.left);
  const right = Math.min(u.valToPos(span.endMs / 1000, 'x', true), u.bbox.left + u.bbox.width);
  if (right <= left) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.fillStyle = SPAN_FILL;
  ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
  ctx.strokeStyle = SPAN_EDGE;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(left, u.bbox.top);
  ctx.lineTo(left, u.bbox.top + u.bbox.height);
  ctx.moveTo(right, u.bbox.top);
  ctx.lineTo(right, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.restore();
}

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
 * A biomarker's history as a line over time, the reference range shaded (and a course's span, when
 * given, as a column). uPlot draws on a canvas; the data table beside it is what screen readers
 * (and environments without a canvas) get. uPlot is loaded here, in the lazy chart chunk.
 */
export function TrendChart({ series, span }: { series: BiomarkerSeries; span?: ChartSpan | undefined }) {
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
  // The effect depends on the span's instants, not on the object a parent builds each render.
  const spanStart = span?.startMs;
  const spanEnd = span?.endMs;

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    let chart: uPlot | undefined;
    let cancelled = false;
    const course =
      spanStart === undefined || spanEnd === undefined ? undefined : { startMs: spanStart, endMs: spanEnd };
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
          scales: { x: { time: true, range: xRange(course) }, y: { range: yRange(low, high) } },
          axes: [{}, { label: unitLabel }],
          series: [{}, { label: series.biomarker.short, stroke: LINE, width: 2, points: { show: true, size: 7 } }],
          hooks: {
            drawClear: [
              (u) => {
                if (course) drawSpan(u, course);
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
  }, [series, spanStart, spanEnd, low, high, unit.factor, unitLabel]);

  const shownRange = formatRange(t, series.latest, series.biomarker);
  const rangeText = shownRange ? t.t('app.chart.range', { range: shownRange }) : t.t('app.chart.noRange');
  const caption = {
    marker: markerName(t, series.biomarker),
    count: series.history.length,
    range: rangeText,
  };
  return (
    <figure className="trend-chart">
      <figcaption id={captionId}>
        {span
          ? t.t('app.chart.captionWithCourse', {
              ...caption,
              course: t.t('app.chart.courseSpan', { start: t.date(span.startMs), end: t.date(span.endMs) }),
            })
          : t.t('app.chart.caption', caption)}
      </figcaption>
      {!failed && <div ref={holder} className="trend-chart-canvas" aria-hidden="true" />}
      {failed && <p className="muted">{t.t('app.chart.cannotDraw')}</p>}
      {/* Hidden in a box, not on the table itself: a table cannot be made 1 px wide and would widen the page. */}
      <div className={failed ? undefined : 'visually-hidden'}>
        <table className="trend-table" aria-describedby={captionId}>
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
      </div>
    </figure>
  );
}

export default TrendChart;
