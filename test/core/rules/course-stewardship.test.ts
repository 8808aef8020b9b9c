import { describe, expect, it } from 'vitest';
import { defaultSiteConfig } from '../../../src/core/config/schema.js';
import { readResources } from '../../../src/core/fhir/parse.js';
import { buildPatientContext } from '../../../src/core/rules/context.js';
import { patientCourses } from '../../../src/core/rules/course-model.js';
import { evaluateCurrent } from '../../../src/core/rules/engine.js';
import { byRule, NOW, run } from '../../helpers/evaluate.js';
import { condition, drugs, labObservation, medicationRequest, patient } from '../../helpers/orders.js';

/**
 * Course stewardship after the start: the course model on a patient's history, and the rules
 * course-review-due, endpoint-reached, no-response and immune-adverse-signal on realistic orders
 * and results (renewals by priorPrescription, refills, stale results, interval edges). Now is
 * 2026-11-01 09:00 Tashkent.
 */

const ICD10 = 'http://hl7.org/fhir/sid/icd-10';

function withRange(obs: Record<string, unknown>, low: number, high: number, unit: string) {
  return {
    ...obs,
    referenceRange: [
      {
        low: { value: low, unit, system: 'http://unitsofmeasure.org', code: unit },
        high: { value: high, unit, system: 'http://unitsofmeasure.org', code: unit },
      },
    ],
  };
}

const alc = (id: string, value: number, date: string) =>
  withRange(
    labObservation(id, '731-0', 'Lymphocytes [#/volume] in Blood by Automated count', value, '10*9/L', date),
    1.0,
    4.8,
    '10*9/L',
  );

const eos = (id: string, value: number, date: string) =>
  withRange(
    labObservation(id, '711-2', 'Eosinophils [#/volume] in Blood by Automated count', value, '10*9/L', date),
    0,
    0.5,
    '10*9/L',
  );

const tsh = (id: string, value: number, date: string) =>
  withRange(
    labObservation(id, '3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', value, 'm[IU]/L', date),
    0.4,
    4.0,
    'm[IU]/L',
  );

/** A completed 30-day pidotimod course from 1 Sep 2026, started on ALC 0.8 ×10⁹/L (25 Aug). */
function pidotimodCourse(status = 'completed', end = '2026-10-01T09:00:00+05:00') {
  return medicationRequest({
    id: 'pido-1',
    status,
    codings: drugs.pidotimod,
    text: 'Imunorix 400 mg',
    dose: { value: 400, unit: 'mg' },
    authoredOn: '2026-09-01T09:00:00+05:00',
    boundsPeriod: { start: '2026-09-01T09:00:00+05:00', end },
  });
}

/** The renewal being signed: 30 more days, naming the completed order. */
function renewal(extra: Record<string, unknown> = {}) {
  return {
    ...medicationRequest({
      id: 'pido-2',
      status: 'draft',
      codings: drugs.pidotimod,
      text: 'Imunorix 400 mg',
      dose: { value: 400, unit: 'mg' },
      authoredOn: '2026-11-01T09:00:00+05:00',
      boundsDays: 30,
    }),
    priorPrescription: { reference: 'MedicationRequest/pido-1' },
    ...extra,
  };
}

const before = alc('alc-0', 0.8, '2026-08-25T08:00:00+05:00');

describe('the course model', () => {
  function coursesOf(record: unknown[]) {
    const config = defaultSiteConfig();
    const set = readResources([patient, ...record]);
    const context = buildPatientContext(set, { now: NOW, config, patient: set.patients[0] as never, patientId: 'p1' });
    return patientCourses(context, config);
  }

  it('records the start, planned end, days elapsed, the deficit that justified it and its endpoint marker', () => {
    const [course, ...rest] = coursesOf([before, pidotimodCourse()]);
    expect(rest).toEqual([]);
    expect(new Date(course?.startMs ?? 0).toISOString()).toBe('2026-09-01T04:00:00.000Z');
    expect(course?.review).toEqual({ ms: Date.parse('2026-10-01T09:00:00+05:00'), basis: 'order-end' });
    expect(course?.daysElapsed).toBe(61);
    expect(course?.running).toBe(false);
    expect(course?.indication.deficits.map((d) => [d.biomarker, d.series?.latest.value])).toEqual([
      ['lymphocytes', 800],
    ]);
    expect(course?.endpointMarkers).toEqual(['lymphocytes']);
  });

  it('merges a refill into one course and reviews an unbounded course at the site default', () => {
    const refill = {
      ...medicationRequest({
        id: 'pido-r',
        status: 'active',
        codings: drugs.pidotimod,
        text: 'Imunorix 400 mg',
        authoredOn: '2026-10-03T09:00:00+05:00',
      }),
      basedOn: [{ reference: 'MedicationRequest/pido-1' }],
    };
    const [course, ...rest] = coursesOf([before, pidotimodCourse(), refill]);
    expect(rest).toEqual([]);
    expect(course?.orders.map((o) => o.id)).toEqual(['pido-1', 'pido-r']);
    expect(course?.running).toBe(true);
    expect(course?.review?.basis).toBe('site-default');
    expect(new Date(course?.review?.ms ?? 0).toISOString().slice(0, 10)).toBe('2026-11-30');
  });

  it('records no deficit when the only result before the start is stale (never evidence)', () => {
    const [course] = coursesOf([alc('alc-old', 0.8, '2026-01-10T08:00:00+05:00'), pidotimodCourse()]);
    expect(course?.indication.deficits).toEqual([]);
    expect(course?.endpointMarkers).toContain('lymphocytes');
  });
});

