import { biomarkerById } from '../biomarkers/catalog.js';
import { formatResult } from '../biomarkers/display.js';
import type { Measurement } from '../biomarkers/measurement.js';
import type { MonitoringTest } from '../drugs/types.js';
import { markerShort } from '../messages/names.js';
import type { Translator } from '../messages/translator.js';
import type { ImmunoCourse } from './course-model.js';
import { orderEvidence } from './exposure.js';
import type { EvidenceRef, Suggestion } from './types.js';

/** How the course rules write a test, a result and a course: one way for all five. */

/** "CBC", "TSH"; a test without a name of its own is the list of its markers ("ALT, AST"). */
export function testName(t: Translator, test: MonitoringTest): string {
  const key = `monitoringTest.${test.id}`;
  return t.has(key) ? t.t(key) : markerNames(t, test.markers);
}

/** "ALC 0.8 ×10⁹/L" */
export function valueText(t: Translator, m: Measurement): string {
  const marker = biomarkerById(m.biomarker);
  return marker ? formatResult(t, m, marker) : `${m.value} ${m.unit}`;
}

/** "ALC 0.8 ×10⁹/L, 1 Sep 2026" */
export function datedValue(t: Translator, m: Measurement): string {
  return t.t('result.dated', { result: valueText(t, m), date: t.date(m.day) });
}

export function resultEvidence(t: Translator, m: Measurement): EvidenceRef {
  return { reference: m.sourceId, display: datedValue(t, m), date: m.day };
}

export function courseEvidence(t: Translator, course: ImmunoCourse, nowMs: number): EvidenceRef[] {
  return course.orders.map((o) => orderEvidence(o, nowMs, t));
}

/** The course's start as a date, or "undated". */
export function startText(t: Translator, course: ImmunoCourse): string {
  return course.startMs === undefined ? t.t('course.undated') : t.date(course.startMs);
}

/** The order-panel suggestion for markers: the first LOINC code of each. */
export function panelOf(t: Translator, markers: readonly string[]): Suggestion | undefined {
  const codes = markers.flatMap((id) => {
    const loinc = biomarkerById(id)?.loinc[0];
    return loinc ? [{ code: loinc.code, display: loinc.display }] : [];
  });
  const unique = codes.filter((c, i) => codes.findIndex((x) => x.code === c.code) === i);
  if (unique.length === 0) return undefined;
  return {
    kind: 'order-panel',
    label: t.t('suggestion.orderPanel', { tests: markerNames(t, markers) }),
    codes: unique,
  };
}

/** "ALC, CD4 count": the short names of catalog markers. */
export function markerNames(t: Translator, markers: readonly string[]): string {
  return t.list(markers.map((id) => biomarkerById(id)).flatMap((m) => (m ? [markerShort(t, m)] : [])));
}
