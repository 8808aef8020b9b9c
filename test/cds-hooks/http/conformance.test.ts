import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CardLike, cardWithRule, firedRules } from '../../helpers/cards.js';
import { fixturePath, loadFixture } from '../../helpers/fixtures.js';
import { drugs, medicationRequest, vaccineServiceRequest } from '../../helpers/orders.js';
import { BASE, FHIR_BASE, orderSignRequest, sign, startService } from '../../helpers/service.js';

/**
 * CDS Hooks 2.0 conformance of the ImmunoSteward service, driven by the official examples (spec
 * 2.0.1, hooks library 1.0.1), requests captured from the CDS Hooks sandbox and our own fixtures.
 * Requirement references: CDS Hooks 2.0.1 STU2 (http://cds-hooks.hl7.org/2.0/) sections, and the
 * hooks library 1.0.1 (http://cds-hooks.hl7.org/hooks/STU1/).
 */

type Json = Record<string, unknown>;
type Service = Awaited<ReturnType<typeof startService>>;
type FixtureRecord = Parameters<typeof orderSignRequest>[0];

interface CardJson {
  uuid: string;
  summary: string;
  detail?: string;
  indicator: string;
  source: { label: string; url?: string; topic: { system: string; code: string; display: string } };
  suggestions?: {
    label: string;
    uuid: string;
    isRecommended?: boolean;
    actions: { type: string; description: string; resource?: Json; resourceId?: string }[];
  }[];
  selectionBehavior?: string;
  overrideReasons?: { system: string; code: string; display: string }[];
  links?: { label: string; url: string; type: string; appContext?: string }[];
}

const ORDER_SIGN = 'immunosteward-order-sign';
const ORDER_SELECT = 'immunosteward-order-select';
const PATIENT_VIEW = 'immunosteward-patient-view';
const SERVICE_HOOKS: Record<string, string> = {
  [ORDER_SIGN]: 'order-sign',
  [ORDER_SELECT]: 'order-select',
  [PATIENT_VIEW]: 'patient-view',
};
const REQUIRED_KEYS = ['observations', 'medications'];
const PREFETCH_KEYS = ['patient', 'observations', 'medications', 'conditions', 'immunizations'];
const NULL_PREFETCH = Object.fromEntries(PREFETCH_KEYS.map((k) => [k, null]));

/** RFC 4122 UUID (versions 1–5, variant 10xx). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** A relative FHIR reference such as `MedicationRequest/x` (spec §Action: resourceId). */
const RELATIVE_REFERENCE = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;
/** CDS Hooks 2.0 §Prefetch tokens: root-level primitive context fields or the four user tokens. */
const PREFETCH_TOKEN =
  /^\{\{(context\.(userId|patientId|encounterId)|userPractitionerId|userPractitionerRoleId|userPatientId|userRelatedPersonId)\}\}$/;

const healthy = loadFixture('patient-healthy.json') as FixtureRecord;
const chemo = loadFixture('patient-chemo-neutropenia.json') as FixtureRecord;
const healthyNoLabs: FixtureRecord = {
  ...healthy,
  entry: (healthy.entry ?? []).filter((e) => e.resource.resourceType !== 'Observation'),
};

function lysate(overrides: { id?: string; status?: string; text?: string } = {}) {
  return medicationRequest({
    id: overrides.id ?? 'd-lysate',
    status: overrides.status ?? 'draft',
    text: overrides.text ?? 'Broncho-Vaxom 7 mg capsules',
    patient: 'healthy-1',
  });
}

const colecalciferol = medicationRequest({
  id: 'd-d3',
  status: 'draft',
  codings: drugs.colecalciferol,
  dose: { value: 10000, unit: '[IU]' },
  boundsDays: 30,
  patient: 'healthy-1',
});

/** A patient-view request for a fixture patient with full prefetch (the order-sign helper minus draftOrders). */
function patientViewRequest(record: FixtureRecord, patientId: string) {
  const request = orderSignRequest(record, [], patientId);
  return {
    ...request,
    hook: 'patient-view',
    context: { userId: request.context.userId, patientId: request.context.patientId },
  };
}

function orderSelectRequest(record: FixtureRecord, drafts: unknown[], patientId: string, selections: string[]) {
  const request = orderSignRequest(record, drafts, patientId);
  return { ...request, hook: 'order-select', context: { ...request.context, selections } };
}

/** A hooks-library context example; order-sign-03 is the library's bare `"context": {…}` member. */
function loadContextExample(name: string): Json {
  const text = readFileSync(fixturePath(`cds-hooks/hooks-library-v1.0.1/${name}`), 'utf8').trim();
  const parsed = JSON.parse(text.startsWith('{') ? text : `{${text}}`) as { context: Json };
  return parsed.context;
}

function loadSpecExample(name: string): Json {
  return loadFixture(`cds-hooks/spec-2.0.1/${name}`) as Json;
}

interface SandboxCapture {
  service: string;
  body: Json | string;
}

