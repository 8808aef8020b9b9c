import { catalogLoincCodes } from '../biomarkers/catalog.js';

/**
 * What ImmunoSteward reads of a record, defined once for the app's queries and the service's
 * prefetch templates: Observations by the catalog's LOINC codes plus the site's local lab codes
 * (Epic refuses code-less Observation searches), and MedicationRequests with the statuses that
 * keep treatment history (the rules need completed and stopped orders).
 */
export const MEDICATION_STATUSES = 'active,on-hold,completed,stopped';

/** The largest page size every EHR accepts (Oracle Health caps `_count` at 200). */
export const PAGE_SIZE = 200;

export function observationCodes(localLabCodes: readonly { system: string; code: string }[] = []): string[] {
  return [
    ...catalogLoincCodes().map((c) => `http://loinc.org|${c}`),
    ...localLabCodes.map((c) => `${c.system}|${c.code}`),
  ];
}
