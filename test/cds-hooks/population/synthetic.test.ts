import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultGoLive, generatePopulation } from '../../../cds-hooks/population/synthetic/generate.js';
import { writeNdjson } from '../../../cds-hooks/population/synthetic/ndjson.js';
import { MIX, type Variant } from '../../../cds-hooks/population/synthetic/scenarios.js';
import {
  FIXTURE_ANCHOR_DAY,
  instantiate,
  scenarioTemplates,
} from '../../../cds-hooks/population/synthetic/templates.js';
import { defaultSiteConfig } from '../../../src/core/config/schema.js';
import { readResources } from '../../../src/core/fhir/parse.js';
import { buildPatientContext, recognizeDraftOrders } from '../../../src/core/rules/context.js';
import { evaluate } from '../../../src/core/rules/engine.js';
import { FIXTURE_NOW, fixturePath, loadFixture } from '../../helpers/fixtures.js';

/**
 * The synthetic population: deterministic, parsed by the core as any record, the demo fixtures'
 * codes only, the scenario mix and its fall of non-indicated boosters after go-live, realistic
 * sizes, and each clone's order firing the same rules as its scenario's.
 */

const ANCHOR = new Date('2026-11-01T00:00:00Z');
type Json = Record<string, unknown>;
const population = (patients: number, seed?: number): Json[][] => [
  ...(generatePopulation({
    patients,
    anchor: ANCHOR,
    ...(seed === undefined ? {} : { seed }),
  }) as Iterable<unknown> as Iterable<Json[]>),
];

/** Each mixed scenario's order text (the drug or vaccine as written) → its slug (two fixtures may share a text). */
const SCENARIO_OF_ORDER = new Map(
  readdirSync(fixturePath('demo'))
    .filter((f) => f.endsWith('.order.json') && f.slice(0, -'.order.json'.length) in MIX.before)
    .map((f) => {
      const order = loadFixture(`demo/${f}`) as Json;
      const concept = (order.medicationCodeableConcept ?? order.code) as { text: string };
      return [concept.text, f.slice(0, -'.order.json'.length)];
    }),
);

function orderOf(record: Json[]): Json {
  return record.find((r) => String(r.id).endsWith('-order') && r.resourceType !== 'Encounter') as Json;
}

/** The scenario (variant) a generated patient was cloned from, read from its record. */
function variantOf(record: Json[]): Variant {
  const order = orderOf(record);
  const concept = (order.medicationCodeableConcept ?? order.vaccineCode) as { text: string };
  const slug = SCENARIO_OF_ORDER.get(concept.text) as Variant;
  return slug === 'healthy-booster' && !record.some((r) => r.resourceType === 'Observation')
    ? 'healthy-booster-no-labs'
    : slug;
}

const orderDate = (record: Json[]) => {
  const order = orderOf(record);
  return String(order.authoredOn ?? order.occurrenceDateTime);
};

function codings(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) codings(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Json;
    if (typeof o.system === 'string' && typeof o.code === 'string') out.add(`${o.system}|${o.code}`);
    for (const v of Object.values(o)) codings(v, out);
  }
  return out;
}

