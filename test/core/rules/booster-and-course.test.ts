import { describe, expect, it } from 'vitest';
import { byRule, run } from '../../helpers/evaluate.js';
import { condition, drugs, labObservation, medicationRequest, normalPanel } from '../../helpers/orders.js';

const lysate = (id = 'd-lysate', extra = {}) =>
  medicationRequest({
    id,
    status: 'draft',
    text: 'Бронхо-мунал 7 мг капсулы',
    dose: { value: 1, unit: 'capsule', code: '{capsule}' },
    boundsDays: 10,
    ...extra,
  });

describe('booster-not-indicated', () => {
  it('warns when a current panel is normal, naming the values and suggesting removal', () => {
    const [finding, ...rest] = byRule(run({ record: normalPanel(), drafts: [lysate()] }), 'booster-not-indicated');
    expect(rest).toEqual([]);
    expect(finding?.indicator).toBe('warning');
    expect(finding?.summary).toContain('no immune deficit on current labs');
    expect(finding?.summary.length).toBeLessThan(140);
    expect(finding?.detail).toContain('CD4 count 820 cells/µL, 1 Oct 2026');
    expect(finding?.detail).toMatch(/weak/);
    expect(finding?.suggestions).toContainEqual(
      expect.objectContaining({ kind: 'remove-order', order: 'MedicationRequest/d-lysate' }),
    );
    expect(finding?.sources.map((s) => s.id)).toEqual(
      expect.arrayContaining(['POLICY-DEFICIT-ANCHOR', 'POLICY-WEAK-EVIDENCE', 'CDC-HIV-2014']),
    );
  });

  it('warns with no labs, saying the deficit is unknown (never normal) and which panel to order', () => {
    const [finding] = byRule(run({ drafts: [lysate()] }), 'booster-not-indicated');
    expect(finding?.indicator).toBe('warning');
    expect(finding?.summary).toContain('immune deficit unknown, no current labs');
    expect(finding?.summary).not.toMatch(/normal/i);
    expect(finding?.detail).toContain('whether there is one is unknown');
    const panel = finding?.suggestions.find((s) => s.kind === 'order-panel');
    expect(panel && 'codes' in panel ? panel.codes.map((c) => c.code) : []).toEqual([
      '751-8',
      '731-0',
      '24467-3',
      '8123-2',
      '2465-3',
    ]);
  });

  it('warns with stale labs, treating them as unknown, never as normal', () => {
    const stale = normalPanel('2025-01-10T08:00:00+05:00');
    const [finding] = byRule(run({ record: stale, drafts: [lysate()] }), 'booster-not-indicated');
    expect(finding?.indicator).toBe('warning');
    expect(finding?.summary).toContain('immune deficit unknown');
    expect(finding?.detail).toContain('(last 10 Jan 2025)');
    expect(finding?.detail).not.toContain('show no deficit');
    expect(finding?.suggestions.map((s) => s.kind)).toContain('order-panel');
  });

  it('counts a panel as current up to the staleness limit (180 days) and stale beyond it', () => {
    const current = byRule(
      run({ record: normalPanel('2026-05-05T09:00:00+05:00'), drafts: [lysate()] }),
      'booster-not-indicated',
    );
    expect(current[0]?.summary).toContain('no immune deficit on current labs');
    const stale = byRule(
      run({ record: normalPanel('2026-05-03T09:00:00+05:00'), drafts: [lysate()] }),
      'booster-not-indicated',
    );
    expect(stale[0]?.summary).toContain('immune deficit unknown');
    expect(stale[0]?.indicator).toBe('warning');
  });

  it('can still be lowered to info by site configuration', () => {
    const config = { rules: { 'booster-not-indicated': { indicator: 'info' as const } } };
    const [finding] = byRule(run({ drafts: [lysate()], config }), 'booster-not-indicated');
    expect(finding?.indicator).toBe('info');
  });

  it('is silent when a current result documents a deficit (CD4 boundary at 200 /uL)', () => {
    const cd4 = (v: number) =>
      labObservation('cd4', '24467-3', 'CD3+CD4+ (T4 helper) cells [#/volume] in Blood', v, '/uL', '2026-10-20');
    expect(byRule(run({ record: [cd4(199)], drafts: [lysate()] }), 'booster-not-indicated')).toEqual([]);
    expect(byRule(run({ record: [cd4(200)], drafts: [lysate()] }), 'booster-not-indicated')).toHaveLength(1);
  });

  it('honours a site threshold', () => {
    const cd4 = labObservation('cd4', '24467-3', 'CD4', 300, '/uL', '2026-10-20');
    const config = { thresholds: { deficit: { cd4: 350 } } };
    expect(byRule(run({ record: [cd4], drafts: [lysate()], config }), 'booster-not-indicated')).toEqual([]);
  });

  it('does not call G-CSF non-indicated during myelosuppressive chemotherapy, but does without it', () => {
    const chemo = medicationRequest({
      id: 'cyclo',
      codings: drugs.cyclophosphamide,
      boundsPeriod: { start: '2026-10-20', end: '2026-10-21' },
    });
    const gcsf = medicationRequest({
      id: 'd-gcsf',
      status: 'draft',
      codings: drugs.filgrastim,
      dose: { value: 300, unit: 'ug' },
      count: 5,
      boundsPeriod: { start: '2026-10-23' },
    });
    expect(byRule(run({ record: [...normalPanel(), chemo], drafts: [gcsf] }), 'booster-not-indicated')).toEqual([]);
    const [alone] = byRule(run({ record: normalPanel(), drafts: [gcsf] }), 'booster-not-indicated');
    expect(alone?.detail).toContain('ANC 3.8 ×10⁹/L');
  });

  it('accepts an indicating condition: peginterferon for chronic viral hepatitis', () => {
    const hepatitis = condition('hep', 'B18.2', 'Chronic viral hepatitis C', {
      system: 'http://hl7.org/fhir/sid/icd-10',
    });
    const peg = medicationRequest({
      id: 'd-peg',
      status: 'draft',
      codings: drugs.peginterferonAlfa2a,
      boundsDays: 336,
    });
    expect(byRule(run({ record: [...normalPanel(), hepatitis], drafts: [peg] }), 'booster-not-indicated')).toEqual([]);
    expect(byRule(run({ record: normalPanel(), drafts: [peg] }), 'booster-not-indicated')).toHaveLength(1);
  });

  it('never fires for interferon beta, an MS therapy', () => {
    const ifnb = medicationRequest({ id: 'd-ifnb', status: 'draft', codings: drugs.interferonBeta1a });
    expect(byRule(run({ record: normalPanel(), drafts: [ifnb] }), 'booster-not-indicated')).toEqual([]);
  });

  it('can be disabled, or its indicator forced, by configuration', () => {
    expect(
      byRule(
        run({ drafts: [lysate()], config: { rules: { 'booster-not-indicated': { enabled: false } } } }),
        'booster-not-indicated',
      ),
    ).toEqual([]);
    const [forced] = byRule(
      run({ drafts: [lysate()], config: { rules: { 'booster-not-indicated': { indicator: 'critical' } } } }),
      'booster-not-indicated',
    );
    expect(forced?.indicator).toBe('critical');
  });
});

