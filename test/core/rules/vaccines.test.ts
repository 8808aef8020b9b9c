import { describe, expect, it } from 'vitest';
import { byRule, run } from '../../helpers/evaluate.js';
import {
  condition,
  drugs,
  immunization,
  labObservation,
  medicationRequest,
  vaccineMedicationRequest,
  vaccineServiceRequest,
} from '../../helpers/orders.js';

const mmr = vaccineServiceRequest('d-mmr', '03', 'MMR');
const varicella = vaccineMedicationRequest('d-var', '21', 'varicella');
const live = (findings: ReturnType<typeof run>) => byRule(findings, 'live-vaccine-immunocompromised');

describe('live-vaccine-immunocompromised', () => {
  it('is critical for MMR on methotrexate, with the order to remove', () => {
    const mtx = medicationRequest({
      id: 'mtx',
      codings: drugs.methotrexate,
      dose: { value: 15, unit: 'mg' },
      periodUnit: 'wk',
      authoredOn: '2026-01-10',
    });
    const [finding] = live(run({ record: [mtx], drafts: [mmr] }));
    expect(finding?.indicator).toBe('critical');
    expect(finding?.summary).toMatch(/^Live vaccine MMR contraindicated: on methotrexate/);
    expect(finding?.suggestions).toEqual([
      { kind: 'remove-order', label: 'Remove the MMR order', order: 'ServiceRequest/d-mmr' },
    ]);
    expect(finding?.evidence.map((e) => e.reference)).toContain('MedicationRequest/mtx');
  });

  it('is silent in a healthy patient', () => {
    expect(run({ drafts: [mmr, varicella] })).toEqual([]);
  });

  it('keeps the chemotherapy window: 14 days before to 3 months after', () => {
    const chemo = (start: string, end: string, status = 'completed') =>
      medicationRequest({ id: 'chemo', status, codings: drugs.cyclophosphamide, boundsPeriod: { start, end } });
    expect(live(run({ record: [chemo('2026-08-01', '2026-09-01')], drafts: [varicella] }))).toHaveLength(1);
    expect(live(run({ record: [chemo('2026-05-01', '2026-07-01')], drafts: [varicella] }))).toEqual([]);
    expect(live(run({ record: [chemo('2026-11-10', '2026-12-10', 'active')], drafts: [varicella] }))).toHaveLength(1);
    expect(live(run({ record: [chemo('2026-11-20', '2026-12-20', 'active')], drafts: [varicella] }))).toEqual([]);
  });

  it('defers live vaccines for a month after immune mediators such as G-CSF', () => {
    const gcsf = (end: string) =>
      medicationRequest({
        id: 'gcsf',
        status: 'completed',
        codings: drugs.filgrastim,
        boundsPeriod: { start: '2026-09-01', end },
      });
    expect(live(run({ record: [gcsf('2026-10-10')], drafts: [mmr] }))[0]?.summary).toContain(
      'filgrastim within 30 days',
    );
    expect(live(run({ record: [gcsf('2026-09-20')], drafts: [mmr] }))).toEqual([]);
  });

  describe('CD4 cut-offs follow the vaccination guidelines, not HIV staging', () => {
    const cd4 = (v: number, date = '2026-10-15') =>
      labObservation('cd4', '24467-3', 'CD3+CD4+ (T4 helper) cells [#/volume] in Blood', v, '/uL', date);
    const pct = (v: number, date = '2026-10-15') =>
      labObservation('cd4p', '8123-2', 'CD3+CD4+ (T4 helper) cells/100 cells in Blood', v, '%', date);
    const hiv = condition('hiv', '86406008', 'Human immunodeficiency virus infection');
    /** A child (id p1, as the helper expects) born on the given date. */
    const child = (birthDate: string) => ({
      resourceType: 'Patient',
      id: 'p1',
      identifier: [{ system: 'https://hospital.example.org/mrn', value: 'MRN-900002' }],
      name: [{ family: 'Qodirov', given: ['Amir'] }],
      gender: 'male',
      birthDate,
    });
    const liveWith = (record: unknown[], patient?: Record<string, unknown>, config = {}) =>
      live(run({ record, drafts: [varicella], ...(patient ? { patient } : {}), config })).filter((f) =>
        f.summary.includes('CD4'),
      );

    it('adult: CD4 count < 200 cells/µL is severe, 200 is not', () => {
      const [finding] = liveWith([cd4(199), pct(30)]);
      expect(finding?.indicator).toBe('critical');
      expect(finding?.summary).toContain('CD4 count 199 cells/µL');
      expect(finding?.detail).toContain('below 200 cells/µL from age 6');
      expect(finding?.sources.map((s) => s.id)).toContain('IDSA-2013-HIV');
      expect(liveWith([cd4(200), pct(30)])).toEqual([]);
    });

    it('CD4 % < 15 % is severe at any age; 14 % (the HIV staging cut-off) is no longer the line', () => {
      const [finding] = liveWith([cd4(450), pct(14)]);
      expect(finding?.summary).toContain('CD4 14 %');
      expect(finding?.detail).toContain('below 15 %');
      expect(liveWith([cd4(450), pct(15)])).toEqual([]);
      expect(liveWith([cd4(1400), pct(14.9)], child('2023-03-10'))[0]?.summary).toContain('CD4 14.9 %');
    });

    it('under 12 months: judged against < 750 cells/µL (CDC 1994), never the adult 200', () => {
      const infant = child('2026-02-01');
      const [finding] = liveWith([hiv, cd4(700), pct(30)], infant);
      expect(finding?.summary).toContain('CD4 count 700 cells/µL');
      expect(finding?.detail).toContain('below 750 cells/µL under 12 months');
      expect(finding?.sources.map((s) => s.id)).toContain('CDC-1994-PAEDIATRIC-HIV');
      expect(liveWith([hiv, cd4(750), pct(30)], infant)).toEqual([]);
    });

    it('at 1–5 years: < 500 cells/µL; from the 6th birthday: < 200 cells/µL (ACIP MMR 2013)', () => {
      const born = child('2020-10-16');
      // The day before the 6th birthday the 1–5-year band applies…
      const [young] = liveWith([cd4(450, '2026-10-15'), pct(25, '2026-10-15')], born);
      expect(young?.detail).toContain('below 500 cells/µL at age 1–5 years');
      expect(liveWith([cd4(500, '2026-10-15'), pct(25, '2026-10-15')], born)).toEqual([]);
      // …on the birthday the count is judged against 200.
      expect(liveWith([cd4(450, '2026-10-16'), pct(25, '2026-10-16')], born)).toEqual([]);
      const [older] = liveWith([cd4(190, '2026-10-16'), pct(25, '2026-10-16')], born);
      expect(older?.sources.map((s) => s.id)).toContain('ACIP-MMR-2013');
    });

    it('honours site cut-offs for the count and the percentage', () => {
      const config = { thresholds: { liveVaccine: { cd4: 350, cd4Percent: 20 } } };
      expect(liveWith([cd4(300), pct(30)], undefined, config)[0]?.summary).toContain('CD4 count 300 cells/µL');
      expect(liveWith([cd4(400), pct(18)], undefined, config)[0]?.summary).toContain('CD4 18 %');
      expect(liveWith([cd4(400), pct(30)], undefined, config)).toEqual([]);
    });

    it('ignores a stale CD4 result', () => {
      expect(liveWith([cd4(150, '2025-12-01'), pct(10, '2025-12-01')])).toEqual([]);
    });
  });

  it('keeps anti-B-cell antibodies for 6 months', () => {
    const ritux = (end: string) =>
      medicationRequest({
        id: 'rtx',
        status: 'completed',
        codings: drugs.rituximab,
        boundsPeriod: { start: '2026-01-01', end },
      });
    expect(live(run({ record: [ritux('2026-07-01')], drafts: [mmr] }))).toHaveLength(1);
    expect(live(run({ record: [ritux('2026-03-01')], drafts: [mmr] }))).toEqual([]);
  });

  it('counts immunocompromising conditions', () => {
    const hiv = condition('cvid', '23238000', 'Common variable agammaglobulinemia');
    expect(live(run({ record: [hiv], drafts: [mmr] }))[0]?.detail).toContain('immunodeficiency');
  });

  it('does not treat JYNNEOS (CVX 206) as live', () => {
    const mtx = medicationRequest({ id: 'mtx', codings: drugs.methotrexate, authoredOn: '2026-01-10' });
    const findings = run({ record: [mtx], drafts: [vaccineServiceRequest('d-mpox', '206', 'JYNNEOS')] });
    expect(live(findings)).toEqual([]);
    expect(byRule(findings, 'vaccine-response-altered')).toHaveLength(1);
  });

  it('warns when immunosuppression would start within 4 weeks of a live vaccine', () => {
    const given = immunization('imm-mmr', '03', 'MMR', '2026-10-20');
    const mtx = medicationRequest({ id: 'd-mtx', status: 'draft', codings: drugs.methotrexate });
    const [finding] = live(run({ record: [given], drafts: [mtx] }));
    expect(finding?.indicator).toBe('warning');
    expect(live(run({ record: [immunization('imm-old', '03', 'MMR', '2026-08-01')], drafts: [mtx] }))).toEqual([]);
  });
});

describe('vaccine-response-altered', () => {
  it('informs that an inactivated vaccine may be blunted on a TNF inhibitor', () => {
    const ada = medicationRequest({ id: 'ada', codings: drugs.adalimumab, authoredOn: '2026-03-01' });
    const flu = vaccineServiceRequest('d-flu', '150', 'Influenza, split virus, quadrivalent, PF');
    const [finding] = byRule(run({ record: [ada], drafts: [flu] }), 'vaccine-response-altered');
    expect(finding?.indicator).toBe('info');
    expect(finding?.sources.map((s) => s.id)).toContain('IDSA-2013');
    expect(run({ drafts: [flu] })).toEqual([]);
  });
});
