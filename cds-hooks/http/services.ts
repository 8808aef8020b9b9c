import type { SiteConfig } from '../../src/core/config/schema.js';
import { prefetchKeys } from '../data/prefetch-templates.js';
import type { HookName } from './hook-request.js';

/** The three CDS services this service offers and its discovery document (CDS Hooks 2.0 §Discovery). */

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
