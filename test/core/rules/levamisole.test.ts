import { describe, expect, it } from 'vitest';
import { byRule, run } from '../../helpers/evaluate.js';
import {
  anticoagulated,
  condition,
  drugs,
  medicationRequest,
  normalPanel,
  type OrderOptions,
} from '../../helpers/orders.js';

/**
 * Levamisole as an anthelmintic (single dose, or for a helminthiasis) is not an immunostimulant
 * course: no booster-not-indicated, no course checks. The coumarin interaction applies to every use.
 */

const ICD10 = 'http://hl7.org/fhir/sid/icd-10';

const levamisole = (extra: Record<string, unknown> = {}, options: Partial<OrderOptions> = {}) => ({
  ...medicationRequest({
    id: 'd-lev',
    status: 'draft',
    codings: drugs.levamisole,
    text: 'Декарис (levamisole) 150 mg tablet',
    dose: { value: 150, unit: 'mg' },
    ...options,
  }),
  ...extra,
});
const singleDose = levamisole({}, { count: 1 });
const threeDays = levamisole({ reasonCode: [{ text: 'to strengthen immunity' }] }, { boundsDays: 3 });
const reason = (code: string, display: string) => ({
  reasonCode: [{ coding: [{ system: ICD10, code, display }], text: display }],
});

const [warfarin, inr] = anticoagulated();

const rules = (drafts: unknown[], record: unknown[] = normalPanel()) => run({ record, drafts }).map((f) => f.ruleId);

describe('levamisole: anthelmintic use', () => {
  it('a single 150 mg dose is the anthelmintic use: no booster or course card', () => {
    expect(rules([singleDose])).toEqual([]);
    expect(rules([levamisole({}, { boundsDays: 1 })])).toEqual([]);
  });

  it('a two- or three-day course "to strengthen immunity" is an immunostimulant course (boundary above one day)', () => {
    expect(rules([threeDays])).toContain('booster-not-indicated');
    expect(rules([levamisole({}, { boundsDays: 2 })])).toContain('booster-not-indicated');
  });

  it.each([
    ['B77.9', 'Ascariasis, unspecified'],
    ['B65.0', 'Schistosomiasis due to Schistosoma haematobium'],
    ['B83.9', 'Helminthiasis, unspecified'],
  ])('a helminthiasis reason (ICD-10 %s) makes any course the anthelmintic use', (code, display) => {
    const order = levamisole(reason(code, display), { boundsDays: 3 });
    expect(rules([order])).toEqual([]);
    // Even without an end: no course checks for the anthelmintic use.
    expect(rules([levamisole(reason(code, display))])).toEqual([]);
  });

  it('a reason outside B65–B83 is not a helminthiasis (B64 protozoal, B85 pediculosis)', () => {
    expect(rules([levamisole(reason('B64', 'Unspecified protozoal disease'), { boundsDays: 3 })])).toContain(
      'booster-not-indicated',
    );
    expect(
      rules([levamisole(reason('B85.0', 'Pediculosis due to Pediculus humanus capitis'), { boundsDays: 3 })]),
    ).toContain('booster-not-indicated');
  });

  it('a reasonReference to a recorded helminthiasis counts, one to another condition does not', () => {
    const enterobiasis = condition('cond-pinworm', 'B80', 'Enterobiasis', {
      system: 'http://hl7.org/fhir/sid/icd-10-cm',
    });
    const byReference = levamisole({ reasonReference: [{ reference: 'Condition/cond-pinworm' }] }, { boundsDays: 3 });
    expect(rules([byReference], [...normalPanel(), enterobiasis])).toEqual([]);
    const other = levamisole({ reasonReference: [{ reference: 'Condition/cond-other' }] }, { boundsDays: 3 });
    expect(rules([other], [...normalPanel(), enterobiasis])).toContain('booster-not-indicated');
  });

  it('keeps the coumarin interaction for every use', () => {
    const [single] = byRule(run({ record: [warfarin, inr], drafts: [singleDose] }), 'anticoagulant-interaction');
    expect(single?.indicator).toBe('warning');
    const forWorms = levamisole(reason('B77.9', 'Ascariasis, unspecified'), { boundsDays: 3 });
    const findings = run({ record: [...normalPanel(), warfarin, inr], drafts: [forWorms] });
    expect(findings.map((f) => f.ruleId)).toEqual(['anticoagulant-interaction']);
  });

  it('counts as indicated when stacked with another booster: no stacking warning', () => {
    const current = medicationRequest({
      id: 'lev-now',
      codings: drugs.levamisole,
      dose: { value: 150, unit: 'mg' },
      authoredOn: '2026-11-01T08:00:00+05:00',
      count: 1,
    });
    const lysate = medicationRequest({ id: 'd-lys', status: 'draft', text: 'Broncho-Vaxom 7 mg', boundsDays: 10 });
    const [finding] = byRule(
      run({ record: [...normalPanel(), current], drafts: [lysate] }),
      'immunomodulator-conflict',
    );
    expect(finding?.indicator).toBe('info');
  });
});
