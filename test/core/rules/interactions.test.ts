import { describe, expect, it } from 'vitest';
import { byRule, run } from '../../helpers/evaluate.js';
import {
  anticoagulated,
  condition,
  drugs,
  labObservation,
  medicationRequest,
  normalPanel,
} from '../../helpers/orders.js';

const [warfarin, inr] = anticoagulated();

describe('anticoagulant-interaction', () => {
  it('warns about levamisole with warfarin and shows the latest INR', () => {
    const lev = medicationRequest({
      id: 'd-lev',
      status: 'draft',
      codings: drugs.levamisole,
      dose: { value: 50, unit: 'mg' },
      boundsDays: 3,
    });
    const [finding] = byRule(run({ record: [warfarin, inr], drafts: [lev] }), 'anticoagulant-interaction');
    expect(finding?.indicator).toBe('warning');
    expect(finding?.detail).toContain('INR 2.6, 25 Oct 2026');
    expect(finding?.sources.map((s) => s.id)).toEqual(['ERGAMISOL-PI']);
  });

  it('works the other way round: warfarin ordered while on levamisole', () => {
    const lev = medicationRequest({ id: 'lev', codings: drugs.levamisole, authoredOn: '2026-10-28', boundsDays: 30 });
    const draft = medicationRequest({ id: 'd-warf', status: 'draft', codings: drugs.warfarin });
    expect(byRule(run({ record: [lev], drafts: [draft] }), 'anticoagulant-interaction')[0]?.indicator).toBe('warning');
  });

  it('informs about omega-3 with a DOAC; levamisole with a DOAC is not the labelled pair', () => {
    const apixaban = medicationRequest({ id: 'apx', codings: drugs.apixaban, authoredOn: '2026-05-01' });
    const omega = medicationRequest({
      id: 'd-o3',
      status: 'draft',
      codings: drugs.omega3,
      dose: { value: 2, unit: 'g' },
      boundsDays: 90,
    });
    expect(byRule(run({ record: [apixaban], drafts: [omega] }), 'anticoagulant-interaction')[0]?.indicator).toBe(
      'info',
    );
    const lev = medicationRequest({ id: 'd-lev', status: 'draft', codings: drugs.levamisole, boundsDays: 3 });
    expect(byRule(run({ record: [apixaban], drafts: [lev] }), 'anticoagulant-interaction')).toEqual([]);
  });

  it('ignores an anticoagulant order that has ended', () => {
    const old = medicationRequest({
      id: 'warf',
      status: 'completed',
      codings: drugs.warfarin,
      boundsPeriod: { start: '2025-01-01', end: '2025-06-01' },
    });
    const lev = medicationRequest({ id: 'd-lev', status: 'draft', codings: drugs.levamisole, boundsDays: 3 });
    expect(byRule(run({ record: [old], drafts: [lev] }), 'anticoagulant-interaction')).toEqual([]);
  });
});

describe('antineoplastic-interaction', () => {
  const chemo = medicationRequest({
    id: 'cyclo',
    codings: drugs.cyclophosphamide,
    boundsPeriod: { start: '2026-11-01T08:00:00+05:00', end: '2026-11-01T12:00:00+05:00' },
  });

  it('is critical for filgrastim within 24 h of cytotoxic chemotherapy, silent after', () => {
    const gcsf = (start: string) =>
      medicationRequest({
        id: 'd-gcsf',
        status: 'draft',
        codings: drugs.filgrastim,
        count: 5,
        boundsPeriod: { start },
      });
    const [finding] = byRule(
      run({ record: [chemo], drafts: [gcsf('2026-11-02T08:00:00+05:00')] }),
      'antineoplastic-interaction',
    );
    expect(finding?.indicator).toBe('critical');
    expect(finding?.sources.map((s) => s.id)).toEqual(['FILGRASTIM-PI']);
    expect(
      byRule(run({ record: [chemo], drafts: [gcsf('2026-11-02T13:00:00+05:00')] }), 'antineoplastic-interaction'),
    ).toEqual([]);
  });

  it('keeps pegfilgrastim out of the 14 days before the next cycle', () => {
    const next = medicationRequest({
      id: 'cycle2',
      codings: drugs.carboplatin,
      boundsPeriod: { start: '2026-11-12', end: '2026-11-12T06:00:00Z' },
    });
    const peg = medicationRequest({
      id: 'd-peg',
      status: 'draft',
      codings: drugs.pegfilgrastim,
      count: 1,
      boundsPeriod: { start: '2026-11-01' },
    });
    expect(byRule(run({ record: [next], drafts: [peg] }), 'antineoplastic-interaction')[0]?.indicator).toBe('critical');
    const later = medicationRequest({
      id: 'cycle2',
      codings: drugs.carboplatin,
      boundsPeriod: { start: '2026-11-20', end: '2026-11-20T06:00:00Z' },
    });
    expect(byRule(run({ record: [later], drafts: [peg] }), 'antineoplastic-interaction')).toEqual([]);
  });

  it('warns about a booster during checkpoint-inhibitor therapy', () => {
    const pembro = medicationRequest({
      id: 'pembro',
      codings: drugs.pembrolizumab,
      authoredOn: '2026-09-01',
      periodUnit: 'wk',
      period: 3,
    });
    const pidotimod = medicationRequest({ id: 'd-pid', status: 'draft', codings: drugs.pidotimod, boundsDays: 15 });
    const [finding] = byRule(run({ record: [pembro], drafts: [pidotimod] }), 'antineoplastic-interaction');
    expect(finding?.indicator).toBe('warning');
    expect(finding?.summary).toContain('immune stimulation during pembrolizumab');
  });
});

