import type { Translator } from './translator.js';

/** Names from the knowledge base in the reader's language; the knowledge base's own name otherwise. */

/** "Leukocytes (WBC)", "Лейкоциты (WBC)". */
export function markerName(t: Translator, marker: { id: string; display: string }): string {
  return t.name('marker', marker.id, marker.display);
}

/** "CD4 count", "CD4, абс.": the short standard name a result is written with. */
export function markerShort(t: Translator, marker: { id: string; short: string }): string {
  return t.name('markerShort', marker.id, marker.short);
}

/** "CBC with platelets", "Печёночные пробы (АЛТ, АСТ)": a monitoring plan's test (monitoring-plans.ts). */
export function monitoringTestName(t: Translator, test: { id: string }): string {
  return t.name('monitoringTest', test.id, test.id);
}

/** "Vitamin D and analogues". */
export function className(t: Translator, drugClass: { id: string; display: string }): string {
  return t.name('class', drugClass.id, drugClass.display);
}
