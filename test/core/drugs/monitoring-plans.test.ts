import { describe, expect, it } from 'vitest';
import { biomarkerById } from '../../../src/core/biomarkers/catalog.js';
import { agentById, classById, DRUG_AGENTS } from '../../../src/core/drugs/knowledge-base.js';
import { MONITORING_PLANS, monitoringPlanById } from '../../../src/core/drugs/monitoring-plans.js';
import { type RecognizedOrder, recognizeMedicationRequest } from '../../../src/core/drugs/orders.js';
import { DrugRecognizer } from '../../../src/core/drugs/recognize.js';
import type { MonitoringPlan } from '../../../src/core/drugs/types.js';
import { readResources } from '../../../src/core/fhir/parse.js';
import { installAllCatalogs } from '../../../src/core/messages/catalogs.js';
import { LOCALES, translator } from '../../../src/core/messages/translator.js';
import { SOURCES } from '../../../src/core/sources.js';
import { drugs, medicationRequest } from '../../helpers/orders.js';

installAllCatalogs();

/** The agents a plan names, directly or through its classes. */
function agentsOf(plan: MonitoringPlan): string[] {
  const classes = new Set(plan.classes ?? []);
  return DRUG_AGENTS.filter((a) => plan.agents?.includes(a.id) || classes.has(a.classId)).map((a) => a.id);
}

/** Recognises one order as the service does: FHIR parse, then the knowledge base's recogniser. */
function recognize(order: Record<string, unknown>): RecognizedOrder {
  const set = readResources(order);
  const request = set.medicationRequests[0];
  if (!request) throw new Error('no MedicationRequest read');
  return recognizeMedicationRequest(request, new DrugRecognizer(), [], []);
}

/** The plans naming the order's agents, in knowledge-base order (the integrator's selection adds `when`). */
function plansNaming(order: RecognizedOrder): string[] {
  const ids = new Set(order.agents.flatMap((m) => (m.agent ? [m.agent.id] : [])));
  return MONITORING_PLANS.filter((p) => agentsOf(p).some((a) => ids.has(a))).map((p) => p.id);
}

