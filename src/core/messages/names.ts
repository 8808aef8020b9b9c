import type { Translator } from './translator.js';

/** Names from the knowledge base in the reader's language; the knowledge base's own name otherwise. */

/** "Leukocytes (WBC)", "Лейкоциты (WBC)". */
export function markerName(t: Translator, marker: { id: string; display: string }): string {
  const key = `marker.${marker.id}`;
  return t.has(key) ? t.t(key) : marker.display;
}

/** "Vitamin D and analogues". */
export function className(t: Translator, drugClass: { id: string; display: string }): string {
  const key = `class.${drugClass.id}`;
  return t.has(key) ? t.t(key) : drugClass.display;
}