const sandboxCaptures: SandboxCapture[] = readFileSync(fixturePath('cds-hooks/sandbox-captured-requests.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as SandboxCapture);

// ---------------------------------------------------------------------------------------------
// Deep checks

/**
 * CDS Hooks 2.0 §Use of JSON: "JSON elements SHALL NOT be null, unless otherwise specified" and
 * SHALL NOT be empty. The top-level `cards` array is the one array allowed to be empty (§HTTP Response).
 */
function assertNoNullOrEmpty(value: unknown, path = '$'): void {
  if (value === null) throw new Error(`${path} is null`);
  if (value === undefined) throw new Error(`${path} is undefined`);
  if (typeof value === 'string') {
    if (value === '') throw new Error(`${path} is an empty string`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0 && path !== '$.cards') throw new Error(`${path} is an empty array`);
    value.forEach((item, i) => {
      assertNoNullOrEmpty(item, `${path}[${i}]`);
    });
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Json);
    if (entries.length === 0) throw new Error(`${path} is an empty object`);
    for (const [k, v] of entries) assertNoNullOrEmpty(v, `${path}.${k}`);
  }
}

/** CDS Hooks 2.0 §Card Attributes, §Source, §Suggestion, §Action, §Link, §Coding and the 3.0 cds-resp-1..6 invariants. */
function assertValidCard(card: CardJson): void {
  expect(card.uuid).toMatch(UUID);
  expect(typeof card.summary).toBe('string');
  expect(card.summary.length).toBeGreaterThan(0);
  expect(card.summary.length).toBeLessThan(140);
  expect(['info', 'warning', 'critical']).toContain(card.indicator);
  expect(typeof card.source.label).toBe('string');
  expect(card.source.topic.system).toBe('urn:immunosteward:rule');
  expect(card.source.topic.code).toEqual(expect.any(String));
  expect(card.source.topic.display).toEqual(expect.any(String));
  if (card.source.url !== undefined) expect(() => new URL(card.source.url as string)).not.toThrow();
  if (card.detail !== undefined) expect(typeof card.detail).toBe('string');
  if (card.suggestions !== undefined) {
    expect(['at-most-one', 'any']).toContain(card.selectionBehavior); // cds-resp-6
    if (card.selectionBehavior === 'at-most-one') {
      expect(card.suggestions.filter((s) => s.isRecommended === true).length).toBeLessThanOrEqual(1); // cds-resp-1
    }
    for (const suggestion of card.suggestions) {
      expect(suggestion.label).toEqual(expect.any(String));
      expect(suggestion.uuid).toMatch(UUID);
      expect(Array.isArray(suggestion.actions)).toBe(true);
      for (const action of suggestion.actions) {
        expect(['create', 'update', 'delete']).toContain(action.type);
        expect(action.description).toEqual(expect.any(String)); // cds-resp-5
        if (action.type === 'delete') {
          expect(action.resourceId).toMatch(RELATIVE_REFERENCE); // cds-resp-2
          expect(action.resource).toBeUndefined();
        } else {
          expect(action.resource).toEqual(expect.objectContaining({ resourceType: expect.any(String) }));
        }
      }
    }
  } else {
    expect(card.selectionBehavior).toBeUndefined();
  }
  if (card.indicator === 'warning' || card.indicator === 'critical') {
    expect(card.overrideReasons?.length ?? 0).toBeGreaterThan(0);
  }
  for (const reason of card.overrideReasons ?? []) {
    // §Coding: display is REQUIRED for override reasons (cds-resp-4).
    expect(reason).toEqual(
      expect.objectContaining({ system: expect.any(String), code: expect.any(String), display: expect.any(String) }),
    );
  }
  for (const link of card.links ?? []) {
    expect(link.label).toEqual(expect.any(String));
    expect(() => new URL(link.url)).not.toThrow();
    expect(['absolute', 'smart']).toContain(link.type);
    if (link.type !== 'smart') expect(link.appContext).toBeUndefined(); // cds-resp-3
  }
}

/** A 200 card response: `{cards: [...]}`, deep-checked; returns the cards. */
function cardsOf(res: { statusCode: number; body: string; json(): unknown }): CardJson[] {
  if (res.statusCode !== 200) throw new Error(`expected 200, got ${res.statusCode}: ${res.body}`);
  const body = res.json() as { cards: CardJson[] };
  expect(Array.isArray(body.cards)).toBe(true);
  assertNoNullOrEmpty(body);
  for (const card of body.cards) assertValidCard(card);
  return body.cards;
}

/** An OperationOutcome error body; returns the issue expressions. */
function outcomeExpressions(res: { json(): unknown }): string[] {
  const body = res.json() as {
    resourceType: string;
    issue: { severity: string; code: string; diagnostics: string; expression?: string[] }[];
  };
  expect(body.resourceType).toBe('OperationOutcome');
  expect(body.issue.length).toBeGreaterThan(0);
  for (const issue of body.issue) {
    expect(['error', 'fatal']).toContain(issue.severity);
    expect(issue.code).toEqual(expect.any(String));
    expect(issue.diagnostics).toEqual(expect.any(String));
  }
  assertNoNullOrEmpty(body);
  return body.issue.flatMap((i) => i.expression ?? []);
}

const topics = (cards: CardJson[]) => firedRules(cards as CardLike[]);

function appContextOf(card: CardJson): Json {
  const link = card.links?.find((l) => l.type === 'smart');
  if (!link?.appContext) throw new Error(`card ${card.source.topic.code} has no smart link with appContext`);
  return JSON.parse(link.appContext) as Json;
}

// ---------------------------------------------------------------------------------------------

let svc: Service;

beforeAll(async () => {
  svc = await startService();
});

afterAll(async () => {
  await svc.app.close();
});

describe('cds-hooks_2.0 §Discovery', () => {
  async function discover() {
    const res = await svc.app.inject({
      method: 'GET',
      url: '/cds-services',
      headers: { authorization: `Bearer ${await sign(`${BASE}/cds-services`)}` },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { services: Json[] };
  }

  it('cds-hooks_2.0 §Discovery: 200 with the three services, their hooks and required fields, no null or empty value', async () => {
    const body = await discover();
    assertNoNullOrEmpty(body);
    expect(Object.fromEntries(body.services.map((s) => [s.id, s.hook]))).toEqual(SERVICE_HOOKS);
    for (const service of body.services) {
      expect(service.title).toEqual(expect.any(String));
      expect(service.description).toEqual(expect.any(String));
      expect(service.usageRequirements).toEqual(expect.any(String));
      expect(service.prefetch).toEqual(expect.any(Object));
      expect(Object.keys(service.prefetch as Json).sort()).toEqual([...PREFETCH_KEYS].sort());
    }
  });

  it('cds-hooks_2.0 §Prefetch tokens: templates use only root-level primitive context fields or user tokens', async () => {
    const body = await discover();
    for (const service of body.services) {
      for (const [key, template] of Object.entries(service.prefetch as Record<string, string>)) {
        const tokens = template.match(/\{\{[^}]*\}\}/g) ?? [];
        expect(tokens.length, `${service.id}.${key}`).toBeGreaterThan(0);
        for (const token of tokens) expect(token, `${service.id}.${key}`).toMatch(PREFETCH_TOKEN);
        expect(template).not.toContain('context.draftOrders');
        expect(template).not.toContain('context.selections');
        // No unbalanced braces left behind by a malformed token.
        expect(template.replace(/\{\{[^}]*\}\}/g, '')).not.toMatch(/[{}]/);
      }
    }
  });

  it('cds-hooks_2.0 §Prefetch query restrictions: Observation names codes, MedicationRequest asks for history, no sort:desc', async () => {
    const body = await discover();
    for (const service of body.services) {
      const prefetch = service.prefetch as Record<string, string>;
      for (const template of Object.values(prefetch)) {
        expect(template).not.toContain('sort:desc');
        if (template.startsWith('Observation?')) expect(template).toMatch(/[?&](code|category)=[^&]+/);
      }
      const meds = Object.values(prefetch).find((t) => t.startsWith('MedicationRequest?'));
      const statuses = new URLSearchParams(meds?.split('?')[1] ?? '').get('status')?.split(',') ?? [];
      expect(statuses).toEqual(expect.arrayContaining(['active', 'completed', 'stopped']));
    }
  });
});

describe('cds-hooks_2.0 §Calling a CDS Service: official patient-view example (spec-02)', () => {
  const example = loadSpecExample('spec-02-example.json');

  it('cds-hooks_2.0 §Prefetch (412): required data neither prefetched nor fetchable from a non-allowed fhirServer → 412 with OperationOutcome', async () => {
    // The example carries fhirServer http://hooks.smarthealthit.org:9080 (not allowed here) and one
    // prefetch key, `patientToGreet`, that is not ours: observations and medications are absent.
    expect(example.fhirServer).toBe('http://hooks.smarthealthit.org:9080');
    expect(Object.keys(example.prefetch as Json)).toEqual(['patientToGreet']);
    const res = await svc.call(PATIENT_VIEW, example);
    expect(res.statusCode).toBe(412);
    expect(outcomeExpressions(res).sort()).toEqual(['prefetch.medications', 'prefetch.observations']);
  });

  it('cds-hooks_2.0 §Prefetch: the same example with the required keys null (no such data) → 200 with valid cards', async () => {
    const body = {
      ...example,
      prefetch: { ...(example.prefetch as Json), observations: null, medications: null },
    };
    const cards = cardsOf(await svc.call(PATIENT_VIEW, body));
    expect(cards.length).toBeLessThanOrEqual(1);
  });

  it('cds-hooks_2.0 §HTTP Response: the same example with every key null → 200 `{"cards": []}` (spec-10)', async () => {
    const body = { ...example, prefetch: { ...(example.prefetch as Json), ...NULL_PREFETCH } };
    const res = await svc.call(PATIENT_VIEW, body);
    cardsOf(res);
    expect(res.json()).toEqual(loadSpecExample('spec-10-http-response.json'));
  });
});

describe('cds-hooks-library_1.0.1: order-sign and order-select context examples', () => {
  const examples: [string, string, string][] = [
    ['order-sign-01-example-r4.json', 'order-sign', ORDER_SIGN],
    ['order-sign-02-example-stu3.json', 'order-sign', ORDER_SIGN],
    ['order-sign-03-example-dstu2.json', 'order-sign', ORDER_SIGN],
    ['order-select-01-example-r4.json', 'order-select', ORDER_SELECT],
    ['order-select-02-example-stu3.json', 'order-select', ORDER_SELECT],
    ['order-select-03-example-dstu2.json', 'order-select', ORDER_SELECT],
  ];

  it.each(examples)(
    'cds-hooks-library_1.0.1 %s: 200, valid cards, no card for non-immunomodulators',
    async (name, hook, serviceId) => {
      const context = loadContextExample(name);
      if (hook === 'order-select') expect((context.selections as string[]).length).toBeGreaterThan(0);
      const res = await svc.call(serviceId, { hook, hookInstance: randomUUID(), context, prefetch: NULL_PREFETCH });
      // A NutritionOrder, STU3 `doseQuantity` and a DSTU2 MedicationOrder are tolerated; amoxicillin is no immunomodulator.
      expect(cardsOf(res)).toEqual([]);
    },
  );

  it('cds-hooks-library_1.0.1 order-select: an order-select context sent to the order-sign service is refused as a hook mismatch', async () => {
    const context = loadContextExample('order-select-01-example-r4.json');
    const res = await svc.call(ORDER_SIGN, {
      hook: 'order-select',
      hookInstance: randomUUID(),
      context,
      prefetch: NULL_PREFETCH,
    });
    expect(res.statusCode).toBe(400);
    expect(outcomeExpressions(res)).toContain('hook');
  });
});

describe('cds-hooks_2.0 §Prefetch: requests captured from the CDS Hooks sandbox', () => {
  const SANDBOX_SERVICES: Record<string, string> = { 'rx-check': ORDER_SIGN, 'pv-check': PATIENT_VIEW };
  const cases = sandboxCaptures.map((capture, i) => {
    const body = (typeof capture.body === 'string' ? JSON.parse(capture.body) : capture.body) as Json;
    const serviceId = SANDBOX_SERVICES[capture.service];
    if (!serviceId) throw new Error(`unknown sandbox service ${capture.service}`);
    return [`#${i} ${capture.service} (${body.hook})`, serviceId, body] as const;
  });

  it('the capture file holds the expected requests', () => {
    expect(cases.map(([, serviceId]) => serviceId)).toEqual([ORDER_SIGN, PATIENT_VIEW, PATIENT_VIEW, ORDER_SIGN]);
    for (const [, serviceId, body] of cases) expect(body.hook).toBe(SERVICE_HOOKS[serviceId]);
  });

  it.each(cases)(
    'cds-hooks_2.0 §Prefetch (412) %s: as captured → 412 naming the absent required keys, or 200',
    async (_label, serviceId, body) => {
      const prefetch = (body.prefetch ?? {}) as Json;
      const absentRequired = REQUIRED_KEYS.filter((k) => !(k in prefetch));
      const fetchable = typeof body.fhirServer === 'string' && body.fhirServer.startsWith(FHIR_BASE);
      // Every capture uses a local sandbox FHIR server (http://127.0.0.1:…) and the sandbox's own
      // prefetch keys (patient, cd4, meds): observations and medications are absent.
      expect(fetchable).toBe(false);
      expect(absentRequired).toEqual(REQUIRED_KEYS);
      const res = await svc.call(serviceId, body);
      expect(res.statusCode).toBe(412);
      expect(outcomeExpressions(res).sort()).toEqual(absentRequired.map((k) => `prefetch.${k}`).sort());
    },
  );

  it.each(cases)(
    'cds-hooks_2.0 §Prefetch %s: absent keys set to null → 200 with valid cards',
    async (_label, serviceId, body) => {
      const prefetch = { ...(body.prefetch as Json) };
      for (const key of PREFETCH_KEYS) if (!(key in prefetch)) prefetch[key] = null;
      const cards = cardsOf(await svc.call(serviceId, { ...body, prefetch }));
      // Metformin is no immunomodulator; the patient-view patients have no labs.
      expect(cards).toEqual([]);
    },
  );
});

describe('cds-hooks_2.0 §Card Attributes: order-sign with our fixtures', () => {
  it('cds-hooks_2.0 §Card Attributes: a lysate without a deficit → booster-not-indicated (warning) and course-unbounded', async () => {
    const cards = cardsOf(await svc.call(ORDER_SIGN, orderSignRequest(healthy, [lysate()], 'healthy-1')));
    expect(topics(cards)).toEqual(['booster-not-indicated', 'course-unbounded']);
    const booster = cards[0] as CardJson;
    expect(booster.indicator).toBe('warning');
    const deletes = (booster.suggestions ?? []).flatMap((s) => s.actions).filter((a) => a.type === 'delete');
    expect(deletes.map((a) => a.resourceId)).toEqual(['MedicationRequest/d-lysate']);
  });

  it('cds-hooks_2.0 §Action (update): the course card sets boundsDuration on the draft', async () => {
    const draft = lysate();
    const cards = cardsOf(await svc.call(ORDER_SIGN, orderSignRequest(healthy, [draft], 'healthy-1')));
    const course = cardWithRule(cards as (CardJson & CardLike)[], 'course-unbounded') as CardJson;
    const updates = (course.suggestions ?? []).flatMap((s) => s.actions).filter((a) => a.type === 'update');
    expect(updates).toHaveLength(1);
    const resource = updates[0]?.resource as Json;
    expect(resource).toMatchObject({ resourceType: 'MedicationRequest', id: 'd-lysate', status: 'draft' });
    const bounds = (resource.dosageInstruction as Json[])[0] as {
      timing: { repeat: { boundsDuration: Json } };
    };
    expect(bounds.timing.repeat.boundsDuration).toEqual({
      value: expect.any(Number),
      unit: 'days',
      system: 'http://unitsofmeasure.org',
      code: 'd',
    });
    expect(bounds.timing.repeat.boundsDuration.value as number).toBeGreaterThan(0);
    // The rest of the draft is kept.
    expect(resource.medicationCodeableConcept).toEqual(draft.medicationCodeableConcept);
  });

  it('cds-hooks_2.0 §Action (create): without labs the booster card offers a ServiceRequest coded in LOINC', async () => {
    const cards = cardsOf(await svc.call(ORDER_SIGN, orderSignRequest(healthyNoLabs, [lysate()], 'healthy-1')));
    const booster = cardWithRule(cards as (CardJson & CardLike)[], 'booster-not-indicated') as CardJson;
    expect(booster).toBeDefined();
    const creates = (booster.suggestions ?? []).flatMap((s) => s.actions).filter((a) => a.type === 'create');
    expect(creates.length).toBeGreaterThan(0);
    for (const action of creates) {
      expect(action.resource).toMatchObject({
        resourceType: 'ServiceRequest',
        subject: { reference: 'Patient/healthy-1' },
        code: { coding: [{ system: 'http://loinc.org', code: expect.stringMatching(/^\d{1,7}-\d$/) }] },
      });
    }
  });

  it('cds-hooks_2.0 §Link: smart links carry appContext JSON with the rule and the card uuid', async () => {
    const cards = cardsOf(await svc.call(ORDER_SIGN, orderSignRequest(healthy, [lysate()], 'healthy-1')));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.links?.every((l) => l.type === 'smart')).toBe(true);
      const appContext = appContextOf(card);
      expect(appContext.rule).toBe(card.source.topic.code);
      expect(appContext.cardUuid).toBe(card.uuid);
    }
  });

  it('cds-hooks_2.0 §Link: with linkType absolute, links are absolute and carry no appContext', async () => {
    const absolute = await startService({ app: { linkType: 'absolute' } });
    try {
      const cards = cardsOf(await absolute.call(ORDER_SIGN, orderSignRequest(healthy, [lysate()], 'healthy-1')));
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) {
        expect(card.links?.length).toBeGreaterThan(0);
        for (const link of card.links ?? []) {
          expect(link.type).toBe('absolute');
          expect(link.appContext).toBeUndefined();
          expect(new URL(link.url).searchParams.get('cardUuid')).toBe(card.uuid);
        }
      }
    } finally {
      await absolute.app.close();
    }
  });
});

