import { describe, expect, it } from 'vitest';
import { courseOf, DAY_MS, dosePerDay } from '../../../src/core/drugs/dosage.js';
import { recognizeMedicationRequest } from '../../../src/core/drugs/orders.js';
import { DrugRecognizer } from '../../../src/core/drugs/recognize.js';
import { medicationRequest as schema } from '../../../src/core/fhir/schemas.js';
import { run } from '../../helpers/evaluate.js';
import {
  ATC,
  condition,
  drugs,
  medicationRequest,
  normalPanel,
  RXNORM,
  vaccineServiceRequest,
} from '../../helpers/orders.js';

const recognizer = new DrugRecognizer([
  { system: 'https://pharmacy.example.org/formulary', code: 'PO-6', agent: 'azoximer-bromide' },
]);

function recognize(raw: Record<string, unknown>, medications: unknown[] = []) {
  return recognizeMedicationRequest(schema.parse(raw), recognizer, medications as never, []);
}

describe('recognising immunomodulators in orders', () => {
  it('by ATC code alone', () => {
    const order = recognize(medicationRequest({ id: 'a', codings: [{ system: ATC, code: 'L03AA02' }] }));
    expect(order.agents.map((m) => [m.agent?.id, m.via])).toEqual([['filgrastim', 'atc']]);
    expect(order.roles.has('csf')).toBe(true);
  });

  it('by ATC class prefix when the agent is not listed', () => {
    const order = recognize(
      medicationRequest({ id: 'a', codings: [{ system: ATC, code: 'L01XX99', display: 'unlisted antineoplastic' }] }),
    );
    expect(order.agents[0]?.drugClass.id).toBe('antineoplastic');
    expect(order.agents[0]?.via).toBe('atc-prefix');
  });

  it('by an RxNorm clinical drug it does not know plus ATC', () => {
    const order = recognize(
      medicationRequest({
        id: 'a',
        codings: [
          { system: RXNORM, code: '999999', display: 'warfarin sodium 5 MG Oral Tablet' },
          { system: ATC, code: 'B01AA03', display: 'warfarin' },
        ],
      }),
    );
    expect(order.agents.map((m) => m.agent?.id)).toEqual(['warfarin']);
    expect(order.roles.has('vitamin-k-antagonist')).toBe(true);
  });

  it('by verified RxNorm ingredient code', () => {
    const order = recognize(medicationRequest({ id: 'a', codings: [{ system: RXNORM, code: '68442' }] }));
    expect(order.agents[0]).toMatchObject({ via: 'rxnorm', agent: { id: 'filgrastim' } });
  });

  it('by name in free text, including Cyrillic brand names', () => {
    expect(recognize(medicationRequest({ id: 'a', text: 'Бронхо-мунал 7 мг капс.' })).agents[0]?.drugClass.id).toBe(
      'bacterial-lysate',
    );
    expect(
      recognize(medicationRequest({ id: 'a', text: 'ВИФЕРОН суппозитории ректальные 500000 МЕ' })).agents[0]?.drugClass
        .id,
    ).toBe('local-interferon');
    expect(recognize(medicationRequest({ id: 'a', text: 'Isoprinosine 500 mg tablets' })).agents[0]?.agent?.id).toBe(
      'inosine-pranobex',
    );
  });

  it('by a local formulary code from site configuration', () => {
    const order = recognize(
      medicationRequest({ id: 'a', codings: [{ system: 'https://pharmacy.example.org/formulary', code: 'PO-6' }] }),
    );
    expect(order.agents[0]).toMatchObject({ via: 'local', agent: { id: 'azoximer-bromide' } });
  });

  it('through a contained Medication', () => {
    const raw = medicationRequest({
      id: 'a',
      medicationReference: '#med1',
      contained: [{ resourceType: 'Medication', id: 'med1', code: { coding: drugs.methotrexate } }],
    });
    expect(recognize(raw).agents[0]?.agent?.id).toBe('methotrexate');
  });

  it('through a Medication elsewhere in the data', () => {
    const raw = medicationRequest({ id: 'a', medicationReference: 'Medication/m9' });
    const med = { resourceType: 'Medication', id: 'm9', code: { text: 'Pegfilgrastim 6 mg/0.6 mL' } };
    expect(recognize(raw, [med]).agents[0]?.agent?.id).toBe('pegfilgrastim');
  });

  it('matches whole words only', () => {
    expect(recognize(medicationRequest({ id: 'a', text: 'Zincite mineral drops' })).agents).toEqual([]);
    const peg = recognize(medicationRequest({ id: 'a', text: 'peginterferon alfa-2a 180 mcg' }));
    expect(peg.agents.map((m) => m.agent?.id)).toEqual(['peginterferon-alfa-2a']);
  });

  it('does not count a topical route as systemic exposure', () => {
    const cream = recognize(
      medicationRequest({ id: 'a', codings: drugs.imiquimod, route: { display: 'Topical route' } }),
    );
    expect(cream.systemic).toBe(false);
    expect(recognize(medicationRequest({ id: 'a', codings: drugs.methotrexate })).systemic).toBe(true);
  });
});

