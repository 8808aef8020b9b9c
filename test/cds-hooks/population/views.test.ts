import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePopulation } from '../../../cds-hooks/population/synthetic/generate.js';
import { compileView, type Row } from '../../../cds-hooks/population/views/runner.js';
import { VIEW_NAMES, VIEWS, type ViewName } from '../../../cds-hooks/population/views/views.js';
import { DEMO_SCENARIOS } from '../../helpers/population.js';

/**
 * The warehouse's ViewDefinitions on the demo patients' resources (test/fixtures/demo/), each
 * expected row written by reading the fixture.
 */

const DEMO = join(process.cwd(), 'test/fixtures/demo');

type Resource = { resourceType: string; id: string } & Record<string, unknown>;

function bundle(slug: string): Resource[] {
  const b = JSON.parse(readFileSync(join(DEMO, `${slug}.json`), 'utf8')) as { entry: { resource: Resource }[] };
  return b.entry.map((e) => e.resource);
}

function order(slug: string): Resource {
  return JSON.parse(readFileSync(join(DEMO, `${slug}.order.json`), 'utf8')) as Resource;
}

function rows(name: ViewName, resources: Resource[]): Row[] {
  const view = compileView(VIEWS[name]);
  return resources.flatMap((r) => view.rows(r));
}

const byId = (list: Row[], id: string) => list.filter((r) => r.id === id);