describe('endpoint-reached', () => {
  it('suggests stopping a renewal once the deficit that justified the course has resolved', () => {
    const findings = run({
      record: [before, pidotimodCourse(), alc('alc-1', 1.6, '2026-10-25T08:00:00+05:00')],
      drafts: [renewal()],
    });
    const [finding] = byRule(findings, 'endpoint-reached');
    expect(finding?.indicator).toBe('info');
    expect(finding?.summary).toBe('Pidotimod: the deficit it was started for has resolved — consider stopping');
    expect(finding?.concerns).toEqual([
      'ALC 0.8 ×10⁹/L, 25 Aug 2026 before the course; now ALC 1.6 ×10⁹/L, 25 Oct 2026, above the deficit threshold 1.0 ×10⁹/L.',
    ]);
    expect(finding?.suggestions).toContainEqual(
      expect.objectContaining({ kind: 'remove-order', order: 'MedicationRequest/pido-2' }),
    );
    expect(finding?.sources.map((s) => s.id)).toEqual(['POLICY-ENDPOINT']);
    expect(finding?.detail).toContain('Expert opinion');
  });

  it('counts a result exactly at the threshold (1.0 ×10⁹/L) as resolved, just below it as not', () => {
    const at = run({
      record: [before, pidotimodCourse(), alc('alc-1', 1.0, '2026-10-25T08:00:00+05:00')],
      drafts: [renewal()],
    });
    expect(byRule(at, 'endpoint-reached')).toHaveLength(1);
    const below = run({
      record: [before, pidotimodCourse(), alc('alc-1', 0.99, '2026-10-25T08:00:00+05:00')],
      drafts: [renewal()],
    });
    expect(byRule(below, 'endpoint-reached')).toEqual([]);
  });

  it('is silent when a condition also justified the course, or when no result since the start exists', () => {
    const immunodeficiency = condition('cvid', '23238000', 'Common variable agammaglobulinemia (disorder)');
    const withCondition = run({
      record: [before, pidotimodCourse(), alc('alc-1', 1.6, '2026-10-25T08:00:00+05:00'), immunodeficiency],
      drafts: [renewal()],
    });
    expect(byRule(withCondition, 'endpoint-reached')).toEqual([]);
    const noResult = run({ record: [before, pidotimodCourse()], drafts: [renewal()] });
    expect(byRule(noResult, 'endpoint-reached')).toEqual([]);
  });

  it('is silent for a new course of the same agent that does not continue the old one', () => {
    const unrelated = renewal({ priorPrescription: undefined, id: 'pido-9' });
    const late = { ...unrelated, authoredOn: '2026-11-01T09:00:00+05:00' };
    const findings = run({
      record: [
        before,
        pidotimodCourse('completed', '2026-10-10T09:00:00+05:00'),
        alc('alc-1', 1.6, '2026-10-25T08:00:00+05:00'),
      ],
      drafts: [late],
    });
    expect(byRule(findings, 'endpoint-reached')).toEqual([]);
  });
});

