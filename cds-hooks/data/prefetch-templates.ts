import type { SiteConfig } from '../../src/core/config/schema.js';
import { MEDICATION_STATUSES, observationCodes, PAGE_SIZE } from '../../src/core/fhir/queries.js';

/**
 * The prefetch templates. They use only CDS Hooks 2.0 tokens (`{{context.patientId}}`), are
 * Epic-safe (every Observation query names codes) and ask for completed and stopped
 * MedicationRequests too: the rules need treatment history.
 */

export interface PrefetchKey {
  template: string;
  /** Without these the rules cannot run safely: unobtainable → 412. Others degrade with a note. */
  required: boolean;
  /** What the key holds, for card notes. */
  label: string;
}

/** The prefetch templates, with the site's local lab codes added to the Observation query. */
export function prefetchKeys(config: SiteConfig): Record<string, PrefetchKey> {
  const codes = observationCodes(config.localCodes.labs);
  return {
    patient: { template: 'Patient/{{context.patientId}}', required: false, label: 'patient demographics' },
    observations: {
      template: `Observation?patient={{context.patientId}}&code=${codes.join(',')}&_count=${PAGE_SIZE}`,
      required: true,
      label: 'immune laboratory results',
    },
    medications: {
      template: `MedicationRequest?patient={{context.patientId}}&status=${MEDICATION_STATUSES}&_count=${PAGE_SIZE}`,
      required: true,
      label: 'medication orders',
    },
    conditions: {
      template: `Condition?patient={{context.patientId}}&_count=${PAGE_SIZE}`,
      required: false,
      label: 'conditions',
    },
    immunizations: {
      template: `Immunization?patient={{context.patientId}}&_count=${PAGE_SIZE}`,
      required: false,
      label: 'immunizations',
    },
  };
}

/** Fills the 2.0 context tokens of a template. */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{context\.(\w+)\}\}/g, (_m, key: string) =>
    encodeURIComponent(String(context[key] ?? '')),
  );
}
