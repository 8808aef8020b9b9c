import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixture } from './fixtures.js';

/** The demo scenarios that hold a patient (not the clinician's or the neutral orders' file). */
export const DEMO_SCENARIOS = [
  'post-covid',
  'chemo-gcsf',
  'hepatitis-peginterferon',
  'sle-immunodeficiency',
  'healthy-booster',
  'warfarin-omega3',
  'checkpoint-booster',
  'methotrexate-mmr',
  'vitamin-d-excess',
  'child-lysates',
  'hiv-cd4',
] as const;

type Resource = { resourceType: string; id?: string; status?: string };

/**
 * A demo patient's record once its draft order was signed: the Bundle's resources and the
 * scenario's order with the status an EHR gives it on signing (`active`).
 */
export function signedScenario(slug: string): Resource[] {
  const bundle = loadFixture(`demo/${slug}.json`) as { entry: { resource: Resource }[] };
  const order = loadFixture(`demo/${slug}.order.json`) as Resource;
  return [...bundle.entry.map((e) => e.resource), { ...order, status: 'active' }];
}

/** Resources as a Bulk export writes them: one `{Type}.ndjson` file per type, one resource a line. */
export function writeNdjsonDir(dir: string, patients: readonly Resource[][]): void {
  mkdirSync(dir, { recursive: true });
  const byType = new Map<string, string[]>();
  for (const r of patients.flat()) {
    const lines = byType.get(r.resourceType) ?? [];
    lines.push(JSON.stringify(r));
    byType.set(r.resourceType, lines);
  }
  for (const [type, lines] of byType) writeFileSync(join(dir, `${type}.ndjson`), `${lines.join('\n')}\n`);
}

/** The built classification worker (worker threads run JavaScript: `npm run build:node`, which `npm test` runs first). */
export function builtClassifyWorker(): URL {
  const url = new URL('../../dist/cds-hooks/population/classify/worker.js', import.meta.url);
  if (!existsSync(url)) {
    throw new Error(
      'dist/cds-hooks/population/classify/worker.js is missing: run `npm run build:node` (`npm test` does).',
    );
  }
  return url;
}

/** Small FHIR R4 builders for hand-checked populations (same shapes and codes as the demo fixtures). */
export const fhir = {
  patient: (id: string, birthDate = '1970-05-01'): Resource =>
    ({ resourceType: 'Patient', id, gender: 'female', birthDate }) as Resource,
  /** Absolute lymphocytes (LOINC 731-0) in ×10⁹/L, drawn and issued that day. */
  alc: (patient: string, day: string, value: number): Resource =>
    ({
      resourceType: 'Observation',
      id: `${patient}-alc-${day}`,
      status: 'final',
      category: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] },
      ],
      code: {
        coding: [
          { system: 'http://loinc.org', code: '731-0', display: 'Lymphocytes [#/volume] in Blood by Automated count' },
        ],
      },
      subject: { reference: `Patient/${patient}` },
      effectiveDateTime: `${day}T03:20:00Z`,
      issued: `${day}T06:30:00Z`,
      valueQuantity: { value, unit: '10*9/L', system: 'http://unitsofmeasure.org', code: '10*9/L' },
    }) as Resource,
  /** A daily order by ATC code, authored at 09:00 UTC, for `days` days (no end when undefined). */
  order: (
    patient: string,
    id: string,
    atc: string,
    display: string,
    day: string,
    days?: number,
    status = 'completed',
  ): Resource =>
    ({
      resourceType: 'MedicationRequest',
      id,
      status,
      intent: 'order',
      medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: atc, display }], text: display },
      subject: { reference: `Patient/${patient}` },
      authoredOn: `${day}T09:00:00Z`,
      dosageInstruction: [
        {
          text: days === undefined ? 'once daily' : `once daily for ${days} days`,
          timing: {
            repeat: {
              frequency: 1,
              period: 1,
              periodUnit: 'd',
              ...(days === undefined
                ? {}
                : { boundsDuration: { value: days, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' } }),
            },
          },
          route: { text: 'Oral' },
        },
      ],
    }) as Resource,
  /** An encounter from `start` to `end` (ISO days; an ambulatory visit when they are the same day) in a department. */
  encounter: (patient: string, start: string, end: string, department?: string): Resource =>
    ({
      resourceType: 'Encounter',
      id: `${patient}-enc-${start}`,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: start === end ? 'AMB' : 'IMP' },
      subject: { reference: `Patient/${patient}` },
      period: { start: `${start}T08:00:00Z`, end: `${end}T${start === end ? '08:40' : '12:00'}:00Z` },
      ...(department ? { serviceType: { coding: [{ display: department }], text: department } } : {}),
    }) as Resource,
};