describe('the synthetic population', () => {
  it('is deterministic: the same seed writes byte-identical NDJSON, another seed another population', async () => {
    const [a, b, c] = [
      mkdtempSync(join(tmpdir(), 'pop-a-')),
      mkdtempSync(join(tmpdir(), 'pop-b-')),
      mkdtempSync(join(tmpdir(), 'pop-c-')),
    ];
    const counts = await writeNdjson(a, generatePopulation({ patients: 150, anchor: ANCHOR }));
    await writeNdjson(b, generatePopulation({ patients: 150, anchor: ANCHOR }));
    await writeNdjson(c, generatePopulation({ patients: 150, anchor: ANCHOR, seed: 7 }));
    const files = readdirSync(a).sort();
    expect(files).toEqual([
      'Condition.ndjson',
      'Encounter.ndjson',
      'Immunization.ndjson',
      'MedicationRequest.ndjson',
      'Observation.ndjson',
      'Patient.ndjson',
    ]);
    for (const file of files) {
      expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file))), file).toBe(true);
      const lines = readFileSync(join(a, file), 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(counts[file.replace('.ndjson', '')] as number);
      for (const line of lines) expect((JSON.parse(line) as Json).resourceType).toBe(file.replace('.ndjson', ''));
    }
    expect(readFileSync(join(c, 'Patient.ndjson')).equals(readFileSync(join(a, 'Patient.ndjson')))).toBe(false);
  });

  it('numbers patients pop-000001… and a patient is the same in any run or shard', () => {
    const run = population(30);
    expect(run.map((r) => r[0]?.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => `pop-${String(i + 1).padStart(6, '0')}`),
    );
    const [shard] = [...generatePopulation({ patients: 1, first: 17, anchor: ANCHOR })];
    expect(shard).toEqual(run[16]);
  });

  it('parses through the core with no issue but the fixture’s deliberate one, every resource its patient’s', () => {
    for (const record of population(300)) {
      const id = record[0]?.id as string;
      const set = readResources(record);
      expect(set.patients).toHaveLength(1);
      const issues = set.issues.filter((i) => !i.path?.includes('il6'));
      expect(issues, id).toEqual([]);
      for (const r of record) {
        expect(String(r.id).startsWith(`${id}`), String(r.id)).toBe(true);
        const subject = (r.subject ?? r.patient) as { reference?: string } | undefined;
        if (r.resourceType !== 'Patient') expect(subject?.reference).toBe(`Patient/${id}`);
        expect(Date.parse((r.meta as { lastUpdated: string }).lastUpdated)).not.toBeNaN();
      }
    }
  });

  it('uses only the codes the demo fixtures use', () => {
    const fixtures = new Set<string>();
    for (const f of readdirSync(fixturePath('demo')).filter((f) => f.endsWith('.json')))
      codings(loadFixture(`demo/${f}`), fixtures);
    const used = new Set<string>();
    for (const record of population(500)) codings(record, used);
    expect([...used].filter((c) => !fixtures.has(c))).toEqual([]);
    expect(used.size).toBeGreaterThan(60);
  });

  it('mixes the scenarios as stated, fewer non-indicated boosters after go-live', () => {
    const goLive = defaultGoLive(ANCHOR).toISOString().slice(0, 10);
    const seen = { before: new Map<Variant, number>(), after: new Map<Variant, number>() };
    for (const record of population(3000)) {
      const period = orderDate(record).slice(0, 10) >= goLive ? 'after' : 'before';
      const variant = variantOf(record);
      seen[period].set(variant, (seen[period].get(variant) ?? 0) + 1);
    }
    const notIndicated: Variant[] = [
      'healthy-booster',
      'healthy-booster-no-labs',
      'child-lysates',
      'warfarin-omega3',
      'checkpoint-booster',
    ];
    for (const period of ['before', 'after'] as const) {
      const total = [...seen[period].values()].reduce((a, b) => a + b, 0);
      const weights = MIX[period];
      const weightTotal = Object.values(weights).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(1200);
      for (const [variant, weight] of Object.entries(weights) as [Variant, number][]) {
        const share = (seen[period].get(variant) ?? 0) / total;
        expect(Math.abs(share - weight / weightTotal), `${period} ${variant}`).toBeLessThan(0.03);
      }
      const share = notIndicated.reduce((sum, v) => sum + (seen[period].get(v) ?? 0), 0) / total;
      const expected = notIndicated.reduce((sum, v) => sum + weights[v], 0) / weightTotal;
      expect(Math.abs(share - expected), period).toBeLessThan(0.03);
    }
    const shareOf = (period: 'before' | 'after') =>
      notIndicated.reduce((sum, v) => sum + (seen[period].get(v) ?? 0), 0) /
      [...seen[period].values()].reduce((a, b) => a + b, 0);
    expect(shareOf('after')).toBeLessThan(shareOf('before') - 0.15);
  }, 120_000);

  it('looks like a hospital: ~100 resources a patient, orders over 24 months, four departments, inpatient stays', () => {
    const run = population(1000);
    const resources = run.reduce((sum, r) => sum + r.length, 0);
    expect(resources / run.length).toBeGreaterThan(85);
    expect(resources / run.length).toBeLessThan(115);
    const days = run.map((r) => Date.parse(orderDate(r).slice(0, 10)));
    expect(Math.min(...days)).toBeGreaterThanOrEqual(Date.parse('2024-11-01'));
    expect(Math.max(...days)).toBeLessThan(Date.parse('2026-11-01'));
    const months = new Set(run.map((r) => orderDate(r).slice(0, 7)));
    expect(months.size).toBe(24);
    const encounters = run.flat().filter((r) => r.resourceType === 'Encounter');
    const departments = new Set(
      encounters.map((e) => (e.location as { location: { reference: string } }[])[0]?.location.reference),
    );
    expect([...departments].sort()).toEqual([
      'Location/clinic-infectious-diseases',
      'Location/ward-internal-medicine',
      'Location/ward-oncology-haematology',
      'Location/ward-paediatrics',
    ]);
    const stays = encounters.filter(
      (e) => String(e.id).endsWith('-enc-order') && (e.class as { code: string }).code === 'IMP',
    );
    expect(stays.length / run.length).toBeGreaterThan(0.15);
    expect(stays.length / run.length).toBeLessThan(0.45);
  }, 60_000);

  it('keeps each scenario’s story: the clone’s order fires the rules the scenario’s order fires', () => {
    const config = defaultSiteConfig();
    const rulesFor = (record: unknown[], draft: unknown, now: Date, patientId: string) => {
      const set = readResources(record);
      const context = buildPatientContext(set, { now, config, patient: set.patients[0] as never, patientId });
      const drafts = recognizeDraftOrders(
        readResources({ resourceType: 'Bundle', entry: [{ resource: draft }] }),
        context,
      );
      return [...new Set(evaluate(context, drafts, config).map((f) => f.ruleId))].sort();
    };
    const templates = new Map(scenarioTemplates(fixturePath('demo')).map((t) => [t.slug, t]));
    const checked = new Set<string>();
    for (const record of population(400)) {
      const variant = variantOf(record);
      if (variant === 'healthy-booster-no-labs' || checked.has(variant)) continue;
      checked.add(variant);
      const template = templates.get(variant);
      if (!template) throw new Error(variant);
      const id = record[0]?.id as string;
      const shift = Date.parse(orderDate(record).slice(0, 10)) / 86_400_000 - FIXTURE_ANCHOR_DAY;
      const bundle = loadFixture(`demo/${variant}.json`) as { entry: { resource: unknown }[] };
      const expected = rulesFor(
        bundle.entry.map((e) => e.resource),
        loadFixture(`demo/${variant}.order.json`),
        FIXTURE_NOW,
        variant,
      );
      const now = new Date(FIXTURE_NOW.getTime() + shift * 86_400_000);
      const history = record.filter((r) => !String(r.id).endsWith('-order'));
      expect([variant, rulesFor(history, instantiate(template.order, id, shift), now, id)]).toEqual([
        variant,
        expected,
      ]);
    }
    expect(checked.size).toBe(11);
  });
});
