import { PerformanceObserver, performance } from 'node:perf_hooks';
import { buildProfile } from '../src/core/biomarkers/profile.js';
import { defaultSiteConfig, type SiteConfig, siteConfigSchema } from '../src/core/config/schema.js';
import { readResources } from '../src/core/fhir/parse.js';
import { translator } from '../src/core/messages/translator.js';
import { buildPatientContext, recognizeDraftOrders } from '../src/core/rules/context.js';
import { evaluate, RULES } from '../src/core/rules/engine.js';
import { COURSE_RULE_IDS } from '../src/core/rules/ids.js';
import { OrderIndex } from '../src/core/rules/order-index.js';
import { cpuMicros } from './core-call.js';
import { startProfile, topFunctions } from './cpu-profile.js';
import { makeObservations } from './observations.js';
import { median, settle } from './util.js';

const NOW = new Date('2026-11-01T09:00:00Z');
const ATC = 'http://www.whocc.no/atc';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

/** Orders as an EHR history holds them: anticoagulants, chemotherapy cycles, immunosuppressants, boosters, supplements. */
const HISTORY_TEMPLATES = [
  {
    coding: [
      { system: RXNORM, code: '11289', display: 'warfarin' },
      { system: ATC, code: 'B01AA03', display: 'warfarin' },
    ],
    dose: [5, 'mg'],
  },
  { coding: [{ system: ATC, code: 'L01AA01', display: 'cyclophosphamide' }], dose: [1000, 'mg'] },
  { coding: [{ system: ATC, code: 'L04AX03', display: 'methotrexate' }], dose: [15, 'mg'] },
  { coding: [{ system: ATC, code: 'A11CC05', display: 'colecalciferol' }], dose: [2000, '[IU]'] },
  { text: 'Бронхо-мунал 7 мг капсулы', dose: [1, '{capsule}'] },
  { coding: [{ system: ATC, code: 'J05AX05', display: 'inosine pranobex' }], dose: [1000, 'mg'] },
  { coding: [{ system: ATC, code: 'C09AA05', display: 'ramipril' }], dose: [5, 'mg'] },
  { coding: [{ system: ATC, code: 'A10BA02', display: 'metformin' }], dose: [1000, 'mg'] },
] as const;

const DRAFT_TEMPLATES = [
  { text: 'Polyoxidonium 12 mg' },
  { coding: [{ system: ATC, code: 'L03AA02', display: 'filgrastim' }] },
  { coding: [{ system: ATC, code: 'A11CC05', display: 'colecalciferol' }], dose: [10000, '[IU]'] },
  { coding: [{ system: ATC, code: 'P02CE01', display: 'levamisole' }] },
  { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '03', display: 'MMR' }] },
  { coding: [{ system: ATC, code: 'C10AX06', display: 'omega-3' }], dose: [4, 'g'] },
  { text: 'Echinacea purpurea tablets' },
  { coding: [{ system: ATC, code: 'C09AA05', display: 'ramipril' }] },
] as const;

type Template = { coding?: readonly object[]; text?: string; dose?: readonly [number, string] };

function order(id: string, t: Template, status: string, start: Date, days: number | undefined) {
  const repeat: Record<string, unknown> = { frequency: 1, period: 1, periodUnit: 'd' };
  if (days !== undefined) {
    repeat.boundsPeriod = {
      start: start.toISOString(),
      end: new Date(start.getTime() + days * 86_400_000).toISOString(),
    };
  }
  return {
    resourceType: 'MedicationRequest',
    id,
    status,
    intent: 'order',
    subject: { reference: 'Patient/bench-1' },
    authoredOn: start.toISOString(),
    medicationCodeableConcept: { ...(t.coding ? { coding: t.coding } : {}), ...(t.text ? { text: t.text } : {}) },
    dosageInstruction: [
      {
        timing: { repeat },
        ...(t.dose
          ? {
              doseAndRate: [
                {
                  doseQuantity: {
                    value: t.dose[0],
                    unit: t.dose[1],
                    system: 'http://unitsofmeasure.org',
                    code: t.dose[1],
                  },
                },
              ],
            }
          : {}),
      },
    ],
  };
}

/**
 * CPU milliseconds of this process so far: the rules run on one thread, and on a machine shared
 * with other work wall time would count their turns too.
 */
function cpuMs(): number {
  return cpuMicros() / 1000;
}

export function makeHistory(count: number) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const t = HISTORY_TEMPLATES[i % HISTORY_TEMPLATES.length] as Template;
    const start = new Date(NOW.getTime() - ((i * 37) % 3000) * 86_400_000);
    const active = i % 10 === 0;
    out.push(order(`h-${i}`, t, active ? 'active' : 'completed', start, active ? undefined : 5 + (i % 60)));
  }
  return out;
}

export function makeDrafts(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    ...order(`d-${i}`, DRAFT_TEMPLATES[i % DRAFT_TEMPLATES.length] as Template, 'draft', NOW, i % 2 ? 10 : undefined),
  }));
}

export interface RulesResult {
  observations: number;
  orders: number;
  drafts: number;
  /** Elapsed ms, median of the runs: what the caller waits for. */
  contextMs: number;
  evaluateMs: number;
  totalMs: number;
  /** CPU ms of the process per run (median): the main thread plus V8's helper threads (GC, compiler). */
  cpuMs: number;
  /** Garbage collection pauses per run, ms (mean over the runs). */
  gcMs: number;
  findings: number;
}

/** Total GC pause time so far, ms (observer entries arrive asynchronously: read after a tick). */
function gcObserver(): { read: () => Promise<number> } {
  let total = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    read: async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      observer.disconnect();
      return total;
    },
  };
}