describe('dose and course', () => {
  const parse = (raw: Record<string, unknown>) => schema.parse(raw);

  it('computes dose per day from dose × frequency / period', () => {
    expect(
      dosePerDay(parse(medicationRequest({ id: 'a', dose: { value: 50000, unit: '[IU]' }, periodUnit: 'wk' }))),
    ).toMatchObject({ value: 7142.857142857, unit: '[IU]' });
    expect(
      dosePerDay(parse(medicationRequest({ id: 'a', dose: { value: 500, unit: 'mg' }, frequency: 3 }))),
    ).toMatchObject({ value: 1500, unit: 'mg' });
  });

  it('uses the ingredient strength when the dose is counted in tablets', () => {
    const med = {
      resourceType: 'Medication' as const,
      ingredient: [
        {
          strength: { numerator: { value: 1000, unit: 'IU', code: '[IU]' }, denominator: { value: 1, unit: 'tablet' } },
        },
      ],
    };
    const dose = dosePerDay(
      parse(medicationRequest({ id: 'a', dose: { value: 2, unit: 'tablet', code: '{tbl}' } })),
      med,
    );
    expect(dose).toMatchObject({ value: 2000, unit: '[IU]' });
  });

  it('ignores a daily dose no one could take (1e308 mg became Infinity in the rules; fuzz suite)', () => {
    expect(dosePerDay(parse(medicationRequest({ id: 'a', dose: { value: 1e308, unit: 'mg' }, frequency: 3 })))).toBe(
      undefined,
    );
    const prednisone = medicationRequest({
      id: 'pred',
      status: 'active',
      codings: drugs.prednisone,
      dose: { value: 1e308, unit: 'mg' },
    });
    // The live-vaccine rule quoted "glucocorticoid Infinity mg/day prednisone equivalent".
    const findings = run({ record: [prednisone], drafts: [vaccineServiceRequest('mmr', '03', 'MMR')] });
    expect(JSON.stringify(findings)).not.toContain('Infinity');
  });

  it('bounds courses by duration, period, count or supply; unbounded otherwise', () => {
    const start = Date.parse('2026-10-30T10:00:00+05:00');
    expect(courseOf(parse(medicationRequest({ id: 'a', boundsDays: 10 })))).toMatchObject({
      bounded: true,
      plannedDays: 10,
      endMs: start + 10 * DAY_MS,
    });
    expect(courseOf(parse(medicationRequest({ id: 'a', count: 6, frequency: 3 })))).toMatchObject({
      bounded: true,
      plannedDays: 2,
    });
    expect(courseOf(parse(medicationRequest({ id: 'a', supplyDays: 30 })))).toMatchObject({
      bounded: true,
      plannedDays: 30,
    });
    expect(
      courseOf(parse(medicationRequest({ id: 'a', boundsPeriod: { start: '2026-11-01', end: '2026-11-15' } }))),
    ).toMatchObject({ plannedDays: 14 });
    expect(courseOf(parse(medicationRequest({ id: 'a' })))).toEqual({ startMs: start, bounded: false });
  });

  it('does not take a course of zero or negative length for a stop date', () => {
    for (const days of [0, -5, -1e9]) {
      expect(courseOf(parse(medicationRequest({ id: 'a', boundsDays: days })))).toMatchObject({ bounded: false });
    }
    const backwards = medicationRequest({ id: 'a', boundsPeriod: { start: '2026-11-15', end: '2026-11-01' } });
    expect(courseOf(parse(backwards))).toMatchObject({ bounded: false });
    const draft = medicationRequest({ id: 'd', status: 'draft', codings: drugs.pidotimod, boundsDays: 0 });
    expect(run({ record: normalPanel(), drafts: [draft] }).map((f) => f.ruleId)).toContain('course-unbounded');
  });

  it('gives an absurd duration no end date rather than one no Date can hold (a 500 found by the fuzz suite)', () => {
    const course = courseOf(parse(medicationRequest({ id: 'a', boundsDays: 1e12 })));
    expect(course).toMatchObject({ bounded: true, plannedDays: 1e12 });
    expect(course.endMs).toBeUndefined();
    // The malignancy rule quotes the draft's course dates: it used to throw RangeError (toISOString).
    const draft = medicationRequest({ id: 'd', status: 'draft', codings: drugs.pidotimod, boundsDays: -1e9 });
    const findings = run({ record: [condition('c', '363346000', 'Malignant neoplastic disease')], drafts: [draft] });
    expect(findings.map((f) => f.ruleId)).toContain('malignancy-stimulation');
  });
});

describe('local interferon products', () => {
  it('are not systemic interferon alfa even when the INN is in the name', () => {
    const order = recognize(
      medicationRequest({ id: 'a', text: 'Виферон (интерферон альфа-2b) суппозитории 150000 МЕ' }),
    );
    expect(order.agents.map((m) => m.drugClass.id)).toEqual(['local-interferon']);
    expect(order.roles.has('interferon-alfa')).toBe(false);
  });
});