describe('cds-hooks-library_1.0.1 order-select: decision support focuses on the selections', () => {
  it('cds-hooks-library_1.0.1 order-select: only the selected colecalciferol is evaluated, the lysate is context', async () => {
    const request = orderSelectRequest(healthy, [lysate(), colecalciferol], 'healthy-1', ['MedicationRequest/d-d3']);
    const cards = cardsOf(await svc.call(ORDER_SELECT, request));
    expect(topics(cards)).toContain('nutrient-excess');
    for (const card of cards) {
      expect(appContextOf(card).order).toBe('MedicationRequest/d-d3');
      expect(JSON.stringify(card)).not.toContain('d-lysate');
      expect(firedRules([card as CardLike])).not.toContain('booster-not-indicated');
    }
  });

  it('cds-hooks-library_1.0.1 order-sign: the same drafts at signing are all evaluated', async () => {
    const cards = cardsOf(
      await svc.call(ORDER_SIGN, orderSignRequest(healthy, [lysate(), colecalciferol], 'healthy-1')),
    );
    const orders = new Set(cards.map((c) => appContextOf(c).order));
    expect(orders).toEqual(new Set(['MedicationRequest/d-lysate', 'MedicationRequest/d-d3']));
  });
});

describe('cds-hooks-library_1.0.1 order-select: the other draft orders are context', () => {
  const mmr = vaccineServiceRequest('d-mmr', '03', 'MMR', 'healthy-1');
  const methotrexate = medicationRequest({
    id: 'd-mtx',
    status: 'draft',
    codings: drugs.methotrexate,
    dose: { value: 25, unit: 'mg' },
    periodUnit: 'wk',
    boundsDays: 60,
    patient: 'healthy-1',
  });

  it('cds-hooks-library_1.0.1 order-select: a selected live vaccine is checked against an unselected immunosuppressant draft', async () => {
    const alone = orderSelectRequest(healthy, [mmr], 'healthy-1', ['ServiceRequest/d-mmr']);
    expect(cardsOf(await svc.call(ORDER_SELECT, alone))).toEqual([]);
    const withMtx = orderSelectRequest(healthy, [mmr, methotrexate], 'healthy-1', ['ServiceRequest/d-mmr']);
    const cards = cardsOf(await svc.call(ORDER_SELECT, withMtx));
    expect(topics(cards)).toEqual(['live-vaccine-immunocompromised']);
    expect(appContextOf(cards[0] as CardJson).order).toBe('ServiceRequest/d-mmr');
  });

  it('cds-hooks-library_1.0.1 order-sign: a stray `selections` (not an order-sign context field) does not narrow signing checks', async () => {
    // order-sign's context is userId, patientId, encounterId, draftOrders: every draft is checked at
    // signing. An EHR that reuses its order-select context must not switch checks off.
    const request = orderSignRequest(healthy, [lysate(), colecalciferol], 'healthy-1');
    const body = { ...request, context: { ...request.context, selections: ['MedicationRequest/d-d3'] } };
    const cards = cardsOf(await svc.call(ORDER_SIGN, body));
    const orders = new Set(cards.map((c) => appContextOf(c).order));
    expect(orders).toEqual(new Set(['MedicationRequest/d-lysate', 'MedicationRequest/d-d3']));
  });
});

