import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/core/biomarkers/profile.js';
import { ageInYears } from '../../../src/core/fhir/patient.js';
import { byRule, NOW, run } from '../../helpers/evaluate.js';
import { patient as adult, labObservation, medicationRequest } from '../../helpers/orders.js';

/**
 * Children are not small adults: under 18, an absolute count is a deficit only against the lab's
 * own range or an age-banded catalog threshold with its source (CDC 1994 for CD4).
 */

const child = (birthDate: string) => ({
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'https://hospital.example.org/mrn', value: 'MRN-900003' }],
  name: [{ family: 'Karimova', given: ['Zarina'] }],
  gender: 'female',
  birthDate,
});
const fourYearOld = child('2022-06-01');

const lysate = medicationRequest({
  id: 'd-lysate',
  status: 'draft',
  text: 'Бронхо-мунал П 3,5 мг капсулы',
  dose: { value: 1, unit: 'capsule', code: '{capsule}' },
  boundsDays: 10,
});

const anc = (value: number, range?: { low: number; high: number }) => ({
  ...labObservation(
    'anc',
    '751-8',
    'Neutrophils [#/volume] in Blood by Automated count',
    value,
    '10*9/L',
    '2026-10-20',
  ),
  ...(range
    ? {
        referenceRange: [
          {
            low: { value: range.low, unit: '10*9/L', system: 'http://unitsofmeasure.org', code: '10*9/L' },
            high: { value: range.high, unit: '10*9/L', system: 'http://unitsofmeasure.org', code: '10*9/L' },
            age: {
              low: { value: 4, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' },
              high: { value: 5, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' },
            },
          },
        ],
      }
    : {}),
});
const cd4 = (value: number) =>
  labObservation('cd4', '24467-3', 'CD3+CD4+ (T4 helper) cells [#/volume] in Blood', value, '/uL', '2026-10-20');

const booster = (record: unknown[], patient?: Record<string, unknown>) =>
  byRule(run({ record, drafts: [lysate], ...(patient ? { patient } : {}) }), 'booster-not-indicated');

describe('children: absolute counts are judged by age-appropriate ranges only', () => {
  it('an adult ANC of 1.2 ×10⁹/L is a deficit (adult cut-off 1,500 cells/µL); a child’s is not judged by it', () => {
    expect(booster([anc(1.2)])).toEqual([]);
    const [finding] = booster([anc(1.2)], fourYearOld);
    expect(finding?.indicator).toBe('warning');
    expect(finding?.detail).toContain('ANC 1.2 ×10⁹/L, 20 Oct 2026 — age-appropriate range unknown');
    expect(finding?.detail).toContain('adult values do not apply to a child');
    expect(finding?.detail).not.toContain('show no deficit');
    expect(finding?.summary).toContain('immune deficit unknown');
  });

  it("uses the lab's own paediatric range: below its lower limit is a deficit, within it is normal", () => {
    expect(booster([anc(1.2, { low: 1.5, high: 8.5 })], fourYearOld)).toEqual([]);
    const [normal] = booster([anc(1.2, { low: 1.0, high: 8.5 })], fourYearOld);
    expect(normal?.summary).toContain('no immune deficit on current labs');
    expect(normal?.detail).toContain("a deficit is below 1.0 ×10⁹/L, the lab's lower limit");
    // Boundary: at the lower limit is not below it.
    expect(booster([anc(1.5, { low: 1.5, high: 8.5 })], fourYearOld)[0]?.summary).toContain(
      'no immune deficit on current labs',
    );
  });

  it('judges a CD4 count at 1–5 years against the CDC 1994 band (< 500 cells/µL), not the adult 200', () => {
    expect(booster([cd4(450)], fourYearOld)).toEqual([]);
    const [finding] = booster([cd4(500)], fourYearOld);
    expect(finding?.detail).toContain('a deficit is below 500 cells/µL, at age 1–5 years');
    expect(finding?.sources.map((s) => s.id)).toContain('CDC-1994-PAEDIATRIC-HIV');
    expect(finding?.detail).not.toContain('a deficit is below 200 cells/µL');
    // The same 450 /uL in an adult is above the adult cut-off, and the card cites the adult source.
    const [adultFinding] = booster([cd4(450)]);
    expect(adultFinding?.detail).toContain('a deficit is below 200 cells/µL)');
    expect(adultFinding?.sources.map((s) => s.id)).not.toContain('CDC-1994-PAEDIATRIC-HIV');
  });

  it('applies adult values from the 18th birthday, not the day before', () => {
    const born = (d: string) => child(d);
    // Result on 2026-10-20: 17 the day before an 18th birthday on 2026-10-21, 18 on 2026-10-20.
    expect(booster([anc(1.2)], born('2008-10-21'))).toHaveLength(1);
    expect(booster([anc(1.2)], born('2008-10-20'))).toEqual([]);
  });

  it('gives a child’s count no adult catalog range in the immune profile', () => {
    const obs = [anc(1.2)];
    const kid = buildProfile(obs as never, { now: NOW, patient: fourYearOld as never });
    const grown = buildProfile(obs as never, { now: NOW, patient: adult as never });
    const kidAnc = kid.series.find((s) => s.biomarker.id === 'neutrophils')?.latest;
    const grownAnc = grown.series.find((s) => s.biomarker.id === 'neutrophils')?.latest;
    expect(kidAnc?.referenceRange).toBeUndefined();
    expect(kidAnc?.interpretation).toBe('unknown');
    expect(kidAnc?.deficit).toBeUndefined();
    expect(grownAnc?.referenceRange).toMatchObject({ origin: 'catalog', low: 2500 });
    expect(grownAnc?.deficit?.value).toBe(1500);
  });
});

describe('ageInYears', () => {
  it('counts completed years on the day as written', () => {
    expect(ageInYears('2020-10-16', '2026-10-15')).toBe(5);
    expect(ageInYears('2020-10-16', '2026-10-16')).toBe(6);
    expect(ageInYears(undefined, '2026-10-16')).toBeUndefined();
    expect(ageInYears('2027-01-01', '2026-10-16')).toBeUndefined();
  });

  it('reads a partial birthDate as its latest possible day (the younger age)', () => {
    expect(ageInYears('2008', '2026-10-20')).toBe(17);
    expect(ageInYears('2008-10', '2026-10-20')).toBe(17);
    expect(ageInYears('2008-10', '2026-10-31')).toBe(18);
  });
});