describe('course-review-due', () => {
  it('warns on a renewal signed with no endpoint result since the course began, suggesting the test', () => {
    const [finding] = byRule(run({ record: [before, pidotimodCourse()], drafts: [renewal()] }), 'course-review-due');
    expect(finding?.indicator).toBe('warning');
    expect(finding?.summary).toBe('Pidotimod renewal without reassessment — recheck the marker first');
    expect(finding?.concerns).toEqual([
      '**Imunorix 400 mg** (pidotimod) since 1 Sep 2026 (61 days): no ALC result since the course began.',
    ]);
    const panel = finding?.suggestions.find((s) => s.kind === 'order-panel');
    expect(panel && 'codes' in panel ? panel.codes.map((c) => c.code) : []).toEqual(['731-0']);
  });

  it('is silent on a renewal when the endpoint marker was measured during the course', () => {
    const findings = run({
      record: [before, pidotimodCourse(), alc('alc-1', 0.9, '2026-09-20T08:00:00+05:00')],
      drafts: [renewal()],
    });
    expect(byRule(findings, 'course-review-due')).toEqual([]);
  });

  it('tells at patient-view that an order still active past its planned end needs review', () => {
    const config = defaultSiteConfig();
    const record = [patient, before, pidotimodCourse('active'), alc('alc-1', 0.9, '2026-09-20T08:00:00+05:00')];
    const set = readResources(record);
    const context = buildPatientContext(set, { now: NOW, config, patient: set.patients[0] as never, patientId: 'p1' });
    const [finding] = byRule(evaluateCurrent(context, config), 'course-review-due');
    expect(finding?.indicator).toBe('info');
    expect(finding?.concerns[0]).toBe(
      '**Imunorix 400 mg** (pidotimod) since 1 Sep 2026: planned end was 1 Oct 2026 (31 days ago), and the order is still active.',
    );
  });

  it('reviews an unbounded course after the site default (90 days), not a day before', () => {
    const config = defaultSiteConfig();
    const order = (start: string) =>
      medicationRequest({
        id: 'pido-u',
        status: 'active',
        codings: drugs.pidotimod,
        text: 'Imunorix 400 mg',
        authoredOn: start,
      });
    const review = (start: string) => {
      const set = readResources([patient, order(start)]);
      const context = buildPatientContext(set, {
        now: NOW,
        config,
        patient: set.patients[0] as never,
        patientId: 'p1',
      });
      return byRule(evaluateCurrent(context, config), 'course-review-due');
    };
    expect(review('2026-08-03T10:00:00+05:00')).toEqual([]);
    expect(review('2026-08-02T08:00:00+05:00')[0]?.concerns[0]).toContain('review date was 31 Oct 2026');
  });
});

describe('no-response', () => {
  it('warns on a renewal when the deficit has not moved by 20 % after the full course', () => {
    const [finding] = byRule(
      run({
        record: [before, pidotimodCourse(), alc('alc-1', 0.85, '2026-10-25T08:00:00+05:00')],
        drafts: [renewal()],
      }),
      'no-response',
    );
    expect(finding?.indicator).toBe('warning');
    expect(finding?.summary).toBe('Pidotimod: no response after a full course — reconsider the renewal');
    expect(finding?.concerns[0]).toBe(
      '**Imunorix 400 mg** (pidotimod) for 61 days: ALC 0.8 ×10⁹/L, 25 Aug 2026 at the start, ALC 0.85 ×10⁹/L, 25 Oct 2026 now (6 %), still below 1.0 ×10⁹/L.',
    );
  });

  it('is silent when the marker rose by at least the meaningful change, or before 4 weeks', () => {
    const rising = run({
      record: [before, pidotimodCourse(), alc('alc-1', 0.97, '2026-10-25T08:00:00+05:00')],
      drafts: [renewal()],
    });
    expect(byRule(rising, 'no-response')).toEqual([]);
    const early = run({
      record: [before, pidotimodCourse(), alc('alc-1', 0.82, '2026-09-20T08:00:00+05:00')],
      drafts: [renewal()],
    });
    expect(byRule(early, 'no-response')).toEqual([]);
  });

  it('says it as info while a running course has passed its length, at patient-view', () => {
    const config = defaultSiteConfig();
    const running = medicationRequest({
      id: 'pido-a',
      status: 'active',
      codings: drugs.pidotimod,
      text: 'Imunorix 400 mg',
      authoredOn: '2026-09-01T09:00:00+05:00',
      boundsPeriod: { start: '2026-09-01T09:00:00+05:00', end: '2026-12-01T09:00:00+05:00' },
    });
    const early = [patient, before, running, alc('alc-1', 0.82, '2026-10-25T08:00:00+05:00')];
    const set = readResources(early);
    const context = buildPatientContext(set, { now: NOW, config, patient: set.patients[0] as never, patientId: 'p1' });
    // 61 days of a 91-day course: not judged before the planned length.
    expect(byRule(evaluateCurrent(context, config), 'no-response')).toEqual([]);
    const later = buildPatientContext(set, {
      now: new Date('2026-12-01T10:00:00+05:00'),
      config,
      patient: set.patients[0] as never,
      patientId: 'p1',
    });
    expect(byRule(evaluateCurrent(later, config), 'no-response')).toEqual([]);
  });
});

