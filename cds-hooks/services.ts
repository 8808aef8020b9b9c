import type { SiteConfig } from '../src/core/config/schema.js';
import { MEDICATION_STATUSES, observationCodes, PAGE_SIZE } from '../src/core/fhir/queries.js';
import type { HookName } from './hook-request.js';

/**
 * The three CDS services and their prefetch templates. Templates use only CDS Hooks 2.0 tokens
 * (`{{context.patientId}}`), are Epic-safe (every Observation query names codes) and ask for
 * completed and stopped MedicationRequests too: the rules need treatment history.
 */

export interface PrefetchKey {
  template: string;
  /** Without these the rules cannot run safely: unobtainable → 412. Others degrade with a note. */
  required: boolean;
  /** What the key holds, for card notes. */
  label: string;
}

export interface ServiceDefinition {
  id: string;
  hook: HookName;
  title: string;
  description: string;
  usageRequirements: string;
}

export const SERVICES: readonly ServiceDefinition[] = [
  {
    id: 'immunosteward-order-sign',
    hook: 'order-sign',
    title: 'ImmunoSteward: immunomodulator orders at signing',
    description:
      'Checks immunostimulant, interferon, bacterial-lysate, thymic-peptide, nutritional-immunomodulator and vaccine orders against the immune profile, course limits and interactions (vaccines, anticoagulants, antineoplastics), with sourced evidence.',
    usageRequirements:
      'Prefetch or FHIR access to the patient, immune laboratory Observations, MedicationRequests (active, on-hold, completed, stopped), Conditions and Immunizations. Without them the service answers 412.',
  },
  {
    id: 'immunosteward-order-select',
    hook: 'order-select',
    title: 'ImmunoSteward: immunomodulator orders at selection',
    description:
      'The order-sign checks for the selected draft orders, early in the ordering workflow; the other draft orders are taken into account.',
    usageRequirements: 'As immunosteward-order-sign.',
  },
  {
    id: 'immunosteward-patient-view',
    hook: 'patient-view',
    title: 'ImmunoSteward: immune profile summary',
    description:
      "At most one card when the patient's immune profile shows a deficit or a current immunomodulator needs review, with a link to the ImmunoSteward app.",
    usageRequirements: 'As immunosteward-order-sign; the SMART app link needs the app registered with the EHR.',
  },
];

export function serviceById(id: string): ServiceDefinition | undefined {
  return SERVICES.find((s) => s.id === id);
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

/** The discovery document (no null and no empty values). */
export function discovery(config: SiteConfig) {
  const keys = prefetchKeys(config);
  const prefetch = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.template]));
  return {
    services: SERVICES.map((s) => ({
      hook: s.hook,
      id: s.id,
      title: s.title,
      description: s.description,
      usageRequirements: s.usageRequirements,
      prefetch,
    })),
  };
}

/** Fills the 2.0 context tokens of a template. */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{context\.(\w+)\}\}/g, (_m, key: string) =>
    encodeURIComponent(String(context[key] ?? '')),
  );
}