describe('the view files', () => {
  it('are standard ViewDefinitions named after their tables, every column typed', () => {
    for (const name of VIEW_NAMES) {
      const view = VIEWS[name];
      expect(view.resourceType).toBe('ViewDefinition');
      expect(view.name).toBe(name);
      const compiled = compileView(view);
      expect(compiled.columns[0]?.name).toBe('id');
      for (const column of compiled.columns) expect(column.type, `${name}.${column.name}`).toBeTruthy();
    }
  });

  it("use only the FHIRPath functions the official suite's shareable tests exercise", () => {
    // The subset every conformant runner (Pathling, Aidbox, …) implements: no iif(), select(), substring().
    const suite = [
      'ofType',
      'where',
      'exists',
      'first',
      'join',
      'getResourceKey',
      'getReferenceKey',
      'extension',
      'empty',
      'not',
    ];
    const paths = JSON.stringify(VIEWS).match(/"(?:path|forEach|forEachOrNull)":\s*"[^"]*"/g) ?? [];
    const functions = new Set(paths.flatMap((p) => [...p.matchAll(/([A-Za-z]+)\(/g)].map((m) => m[1] as string)));
    expect([...functions].filter((f) => !suite.includes(f))).toEqual([]);
    expect(functions).toContain('getReferenceKey');
  });
});

describe('course_orders', () => {
  const hepatitis = [...bundle('hepatitis-peginterferon'), order('hepatitis-peginterferon')];
  const all = rows('course_orders', hepatitis);

  it('the completed peginterferon order: its 24 weeks from boundsPeriod, weekly 180 mcg, ATC', () => {
    expect(byId(all, 'hepatitis-peginterferon-peginterferon-wk0-24')).toEqual([
      {
        id: 'hepatitis-peginterferon-peginterferon-wk0-24',
        patient_id: 'hepatitis-peginterferon',
        status: 'completed',
        intent: 'order',
        authored_on: '2026-05-06T11:00:00+05:00',
        start: '2026-05-11T10:00:00+05:00',
        end: '2026-10-26T10:00:00+05:00',
        duration_value: null,
        duration_unit: null,
        duration_days: null,
        repeat_count: null,
        frequency: 1,
        period: 1,
        period_unit: 'wk',
        dose_value: 180,
        dose_unit: 'ug',
        medication_system: 'http://www.whocc.no/atc',
        medication_code: 'L03AB11',
        medication_text: 'Pegasys (peginterferon alfa-2a) 180 mcg/0.5 mL prefilled syringe',
        atc: 'L03AB11',
        rxnorm: null,
        medication_id: null,
        prior_prescription: null,
        group_identifier: null,
        encounter_id: null,
      },
    ]);
  });

  it('the continuation: its prior prescription, 24 weeks of boundsDuration as 168 days', () => {
    const [draft] = byId(all, 'hepatitis-peginterferon-draft');
    expect(draft).toMatchObject({
      status: 'draft',
      prior_prescription: 'hepatitis-peginterferon-peginterferon-wk0-24',
      start: null,
      end: null,
      duration_value: 24,
      duration_unit: 'wk',
      duration_days: 168,
    });
  });

  it('ribavirin coded by text only: no codes, the text kept', () => {
    expect(byId(all, 'hepatitis-peginterferon-ribavirin')[0]).toMatchObject({
      medication_code: null,
      atc: null,
      medication_text: 'Ribavirin 200 mg tablets',
      frequency: 2,
      period: 1,
      period_unit: 'd',
      end: '2027-04-12T09:00:00+05:00',
    });
  });

  it('filgrastim counted in doses: RxNorm and ATC side by side, 5 administrations, an open end', () => {
    const [filgrastim] = rows('course_orders', [order('chemo-gcsf')]);
    expect(filgrastim).toMatchObject({
      id: 'chemo-gcsf-draft',
      patient_id: 'chemo-gcsf',
      rxnorm: '68442',
      atc: 'L03AA02',
      medication_code: '68442',
      start: '2026-11-01T10:00:00+05:00',
      end: null,
      repeat_count: 5,
    });
  });

  it('an order that references its Medication and names its encounter and group', () => {
    const [row] = rows('course_orders', [
      {
        resourceType: 'MedicationRequest',
        id: 'mr-ref',
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/p-9' },
        encounter: { reference: 'Encounter/e-9' },
        groupIdentifier: { value: 'G-17' },
        medicationReference: { reference: 'Medication/thymalin' },
        dosageInstruction: [{ timing: { repeat: { boundsDuration: { value: 10, code: 'd' } } } }],
      },
    ]);
    expect(row).toMatchObject({
      patient_id: 'p-9',
      medication_id: 'thymalin',
      medication_code: null,
      encounter_id: 'e-9',
      group_identifier: 'G-17',
      duration_days: 10,
    });
  });
});

describe('results', () => {
  const chemo = bundle('chemo-gcsf');

  it('the nadir IgG: LOINC, value and UCUM unit, the date, the lab range 7–16 g/L', () => {
    expect(byId(rows('results', chemo), 'chemo-gcsf-igg-2026-10-30')).toEqual([
      {
        id: 'chemo-gcsf-igg-2026-10-30',
        patient_id: 'chemo-gcsf',
        status: 'final',
        loinc: '2465-3',
        code_system: 'http://loinc.org',
        code: '2465-3',
        value: 5.1,
        unit: 'g/L',
        value_text: null,
        effective: '2026-10-30T08:20:00+05:00',
        ref_low: 7,
        ref_high: 16,
        encounter_id: 'chemo-gcsf-enc-2026-10-30',
      },
    ]);
  });

  it('one row per Observation of the record, no other resource', () => {
    const observations = chemo.filter((r) => r.resourceType === 'Observation');
    expect(rows('results', chemo).map((r) => r.id)).toEqual(observations.map((o) => o.id));
  });

  it('a local code without LOINC and a text result', () => {
    const [row] = rows('results', [
      {
        resourceType: 'Observation',
        id: 'o-local',
        status: 'final',
        code: { coding: [{ system: 'https://lab.example.org/codes', code: 'CD4ABS' }] },
        subject: { reference: 'Patient/p-1' },
        effectivePeriod: { start: '2026-01-02T08:00:00+05:00' },
        valueString: 'haemolysed',
      },
    ]);
    expect(row).toMatchObject({
      loinc: null,
      code_system: 'https://lab.example.org/codes',
      code: 'CD4ABS',
      value: null,
      value_text: 'haemolysed',
      effective: '2026-01-02T08:00:00+05:00',
    });
  });
});

describe('encounters', () => {
  it("the post-COVID inpatient stay: class IMP, 4 to 15 December 2023; the demo's encounters name no place", () => {
    expect(byId(rows('encounters', bundle('post-covid')), 'post-covid-enc-2023-12-04')).toEqual([
      {
        id: 'post-covid-enc-2023-12-04',
        patient_id: 'post-covid',
        status: 'finished',
        class: 'IMP',
        start: '2023-12-04T11:00:00+05:00',
        end: '2023-12-15T12:00:00+05:00',
        location_id: null,
        location: null,
        service_type: null,
        service_type_text: null,
        service_type_display: null,
        service_provider_id: null,
        service_provider: null,
      },
    ]);
  });

  it('where an encounter took place: its location, service type and organisation, each in its column', () => {
    const encounter = (id: string, extra: Record<string, unknown>): Resource => ({
      resourceType: 'Encounter',
      id,
      status: 'finished',
      class: { code: 'IMP' },
      subject: { reference: 'Patient/p-1' },
      ...extra,
    });
    const [ward, service] = rows('encounters', [
      encounter('e-loc', {
        location: [{ location: { reference: 'Location/ward-3', display: 'Haematology ward' } }],
        serviceType: { text: 'Haematology' },
        serviceProvider: { reference: 'Organization/h-1', display: 'City Hospital' },
      }),
      encounter('e-svc', { serviceType: { coding: [{ code: '394916005', display: 'Hematology' }] } }),
    ]);
    expect(ward).toMatchObject({
      location_id: 'ward-3',
      location: 'Haematology ward',
      service_type_text: 'Haematology',
      service_provider_id: 'h-1',
      service_provider: 'City Hospital',
    });
    expect(service).toMatchObject({
      location: null,
      service_type: '394916005',
      service_type_text: null,
      service_type_display: 'Hematology',
      service_provider: null,
    });
  });
});

describe('conditions', () => {
  it('chronic hepatitis C: one row per coding (ICD-10 B18.2, SNOMED CT 128302006), onset 2025-09-16', () => {
    const found = byId(rows('conditions', bundle('hepatitis-peginterferon')), 'hepatitis-peginterferon-chronic-hcv');
    const common = {
      id: 'hepatitis-peginterferon-chronic-hcv',
      patient_id: 'hepatitis-peginterferon',
      clinical_status: 'active',
      verification_status: 'confirmed',
      onset: '2025-09-16',
      abatement: null,
      recorded: '2025-09-16',
    };
    expect(found).toEqual([
      { ...common, system: 'http://hl7.org/fhir/sid/icd-10', code: 'B18.2' },
      { ...common, system: 'http://snomed.info/sct', code: '128302006' },
    ]);
  });

  it('a Condition written in text only still gives its row, with empty codes', () => {
    const found = rows('conditions', [
      {
        resourceType: 'Condition',
        id: 'c-text',
        subject: { reference: 'Patient/p-1' },
        code: { text: 'Frequent colds' },
      },
    ]);
    expect(found).toEqual([
      {
        id: 'c-text',
        patient_id: 'p-1',
        clinical_status: null,
        verification_status: null,
        onset: null,
        abatement: null,
        recorded: null,
        system: null,
        code: null,
      },
    ]);
  });
});

describe('immunizations and patients', () => {
  const hepatitis = bundle('hepatitis-peginterferon');

  it('the three hepatitis B doses: CVX 43 with their dates', () => {
    expect(rows('immunizations', hepatitis).map((r) => [r.id, r.cvx, r.date, r.status])).toEqual([
      ['hepatitis-peginterferon-hepb-1', '43', '2025-10-07T10:00:00+05:00', 'completed'],
      ['hepatitis-peginterferon-hepb-2', '43', '2025-11-06T10:00:00+05:00', 'completed'],
      ['hepatitis-peginterferon-hepb-3', '43', '2026-04-07T10:00:00+05:00', 'completed'],
    ]);
  });

  it('a patient: the record id and gender, nothing that names or dates them', () => {
    const patient = hepatitis.find((r) => r.resourceType === 'Patient') as Resource;
    expect(rows('patients', [patient])).toEqual([{ id: 'hepatitis-peginterferon', gender: 'male' }]);
    expect(patient.birthDate).toBeDefined();
    expect(patient.name).toBeDefined();
    expect(patient.identifier).toBeDefined();
  });
});

describe('the JSON shortcut for plain paths', () => {
  const everyDemoResource = DEMO_SCENARIOS.flatMap((slug) => [...bundle(slug), order(slug)]);
  const synthetic = [
    ...generatePopulation({ patients: 60, anchor: new Date('2026-11-01T00:00:00Z'), fixtures: DEMO }),
  ].flat() as Resource[];
  const awkward: Resource[] = [
    // A primitive with an extension (_status), a contained choice named without ofType, a bare reference string.
    {
      resourceType: 'Observation',
      id: 'o-ext',
      status: 'final',
      _status: { extension: [] },
      subject: { reference: 'Patient/p' },
    },
    {
      resourceType: 'Observation',
      id: 'o-ref',
      subject: { reference: 'http://other/fhir/Patient/p-7' },
      valueInteger: 3,
    },
    {
      resourceType: 'MedicationRequest',
      id: 'mr-odd',
      subject: { reference: 'Group/g-1' },
      medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc' }] },
    },
  ];

  it('gives the very rows Medplum gives, on every view, the demo and 60 synthetic patients', () => {
    const resources = [...everyDemoResource, ...synthetic, ...awkward];
    expect(resources.length).toBeGreaterThan(5_000);
    for (const name of VIEW_NAMES) {
      const quick = compileView(VIEWS[name]);
      const medplum = compileView(VIEWS[name], { fastPaths: false });
      for (const resource of resources) {
        expect(quick.rows(resource), `${name} on ${resource.resourceType}/${resource.id}`).toStrictEqual(
          medplum.rows(resource),
        );
      }
    }
    // A bound against hangs on a busy machine, not a speed target.
  }, 60_000);
});