describe('course-unbounded', () => {
  const pranobex = (extra: object) =>
    medicationRequest({
      id: 'd-ip',
      status: 'draft',
      codings: drugs.inosinePranobex,
      dose: { value: 1000, unit: 'mg' },
      frequency: 3,
      ...extra,
    });

  it('warns about a booster with no end and suggests a stop date', () => {
    const [finding] = byRule(run({ drafts: [pranobex({})] }), 'course-unbounded');
    expect(finding?.indicator).toBe('warning');
    expect(finding?.summary).toContain('no end date');
    expect(finding?.suggestions).toContainEqual({
      kind: 'add-stop-date',
      label: 'Limit the course to 14 days',
      order: 'MedicationRequest/d-ip',
      days: 14,
    });
  });

  it.each([
    ['boundsDuration', { boundsDays: 10 }],
    ['boundsPeriod.end', { boundsPeriod: { start: '2026-11-01', end: '2026-11-10' } }],
    ['repeat.count', { count: 30 }],
    ['expectedSupplyDuration', { supplyDays: 10 }],
  ])('is silent when %s bounds the course', (_name, extra) => {
    expect(byRule(run({ drafts: [pranobex(extra)] }), 'course-unbounded')).toEqual([]);
  });

  it('flags a course longer than the class maximum (echinacea: 8 weeks), not one at it', () => {
    const echinacea = (days: number) =>
      medicationRequest({
        id: 'd-ech',
        status: 'draft',
        text: 'Echinacea purpurea herb extract tablets',
        boundsDays: days,
      });
    const [long] = byRule(run({ drafts: [echinacea(90)] }), 'course-unbounded');
    expect(long?.summary).toContain('a course of 90 days, above the maximum of 56 days');
    expect(byRule(run({ drafts: [echinacea(56)] }), 'course-unbounded')).toEqual([]);
  });

  it('takes a site maximum per class', () => {
    const config = { thresholds: { courses: { maxDays: { 'low-molecular-immunomodulator': 7 } } } };
    const [finding] = byRule(run({ drafts: [pranobex({ boundsDays: 10 })], config }), 'course-unbounded');
    expect(finding?.detail).toContain('(site setting)');
  });

  it('is only informational for an unbounded supplement', () => {
    const d3 = medicationRequest({
      id: 'd-d3',
      status: 'draft',
      codings: drugs.colecalciferol,
      dose: { value: 1000, unit: '[IU]' },
    });
    expect(byRule(run({ drafts: [d3] }), 'course-unbounded')[0]?.indicator).toBe('info');
  });

  it('flags the third course of a bacterial lysate within a year', () => {
    const past = [
      lysate('c1', { status: 'completed', authoredOn: '2026-02-01', boundsDays: 10 }),
      lysate('c2', { status: 'completed', authoredOn: '2026-06-01', boundsDays: 10 }),
    ];
    const [finding] = byRule(run({ record: past, drafts: [lysate()] }), 'course-unbounded');
    expect(finding?.indicator).toBe('warning');
    expect(finding?.summary).toContain('course 3 in 365 days');
    const old = [lysate('c0', { status: 'completed', authoredOn: '2025-06-01', boundsDays: 10 }), past[1]];
    expect(byRule(run({ record: old, drafts: [lysate()] }), 'course-unbounded')).toEqual([]);
  });

  describe('a refill is not a new course', () => {
    const start = (d: string) => `${d}T10:00:00+05:00`;
    /** A completed lysate course over [from, to]. */
    const past = (id: string, from: string, to: string, text = 'Бронхо-мунал 7 мг капсулы') =>
      medicationRequest({
        id,
        status: 'completed',
        text,
        authoredOn: start(from),
        dose: { value: 1, unit: 'capsule', code: '{capsule}' },
        boundsPeriod: { start: start(from), end: start(to) },
      });
    // The draft starts on its authoredOn, 2026-10-30 10:00.
    const older = past('c1', '2026-03-01', '2026-03-11');

    it.each([
      ['priorPrescription', { priorPrescription: { reference: 'MedicationRequest/c2' } }, {}],
      ['basedOn', { basedOn: [{ reference: 'https://fhir.example.org/r4/MedicationRequest/c2' }] }, {}],
      [
        'a shared groupIdentifier',
        { groupIdentifier: { system: 'https://hospital.example.org/rx-groups', value: 'RX-7781' } },
        { groupIdentifier: { system: 'https://hospital.example.org/rx-groups', value: 'RX-7781' } },
      ],
    ])('continues the course it is linked to by %s', (_name, draftLink, pastLink) => {
      const c2 = { ...past('c2', '2026-06-01', '2026-06-11'), ...pastLink };
      const refill = { ...lysate(), ...draftLink };
      expect(byRule(run({ record: [older, c2], drafts: [refill] }), 'course-unbounded')).toEqual([]);
      // Unlinked, with months between them, the same order is the third course.
      expect(byRule(run({ record: [older, c2], drafts: [lysate()] }), 'course-unbounded')[0]?.summary).toContain(
        'course 3 in 365 days',
      );
    });

    it('continues a course that ended up to 7 days before it starts, not 8', () => {
      const within = past('c2', '2026-10-13', '2026-10-23');
      expect(byRule(run({ record: [older, within], drafts: [lysate()] }), 'course-unbounded')).toEqual([]);
      const beyond = past('c2', '2026-10-12', '2026-10-22');
      const [finding] = byRule(run({ record: [older, beyond], drafts: [lysate()] }), 'course-unbounded');
      expect(finding?.indicator).toBe('warning');
      expect(finding?.summary).toContain('course 3');
    });

    it('counts the course length as the sum of its orders (OM-85: at most 90 days)', () => {
      const previous = past('c2', '2026-08-30', '2026-10-29');
      const [finding] = byRule(
        run({ record: [previous], drafts: [lysate('d-lysate', { boundsDays: 40 })] }),
        'course-unbounded',
      );
      expect(finding?.indicator).toBe('warning');
      expect(finding?.summary).toContain('a course of 100 days with its earlier orders, above the maximum of 90 days');
      expect(finding?.detail).toContain('one course of 100 days in all');
      expect(finding?.suggestions).toContainEqual(
        expect.objectContaining({ kind: 'add-stop-date', order: 'MedicationRequest/d-lysate', days: 30 }),
      );
      expect(
        byRule(run({ record: [previous], drafts: [lysate('d-lysate', { boundsDays: 30 })] }), 'course-unbounded'),
      ).toEqual([]);
      // Alone, the 40-day order is within the maximum.
      expect(byRule(run({ drafts: [lysate('d-lysate', { boundsDays: 40 })] }), 'course-unbounded')).toEqual([]);
    });

    it('offers to remove a refill when the course has already reached its maximum', () => {
      const previous = past('c2', '2026-08-01', '2026-10-30');
      const [finding] = byRule(run({ record: [previous], drafts: [lysate()] }), 'course-unbounded');
      expect(finding?.summary).toContain('a course of 100 days');
      expect(finding?.suggestions.map((s) => s.kind)).toEqual(['remove-order']);
    });

    it('never joins orders of different agents, even back to back', () => {
      const otherLysate = past('c2', '2026-10-20', '2026-10-29', 'ИРС-19 спрей назальный');
      const [finding] = byRule(run({ record: [older, otherLysate], drafts: [lysate()] }), 'course-unbounded');
      expect(finding?.summary).toContain('course 3 in 365 days');
    });
  });
});