describe('monitoring plans', () => {
  it('have unique ids and are found by id', () => {
    const ids = MONITORING_PLANS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const plan of MONITORING_PLANS) expect(monitoringPlanById(plan.id)).toBe(plan);
    expect(monitoringPlanById('echinacea')).toBeUndefined();
  });

  it.each(MONITORING_PLANS.map((p) => [p.id, p] as const))(
    '%s names agents, classes and markers that exist',
    (_id, plan) => {
      expect(agentsOf(plan).length).toBeGreaterThan(0);
      for (const id of plan.agents ?? []) expect(agentById(id), id).toBeDefined();
      for (const id of plan.classes ?? []) expect(classById(id), id).toBeDefined();
      const testIds = plan.tests.map((t) => t.id);
      expect(new Set(testIds).size, 'one test per id').toBe(testIds.length);
      for (const test of plan.tests) {
        expect(test.markers.length).toBeGreaterThan(0);
        for (const id of test.markers) expect(biomarkerById(id), `${test.id}: ${id}`).toBeDefined();
        // The first marker is the one a card offers to order: it needs a LOINC code.
        expect(biomarkerById(test.markers[0] as string)?.loinc.length).toBeGreaterThan(0);
      }
    },
  );

  it.each(MONITORING_PLANS.map((p) => [p.id, p] as const))(
    '%s cites a document, or an expert opinion exactly when it is one',
    (_id, plan) => {
      const source = SOURCES.get(plan.source);
      expect(source, plan.source).toBeDefined();
      if (plan.opinion) {
        expect(source?.kind).toBe('expert-opinion');
        expect(plan.source).toMatch(/^POLICY-MONITORING-/);
      } else {
        expect(['label', 'guideline', 'review', 'study']).toContain(source?.kind);
      }
    },
  );

  it.each(MONITORING_PLANS.map((p) => [p.id, p] as const))('%s has well-formed schedules', (_id, plan) => {
    for (const test of plan.tests) {
      expect(test.baseline || test.schedule.length > 0, `${test.id} asks for something`).toBe(true);
      test.schedule.forEach((phase, i) => {
        expect(Number.isInteger(phase.everyDays) && phase.everyDays > 0, `${test.id} phase ${i}`).toBe(true);
        const last = i === test.schedule.length - 1;
        // Every phase but the last ends; each ends later than the one before.
        expect(phase.untilDay === undefined, `${test.id} phase ${i}`).toBe(last);
        const previous = test.schedule[i - 1]?.untilDay ?? 0;
        if (phase.untilDay !== undefined) expect(phase.untilDay).toBeGreaterThan(previous);
      });
    }
    if (plan.when?.minCourseDays !== undefined) expect(plan.when.minCourseDays).toBeGreaterThan(0);
  });

  it('names every test in the clinician’s language', () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const test of MONITORING_PLANS.flatMap((p) => p.tests)) {
        expect(t.has(`monitoringTest.${test.id}`), `${locale} ${test.id}`).toBe(true);
      }
    }
  });

  it('sets dose thresholds at the dose limit of every agent they cover, in its unit', () => {
    const dosed = MONITORING_PLANS.filter((p) => p.when?.dosePerDayAbove);
    expect(dosed.map((p) => p.id)).toEqual(['vitamin-d-high-dose', 'zinc-copper']);
    for (const plan of dosed) {
      for (const id of agentsOf(plan)) {
        const limit = agentById(id)?.doseLimit;
        expect(limit, id).toBeDefined();
        expect([limit?.perDay, limit?.unit], id).toEqual([
          plan.when?.dosePerDayAbove?.value,
          plan.when?.dosePerDayAbove?.unit,
        ]);
      }
    }
  });

  it('puts a condition-specific plan before the general plan of the same agents', () => {
    MONITORING_PLANS.forEach((plan, i) => {
      if (!plan.when?.conditions) return;
      const general = MONITORING_PLANS.findIndex(
        (p) => !p.when?.conditions && agentsOf(p).some((a) => agentsOf(plan).includes(a)),
      );
      expect(general, `general plan for ${plan.id}`).toBeGreaterThan(i);
    });
  });

  it('covers the orders an EHR sends, recognised by RxNorm or ATC code', () => {
    const filgrastim = recognize(
      medicationRequest({ id: 'g', codings: drugs.filgrastim, dose: { value: 300, unit: 'ug' }, boundsDays: 7 }),
    );
    expect(plansNaming(filgrastim)).toEqual(['filgrastim-cbc']);
    expect(monitoringPlanById('filgrastim-cbc')?.tests[0]).toMatchObject({
      markers: ['neutrophils', 'wbc', 'platelets'],
    });

    const peginterferon = recognize(
      medicationRequest({ id: 'p', codings: drugs.peginterferonAlfa2a, dose: { value: 180, unit: 'ug' }, period: 7 }),
    );
    expect(plansNaming(peginterferon)).toEqual(['interferon-alfa-hepatitis', 'interferon-alfa']);

    expect(plansNaming(recognize(medicationRequest({ id: 'b', codings: drugs.interferonBeta1a })))).toEqual([
      'interferon-beta',
    ]);
    expect(plansNaming(recognize(medicationRequest({ id: 'i', codings: drugs.inosinePranobex })))).toEqual([
      'inosine-pranobex-uric-acid',
    ]);
    expect(plansNaming(recognize(medicationRequest({ id: 'pi', codings: drugs.pidotimod })))).toEqual([]);
  });

  it('compares a recognised vitamin D or zinc dose in the unit the plan states', () => {
    const vitaminD = recognize(
      medicationRequest({ id: 'd', codings: drugs.colecalciferol, dose: { value: 10000, unit: 'IU', code: '[IU]' } }),
    );
    expect(plansNaming(vitaminD)).toEqual(['vitamin-d-high-dose']);
    const threshold = monitoringPlanById('vitamin-d-high-dose')?.when?.dosePerDayAbove;
    expect(vitaminD.dose?.unit).toBe(threshold?.unit);
    expect(vitaminD.dose?.value).toBeGreaterThan(threshold?.value ?? Number.POSITIVE_INFINITY);

    const zinc = recognize(
      medicationRequest({ id: 'z', codings: drugs.zincSulfate, dose: { value: 50, unit: 'mg' }, boundsDays: 90 }),
    );
    expect(plansNaming(zinc)).toEqual(['zinc-copper']);
    expect(zinc.dose?.unit).toBe(monitoringPlanById('zinc-copper')?.when?.dosePerDayAbove?.unit);
  });
});
