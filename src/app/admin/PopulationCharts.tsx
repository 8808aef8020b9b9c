import 'uplot/dist/uPlot.min.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { pageTranslator } from '../language.js';

/**
 * The population dashboard's charts, drawn by uPlot on a canvas: the monthly trend (go-live
 * marked) and bar charts by category. Each chart's figure carries a caption and the same numbers
 * as a table for screen readers (and where a canvas cannot draw).
 */

const HEIGHT = 240;
const BLUE = '#1f4e9c';
const GREEN = '#2e7d4f';
const MARK = '#b3261e';

function plotWidth(el: HTMLElement): number {
  return Math.max(280, Math.min(el.clientWidth || 640, 960));
}

type Build = (UPlot: typeof uPlot, el: HTMLDivElement) => uPlot;

/** A uPlot chart built once uPlot is loaded (it is in the lazy chunk), rebuilt when `build` changes. */
function Chart({ build, caption }: { build: Build; caption: string }) {
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    let chart: uPlot | undefined;
    let cancelled = false;
    import('uplot')
      .then(({ default: UPlot }) => {
        if (!cancelled) chart = build(UPlot, el);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [build]);
  return (
    <figure className="pop-chart">
      <figcaption>{caption}</figcaption>
      {!failed && <div ref={holder} className="pop-canvas" aria-hidden="true" />}
    </figure>
  );
}

const monthSeconds = (month: string) => Date.parse(`${month}-01T00:00:00Z`) / 1000;

export interface TrendPoint {
  month: string;
  dot: number | null;
  indicated: number | null;
}

/** Days of therapy per 1,000 (left axis) and the share indicated in % (right axis), go-live dashed. */
export function PopulationTrend({ points, goLive }: { points: readonly TrendPoint[]; goLive: string | null }) {
  const t = pageTranslator();
  const build = useCallback<Build>(
    (UPlot, el) => {
      const goLiveX = goLive ? monthSeconds(goLive.slice(0, 7)) : undefined;
      return new UPlot(
        {
          width: plotWidth(el),
          height: HEIGHT,
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: true }, pct: { range: [0, 100] } },
          axes: [
            {},
            { label: t.t('admin.population.series.dot') },
            { scale: 'pct', side: 1, label: t.t('admin.population.series.indicated'), grid: { show: false } },
          ],
          series: [
            {},
            { label: t.t('admin.population.series.dot'), stroke: BLUE, width: 2, points: { show: true } },
            {
              label: t.t('admin.population.series.indicated'),
              stroke: GREEN,
              width: 2,
              scale: 'pct',
              points: { show: true },
            },
          ],
          hooks: {
            draw: [
              (u) => {
                if (goLiveX === undefined) return;
                const x = u.valToPos(goLiveX, 'x', true);
                const ctx = u.ctx;
                ctx.save();
                ctx.strokeStyle = MARK;
                ctx.lineWidth = 2;
                ctx.setLineDash([6, 4]);
                ctx.beginPath();
                ctx.moveTo(x, u.bbox.top);
                ctx.lineTo(x, u.bbox.top + u.bbox.height);
                ctx.stroke();
                ctx.restore();
              },
            ],
          },
        },
        [
          points.map((p) => monthSeconds(p.month)),
          points.map((p) => p.dot),
          points.map((p) => (p.indicated === null ? null : p.indicated * 100)),
        ],
        el,
      );
    },
    [points, goLive, t],
  );
  return <Chart build={build} caption={t.t('admin.population.trend.caption')} />;
}

/** Vertical bars, one per category (a class, a course length). */
export function PopulationBars({
  labels,
  values,
  caption,
  series,
}: {
  labels: readonly string[];
  values: readonly number[];
  caption: string;
  series: string;
}) {
  const build = useCallback<Build>(
    (UPlot, el) =>
      new UPlot(
        {
          width: plotWidth(el),
          height: HEIGHT,
          cursor: { drag: { x: false, y: false } },
          legend: { show: false },
          scales: {
            x: { time: false, range: [-0.5, labels.length - 0.5] },
            y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
          },
          axes: [
            { values: (_u, splits) => splits.map((i) => labels[i] ?? ''), splits: () => labels.map((_, i) => i) },
            {},
          ],
          series: [
            {},
            {
              label: series,
              fill: BLUE,
              stroke: BLUE,
              paths: UPlot.paths.bars?.({ size: [0.6, 64] }),
              points: { show: false },
            },
          ],
        },
        [labels.map((_, i) => i), [...values]],
        el,
      ),
    [labels, values, series],
  );
  return <Chart build={build} caption={caption} />;
}
