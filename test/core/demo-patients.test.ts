import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultSiteConfig, siteConfigSchema } from '../../src/core/config/schema.js';
import { readResources } from '../../src/core/fhir/parse.js';
import { buildPatientContext, recognizeDraftOrders } from '../../src/core/rules/context.js';
import { treatmentCourses } from '../../src/core/rules/courses.js';
import { evaluate, evaluateCurrent } from '../../src/core/rules/engine.js';
import { type Indicator, RULE_IDS, type RuleId } from '../../src/core/rules/ids.js';

/**
 * The demo patients (test/fixtures/demo): each Bundle with its draft order, evaluated by the core
 * against the anchor date the fixtures are written for, with the findings each scenario must and
 * must not produce.
 */

const NOW = new Date('2026-11-01T09:00:00+05:00');
const DAY_MS = 86_400_000;

type Json = Record<string, unknown>;
interface Entry {
  fullUrl?: string;
  resource: Json;
}

function load(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/demo/${name}`, import.meta.url), 'utf8'));
}

const bundleOf = (slug: string) => load(`${slug}.json`) as { resourceType: string; type: string; entry: Entry[] };
const orderOf = (slug: string) => load(`${slug}.order.json`) as Json;

/** test/helpers/evaluate.ts run(), with the Bundle's own patient id and the demo anchor. */
function evaluateDemo(record: unknown, drafts: unknown[], patientId: string, now = NOW, config = defaultSiteConfig()) {
  const set = readResources(record);
  const patient = set.patients.find((p) => p.id === patientId);
  const context = buildPatientContext(set, { now, config, patient: patient as never, patientId });
  const orders = recognizeDraftOrders(
    readResources({ resourceType: 'Bundle', entry: drafts.map((resource) => ({ resource })) }),
    context,
  );
  return { findings: evaluate(context, orders, config), context, orders };
}

function findingsOf(slug: string) {
  return evaluateDemo(bundleOf(slug), [orderOf(slug)], slug);
}

function ruleMap(findings: { ruleId: RuleId; indicator: Indicator }[]): Partial<Record<RuleId, Indicator>> {
  return Object.fromEntries(findings.map((f) => [f.ruleId, f.indicator]));
}

/**
 * A patient's results for one LOINC code as the lab sent them, oldest first: also the markers the
 * biomarker catalog does not read (platelets, TSH, eosinophils…), which the profile leaves out.
 */
function labResults(slug: string, loinc: string) {
  return bundleOf(slug)
    .entry.map((e) => e.resource as Json & { code: { coding: { code: string }[] } })
    .filter((r) => r.resourceType === 'Observation' && r.code.coding.some((c) => c.code === loinc))
    .map((r) => ({
      day: (r.effectiveDateTime as string).slice(0, 10),
      value: (r.valueQuantity as { value: number }).value,
      flag: (r.interpretation as { coding: { code: string }[] }[])[0]?.coding[0]?.code,
    }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** Whole days from a day's lab draw (08:20) to the anchor. */
const daysBeforeNow = (day: string) => Math.floor((NOW.getTime() - Date.parse(`${day}T08:20:00+05:00`)) / DAY_MS);

/** The booster courses of a scenario's history with its draft order, as the course rules see them. */
function boosterCourses(slug: string) {
  const { context, orders } = findingsOf(slug);
  const boosters = [...context.history, ...orders].filter((o) => o.roles.has('booster'));
  return treatmentCourses(boosters, 'booster', defaultSiteConfig().thresholds.courses.continuationGapDays);
}

type Quantity = { value: number };
interface ObservationShape {
  id: string;
  subject: { reference: string };
  encounter: { reference: string };
  effectiveDateTime: string;
  issued: string;
  performer: { reference: string }[];
  valueQuantity?: Quantity;
  referenceRange?: { low?: Quantity; high?: Quantity }[];
  interpretation?: { coding: { code: string }[] }[];
}
interface EncounterShape {
  status: string;
  class: { code: string };
  period: { start: string };
}
interface MedicationShape {
  dosageInstruction?: { timing?: { repeat?: { boundsPeriod?: { start?: string; end?: string } } } }[];
}

/** A copy of a Bundle without some of its entries. */
function without(slug: string, drop: (resource: Json) => boolean) {
  const bundle = bundleOf(slug);
  return { ...bundle, entry: bundle.entry.filter((e) => !drop(e.resource)) };
}

interface Scenario {
  slug: string;
  /** Every finding the order must produce (rule → indicator); any other rule must stay silent. */
  expected: Partial<Record<RuleId, Indicator>>;
  /** The findings the scenario exists to show are absent (checked on top of the exact match). */
  silent: RuleId[];
}

const SCENARIOS: Scenario[] = [
  {
    slug: 'post-covid',
    // An unbounded inosine pranobex course may pass 14 days: uric acid before it (expert-opinion plan: info).
    expected: { 'course-unbounded': 'warning', 'monitoring-due': 'info' },
    silent: ['booster-not-indicated'],
  },
  {
    slug: 'chemo-gcsf',
    expected: {},
    silent: ['malignancy-stimulation', 'booster-not-indicated', 'antineoplastic-interaction'],
  },
  {
    slug: 'hepatitis-peginterferon',
    // The record has blood counts but no liver tests or TSH for the interferon course (VA 2006 table: warning).
    expected: { 'monitoring-due': 'warning' },
    silent: ['booster-not-indicated', 'course-unbounded', 'immunomodulator-conflict'],
  },
  {
    slug: 'sle-immunodeficiency',
    expected: { 'autoimmune-flare': 'warning', 'immunomodulator-conflict': 'warning' },
    silent: ['booster-not-indicated', 'course-unbounded'],
  },
  {
    slug: 'healthy-booster',
    expected: { 'booster-not-indicated': 'warning', 'course-unbounded': 'warning' },
    silent: ['malignancy-stimulation', 'autoimmune-flare'],
  },
  {
    slug: 'warfarin-omega3',
    expected: { 'anticoagulant-interaction': 'warning', 'booster-not-indicated': 'warning' },
    silent: ['course-unbounded', 'immunomodulator-conflict'],
  },
  {
    slug: 'checkpoint-booster',
    expected: {
      'antineoplastic-interaction': 'warning',
      'malignancy-stimulation': 'warning',
      'booster-not-indicated': 'warning',
    },
    silent: ['course-unbounded'],
  },
  {
    slug: 'methotrexate-mmr',
    expected: { 'live-vaccine-immunocompromised': 'critical' },
    silent: ['vaccine-response-altered'],
  },
  {
    slug: 'vitamin-d-excess',
    // 5,000 IU a day is above the upper level: serum calcium before it (expert-opinion plan: info).
    expected: { 'nutrient-excess': 'warning', 'monitoring-due': 'info' },
    silent: ['course-unbounded'],
  },
  {
    slug: 'child-lysates',
    expected: { 'course-unbounded': 'warning', 'booster-not-indicated': 'warning' },
    silent: ['immunomodulator-conflict'],
  },
  {
    slug: 'hiv-cd4',
    expected: {},
    silent: ['live-vaccine-immunocompromised', 'vaccine-response-altered'],
  },
  // Issue 16 (course stewardship). A renewal continues its own course (immunomodulator-conflict stays
  // silent). monitoring-due: the hepatitis plan's blood count, liver tests and TSH are overdue.
  {
    slug: 'peginterferon-monitoring',
    expected: { 'monitoring-due': 'warning' },
    silent: [
      'booster-not-indicated',
      'course-unbounded',
      'autoimmune-flare',
      'immune-adverse-signal',
      'immunomodulator-conflict',
    ],
  },
  {
    slug: 'thymus-endpoint',
    expected: { 'endpoint-reached': 'info', 'booster-not-indicated': 'warning' },
    silent: ['course-unbounded', 'immunomodulator-conflict', 'course-review-due', 'no-response'],
  },
  {
    slug: 'lysate-eosinophilia',
    expected: { 'immune-adverse-signal': 'warning', 'booster-not-indicated': 'warning' },
    silent: ['course-unbounded', 'autoimmune-flare', 'course-review-due', 'immunomodulator-conflict'],
  },
];

/** Data-quality issues put in on purpose (everything else must parse cleanly). */
const DELIBERATE_ISSUES: Record<string, { id: string; problem: string }[]> = {
  'post-covid': [{ id: 'post-covid-il6-2026-10-20', problem: 'no value (not-performed)' }],
};

describe('demo patients: findings per scenario', () => {
  it.each(SCENARIOS)('$slug', ({ slug, expected, silent }) => {
    const { findings, orders } = findingsOf(slug);
    expect(orders, 'the draft order is recognised').toHaveLength(1);
    expect(ruleMap(findings)).toEqual(expected);
    expect(findings).toHaveLength(Object.keys(expected).length);
    for (const ruleId of silent) expect(findings.map((f) => f.ruleId)).not.toContain(ruleId);
    for (const f of findings) {
      expect(f.order?.reference).toBe(
        `${orderOf(slug).resourceType as string}/${(orderOf(slug) as { id: string }).id}`,
      );
      expect(f.summary.length).toBeLessThan(140);
    }
  });

  it('covers every scenario file and only known rule ids', () => {
    const files = readdirSync(new URL('../fixtures/demo/', import.meta.url)).filter((f) => f.endsWith('.order.json'));
    expect(SCENARIOS.map((s) => `${s.slug}.order.json`).sort()).toEqual(files.sort());
    expect(SCENARIOS).toHaveLength(14);
    for (const s of SCENARIOS) {
      for (const id of [...Object.keys(s.expected), ...s.silent]) expect(RULE_IDS).toContain(id);
    }
  });
});

describe('demo patients: why each finding fires or stays silent', () => {
  it('post-covid: the latest ALC 900 /uL is a current deficit, and the open-ended course is flagged', () => {
    const { findings, context } = findingsOf('post-covid');
    const alc = context.profile.series.find((s) => s.biomarker.id === 'lymphocytes');
    expect(alc?.latest.value).toBe(900);
    expect(alc?.latest.day).toBe('2026-10-20');
    expect(alc?.stale).toBe(false);
    expect(alc?.history.length).toBeGreaterThanOrEqual(5);
    const course = findings.find((f) => f.ruleId === 'course-unbounded');
    expect(course?.summary).toContain('no end date');
    // The two earlier Isoprinosine courses (2024-01, 2025-03) are outside the 365-day window.
    expect(course?.detail).not.toContain('course 3');
  });

  it('post-covid: with the deficit gone (ALC above 1.0) booster-not-indicated would warn', () => {
    const bundle = bundleOf('post-covid');
    const recovered = {
      ...bundle,
      entry: bundle.entry.map((e) =>
        e.resource.id === 'post-covid-alc-2026-10-20'
          ? { ...e, resource: { ...e.resource, valueQuantity: { value: 1.4, unit: '10*9/L', code: '10*9/L' } } }
          : e,
      ),
    };
    const { findings } = evaluateDemo(recovered, [orderOf('post-covid')], 'post-covid');
    expect(ruleMap(findings)['booster-not-indicated']).toBe('warning');
  });

  it('chemo-gcsf: neutropenia and low IgG are current; filgrastim starts > 24 h after the last cycle', () => {
    const { context } = findingsOf('chemo-gcsf');
    const anc = context.profile.series.find((s) => s.biomarker.id === 'neutrophils');
    const igg = context.profile.series.find((s) => s.biomarker.id === 'igg');
    expect(anc?.latest.value).toBe(600);
    expect(igg?.latest.value).toBe(510);
    expect(igg?.latest.interpretation).toBe('low');
    const chemo = context.history.find((o) => o.roles.has('cytotoxic'));
    expect(chemo?.status).toBe('completed');
    expect(chemo?.course.endMs).toBe(Date.parse('2026-10-22T14:00:00+05:00'));
    expect(((NOW.getTime() - (chemo?.course.endMs ?? 0)) / DAY_MS) | 0).toBe(9);
  });

  it('chemo-gcsf: the same filgrastim started within 24 h of the cycle would be critical', () => {
    const order = orderOf('chemo-gcsf') as { dosageInstruction: { timing: { repeat: Json } }[] };
    const early = structuredClone(order);
    const repeat = early.dosageInstruction[0]?.timing.repeat as Json;
    repeat.boundsPeriod = { start: '2026-10-22T20:00:00+05:00' };
    const { findings } = evaluateDemo(bundleOf('chemo-gcsf'), [early], 'chemo-gcsf');
    expect(ruleMap(findings)['antineoplastic-interaction']).toBe('critical');
    expect(ruleMap(findings)['malignancy-stimulation']).toBeUndefined();
  });

  it('hepatitis-peginterferon: silence comes from the indication (chronic hepatitis C)', () => {
    const { context } = findingsOf('hepatitis-peginterferon');
    expect(context.conditions[0]?.categories.has('chronic-viral-hepatitis')).toBe(true);
    const noDiagnosis = without('hepatitis-peginterferon', (r) => r.resourceType === 'Condition');
    const { findings } = evaluateDemo(noDiagnosis, [orderOf('hepatitis-peginterferon')], 'hepatitis-peginterferon');
    expect(ruleMap(findings)['booster-not-indicated']).toBe('warning');
  });

  it('hepatitis-peginterferon: the continuation and the completed 24 weeks are one 336-day course', () => {
    const config = siteConfigSchema.parse({ thresholds: { courses: { maxDays: { 'interferon-alfa': 300 } } } });
    const { findings } = evaluateDemo(
      bundleOf('hepatitis-peginterferon'),
      [orderOf('hepatitis-peginterferon')],
      'hepatitis-peginterferon',
      NOW,
      config,
    );
    const course = findings.find((f) => f.ruleId === 'course-unbounded');
    expect(course?.summary).toContain('a course of 336 days with its earlier orders, above the maximum of 300 days');
    expect(course?.detail).not.toContain('course 2');
  });

  it('sle-immunodeficiency: lymphopenia and low IgG are current deficits; prednisolone is current', () => {
    const { findings, context } = findingsOf('sle-immunodeficiency');
    const alc = context.profile.series.find((s) => s.biomarker.id === 'lymphocytes');
    const igg = context.profile.series.find((s) => s.biomarker.id === 'igg');
    expect(alc?.latest.value).toBe(720);
    expect(igg?.latest.value).toBe(560);
    expect(igg?.latest.interpretation).toBe('low');
    const conflict = findings.find((f) => f.ruleId === 'immunomodulator-conflict');
    expect(conflict?.detail).toContain('Prednisolone');
    expect(conflict?.sources.map((s) => s.id)).toContain('COMMISSION-E-ECHINACEA');
    expect(findings.find((f) => f.ruleId === 'autoimmune-flare')?.summary).toContain('Systemic lupus');
  });

  it('healthy-booster: the normal current panel is named in the warning', () => {
    const { findings } = findingsOf('healthy-booster');
    const booster = findings.find((f) => f.ruleId === 'booster-not-indicated');
    expect(booster?.summary).toContain('no immune deficit on current labs');
    expect(booster?.detail).toContain('CD4 count 880 cells/µL, 15 Sep 2026');
    expect(booster?.detail).toContain('IgG 1,120 mg/dL, 15 Sep 2026');
  });

  it('healthy-booster: the neutral orders yield no findings', () => {
    const neutral = load('neutral-orders.json') as Json[];
    expect(neutral).toHaveLength(3);
    for (const order of neutral) expect(order.status).toBe('draft');
    const { findings } = evaluateDemo(bundleOf('healthy-booster'), neutral, 'healthy-booster');
    expect(findings).toEqual([]);
  });

  it('warfarin-omega3: the card quotes the latest INR', () => {
    const { findings, context } = findingsOf('warfarin-omega3');
    const inr = context.profile.series.find((s) => s.biomarker.id === 'inr');
    expect(inr?.history.map((m) => m.value)).toEqual([2.4, 3.2, 2.1, 2.6, 2.9, 2.3, 2.7, 2.5]);
    const card = findings.find((f) => f.ruleId === 'anticoagulant-interaction');
    expect(card?.detail).toContain('INR 2.5, 19 Oct 2026');
    expect(card?.sources.map((s) => s.id)).toContain('ERGAMISOL-PI');
  });

  it('warfarin-omega3: as a single anthelmintic dose the levamisole keeps only the warfarin interaction', () => {
    const order = structuredClone(orderOf('warfarin-omega3')) as { dosageInstruction: { timing: { repeat: Json } }[] };
    const repeat = order.dosageInstruction[0]?.timing.repeat as Json;
    repeat.boundsDuration = { value: 1, unit: 'day', system: 'http://unitsofmeasure.org', code: 'd' };
    const { findings } = evaluateDemo(bundleOf('warfarin-omega3'), [order], 'warfarin-omega3');
    expect(ruleMap(findings)).toEqual({ 'anticoagulant-interaction': 'warning' });
  });

  it('methotrexate-mmr: the reason is the current immunosuppressant', () => {
    const { findings } = findingsOf('methotrexate-mmr');
    expect(findings[0]?.summary).toContain('on methotrexate');
    expect(findings[0]?.detail).toContain('Methotrexate');
  });

  it('vitamin-d-excess: the level is already high and the daily total is above the UL', () => {
    const { findings, context } = findingsOf('vitamin-d-excess');
    const vitd = context.profile.series.find((s) => s.biomarker.id === 'vitamin-d');
    expect(vitd?.latest.value).toBe(68);
    // The 2024 result was sent in nmol/L: 22 nmol/L ≈ 8.8 ng/mL.
    expect(vitd?.history[0]?.value).toBeCloseTo(8.8, 1);
    const card = findings.find((f) => f.ruleId === 'nutrient-excess');
    expect(card?.summary).toContain('already 68 ng/mL, above 50 ng/mL');
    expect(card?.detail).toContain('the total is 15,000 IU a day');
  });

  it('child-lysates: this is the third course within 365 days; paediatric ranges come from the lab', () => {
    const { findings, context } = findingsOf('child-lysates');
    const course = findings.find((f) => f.ruleId === 'course-unbounded');
    expect(course?.summary).toContain('course 3');
    const igg = context.profile.series.find((s) => s.biomarker.id === 'igg');
    expect(igg?.latest.referenceRange).toMatchObject({ origin: 'observation', low: 633, high: 1280 });
    expect(igg?.latest.interpretation).toBe('normal');
    const alc = context.profile.series.find((s) => s.biomarker.id === 'lymphocytes');
    expect(alc?.latest.referenceRange?.origin).toBe('observation');
    expect(alc?.latest.interpretation).toBe('normal');
  });

  it('hiv-cd4: CD4 rose from below 200 to 420 /uL (24 %)', () => {
    const { context } = findingsOf('hiv-cd4');
    const cd4 = context.profile.series.find((s) => s.biomarker.id === 'cd4');
    const pct = context.profile.series.find((s) => s.biomarker.id === 'cd4-pct');
    expect(cd4?.history.map((m) => m.value)).toEqual([150, 210, 280, 350, 390, 420]);
    expect(pct?.history.map((m) => m.value)).toEqual([12, 15, 18, 21, 23, 24]);
    expect(cd4?.stale).toBe(false);
  });

  it('hiv-cd4: at diagnosis (CD4 150 /uL, 12 %) the same vaccine would be critical', () => {
    const atDiagnosis = without(
      'hiv-cd4',
      (r) => r.resourceType === 'Observation' && String(r.effectiveDateTime) > '2023-03',
    );
    const { findings } = evaluateDemo(
      atDiagnosis,
      [orderOf('hiv-cd4')],
      'hiv-cd4',
      new Date('2023-03-01T09:00:00+05:00'),
    );
    expect(ruleMap(findings)['live-vaccine-immunocompromised']).toBe('critical');
  });

  it('hiv-cd4: at the second draw (CD4 210 /uL, 15 %) the vaccine is allowed; 14 % (HIV staging) is not the line', () => {
    const asOf = new Date('2023-09-01T09:00:00+05:00');
    const secondDraw = without(
      'hiv-cd4',
      (r) => r.resourceType === 'Observation' && String(r.effectiveDateTime) > '2023-09',
    );
    const allowed = evaluateDemo(secondDraw, [orderOf('hiv-cd4')], 'hiv-cd4', asOf).findings;
    expect(ruleMap(allowed)['live-vaccine-immunocompromised']).toBeUndefined();
    const at14 = {
      ...secondDraw,
      entry: secondDraw.entry.map((e) =>
        e.resource.id === 'hiv-cd4-cd4pct-2023-08-22'
          ? { ...e, resource: { ...e.resource, valueQuantity: { value: 14, unit: '%', code: '%' } } }
          : e,
      ),
    };
    const [card] = evaluateDemo(at14, [orderOf('hiv-cd4')], 'hiv-cd4', asOf).findings;
    expect(card?.ruleId).toBe('live-vaccine-immunocompromised');
    expect(card?.summary).toContain('CD4 14 %');
  });

  it('peginterferon-monitoring: the renewal continues the 48-week course that began 100 days ago', () => {
    const [course, ...others] = boosterCourses('peginterferon-monitoring');
    expect(others).toEqual([]);
    expect(course?.orders.map((o) => [o.id, o.status])).toEqual([
      ['peginterferon-monitoring-peginterferon', 'active'],
      ['peginterferon-monitoring-draft', 'draft'],
    ]);
    const running = course?.orders[0];
    expect(running?.course.startMs).toBe(Date.parse('2026-07-24T10:00:00+05:00'));
    // The first dose, 24 Jul 2026 10:00, is 100 calendar days before the anchor (99 days and 23 hours).
    expect(Math.round((NOW.getTime() - (running?.course.startMs ?? 0)) / DAY_MS)).toBe(100);
    expect(running?.course.plannedDays).toBe(336);
    expect(course?.plannedDays).toBe(336 + 28);
  });

  it('peginterferon-monitoring: blood counts at baseline and weeks 2, 4 and 8, none for 44 days; TSH only at baseline', () => {
    const slug = 'peginterferon-monitoring';
    const sinceBaseline = (loinc: string) => labResults(slug, loinc).filter((r) => r.day >= '2026-07-20');
    for (const loinc of ['6690-2', '751-8', '731-0', '777-3']) {
      expect(sinceBaseline(loinc).map((r) => r.day)).toEqual(['2026-07-20', '2026-08-07', '2026-08-21', '2026-09-18']);
    }
    expect(sinceBaseline('777-3').map((r) => [r.value, r.flag])).toEqual([
      [208, 'N'],
      [171, 'N'],
      [156, 'N'],
      [146, 'L'],
    ]);
    expect(daysBeforeNow('2026-09-18')).toBe(44);
    expect(labResults(slug, '3016-3')).toEqual([{ day: '2026-07-20', value: 1.9, flag: 'N' }]);
    expect(daysBeforeNow('2026-07-20')).toBe(104);
    expect(labResults(slug, '1742-6').map((r) => r.value)).toEqual([38, 67, 88, 92, 45, 31]);
    // The interferon is indicated (chronic hepatitis C), so booster-not-indicated has nothing to say.
    expect(findingsOf(slug).context.conditions[0]?.categories.has('chronic-viral-hepatitis')).toBe(true);
  });

  it('thymus-endpoint: a 30-day thymalin course begun on lymphopenia (ALC 0.8 ×10⁹/L), ALC 1.6 at its end', () => {
    const { context } = findingsOf('thymus-endpoint');
    const alc = context.profile.series.find((s) => s.biomarker.id === 'lymphocytes');
    expect(alc?.history.map((m) => [m.day, m.value, m.deficit !== undefined])).toEqual([
      ['2024-06-11', 2000, false],
      ['2025-06-17', 1900, false],
      ['2026-08-19', 700, true],
      ['2026-09-24', 800, true],
      ['2026-10-27', 1600, false],
    ]);
    expect(alc?.latest.referenceRange).toMatchObject({ origin: 'observation', low: 1000, high: 4800 });
    expect(alc?.latest.interpretation).toBe('normal');
    const [course, ...others] = boosterCourses('thymus-endpoint');
    expect(others).toEqual([]);
    const [done, draft] = course?.orders ?? [];
    expect(done?.status).toBe('completed');
    expect(done?.course).toMatchObject({
      startMs: Date.parse('2026-09-28T09:00:00+05:00'),
      endMs: Date.parse('2026-10-28T09:00:00+05:00'),
      plannedDays: 30,
    });
    // The renewal starts 4 days after the course ended (and names it): one course of 60 days.
    expect(((draft?.course.startMs ?? 0) - (done?.course.endMs ?? 0)) / DAY_MS).toBe(4);
    expect(course?.plannedDays).toBe(60);
  });

  it('thymus-endpoint: the warning comes from the resolved lymphopenia; before the last count it is silent', () => {
    const { findings } = findingsOf('thymus-endpoint');
    expect(findings[0]?.detail).toContain('ALC 1.6 ×10⁹/L, 27 Oct 2026');
    const beforeLastCount = without('thymus-endpoint', (r) => String(r.id).endsWith('-2026-10-27'));
    const earlier = evaluateDemo(beforeLastCount, [orderOf('thymus-endpoint')], 'thymus-endpoint').findings;
    expect(ruleMap(earlier)['booster-not-indicated']).toBeUndefined();
  });

  it('thymus-endpoint: the endpoint card names the count before the course and the current one', () => {
    const endpoint = findingsOf('thymus-endpoint').findings.find((f) => f.ruleId === 'endpoint-reached');
    expect(endpoint?.concerns.join('\n')).toContain(
      'ALC 0.8 ×10⁹/L, 24 Sep 2026 before the course; now ALC 1.6 ×10⁹/L, 27 Oct 2026',
    );
  });

  it('lysate-eosinophilia: eosinophils 0.2 before OM-85 and 0.9 ×10⁹/L (lab range to 0.5) after two cycles; IgE 38 → 260', () => {
    const slug = 'lysate-eosinophilia';
    expect(labResults(slug, '711-2')).toEqual([
      { day: '2024-02-20', value: 0.15, flag: 'N' },
      { day: '2025-03-11', value: 0.18, flag: 'N' },
      { day: '2026-08-25', value: 0.2, flag: 'N' },
      { day: '2026-10-20', value: 0.9, flag: 'H' },
    ]);
    const { context } = findingsOf(slug);
    const ige = context.profile.series.find((s) => s.biomarker.id === 'ige');
    expect(ige?.history.map((m) => [m.day, m.value, m.interpretation])).toEqual([
      ['2026-08-25', 38, 'normal'],
      ['2026-10-20', 260, 'high'],
    ]);
    const [course, ...others] = boosterCourses(slug);
    expect(others).toEqual([]);
    const [running] = course?.orders ?? [];
    expect(running?.status).toBe('active');
    expect(running?.course.startMs).toBe(Date.parse('2026-09-01T08:00:00+05:00'));
    // With the re-order, 80 days: within the 90-day OM-85 course, so course-unbounded is silent.
    expect(course?.plannedDays).toBe(80);
    // No coded autoimmune diagnosis (autoimmune-flare silent); the urticaria is text only.
    expect(context.conditions).toEqual([]);
  });

  it('lysate-eosinophilia: the adverse signal dates the start and the result, on the re-order and at patient-view', () => {
    const { findings, context } = findingsOf('lysate-eosinophilia');
    const current = evaluateCurrent(context, defaultSiteConfig());
    for (const list of [findings, current]) {
      const signal = list.find((f) => f.ruleId === 'immune-adverse-signal');
      expect(signal?.indicator).toBe('warning');
      expect(signal?.concerns.join('\n')).toContain('IgE 260 IU/mL, 20 Oct 2026');
      expect(signal?.concerns.join('\n')).toContain('started on 1 Sep 2026; before: IgE 38 IU/mL, 25 Aug 2026');
    }
  });

  it('lysate-eosinophilia: no deficit before the lysate, so it was not indicated', () => {
    const booster = findingsOf('lysate-eosinophilia').findings.find((f) => f.ruleId === 'booster-not-indicated');
    expect(booster?.detail).toContain('ALC 2.1 ×10⁹/L, 20 Oct 2026');
    expect(booster?.detail).toContain('IgG 10.8 g/L, 25 Aug 2026');
  });
});

describe('demo patients: data', () => {
  const slugs = SCENARIOS.map((s) => s.slug);

  it.each(slugs)('%s parses with no data-quality issues except deliberate ones', (slug) => {
    const { context } = findingsOf(slug);
    expect(context.issues.map((i) => ({ id: i.id, problem: i.problem }))).toEqual(DELIBERATE_ISSUES[slug] ?? []);
  });

  it.each(slugs)('%s is a well-formed collection Bundle dated up to the anchor', (slug) => {
    const bundle = bundleOf(slug);
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    const resources = bundle.entry.map((e) => e.resource);
    const patients = resources.filter((r) => r.resourceType === 'Patient');
    expect(patients).toHaveLength(1);
    const patient = patients[0] as Json & { identifier: { system: string; value: string }[] };
    expect(patient.id).toBe(slug);
    expect(patient.identifier[0]?.system).toBe('https://hospital.example.org/mrn');
    const ids = new Set<string>();
    for (const e of bundle.entry) {
      const key = `${e.resource.resourceType as string}/${e.resource.id as string}`;
      expect(e.fullUrl).toBe(`https://fhir.example.org/r4/${key}`);
      expect(ids.has(key)).toBe(false);
      ids.add(key);
    }
    const text = JSON.stringify(bundle);
    for (const ref of text.matchAll(/"reference":\s*"(Patient|Encounter)\/([^"]+)"/g)) {
      expect(ids, `${ref[1]}/${ref[2]} resolves`).toContain(`${ref[1]}/${ref[2]}`);
    }
    const observations = resources.filter((r) => r.resourceType === 'Observation');
    const times = observations.map((o) => Date.parse(o.effectiveDateTime as string));
    for (const t of times) {
      expect(t).toBeLessThanOrEqual(NOW.getTime());
      expect(t).toBeGreaterThanOrEqual(Date.parse('2023-01-01T00:00:00+05:00'));
    }
    const days = new Set(observations.map((o) => (o.effectiveDateTime as string).slice(0, 10)));
    expect(days.size, 'several draws').toBeGreaterThanOrEqual(3);
    const years = new Set([...days].map((d) => d.slice(0, 4)));
    expect(years.size, 'a multi-year history').toBeGreaterThanOrEqual(2);
    expect(NOW.getTime() - Math.max(...times), 'latest labs within 3 months').toBeLessThanOrEqual(92 * DAY_MS);
    for (const match of text.matchAll(/"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)"/g)) {
      expect(match[2]).toBe('+05:00');
    }
  });

  it.each(slugs)('%s has a draft order for its patient', (slug) => {
    const order = orderOf(slug) as Json & { subject: { reference: string } };
    expect(order.status).toBe('draft');
    expect(['MedicationRequest', 'ServiceRequest']).toContain(order.resourceType);
    expect(order.subject.reference).toBe(`Patient/${slug}`);
  });

  it.each(slugs)(
    '%s follows the README conventions: one finished ambulatory Encounter per draw, lab times, flags',
    (slug) => {
      const resources = bundleOf(slug).entry.map((e) => e.resource);
      const encounters = new Map(
        resources
          .filter((r) => r.resourceType === 'Encounter')
          .map((r) => [r.id as string, r as Json & EncounterShape]),
      );
      const drawn = new Set<string>();
      for (const o of resources.filter((r) => r.resourceType === 'Observation') as (Json & ObservationShape)[]) {
        const day = o.effectiveDateTime.slice(0, 10);
        expect(o.id).toMatch(new RegExp(`^${slug}-[a-z0-9]+-${day}$`));
        expect(o.subject.reference).toBe(`Patient/${slug}`);
        expect(o.effectiveDateTime).toBe(`${day}T08:20:00+05:00`);
        expect(o.issued).toBe(`${day}T14:30:00+05:00`);
        expect(Date.parse(o.issued), `${o.id} is issued by the anchor`).toBeLessThanOrEqual(NOW.getTime());
        expect(['Organization/lab-1', 'Organization/lab-2', 'Organization/lab-3']).toContain(o.performer[0]?.reference);
        const encounter = encounters.get(`${slug}-enc-${day}`);
        expect(o.encounter.reference).toBe(`Encounter/${slug}-enc-${day}`);
        expect(encounter).toMatchObject({ status: 'finished', class: { code: 'AMB' } });
        expect(encounter?.period.start.slice(0, 10)).toBe(day);
        drawn.add(`${slug}-enc-${day}`);
        const [range] = o.referenceRange ?? [];
        const flag = o.interpretation?.[0]?.coding[0]?.code;
        if (range && flag && o.valueQuantity) {
          const { value } = o.valueQuantity;
          const expected =
            range.low && value < range.low.value ? 'L' : range.high && value > range.high.value ? 'H' : 'N';
          expect(flag, `${o.id}: ${value} against the lab's range`).toBe(expected);
        }
      }
      // Every ambulatory Encounter is a lab draw (post-covid's inpatient stay is the one other kind).
      for (const [id, e] of encounters) if (e.class.code === 'AMB') expect(drawn, id).toContain(id);
    },
  );

  it.each(slugs)('%s is dated by the anchor; only current orders plan past it', (slug) => {
    for (const { resource: r } of bundleOf(slug).entry) {
      const dates = [
        r.authoredOn,
        r.onsetDateTime,
        r.abatementDateTime,
        r.recordedDate,
        r.occurrenceDateTime,
        r.recorded,
      ];
      for (const d of dates.filter((x): x is string => typeof x === 'string')) {
        expect(Date.parse(d), `${r.id as string}: ${d}`).toBeLessThanOrEqual(NOW.getTime());
      }
      if (r.resourceType !== 'MedicationRequest') continue;
      for (const dosage of (r as MedicationShape).dosageInstruction ?? []) {
        const period = dosage.timing?.repeat?.boundsPeriod;
        if (period?.start) expect(Date.parse(period.start)).toBeLessThanOrEqual(NOW.getTime());
        if (period?.end && Date.parse(period.end) > NOW.getTime()) expect(r.status, `${r.id as string}`).toBe('active');
      }
    }
  });

  it.each(slugs)('%s: a draft that renews names an order of this patient for the same drug', (slug) => {
    const prior = (orderOf(slug) as { priorPrescription?: { reference: string } }).priorPrescription;
    if (!prior) return;
    const { context, orders } = findingsOf(slug);
    const renewed = context.history.find((o) => o.reference === prior.reference);
    expect(renewed, `${prior.reference} is in the record`).toBeDefined();
    expect(orders[0]?.agents.map((a) => a.agent?.id)).toEqual(renewed?.agents.map((a) => a.agent?.id));
  });
});
