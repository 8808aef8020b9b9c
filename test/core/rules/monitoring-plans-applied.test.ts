import { describe, expect, it } from 'vitest';
import { defaultSiteConfig } from '../../../src/core/config/schema.js';
import { readResources } from '../../../src/core/fhir/parse.js';
import { buildPatientContext } from '../../../src/core/rules/context.js';
import { evaluateCurrent } from '../../../src/core/rules/engine.js';
import type { Finding } from '../../../src/core/rules/types.js';
import { byRule, NOW, run } from '../../helpers/evaluate.js';
import { condition, drugs, labObservation, medicationRequest, patient } from '../../helpers/orders.js';

/**
 * The knowledge base's monitoring plans as the monitoring-due rule applies them to realistic
 * orders and results (now 2026-11-01 09:00 Tashkent): which plan is chosen, which tests are late,
 * and whether the card says a document or an expert opinion stands behind it.
 */

const anc = (id: string, value: number, date: string) =>
  labObservation(id, '751-8', 'Neutrophils [#/volume] in Blood by Automated count', value, '10*9/L', date);
const alt = (id: string, value: number, date: string) =>
  labObservation(
    id,
    '1742-6',
    'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
    value,
    'U/L',
    date,
  );
const tsh = (id: string, value: number, date: string) =>
  labObservation(id, '3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', value, 'm[IU]/L', date);

/** The findings on what the patient takes now (patient-view, the app): running courses are followed. */
function current(record: unknown[]): Finding[] {
  const config = defaultSiteConfig();
  const set = readResources([patient, ...record]);
  const context = buildPatientContext(set, { now: NOW, config, patient: set.patients[0] as never, patientId: 'p1' });
  return byRule(evaluateCurrent(context, config), 'monitoring-due');
}

const sourceIds = (f: Finding | undefined) => f?.sources.map((s) => s.id);

/** The LOINC codes the card's "order the tests" suggestion carries. */
function panelCodes(f: Finding | undefined): { code: string; display: string }[] | undefined {
  const panel = f?.suggestions.find((s) => s.kind === 'order-panel');
  return panel && 'codes' in panel ? panel.codes : undefined;
}

const hepatitisC = condition('hcv', '128302006', 'Chronic hepatitis C (disorder)');

/** Peginterferon alfa-2a weekly since 2026-07-01 (24 weeks), as the active order of the record. */
const peginterferon = (status = 'active') =>
  medicationRequest({
    id: 'peg',
    status,
    codings: drugs.peginterferonAlfa2a,
    dose: { value: 180, unit: 'ug' },
    period: 1,
    periodUnit: 'wk',
    authoredOn: '2026-06-28T10:00:00+05:00',
    boundsPeriod: { start: '2026-07-01T09:00:00+05:00', end: '2026-12-16T09:00:00+05:00' },
  });

/** Monthly blood counts and ALT on the course, TSH only before it. */
function monthlyLabs() {
  const days = ['2026-06-25', '2026-07-15', '2026-07-29', '2026-08-28', '2026-09-27', '2026-10-27'];
  return [
    ...days.flatMap((d, i) => [
      anc(`anc-${i}`, 2.1, `${d}T08:00:00+05:00`),
      alt(`alt-${i}`, 38, `${d}T08:00:00+05:00`),
    ]),
    tsh('tsh-0', 2.1, '2026-06-25T08:00:00+05:00'),
  ];
}

describe('monitoring plans applied by monitoring-due', () => {
  it('asks for the TSH of a hepatitis interferon course every 12 weeks, as the VA table does (a warning)', () => {
    const [finding] = current([hepatitisC, peginterferon(), ...monthlyLabs()]);
    expect(finding?.indicator).toBe('warning');
    expect(sourceIds(finding)).toEqual(['VA-HCV-2006-MONITORING']);
    expect(finding?.summary).toMatch(/^Peginterferon alfa-2a: TSH overdue/);
    expect(panelCodes(finding)).toEqual([{ code: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma' }]);
  });

  it('follows the general interferon alfa plan without hepatitis: an expert opinion, so information only', () => {
    const [finding] = current([peginterferon(), ...monthlyLabs()]);
    expect(finding?.indicator).toBe('info');
    expect(sourceIds(finding)).toEqual(['POLICY-MONITORING-IFN-ALFA']);
  });

  it('is silent when the course has every test in time', () => {
    const labs = [...monthlyLabs(), tsh('tsh-1', 2.4, '2026-09-20T08:00:00+05:00')];
    expect(current([hepatitisC, peginterferon(), ...labs])).toEqual([]);
  });

  it('wants a blood count before filgrastim, and none when a recent count is on record', () => {
    const filgrastim = medicationRequest({
      id: 'd-g',
      status: 'draft',
      codings: drugs.filgrastim,
      dose: { value: 300, unit: 'ug' },
      count: 5,
    });
    const [missing] = byRule(run({ drafts: [filgrastim] }), 'monitoring-due');
    expect(missing?.indicator).toBe('warning');
    expect(sourceIds(missing)).toEqual(['FILGRASTIM-PI-MONITORING']);
    expect(panelCodes(missing)?.[0]?.code).toBe('751-8');
    const counted = run({ record: [anc('anc', 0.6, '2026-10-30T08:00:00+05:00')], drafts: [filgrastim] });
    expect(byRule(counted, 'monitoring-due')).toEqual([]);
  });

  it('applies the vitamin D plan only above 4,000 IU a day', () => {
    const order = (iu: number) =>
      medicationRequest({
        id: `d-vd-${iu}`,
        status: 'draft',
        codings: drugs.colecalciferol,
        dose: { value: iu, unit: 'IU', code: '[IU]' },
        boundsDays: 60,
      });
    expect(byRule(run({ drafts: [order(2000)] }), 'monitoring-due')).toEqual([]);
    const [above] = byRule(run({ drafts: [order(10000)] }), 'monitoring-due');
    expect(sourceIds(above)).toEqual(['POLICY-MONITORING-VITAMIN-D']);
    expect(panelCodes(above)?.map((c) => c.code)).toEqual(['17861-6', '62292-8']);
  });
});