describe('cds-hooks-library_1.0.1 patient-view', () => {
  it('cds-hooks-library_1.0.1 patient-view: the chemotherapy patient gets at most one card, with a smart link', async () => {
    const cards = cardsOf(await svc.call(PATIENT_VIEW, patientViewRequest(chemo, 'chemo-1')));
    expect(cards.length).toBeLessThanOrEqual(1);
    expect(cards).toHaveLength(1);
    const card = cards[0] as CardJson;
    expect(card.links?.map((l) => l.type)).toEqual(['smart']);
    expect(appContextOf(card).cardUuid).toBe(card.uuid);
  });

  it('cds-hooks-library_1.0.1 patient-view: the healthy patient gets no card', async () => {
    expect(cardsOf(await svc.call(PATIENT_VIEW, patientViewRequest(healthy, 'healthy-1')))).toEqual([]);
  });
});

describe('cds-hooks_2.0 §Calling a CDS Service: request validation', () => {
  const valid = () => orderSignRequest(healthy, [lysate()], 'healthy-1') as unknown as Json;
  const withContext = (patch: Json) => {
    const body = valid();
    return { ...body, context: { ...(body.context as Json), ...patch } };
  };
  const without = (body: Json, key: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));

  const invalid: [string, string, () => unknown, string][] = [
    ['missing hook', ORDER_SIGN, () => without(valid(), 'hook'), 'hook'],
    ['hook mismatch (order-sign body to patient-view)', PATIENT_VIEW, valid, 'hook'],
    ['missing hookInstance', ORDER_SIGN, () => without(valid(), 'hookInstance'), 'hookInstance'],
    ['missing context', ORDER_SIGN, () => without(valid(), 'context'), 'context'],
    [
      'missing context.patientId',
      ORDER_SIGN,
      () => {
        const body = valid();
        return { ...body, context: without(body.context as Json, 'patientId') };
      },
      'context.patientId',
    ],
    [
      'order-select without selections',
      ORDER_SELECT,
      () => ({ ...valid(), hook: 'order-select' }),
      'context.selections',
    ],
    [
      'draftOrders not an object',
      ORDER_SIGN,
      () => withContext({ draftOrders: 'MedicationRequest/1' }),
      'context.draftOrders',
    ],
    [
      'fhirAuthorization without fhirServer',
      ORDER_SIGN,
      () => ({
        ...without(valid(), 'fhirServer'),
        fhirAuthorization: {
          access_token: 'opaque',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'user/Observation.read',
          subject: 'immunosteward',
        },
      }),
      'fhirServer',
    ],
    ['a JSON array body', ORDER_SIGN, () => [valid()], '(body)'],
    ['malformed JSON text', ORDER_SIGN, () => '{"hook": "order-sign", ', '(body)'],
    ['an empty body', ORDER_SIGN, () => '', '(body)'],
  ];

  it.each(invalid)(
    'cds-hooks_2.0 §Calling a CDS Service: %s → 400 with OperationOutcome naming the path',
    async (_name, serviceId, body, expression) => {
      const res = await svc.call(serviceId, body());
      expect(res.statusCode).toBe(400);
      expect(outcomeExpressions(res)).toContain(expression);
    },
  );

  it('cds-hooks_2.0 §Calling a CDS Service: an unknown service id → 404 with OperationOutcome', async () => {
    const res = await svc.call('no-such-service', valid());
    expect(res.statusCode).toBe(404);
    outcomeExpressions(res);
  });

  it('cds-hooks_2.0 §Use of JSON: content-type text/plain → 415 with OperationOutcome', async () => {
    const res = await svc.call(ORDER_SIGN, valid(), undefined, 'text/plain');
    expect(res.statusCode).toBe(415);
    outcomeExpressions(res);
  });

  it.each(['application/fhir+json', 'application/json; charset=utf-8'])(
    'cds-hooks_2.0 §Use of JSON: content-type %s is accepted',
    async (contentType) => {
      const cards = cardsOf(await svc.call(ORDER_SIGN, valid(), undefined, contentType));
      expect(topics(cards)).toContain('booster-not-indicated');
    },
  );

  it('cds-hooks_2.0 §Extensions: unknown top-level fields and `extension` are tolerated', async () => {
    const body = {
      ...valid(),
      extension: { 'org.example.cds-hooks.encounter-class': 'AMB' },
      somethingNew: { nested: true },
      context: { ...(valid().context as Json), extension: { 'org.example.location': 'ward-3' } },
    };
    expect(topics(cardsOf(await svc.call(ORDER_SIGN, body)))).toContain('booster-not-indicated');
  });

  it('cds-hooks-library_1.0.1 order-sign: a draftOrders Bundle without `type` is tolerated', async () => {
    const body = valid();
    const context = body.context as { draftOrders: Json };
    const draftOrders = without(context.draftOrders, 'type');
    expect(topics(cardsOf(await svc.call(ORDER_SIGN, withContext({ draftOrders }))))).toContain(
      'booster-not-indicated',
    );
  });

  it('cds-hooks-library_1.0.1 order-sign §Workflow: a re-signed order with status active is still evaluated', async () => {
    const request = orderSignRequest(healthy, [lysate({ status: 'active' })], 'healthy-1');
    expect(topics(cardsOf(await svc.call(ORDER_SIGN, request)))).toContain('booster-not-indicated');
  });
});

