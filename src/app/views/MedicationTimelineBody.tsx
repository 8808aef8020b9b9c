import type { RecognizedOrder } from '../../core/drugs/orders.js';
import { className } from '../../core/messages/names.js';
import { isCurrent } from '../../core/rules/exposure.js';
import { pageTranslator } from '../language.js';

const DAY_MS = 86_400_000;

function day(ms: number | undefined): string | undefined {
  return ms === undefined || Number.isNaN(ms) ? undefined : pageTranslator().date(ms);
}

interface Row {
  order: RecognizedOrder;
  current: boolean;
  progress: string;
  /** Fraction of the planned course elapsed, for the bar (bounded courses only). */
  fraction?: number;
}

function progressOf(order: RecognizedOrder, current: boolean, nowMs: number): Omit<Row, 'order' | 'current'> {
  const t = pageTranslator();
  const { startMs, endMs, bounded, plannedDays } = order.course;
  const planned =
    plannedDays ??
    (startMs !== undefined && endMs !== undefined ? Math.max(1, Math.round((endMs - startMs) / DAY_MS)) : undefined);
  if (startMs === undefined) {
    return {
      progress:
        bounded && planned !== undefined
          ? t.t('app.course.plannedNoStart', { planned: t.duration(planned) })
          : t.t('app.course.startNotRecorded'),
    };
  }
  const lastMs = current ? nowMs : Math.min(nowMs, endMs ?? nowMs);
  const elapsed = Math.max(0, Math.floor((lastMs - startMs) / DAY_MS) + 1);
  if (!bounded) {
    return { progress: current ? t.t('app.course.dayNoEnd', { day: elapsed }) : t.t('app.course.noEnd') };
  }
  if (planned === undefined) {
    return { progress: current ? t.t('app.course.day', { day: elapsed }) : t.t('app.course.ended') };
  }
  if (startMs > nowMs) {
    return {
      progress: t.t('app.course.startsPlanned', { date: day(startMs) ?? '', planned: t.duration(planned) }),
      fraction: 0,
    };
  }
  const shown = Math.min(elapsed, planned);
  return {
    progress: current
      ? t.t('app.course.dayOf', { day: shown, planned })
      : t.t('app.course.planned', { planned: t.duration(planned) }),
    fraction: current ? shown / planned : 1,
  };
}

/** Current and past immunomodulator courses: what, which class, how far into the course. */
export function MedicationTimelineBody({ orders, nowMs }: { orders: RecognizedOrder[]; nowMs: number }) {
  const t = pageTranslator();
  if (orders.length === 0) {
    return <p className="empty">{t.t('app.meds.empty')}</p>;
  }
  const rows: Row[] = orders.map((order) => {
    const current = isCurrent(order, nowMs);
    return { order, current, ...progressOf(order, current, nowMs) };
  });
  const startOf = (r: Row) => r.order.course.startMs ?? r.order.authoredOnMs ?? 0;
  rows.sort((a, b) => Number(b.current) - Number(a.current) || startOf(b) - startOf(a));
  const current = rows.filter((r) => r.current);
  const past = rows.filter((r) => !r.current);
  return (
    <div className="timeline">
      <TimelineGroup title={t.t('app.meds.current')} rows={current} empty={t.t('app.meds.noCurrent')} />
      <TimelineGroup title={t.t('app.meds.past')} rows={past} empty={t.t('app.meds.noPast')} />
    </div>
  );
}

function TimelineGroup({ title, rows, empty }: { title: string; rows: Row[]; empty: string }) {
  return (
    <div className="timeline-group">
      <h3 className="timeline-heading">{title}</h3>
      {rows.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="courses">
          {rows.map((row) => (
            <Course key={row.order.reference} row={row} />
          ))}
        </ul>
      )}
    </div>
  );
}

function Course({ row }: { row: Row }) {
  const t = pageTranslator();
  const { order, current, progress, fraction } = row;
  const first = order.agents[0];
  const evidence = first?.agent?.evidence ?? first?.drugClass.evidence;
  const start = day(order.course.startMs) ?? t.t('app.course.startNotRecorded');
  const end = order.course.bounded
    ? (day(order.course.endMs) ?? t.t('app.course.endNotRecorded'))
    : t.t('app.course.noEnd');
  return (
    <li className={`course course--${current ? 'current' : 'past'}`}>
      <div className="course-head">
        <span className="course-name">{order.display}</span>
        <span className={`badge badge--${current ? 'current' : 'past'}`}>
          {t.t(current ? 'app.meds.current' : 'app.meds.past')}
        </span>
      </div>
      <p className="course-meta">
        {[
          first ? className(t, first.drugClass) : t.t('app.course.unclassified'),
          evidence ? t.t('app.course.evidence', { level: evidence }) : undefined,
          first?.agent && first.agent.name !== order.display ? first.agent.name : undefined,
          // ICU select keys have no hyphens: on-hold → on_hold.
          t.t('app.course.status', { status: order.status.replaceAll('-', '_') }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p className="course-dates">
        <span>{t.t('app.course.dates', { start, end })}</span>
        <span className="course-progress">{progress}</span>
      </p>
      {fraction !== undefined && (
        <div className="course-bar" aria-hidden="true">
          <span className="course-bar-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      )}
    </li>
  );
}

export default MedicationTimelineBody;