describe('malignancy-stimulation', () => {
  const gcsf = medicationRequest({ id: 'd-gcsf', status: 'draft', codings: drugs.filgrastim, count: 5 });

  it('is critical for G-CSF in a myeloid neoplasm and silent in a solid tumour', () => {
    const mds = condition('mds', '109995007', 'Myelodysplastic syndrome');
    expect(byRule(run({ record: [mds], drafts: [gcsf] }), 'malignancy-stimulation')[0]?.indicator).toBe('critical');
    const solid = condition('ca', '363346000', 'Malignant neoplastic disease');
    expect(byRule(run({ record: [solid], drafts: [gcsf] }), 'malignancy-stimulation')).toEqual([]);
  });

  it('warns about other boosters in active malignancy, not after it resolved', () => {
    const pidotimod = medicationRequest({ id: 'd-pid', status: 'draft', codings: drugs.pidotimod, boundsDays: 15 });
    expect(
      byRule(
        run({ record: [condition('ca', '363346000', 'Malignant neoplastic disease')], drafts: [pidotimod] }),
        'malignancy-stimulation',
      )[0]?.indicator,
    ).toBe('warning');
    const resolved = condition('ca', '363346000', 'Malignant neoplastic disease', { active: false });
    expect(byRule(run({ record: [resolved], drafts: [pidotimod] }), 'malignancy-stimulation')).toEqual([]);
  });
});

describe('autoimmune-flare', () => {
  it('warns about interferon alfa in SLE, citing the boxed warning', () => {
    const peg = medicationRequest({
      id: 'd-peg',
      status: 'draft',
      codings: drugs.peginterferonAlfa2a,
      boundsDays: 180,
    });
    const [finding] = byRule(
      run({ record: [condition('sle', '55464009', 'Systemic lupus erythematosus')], drafts: [peg] }),
      'autoimmune-flare',
    );
    expect(finding?.indicator).toBe('warning');
    expect(finding?.sources.map((s) => s.id)).toEqual(['DRUGS-COM-IFN-ALFA']);
  });

  it('is silent for G-CSF and for interferon beta in MS', () => {
    const ms = condition('ms', '24700007', 'Multiple sclerosis');
    const ifnb = medicationRequest({ id: 'd-ifnb', status: 'draft', codings: drugs.interferonBeta1a });
    const gcsf = medicationRequest({ id: 'd-gcsf', status: 'draft', codings: drugs.filgrastim, count: 5 });
    expect(byRule(run({ record: [ms], drafts: [ifnb, gcsf] }), 'autoimmune-flare')).toEqual([]);
  });
});

describe('immunomodulator-conflict', () => {
  it('warns about echinacea against methotrexate', () => {
    const mtx = medicationRequest({ id: 'mtx', codings: drugs.methotrexate, authoredOn: '2026-01-10' });
    const ech = medicationRequest({ id: 'd-ech', status: 'draft', text: 'Echinacea purpurea tablets', boundsDays: 14 });
    const [finding] = byRule(run({ record: [mtx], drafts: [ech] }), 'immunomodulator-conflict');
    expect(finding?.indicator).toBe('warning');
    expect(finding?.sources.map((s) => s.id)).toEqual(['COMMISSION-E-ECHINACEA']);
  });

  it('informs (does not warn) about a non-echinacea booster against an immunosuppressant', () => {
    const pred = medicationRequest({ id: 'pred', codings: drugs.prednisone, dose: { value: 10, unit: 'mg' } });
    const pido = medicationRequest({ id: 'd-pido', status: 'draft', codings: drugs.pidotimod, boundsDays: 15 });
    const [finding] = byRule(run({ record: [pred], drafts: [pido] }), 'immunomodulator-conflict');
    expect(finding?.indicator).toBe('info');
    expect(finding?.summary).toContain('opposes current immunosuppression');
  });

  describe('stacked immunostimulants', () => {
    const lysate = (extra = {}) =>
      medicationRequest({ id: 'lys', text: 'Broncho-Vaxom 7 mg', authoredOn: '2026-10-25', boundsDays: 10, ...extra });
    const ip = medicationRequest({ id: 'd-ip', status: 'draft', codings: drugs.inosinePranobex, boundsDays: 10 });

    it('warns when two non-indicated immunostimulants would be taken together (normal labs)', () => {
      const [finding] = byRule(run({ record: [...normalPanel(), lysate()], drafts: [ip] }), 'immunomodulator-conflict');
      expect(finding?.indicator).toBe('warning');
      expect(finding?.summary).toContain('on top of another immunostimulant');
      expect(finding?.detail).toContain('Neither it nor Broncho-Vaxom 7 mg has a documented indication');
    });

    it('warns with no labs at all: an unknown deficit indicates nothing', () => {
      const [finding] = byRule(run({ record: [lysate()], drafts: [ip] }), 'immunomodulator-conflict');
      expect(finding?.indicator).toBe('warning');
    });

    it('stays info when a current deficit indicates them (ALC 800 /uL)', () => {
      const alc = labObservation(
        'alc',
        '731-0',
        'Lymphocytes [#/volume] in Blood by Automated count',
        0.8,
        '10*9/L',
        '2026-10-20',
      );
      const [finding] = byRule(run({ record: [alc, lysate()], drafts: [ip] }), 'immunomodulator-conflict');
      expect(finding?.indicator).toBe('info');
      expect(finding?.detail).not.toContain('has a documented indication');
    });

    it('stays info when the other agent is indicated (peginterferon for chronic hepatitis C)', () => {
      const hepatitis = condition('hep', 'B18.2', 'Chronic viral hepatitis C', {
        system: 'http://hl7.org/fhir/sid/icd-10',
      });
      const peg = medicationRequest({
        id: 'peg',
        codings: drugs.peginterferonAlfa2a,
        authoredOn: '2026-10-01',
        boundsDays: 168,
      });
      const [finding] = byRule(
        run({ record: [...normalPanel(), hepatitis, peg], drafts: [ip] }),
        'immunomodulator-conflict',
      );
      expect(finding?.indicator).toBe('info');
    });

    it('ignores a course that has ended (boundary: ended the day before)', () => {
      const ended = lysate({ status: 'completed', authoredOn: '2026-10-21', boundsDays: 10 });
      expect(byRule(run({ record: [...normalPanel(), ended], drafts: [ip] }), 'immunomodulator-conflict')).toEqual([]);
    });
  });
});