describe('cds-hooks_2.0 §Card Attributes (detail is markdown): request text is escaped', () => {
  it('cds-hooks_2.0 §Card Attributes: HTML and markdown links from the order text do not reach card detail', async () => {
    const hostile = lysate({ text: 'Broncho-Vaxom <img src=x onerror=alert(1)> [x](javascript:y) 7 mg capsules' });
    const cards = cardsOf(await svc.call(ORDER_SIGN, orderSignRequest(healthy, [hostile], 'healthy-1')));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      const detail = card.detail ?? '';
      expect(detail).not.toContain('<img');
      // An escaped bracket (`\]`) forms no link; an unescaped `](javascript:` would.
      expect(detail).not.toMatch(/(^|[^\\])\]\(javascript:/);
      expect(detail).not.toMatch(/(^|[^\\])\[x(\\)?\]\(/);
    }
  });
});

describe('cds-hooks_2.0 §Prefetch: prefetch data is checked (OperationOutcome, pagination)', () => {
  const server = setupServer();
  const seen: string[] = [];
  const observations = (healthy.entry ?? []).map((e) => e.resource).filter((r) => r.resourceType === 'Observation');
  const PAGE_2 = `${FHIR_BASE}/Observation?patient=healthy-1&_page=2`;

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  afterAll(() => server.close());

  /** The healthy order-sign request whose observations prefetch is page 1 of 2 (a `next` link). */
  function pagedRequest(fhirServer: string) {
    const request = orderSignRequest(healthy, [lysate()], 'healthy-1');
    return {
      ...request,
      fhirServer,
      fhirAuthorization: {
        access_token: 'opaque-access-token',
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'user/Observation.read user/MedicationRequest.read',
        subject: 'immunosteward',
      },
      prefetch: {
        ...request.prefetch,
        observations: {
          resourceType: 'Bundle',
          type: 'searchset',
          total: observations.length,
          link: [{ relation: 'next', url: PAGE_2.replace(FHIR_BASE, fhirServer) }],
          entry: observations.slice(0, 2).map((resource) => ({ resource, search: { mode: 'match' } })),
        },
      },
    };
  }

  const shape = (cards: CardJson[]) =>
    cards.map((c) => [
      c.source.topic.code,
      c.indicator,
      (c.suggestions ?? []).map((s) => s.actions.map((a) => a.type)),
    ]);

  it('cds-hooks_2.0 §Prefetch (412): an OperationOutcome in place of required data, with no usable fhirServer → 412', async () => {
    const request = orderSignRequest(healthy, [lysate()], 'healthy-1');
    const body = {
      ...request,
      fhirServer: 'https://other-ehr.example.com/fhir',
      prefetch: {
        ...request.prefetch,
        observations: {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'timeout', diagnostics: 'Observation search timed out' }],
        },
      },
    };
    const res = await svc.call(ORDER_SIGN, body);
    expect(res.statusCode).toBe(412);
    expect(outcomeExpressions(res)).toEqual(['prefetch.observations']);
  });

  it('cds-hooks_2.0 §Prefetch (pagination): a paginated prefetch is completed from the allowed fhirServer', async () => {
    server.use(
      http.get(`${FHIR_BASE}/Observation`, ({ request }) => {
        seen.push(request.url);
        return HttpResponse.json({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: observations.slice(2).map((resource) => ({ resource, search: { mode: 'match' } })),
        });
      }),
    );
    const full = cardsOf(await svc.call(ORDER_SIGN, orderSignRequest(healthy, [lysate()], 'healthy-1')));
    const paged = cardsOf(await svc.call(ORDER_SIGN, pagedRequest(FHIR_BASE)));
    expect(seen).toEqual([PAGE_2]);
    // The cards rest on the whole result (both pages), as with an unpaginated prefetch.
    expect(shape(paged)).toEqual(shape(full));
  });

  it('cds-hooks_2.0 §Prefetch (412): a paginated prefetch that cannot be completed (server not allowed) → 412', async () => {
    const res = await svc.call(ORDER_SIGN, pagedRequest('https://other-ehr.example.com/fhir'));
    expect(seen).toEqual([]);
    expect(res.statusCode).toBe(412);
    expect(outcomeExpressions(res)).toEqual(['prefetch.observations']);
  });
});

