import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Card, RULES_EXTENSION } from '../../../src/contract/cds-hooks.js';
import { defaultSiteConfig } from '../../../src/core/config/schema.js';
import { readResources } from '../../../src/core/fhir/parse.js';
import { translator } from '../../../src/core/messages/translator.js';
import { assessOrders } from '../../../src/core/rules/assessment.js';
import { buildPatientContext, recognizeDraftOrders } from '../../../src/core/rules/context.js';
import { evaluate } from '../../../src/core/rules/engine.js';
import { RULE_IDS } from '../../../src/core/rules/ids.js';
import { FIXTURE_NOW, fixturePath, loadFixture } from '../../helpers/fixtures.js';
import { BASE, orderSignRequest, sign, startService } from '../../helpers/service.js';

/**
 * The card contract, over every demo scenario (the CDS Hooks examples are in ../http/conformance): one card per
 * draft order that carries a concern, in a physician's words, citing only its own concerns' sources.
 */

type Bundle = { resourceType: string; entry?: { resource: Record<string, unknown> }[] };
type Json = Record<string, unknown>;

const SLUGS = readdirSync(fixturePath('demo'))
  .filter((f) => f.endsWith('.order.json'))
  .map((f) => f.replace(/\.order\.json$/, ''))
  .sort();
const NEUTRAL = loadFixture('demo/neutral-orders.json') as Json[];
const record = (slug: string) => loadFixture(`demo/${slug}.json`) as Bundle;
const draft = (slug: string) => loadFixture(`demo/${slug}.order.json`) as Json;
/** The neutral orders are signed beside each scenario's order, as a real basket would be. */
const basket = (slug: string) => [
  draft(slug),
  ...NEUTRAL.map((o, i) => ({ ...o, id: `neutral-${i}`, subject: { reference: `Patient/${slug}` } })),
];

/** FHIR element names, UCUM syntax and internal names a physician must never read. */
const FHIR_ELEMENTS =
  /\b(boundsDuration|boundsPeriod|repeat\.count|expectedSupplyDuration|valueQuantity|dosageInstruction|medicationCodeableConcept|referenceRange|effectiveDateTime|authoredOn|priorPrescription|groupIdentifier|basedOn|reasonCode)\b/;
const UCUM = /\{[a-z]+\}|\[(IU|iU|in_i|lb_av)\]|10\*\d|\b\/uL\b|\bug\/|\bug\b/;
const INTERNAL = /clinical[- ]reference|product policy|IMMUNOSTEWARD-POLICY|POLICY-[A-Z]|S\d\b.*verification/i;
const RULE_ID = new RegExp(`\\b(${RULE_IDS.join('|')})\\b`);

/** What a physician reads: summary and detail, without link targets (URLs are not prose). */
function prose(card: Card): string {
  return `${card.summary}\n${card.detail ?? ''}`.replace(/\]\([^)]*\)/g, ']');
}

function orderOf(card: Card): string | undefined {
  const link = card.links?.find((l) => l.appContext);
  return link?.appContext ? (JSON.parse(link.appContext) as { order?: string }).order : undefined;
}

/** The core's findings for a scenario's basket, as the service computes them. */
function findingsOf(slug: string) {
  const set = readResources(record(slug));
  const config = defaultSiteConfig();
  const patient = set.patients.find((p) => p.id === slug);
  const context = buildPatientContext(set, {
    now: FIXTURE_NOW,
    config,
    patientId: slug,
    ...(patient ? { patient } : {}),
  });
  return evaluate(
    context,
    recognizeDraftOrders(readResources(basket(slug)), context),
    config,
    () => true,
    translator(),
  );
}

/** The orders that carry a concern. */
function concernedOrders(slug: string): Set<string> {
  return new Set(findingsOf(slug).flatMap((f) => (f.order ? [f.order.reference] : [])));
}

let svc: Awaited<ReturnType<typeof startService>>;

/** An order-sign call at the scenarios' anchor date: the service's clock and the JWT agree on it. */
async function signAt(body: unknown) {
  const shift = Math.round((FIXTURE_NOW.getTime() - Date.now()) / 1000);
  const url = '/cds-services/immunosteward-order-sign';
  const token = await sign(`${BASE}${url}`, { iat: shift, exp: shift + 300 });
  return svc.call('immunosteward-order-sign', body, token);
}
const cardsBySlug = new Map<string, Card[]>();

beforeAll(async () => {
  svc = await startService({}, undefined, { now: () => FIXTURE_NOW });
  for (const slug of SLUGS) {
    const res = await signAt(orderSignRequest(record(slug), basket(slug), slug));
    expect(res.statusCode, slug).toBe(200);
    cardsBySlug.set(slug, (res.json() as { cards: Card[] }).cards);
  }
});
afterAll(async () => {
  await svc.app.close();
});

