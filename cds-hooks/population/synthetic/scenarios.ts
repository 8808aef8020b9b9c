/**
 * How the synthetic hospital mixes the demo scenarios, and where it treats them. The mix changes at
 * the go-live month: after it, boosters without a documented deficit (the scenarios whose cards say
 * "not indicated") are ordered about half as often — the improvement the trend should show.
 */

export type ScenarioSlug =
  | 'post-covid'
  | 'chemo-gcsf'
  | 'hepatitis-peginterferon'
  | 'sle-immunodeficiency'
  | 'healthy-booster'
  | 'warfarin-omega3'
  | 'checkpoint-booster'
  | 'methotrexate-mmr'
  | 'vitamin-d-excess'
  | 'child-lysates'
  | 'hiv-cd4';

/**
 * A scenario as the population uses it. `healthy-booster` also comes as `healthy-booster-no-labs`:
 * the same booster order with no laboratory results on record ("not indicated, labs unknown").
 */
export type Variant = ScenarioSlug | 'healthy-booster-no-labs';

export const VARIANT_SCENARIO: Record<Variant, ScenarioSlug> = {
  'post-covid': 'post-covid',
  'chemo-gcsf': 'chemo-gcsf',
  'hepatitis-peginterferon': 'hepatitis-peginterferon',
  'sle-immunodeficiency': 'sle-immunodeficiency',
  'healthy-booster': 'healthy-booster',
  'healthy-booster-no-labs': 'healthy-booster',
  'warfarin-omega3': 'warfarin-omega3',
  'checkpoint-booster': 'checkpoint-booster',
  'methotrexate-mmr': 'methotrexate-mmr',
  'vitamin-d-excess': 'vitamin-d-excess',
  'child-lysates': 'child-lysates',
  'hiv-cd4': 'hiv-cd4',
};

/** Patients per 100 whose order is placed before the go-live month, and after it. */
export const MIX: Record<'before' | 'after', Readonly<Record<Variant, number>>> = {
  before: {
    'post-covid': 10,
    'chemo-gcsf': 10,
    'hepatitis-peginterferon': 6,
    'sle-immunodeficiency': 5,
    'hiv-cd4': 6,
    'methotrexate-mmr': 5,
    'vitamin-d-excess': 6,
    'healthy-booster': 18,
    'healthy-booster-no-labs': 8,
    'child-lysates': 12,
    'warfarin-omega3': 8,
    'checkpoint-booster': 6,
  },
  after: {
    'post-covid': 14,
    'chemo-gcsf': 14,
    'hepatitis-peginterferon': 8,
    'sle-immunodeficiency': 7,
    'hiv-cd4': 8,
    'methotrexate-mmr': 3,
    'vitamin-d-excess': 5,
    'healthy-booster': 9,
    'healthy-booster-no-labs': 4,
    'child-lysates': 6,
    'warfarin-omega3': 4,
    'checkpoint-booster': 3,
  },
};

export interface Department {
  /** `Location/<id>` on the encounters. */
  id: string;
  name: string;
}

export const DEPARTMENTS = {
  internal: { id: 'ward-internal-medicine', name: 'Internal medicine ward' },
  oncology: { id: 'ward-oncology-haematology', name: 'Oncology and haematology' },
  infectious: { id: 'clinic-infectious-diseases', name: 'Infectious diseases clinic' },
  paediatrics: { id: 'ward-paediatrics', name: 'Paediatrics' },
} as const satisfies Record<string, Department>;

/** Where each scenario's order is placed. */
export const DEPARTMENT_OF: Record<ScenarioSlug, Department> = {
  'post-covid': DEPARTMENTS.infectious,
  'chemo-gcsf': DEPARTMENTS.oncology,
  'hepatitis-peginterferon': DEPARTMENTS.infectious,
  'sle-immunodeficiency': DEPARTMENTS.internal,
  'healthy-booster': DEPARTMENTS.internal,
  'warfarin-omega3': DEPARTMENTS.internal,
  'checkpoint-booster': DEPARTMENTS.oncology,
  'methotrexate-mmr': DEPARTMENTS.internal,
  'vitamin-d-excess': DEPARTMENTS.internal,
  'child-lysates': DEPARTMENTS.paediatrics,
  'hiv-cd4': DEPARTMENTS.infectious,
};

/** Share of each scenario's patients admitted (an inpatient stay) when the order is placed. */
export const ADMITTED: Record<ScenarioSlug, number> = {
  'post-covid': 0.5,
  'chemo-gcsf': 0.6,
  'hepatitis-peginterferon': 0.1,
  'sle-immunodeficiency': 0.4,
  'healthy-booster': 0.05,
  'warfarin-omega3': 0.3,
  'checkpoint-booster': 0.3,
  'methotrexate-mmr': 0.05,
  'vitamin-d-excess': 0.05,
  'child-lysates': 0.2,
  'hiv-cd4': 0.1,
};

/** The hospital every encounter names as its service provider (synthetic). */
export const HOSPITAL = { reference: 'Organization/demo-hospital', display: 'ImmunoSteward demo hospital' };

export const FAMILY_NAMES = [
  'Karimov',
  'Rakhimov',
  'Tashkentov',
  'Usmonov',
  'Abdullayev',
  'Yuldashev',
  'Sobirov',
  'Nazarov',
  'Ismoilov',
  'Qosimov',
];
export const GIVEN_NAMES = {
  female: ['Dilnoza', 'Madina', 'Nilufar', 'Sevara', 'Kamola', 'Zulfiya', 'Barno', 'Mohira'],
  male: ['Bekzod', 'Sherzod', 'Jasur', 'Rustam', 'Otabek', 'Aziz', 'Farrukh', 'Ulugbek'],
};
