import { describeResult, formatResult } from '../biomarkers/display.js';
import type { BiomarkerSeries } from '../biomarkers/profile.js';
import { DAY_MS } from '../drugs/dosage.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { ConditionCategory, DrugRole } from '../drugs/types.js';
import { type Translator, translator } from '../messages/translator.js';
import type { ClassifiedCondition, PatientContext } from './context.js';
import type { EvidenceRef, RuleInput } from './types.js';

/** Questions rules ask of the patient context, answered one way for every rule. */

function union(
  a: readonly RecognizedOrder[] | undefined,
  b: readonly RecognizedOrder[] | undefined,
): RecognizedOrder[] {
  if (!a || a.length === 0) return b ? [...b] : [];
  if (!b || b.length === 0) return [...a];
  return [...new Set([...a, ...b])];
}

/** History and draft orders with a role (each once). */
export function ordersWithRole(input: RuleInput, role: DrugRole): RecognizedOrder[] {
  return union(input.context.historyIndex.byRole.get(role), input.draftIndex.byRole.get(role));
}

/** History and draft orders with an agent in one of the classes (each once). */
export function ordersInClasses(input: RuleInput, classIds: readonly string[]): RecognizedOrder[] {
  const found = classIds.flatMap((id) =>
    union(input.context.historyIndex.byClass.get(id), input.draftIndex.byClass.get(id)),
  );
  return classIds.length > 1 ? [...new Set(found)] : found;
}

const CURRENT_STATUSES = new Set(['active', 'on-hold', 'draft', 'unknown']);

function isoDay(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** Whether an order is being taken now: current status and not past its end. */
export function isCurrent(order: RecognizedOrder, nowMs: number): boolean {
  if (!CURRENT_STATUSES.has(order.status)) return false;
  return order.course.endMs === undefined || order.course.endMs >= nowMs;
}

/** When an order's exposure ended (undefined while it goes on). */
export function endedAt(order: RecognizedOrder, nowMs: number): number | undefined {
  if (isCurrent(order, nowMs)) return undefined;
  return order.course.endMs ?? order.course.startMs ?? order.authoredOnMs;
}

/**
 * Other orders (history plus the other drafts) with a role, systemic only, that are current or
 * ended within `withinDays`.
 */
export function exposures(
  input: RuleInput,
  role: DrugRole,
  options: { withinDays?: number; includeDrafts?: boolean } = {},
): RecognizedOrder[] {
  const { context, order } = input;
  const nowMs = context.nowMs;
  const pool =
    options.includeDrafts === false ? (context.historyIndex.byRole.get(role) ?? []) : ordersWithRole(input, role);
  return pool.filter((o) => {
    if (o === order || !o.systemic || !o.roles.has(role)) return false;
    if (isCurrent(o, nowMs)) return true;
    if (options.withinDays === undefined) return false;
    const ended = endedAt(o, nowMs);
    return ended !== undefined && nowMs - ended <= options.withinDays * DAY_MS;
  });
}

export function orderEvidence(order: RecognizedOrder, nowMs: number, t: Translator = translator()): EvidenceRef {
  const start = isoDay(order.course.startMs);
  return {
    reference: order.reference,
    display: t.t('evidence.order', { order: order.display, course: courseText(t, order, nowMs) }),
    ...(start ? { date: start } : {}),
  };
}

export function activeConditions(context: PatientContext, category: ConditionCategory): ClassifiedCondition[] {
  return context.conditions.filter((c) => c.active && c.categories.has(category));
}

export function conditionEvidence(c: ClassifiedCondition): EvidenceRef {
  const onset = isoDay(c.onsetMs);
  return { reference: c.reference, display: c.display, ...(onset ? { date: onset } : {}) };
}

/** The current (not stale) series of a marker, if any. */
export function currentSeries(context: PatientContext, biomarker: string): BiomarkerSeries | undefined {
  const s = context.profile.series.find((x) => x.biomarker.id === biomarker);
  return s && !s.stale ? s : undefined;
}

export function seriesOf(context: PatientContext, biomarker: string): BiomarkerSeries | undefined {
  return context.profile.series.find((x) => x.biomarker.id === biomarker);
}

export function measurementEvidence(s: BiomarkerSeries, t: Translator = translator()): EvidenceRef {
  return {
    reference: s.latest.derived ? s.latest.derived.inputs.join(' + ') : s.latest.sourceId,
    display: describeResult(t, s.latest, s.biomarker),
    date: s.latest.day,
  };
}

export function daysBetween(aMs: number, bMs: number): number {
  return Math.round(((bMs - aMs) / DAY_MS) * 10) / 10;
}

/** "CD4 330 cells/µL, 15 Sep 2026" (a stale result says so). */
export function resultText(t: Translator, s: BiomarkerSeries): string {
  return t.t(s.stale ? 'result.datedStale' : 'result.dated', {
    result: formatResult(t, s.latest, s.biomarker),
    date: t.date(s.latest.day),
  });
}

/** When an order runs: "since 9 Feb 2026", "9 Feb 2026 – 25 Jan 2027", "ended 22 Oct 2026". */
export function courseText(t: Translator, order: RecognizedOrder, nowMs: number): string {
  const { startMs, endMs } = order.course;
  if (!isCurrent(order, nowMs)) {
    const ended = endedAt(order, nowMs);
    return ended === undefined ? t.t('course.undated') : t.t('course.ended', { date: t.date(ended) });
  }
  if (startMs === undefined)
    return endMs === undefined ? t.t('course.current') : t.t('course.until', { end: t.date(endMs) });
  if (endMs === undefined) return t.t('course.since', { start: t.date(startMs) });
  return t.t('course.span', { start: t.date(startMs), end: t.date(endMs) });
}

export { isoDay };