describe('immune-adverse-signal', () => {
  const lysateStart = '2026-08-20T09:00:00+05:00';
  const pido = (status = 'active') =>
    medicationRequest({
      id: 'pido-s',
      status,
      codings: drugs.pidotimod,
      text: 'Imunorix 400 mg',
      authoredOn: lysateStart,
      boundsPeriod: {
        start: lysateStart,
        end: status === 'active' ? '2026-11-20T09:00:00+05:00' : '2026-09-20T09:00:00+05:00',
      },
    });
  const reorder = medicationRequest({
    id: 'pido-new',
    status: 'draft',
    codings: drugs.pidotimod,
    text: 'Imunorix 400 mg',
    authoredOn: '2026-11-01T09:00:00+05:00',
    boundsDays: 30,
  });

  it('warns on a re-order after new eosinophilia during an earlier course, with the dates that link them', () => {
    const record = [
      pido('completed'),
      eos('e-0', 0.2, '2026-08-15T08:00:00+05:00'),
      eos('e-1', 0.9, '2026-09-15T08:00:00+05:00'),
    ];
    const [finding] = byRule(run({ record, drafts: [reorder] }), 'immune-adverse-signal');
    expect(finding?.indicator).toBe('warning');
    expect(finding?.summary).toBe('Pidotimod: new eosinophilia after the start');
    expect(finding?.concerns).toEqual([
      'Eosinophilia: Eosinophils 0.9 ×10⁹/L, 15 Sep 2026, after **Imunorix 400 mg** (pidotimod) started on 20 Aug 2026; before: Eosinophils 0.2 ×10⁹/L, 15 Aug 2026.',
    ]);
    expect(finding?.sources.map((s) => s.id)).toEqual(['POLICY-PHARMACOVIGILANCE']);
  });

  it('is silent when the eosinophils were already high before the start', () => {
    const record = [
      pido('completed'),
      eos('e-0', 0.7, '2026-08-15T08:00:00+05:00'),
      eos('e-1', 0.9, '2026-09-15T08:00:00+05:00'),
    ];
    expect(byRule(run({ record, drafts: [reorder] }), 'immune-adverse-signal')).toEqual([]);
  });

  it('links an autoimmune diagnosis with onset after the start, not one from before', () => {
    const sle = (onset: string) => ({
      ...condition('sle', 'M32.9', 'Systemic lupus erythematosus, unspecified', { system: ICD10 }),
      onsetDateTime: onset,
    });
    const after = byRule(
      run({ record: [pido('completed'), sle('2026-10-05')], drafts: [reorder] }),
      'immune-adverse-signal',
    );
    expect(after[0]?.concerns).toEqual([
      'Systemic lupus erythematosus, unspecified diagnosed 5 Oct 2026, 46 days after **Imunorix 400 mg** (pidotimod) started on 20 Aug 2026.',
    ]);
    const earlier = byRule(
      run({ record: [pido('completed'), sle('2026-05-05')], drafts: [reorder] }),
      'immune-adverse-signal',
    );
    expect(earlier).toEqual([]);
  });

  it('flags new thyroid dysfunction for an interferon, not for another immunostimulant', () => {
    const peg = medicationRequest({
      id: 'peg-1',
      status: 'active',
      codings: drugs.peginterferonAlfa2a,
      text: 'Pegasys 180 mcg',
      authoredOn: '2026-07-01T09:00:00+05:00',
      boundsDays: 336,
      periodUnit: 'wk',
    });
    const thyroid = [tsh('t-0', 2.1, '2026-06-25T08:00:00+05:00'), tsh('t-1', 6.8, '2026-10-01T08:00:00+05:00')];
    const config = defaultSiteConfig();
    const set = readResources([patient, peg, ...thyroid]);
    const context = buildPatientContext(set, { now: NOW, config, patient: set.patients[0] as never, patientId: 'p1' });
    const [finding] = byRule(evaluateCurrent(context, config), 'immune-adverse-signal');
    expect(finding?.summary).toBe('Peginterferon alfa-2a: new thyroid dysfunction after the start');
    expect(finding?.sources.map((s) => s.id)).toEqual(['DRUGS-COM-IFN-ALFA', 'POLICY-PHARMACOVIGILANCE']);
    expect(finding?.opinion).toBeUndefined();
    const pidoSet = readResources([patient, pido(), ...thyroid]);
    const other = buildPatientContext(pidoSet, {
      now: NOW,
      config,
      patient: pidoSet.patients[0] as never,
      patientId: 'p1',
    });
    expect(byRule(evaluateCurrent(other, config), 'immune-adverse-signal')).toEqual([]);
  });

  it('ends the link a configurable time after the course ended', () => {
    const record = [
      pido('completed'),
      eos('e-0', 0.2, '2026-08-15T08:00:00+05:00'),
      eos('e-1', 0.9, '2026-10-25T08:00:00+05:00'),
    ];
    const shortWindow = { thresholds: { monitoring: { signalAfterEndDays: 30 } } };
    expect(byRule(run({ record, drafts: [reorder], config: shortWindow }), 'immune-adverse-signal')).toEqual([]);
    expect(byRule(run({ record, drafts: [reorder] }), 'immune-adverse-signal')).toHaveLength(1);
  });
});
