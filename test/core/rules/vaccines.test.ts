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
    expect(finding?.summary).toMatch(/^Live vaccine MMR contraindicated: on immunosuppressive therapy/);
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
      'immune mediator within 30 days',
    );
    expect(live(run({ record: [gcsf('2026-09-20')], drafts: [mmr] }))).toEqual([]);
  });

  it('uses CD4 below 200 /uL or 14 %', () => {
    const cd4 = (v: number) => labObservation('cd4', '24467-3', 'CD4', v, '/uL', '2026-10-15');
    const pct = (v: number) => labObservation('cd4p', '8123-2', 'CD4 %', v, '%', '2026-10-15');
    expect(live(run({ record: [cd4(150), pct(20)], drafts: [mmr] }))[0]?.summary).toContain('CD4 150 /uL');
    expect(live(run({ record: [cd4(450), pct(13)], drafts: [mmr] }))[0]?.summary).toContain('CD4 % 13%');
    expect(live(run({ record: [cd4(450), pct(20)], drafts: [mmr] }))).toEqual([]);
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