describe('cds-hooks_2.0 §Feedback', () => {
  let fb: Service;

  beforeAll(async () => {
    fb = await startService();
  });

  afterAll(async () => {
    await fb.app.close();
  });

  const rows = (card: string) =>
    fb.store.query<{ n: number }>('SELECT COUNT(*) AS n FROM feedback WHERE card_uuid = ?', card)[0]?.n;

  const item = (patch: Json) => ({
    card: randomUUID(),
    outcome: 'overridden',
    outcomeTimestamp: '2026-11-01T09:00:00Z',
    ...patch,
  });

  it.each([
    ['spec-19-example-suggestion-accepted.json', 'accepted'],
    ['spec-20-example-overridden-guidance-without-overridereason.json', 'overridden'],
    ['spec-21-example-overridden-guidance-with-overridereason.json', 'overridden'],
  ])('cds-hooks_2.0 §Feedback: the spec example %s is accepted (200)', async (name, outcome) => {
    const example = loadSpecExample(name) as { feedback: Json[] };
    const first = example.feedback[0] as Json;
    expect(first.outcome).toBe(outcome);
    if (outcome === 'accepted') expect(first.acceptedSuggestions).toEqual([{ id: expect.any(String) }]);
    const res = await fb.feedback(ORDER_SIGN, example);
    expect(res.statusCode).toBe(200);
    expect(rows(first.card as string)).toBe(1);
  });

  it('cds-hooks_2.0 §Feedback: the same feedback twice is stored once (idempotent)', async () => {
    const body = { feedback: [item({ overrideReason: { userComment: 'Patient insists.' } })] };
    const card = (body.feedback[0] as { card: string }).card;
    const before = fb.store.query<{ n: number }>('SELECT COUNT(*) AS n FROM feedback')[0]?.n ?? 0;
    expect((await fb.feedback(ORDER_SIGN, body)).statusCode).toBe(200);
    const again = await fb.feedback(ORDER_SIGN, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ stored: 0 });
    expect(rows(card)).toBe(1);
    expect(fb.store.query<{ n: number }>('SELECT COUNT(*) AS n FROM feedback')[0]?.n).toBe(before + 1);
  });

  it.each([
    ["outcome 'ignored'", item({ outcome: 'ignored' }), 'feedback[0].outcome'],
    ['accepted without acceptedSuggestions', item({ outcome: 'accepted' }), 'feedback[0].acceptedSuggestions'],
    ['overrideReason with neither reason nor userComment', item({ overrideReason: {} }), 'feedback[0].overrideReason'],
    ['a bad outcomeTimestamp', item({ outcomeTimestamp: '11/01/2026 09:00' }), 'feedback[0].outcomeTimestamp'],
    ['a missing card', { outcome: 'overridden', outcomeTimestamp: '2026-11-01T09:00:00Z' }, 'feedback[0].card'],
  ])('cds-hooks_2.0 §Feedback: %s → 400 with OperationOutcome', async (_name, feedbackItem, expression) => {
    const res = await fb.feedback(ORDER_SIGN, { feedback: [feedbackItem] });
    expect(res.statusCode).toBe(400);
    expect(outcomeExpressions(res)).toContain(expression);
  });

  it('cds-hooks_2.0 §Feedback: an override reason without display is accepted', async () => {
    const body = {
      feedback: [item({ overrideReason: { reason: { system: 'https://example.org/reasons', code: 'other' } } })],
    };
    expect((await fb.feedback(ORDER_SIGN, body)).statusCode).toBe(200);
  });

  it('cds-hooks_2.0 §Feedback: feedback for a card issued by a call records its rule and indicator', async () => {
    const cards = cardsOf(await fb.call(ORDER_SIGN, orderSignRequest(healthy, [lysate()], 'healthy-1')));
    const card = cardWithRule(cards as (CardJson & CardLike)[], 'booster-not-indicated') as CardJson;
    const suggestion = card.suggestions?.[0];
    expect(suggestion).toBeDefined();
    const res = await fb.feedback(ORDER_SIGN, {
      feedback: [
        {
          card: card.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: suggestion?.uuid }],
          outcomeTimestamp: new Date().toISOString(),
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(
      fb.store.query<{ rule: string; indicator: string }>(
        'SELECT rule, indicator FROM feedback WHERE card_uuid = ?',
        card.uuid,
      ),
    ).toEqual([{ rule: 'booster-not-indicated', indicator: card.indicator }]);
  });
});

describe('immunosteward operations: health endpoints', () => {
  it.each(['/healthz', '/readyz'])('immunosteward operations: %s answers 200 without a token', async (url) => {
    const res = await svc.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
  });
});
