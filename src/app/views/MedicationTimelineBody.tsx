import type { RecognizedOrder } from '../../core/drugs/orders.js';
import { isCurrent } from '../../core/rules/exposure.js';

const DAY_MS = 86_400_000;

function isoDay(ms: number | undefined): string | undefined {
  return ms === undefined || Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

const EVIDENCE_TEXT: Record<string, string> = {
  established: 'established evidence',
  limited: 'limited evidence',
  weak: 'weak evidence',
};

interface Row {
  order: RecognizedOrder;
  current: boolean;
  progress: string;
  /** Fraction of the planned course elapsed, for the bar (bounded courses only). */
  fraction?: number;
}

function progressOf(order: RecognizedOrder, current: boolean, nowMs: number): Omit<Row, 'order' | 'current'> {
  const { startMs, endMs, bounded, plannedDays } = order.course;
  const planned =
    plannedDays ??
    (startMs !== undefined && endMs !== undefined ? Math.max(1, Math.round((endMs - startMs) / DAY_MS)) : undefined);
  if (startMs === undefined) {
    return {
      progress: bounded && planned !== undefined ? `${planned} days planned, start not recorded` : 'start not recorded',
    };
  }
  const lastMs = current ? nowMs : Math.min(nowMs, endMs ?? nowMs);
  const elapsed = Math.max(0, Math.floor((lastMs - startMs) / DAY_MS) + 1);
  if (!bounded) return { progress: current ? `day ${elapsed}, no end date` : 'no end date' };
  if (planned === undefined) return { progress: current ? `day ${elapsed}` : 'ended' };
  if (startMs > nowMs) return { progress: `starts ${isoDay(startMs)}, ${planned} days planned`, fraction: 0 };
  const shown = Math.min(elapsed, planned);
  return {
    progress: current ? `day ${shown} of ${planned}` : `${planned} days planned`,
    fraction: current ? shown / planned : 1,
  };
}

/** Current and past immunomodulator courses: what, which class, how far into the course. */
export function MedicationTimelineBody({ orders, nowMs }: { orders: RecognizedOrder[]; nowMs: number }) {
  if (orders.length === 0) {
    return <p className="empty">No immunomodulators or interacting drugs in the medication record.</p>;
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
      <TimelineGroup title="Current" rows={current} empty="No current courses." />
      <TimelineGroup title="Past" rows={past} empty="No past courses." />
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
  const { order, current, progress, fraction } = row;
  const first = order.agents[0];
  const evidence = first?.agent?.evidence ?? first?.drugClass.evidence;
  const start = isoDay(order.course.startMs) ?? 'start not recorded';
  const end = order.course.bounded ? (isoDay(order.course.endMs) ?? 'end not recorded') : 'no end date';
  return (
    <li className={`course course--${current ? 'current' : 'past'}`}>
      <div className="course-head">
        <span className="course-name">{order.display}</span>
        <span className={`badge badge--${current ? 'current' : 'past'}`}>
          <span aria-hidden="true">{current ? '● ' : '○ '}</span>
          {current ? 'Current' : 'Past'}
        </span>
      </div>
      <p className="course-meta">
        {[
          first ? first.drugClass.display : 'Unclassified',
          evidence ? (EVIDENCE_TEXT[evidence] ?? evidence) : undefined,
          first?.agent && first.agent.name !== order.display ? first.agent.name : undefined,
          `status ${order.status}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p className="course-dates">
        <span>
          {start} → {end}
        </span>
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