/**
 * Builds the context (profile + recognised history) and evaluates the drafts, back to back as
 * the service does, without forcing a collection between runs (a forced full GC leaves the next
 * run sweeping after it, which no request pays). Medians of the runs after warm-up runs.
 */
export async function benchRules(
  cases: { observations: number; orders: number; drafts: number }[],
  runs: number,
  config: SiteConfig = defaultSiteConfig(),
): Promise<RulesResult[]> {
  const results: RulesResult[] = [];
  const warmUp = 5;
  for (const c of cases) {
    const record = readResources([
      { resourceType: 'Patient', id: 'bench-1', gender: 'female' },
      ...makeObservations(c.observations, 'bench-1'),
      ...makeHistory(c.orders),
    ]);
    const draftSet = readResources(makeDrafts(c.drafts));
    const ctxTimes: number[] = [];
    const evalTimes: number[] = [];
    const cpuTimes: number[] = [];
    let findings = 0;
    settle();
    let gc: ReturnType<typeof gcObserver> | undefined;
    for (let r = 0; r < runs + warmUp; r++) {
      if (r === warmUp) gc = gcObserver();
      const c0 = cpuMs();
      const t0 = performance.now();
      const context = buildPatientContext(record, { now: NOW, config, patientId: 'bench-1' });
      const t1 = performance.now();
      const drafts = recognizeDraftOrders(draftSet, context);
      findings = evaluate(context, drafts, config).length;
      const t2 = performance.now();
      const c1 = cpuMs();
      if (r >= warmUp) {
        ctxTimes.push(t1 - t0);
        evalTimes.push(t2 - t1);
        cpuTimes.push(c1 - c0);
      }
    }
    const gcMs = ((await gc?.read()) ?? 0) / runs;
    const contextMs = median(ctxTimes);
    const evaluateMs = median(evalTimes);
    results.push({
      ...c,
      contextMs,
      evaluateMs,
      totalMs: median(ctxTimes.map((t, i) => t + (evalTimes[i] as number))),
      cpuMs: median(cpuTimes),
      gcMs,
      findings,
    });
  }
  return results;
}

export interface RulesBreakdown {
  observations: number;
  orders: number;
  drafts: number;
  /** ms, median of the runs: the context's parts, the drafts' recognition, each rule, the engine's own work. */
  parts: { part: string; ms: number }[];
}

/**
 * Where the rules engine's time goes for one case: the context and, alone, the immune profile it
 * builds (buildProfile), the drafts' recognition, each rule's `evaluate` over every draft, and
 * `evaluate()` whole (the rules plus detail rendering, sources, ranking). Medians of the runs.
 */
export function breakdownRules(c: { observations: number; orders: number; drafts: number }, runs: number) {
  const config = defaultSiteConfig();
  const t = translator();
  const record = readResources([
    { resourceType: 'Patient', id: 'bench-1', gender: 'female' },
    ...makeObservations(c.observations, 'bench-1'),
    ...makeHistory(c.orders),
  ]);
  const draftSet = readResources(makeDrafts(c.drafts));
  const samples = new Map<string, number[]>();
  const add = (part: string, ms: number) => samples.set(part, [...(samples.get(part) ?? []), ms]);
  for (let r = 0; r < runs + 5; r++) {
    const t0 = performance.now();
    buildProfile(record.observations, { now: NOW, staleAfterDays: config.biomarkers.staleAfterDays });
    const t1 = performance.now();
    const context = buildPatientContext(record, { now: NOW, config, patientId: 'bench-1' });
    const t2 = performance.now();
    const drafts = recognizeDraftOrders(draftSet, context);
    const t3 = performance.now();
    const draftIndex = new OrderIndex(drafts);
    const perRule = new Map<string, number>();
    for (const rule of RULES) {
      const started = performance.now();
      for (const order of drafts) rule.evaluate({ context, order, drafts, draftIndex, config, t });
      perRule.set(rule.id, performance.now() - started);
    }
    const t4 = performance.now();
    evaluate(context, drafts, config, () => true, t);
    const t5 = performance.now();
    if (r < 5) continue;
    add('context, whole (buildPatientContext)', t2 - t1);
    add('… of which the immune profile (buildProfile alone)', t1 - t0);
    add('draft recognition (recognizeDraftOrders)', t3 - t2);
    for (const [id, ms] of perRule) add(`rule ${id} (its evaluate, every draft)`, ms);
    add('evaluate(), whole: the rules, details, sources, ranking', t5 - t4);
  }
  const parts = [...samples].map(([part, ms]) => ({ part, ms: median(ms) }));
  return { ...c, parts } satisfies RulesBreakdown;
}

/** The functions with the most self time while the context is built and the drafts evaluated, µs per run. */
export async function hotRuleFunctions(c: { observations: number; orders: number; drafts: number }, runs: number) {
  const config = defaultSiteConfig();
  const t = translator();
  const record = readResources([
    { resourceType: 'Patient', id: 'bench-1', gender: 'female' },
    ...makeObservations(c.observations, 'bench-1'),
    ...makeHistory(c.orders),
  ]);
  const draftSet = readResources(makeDrafts(c.drafts));
  const once = () => {
    const context = buildPatientContext(record, { now: NOW, config, patientId: 'bench-1' });
    evaluate(context, recognizeDraftOrders(draftSet, context), config, () => true, t);
  };
  once();
  once();
  const profiler = await startProfile();
  for (let r = 0; r < runs; r++) once();
  const profile = await profiler.stop();
  return topFunctions(profile, 15).map((f) => ({ fn: f.fn, us: f.us / runs }));
}

/** Issue 16's course rules switched off: the baseline of the same run. */
export function withoutCourseRules(): SiteConfig {
  return siteConfigSchema.parse({ rules: Object.fromEntries(COURSE_RULE_IDS.map((id) => [id, { enabled: false }])) });
}