describe('the card contract over the fourteen demo scenarios', () => {
  it('covers every scenario, and most of them have something to say', () => {
    expect(SLUGS).toHaveLength(14);
    const withCards = SLUGS.filter((s) => (cardsBySlug.get(s) ?? []).length > 0);
    expect(withCards.length).toBeGreaterThanOrEqual(8);
  });

  it.each(SLUGS)('%s: one card per draft order that carries a concern, none for the others', (slug) => {
    const cards = cardsBySlug.get(slug) ?? [];
    const orders = cards.map(orderOf);
    expect(new Set(orders).size).toBe(cards.length);
    expect(new Set(orders)).toEqual(concernedOrders(slug));
    // The neutral orders never get a card.
    for (const order of orders) expect(order).not.toMatch(/neutral-/);
  });

  it('a card whose main concern is a course opens the app’s Courses view, the others its findings', () => {
    const views = SLUGS.flatMap((slug) =>
      (cardsBySlug.get(slug) ?? []).map((card) => {
        const link = card.links?.find((l) => l.appContext);
        return [slug, card.source.topic.code, (JSON.parse(link?.appContext ?? '{}') as { view?: string }).view];
      }),
    );
    const courseRules = [
      'monitoring-due',
      'course-review-due',
      'endpoint-reached',
      'no-response',
      'immune-adverse-signal',
    ];
    for (const [slug, rule, view] of views) {
      expect(view, `${slug} ${rule}`).toBe(courseRules.includes(rule as string) ? 'courses' : 'findings');
    }
    expect(views).toContainEqual(['peginterferon-monitoring', 'monitoring-due', 'courses']);
  });

  it.each(SLUGS)('%s: each card is the most severe indicator, with every fired rule listed', (slug) => {
    for (const card of cardsBySlug.get(slug) ?? []) {
      const fired = card.extension?.[RULES_EXTENSION] ?? [];
      expect(fired.length).toBeGreaterThan(0);
      expect(fired[0]?.code).toBe(card.source.topic.code);
      const rank = ['info', 'warning', 'critical'];
      expect(rank.indexOf(card.indicator)).toBe(Math.max(...fired.map((r) => rank.indexOf(r.indicator))));
      // One primary action at most, suggestions without repeats.
      expect((card.suggestions ?? []).filter((s) => s.isRecommended)).toHaveLength(card.suggestions ? 1 : 0);
      const labels = (card.suggestions ?? []).map((s) => s.label);
      expect(new Set(labels).size).toBe(labels.length);
      expect((card.detail ?? '').match(/\*\*What to do:\*\*/g)).toHaveLength(1);
      expect((card.detail ?? '').match(/\*\*Sources:\*\*/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });

  it.each(SLUGS)('%s: in a physician’s words, summary under 140 characters', (slug) => {
    for (const card of cardsBySlug.get(slug) ?? []) {
      const text = prose(card);
      expect(card.summary.length).toBeLessThan(140);
      expect(text).not.toMatch(FHIR_ELEMENTS);
      expect(text).not.toMatch(UCUM);
      expect(text).not.toMatch(RULE_ID);
      expect(text).not.toMatch(INTERNAL);
      // A source is never cut off mid-citation.
      expect(text.split('**Sources:**')[1] ?? '').not.toContain('…');
    }
  });
});

describe('sources cited by a card are those of its own concerns', () => {
  it.each(SLUGS)('%s', (slug) => {
    const t = translator();
    const findings = findingsOf(slug);
    for (const a of assessOrders(findings, t)) {
      const own = new Set(a.findings.flatMap((f) => f.sources.map((s) => s.id)));
      expect(a.sources.every((s) => own.has(s.id))).toBe(true);
      // Every document in the card's source line is one of them; expert opinion is said, not listed.
      const line = a.detail.split('**Sources:** ')[1] ?? '';
      for (const s of a.sources) {
        if (s.kind === 'expert-opinion') expect(line).not.toContain(s.citation.slice(0, 40));
      }
    }
  });
});

describe('interacting orders signed together', () => {
  it('give one card per order that carries a concern, not one per pair', async () => {
    const omega = {
      resourceType: 'MedicationRequest',
      id: 'omega-new',
      status: 'draft',
      intent: 'order',
      subject: { reference: 'Patient/warfarin-omega3' },
      medicationCodeableConcept: {
        coding: [{ system: 'http://www.whocc.no/atc', code: 'C10AX06' }],
        text: 'Omacor 1 g',
      },
      dosageInstruction: [
        {
          timing: {
            repeat: {
              frequency: 4,
              period: 1,
              periodUnit: 'd',
              boundsDuration: { value: 30, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' },
            },
          },
          doseAndRate: [{ doseQuantity: { value: 1, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' } }],
        },
      ],
    };
    const res = await signAt(
      orderSignRequest(record('warfarin-omega3'), [draft('warfarin-omega3'), omega], 'warfarin-omega3'),
    );
    const cards = (res.json() as { cards: Card[] }).cards;
    const orders = cards.map(orderOf);
    expect(new Set(orders).size).toBe(cards.length);
    expect(orders).toContain('MedicationRequest/warfarin-omega3-draft');
  });
});