describe('nutrient-excess', () => {
  const d3 = (id: string, iu: number, extra = {}) =>
    medicationRequest({
      id,
      status: 'draft',
      codings: drugs.colecalciferol,
      dose: { value: iu, unit: '[IU]' },
      boundsDays: 60,
      ...extra,
    });
  const vitd = (v: number) =>
    labObservation('vitd', '62292-8', '25-Hydroxyvitamin D2+25-Hydroxyvitamin D3', v, 'ng/mL', '2026-10-01');

  it('warns above 4,000 IU/day, not at it', () => {
    expect(byRule(run({ drafts: [d3('d1', 10000)] }), 'nutrient-excess')[0]?.summary).toContain(
      '10,000 IU a day is above the 4,000 IU daily limit',
    );
    expect(byRule(run({ drafts: [d3('d1', 4000)] }), 'nutrient-excess')).toEqual([]);
  });

  it('normalises weekly dosing to a daily dose', () => {
    const weekly = d3('d1', 50000, { periodUnit: 'wk' });
    expect(byRule(run({ drafts: [weekly] }), 'nutrient-excess')[0]?.summary).toContain('7,143 IU a day');
  });

  it('does not flag a high dose during a documented deficiency-treatment course', () => {
    expect(byRule(run({ record: [vitd(8)], drafts: [d3('d1', 10000)] }), 'nutrient-excess')).toEqual([]);
  });

  it('warns when the level is already high, whatever the dose', () => {
    const [finding] = byRule(run({ record: [vitd(62)], drafts: [d3('d1', 1000)] }), 'nutrient-excess');
    expect(finding?.summary).toContain('already 62 ng/mL, above 50 ng/mL');
  });

  it('adds up current orders of the same nutrient', () => {
    const current = medicationRequest({
      id: 'd3-home',
      codings: drugs.colecalciferol,
      dose: { value: 3000, unit: '[IU]' },
      authoredOn: '2026-09-01',
    });
    const [finding] = byRule(run({ record: [current], drafts: [d3('d1', 2000)] }), 'nutrient-excess');
    expect(finding?.detail).toContain('the total is 5,000 IU a day');
  });

  it('checks zinc and selenium limits', () => {
    const zinc = (mg: number) =>
      medicationRequest({
        id: 'd-zn',
        status: 'draft',
        codings: drugs.zincSulfate,
        dose: { value: mg, unit: 'mg' },
        boundsDays: 30,
      });
    expect(byRule(run({ drafts: [zinc(50)] }), 'nutrient-excess')).toHaveLength(1);
    expect(byRule(run({ drafts: [zinc(25)] }), 'nutrient-excess')).toEqual([]);
    const se = medicationRequest({
      id: 'd-se',
      status: 'draft',
      codings: drugs.sodiumSelenite,
      dose: { value: 500, unit: 'ug' },
      boundsDays: 30,
    });
    expect(byRule(run({ drafts: [se] }), 'nutrient-excess')).toHaveLength(1);
  });

  it('ignores a topical product', () => {
    const ointment = medicationRequest({
      id: 'd-zno',
      status: 'draft',
      codings: drugs.zincSulfate,
      dose: { value: 500, unit: 'mg' },
      boundsDays: 7,
      route: { display: 'Topical route' },
    });
    expect(run({ drafts: [ointment] })).toEqual([]);
  });
});
