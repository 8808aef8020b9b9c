import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardLike } from '../../helpers/cards.js';
import { loadFixture } from '../../helpers/fixtures.js';
import {
  anchorsOf,
  type BaseRequest,
  type FuzzBody,
  fuzzBody,
  type Json,
  SERVICE_IDS,
} from '../../helpers/fuzz-arbitraries.js';
import { registerSecret } from '../../helpers/log-capture.js';
import { drugs, immunization, medicationRequest, vaccineServiceRequest } from '../../helpers/orders.js';
import { FHIR_BASE, orderSignRequest, startService } from '../../helpers/service.js';

/**
 * Fuzzing of the CDS service's request handling (issue 7): ≥ 10,000 seeded bodies, mostly realistic
 * order-sign / order-select / patient-view requests with a few mutations at random paths, plus
 * random JSON, random text, malformed JSON and wrong content types; then dedicated deep, huge and
 * prototype-key bodies. Property: every answer is 200 `{cards}` with valid CDS Hooks cards or a 4xx
 * FHIR OperationOutcome; never a 5xx, a thrown error or an error log; a known request keeps getting
 * the same cards all along; nothing reaches Object.prototype.
 *
 * Reproduce a run: FUZZ_SEED=<seed> npx vitest run test/cds-hooks/fuzz.test.ts (FUZZ_RUNS sets the
 * number of generated bodies). The bodies come in chunks of 1,000, chunk k with fast-check seed
 * FUZZ_SEED + k; a failure prints the shrunk counterexample with that seed and its path.
 */

const SEED = integerFromEnv('FUZZ_SEED', 20261125);
const RUNS = integerFromEnv('FUZZ_RUNS', 10_000);
/** Bodies between two checks that the service still answers a known request right. */
const CHECK_EVERY = 1_000;

function integerFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, not "${process.env[name]}"`);
  return value;
}

type FixtureRecord = Parameters<typeof orderSignRequest>[0];
type Service = Awaited<ReturnType<typeof startService>>;
type Response = Awaited<ReturnType<Service['app']['inject']>>;

const [ORDER_SIGN, ORDER_SELECT, PATIENT_VIEW] = SERVICE_IDS;

/** RFC 4122 UUID (versions 1–5, variant 10xx). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------------------------
// The valid requests the mutations start from

const healthy = loadFixture('patient-healthy.json') as FixtureRecord;
const chemo = loadFixture('patient-chemo-neutropenia.json') as FixtureRecord;
const postCovid = loadFixture('patient-post-covid.json') as FixtureRecord;

const lysate = medicationRequest({ id: 'd-lysate', status: 'draft', text: 'Broncho-Vaxom 7 mg', patient: 'healthy-1' });
const pidotimod = medicationRequest({
  id: 'd-pidotimod',
  status: 'draft',
  codings: drugs.pidotimod,
  dose: { value: 800, unit: 'mg' },
  boundsDays: 15,
  patient: 'chemo-1',
});
const mmr = vaccineServiceRequest('d-mmr', '03', 'MMR', 'chemo-1');

/** The chemotherapy record plus treatment and vaccination history (the fixture has none). */
const chemoWithHistory: FixtureRecord = {
  ...chemo,
  entry: [
    ...(chemo.entry ?? []),
    ...[
      medicationRequest({
        id: 'h-cyclophosphamide',
        status: 'completed',
        codings: drugs.cyclophosphamide,
        dose: { value: 1000, unit: 'mg' },
        boundsPeriod: { start: '2026-08-20', end: '2026-10-22T14:00:00+05:00' },
        patient: 'chemo-1',
      }),
      medicationRequest({
        id: 'h-prednisone',
        status: 'active',
        codings: drugs.prednisone,
        dose: { value: 20, unit: 'mg' },
        authoredOn: '2026-10-01',
        patient: 'chemo-1',
      }),
      {
        ...immunization('h-flu', '141', 'Influenza, seasonal', '2025-10-01'),
        patient: { reference: 'Patient/chemo-1' },
      },
      { ...immunization('h-mmr', '03', 'MMR', '1990-05-01'), patient: { reference: 'Patient/chemo-1' } },
    ].map((resource) => ({ resource })),
  ],
};
const colecalciferol = medicationRequest({
  id: 'd-d3',
  status: 'draft',
  codings: drugs.colecalciferol,
  dose: { value: 10000, unit: '[IU]' },
  boundsDays: 30,
  patient: 'pc-1',
});

/** A starting request; its prefetched searchsets get the `self` link an EHR's search returns. */
function base(name: string, service: string, body: object): BaseRequest {
  const json = JSON.parse(JSON.stringify(body)) as { [key: string]: Json };
  const prefetch = (json.prefetch ?? {}) as Record<string, { resourceType?: string; link?: Json }>;
  for (const [key, value] of Object.entries(prefetch)) {
    if (value?.resourceType === 'Bundle') value.link = [{ relation: 'self', url: `${FHIR_BASE}/${key}?_count=100` }];
  }
  return { name, service, body: json, anchors: anchorsOf(json) };
}

function orderSelect(record: FixtureRecord, drafts: unknown[], patientId: string, selections: string[]) {
  const request = orderSignRequest(record, drafts, patientId);
  return { ...request, hook: 'order-select', context: { ...request.context, selections } };
}

function patientView(record: FixtureRecord, patientId: string) {
  const request = orderSignRequest(record, [], patientId);
  return { ...request, hook: 'patient-view', context: { userId: 'Practitioner/dr-1', patientId } };
}

const ACCESS_TOKEN = 'fuzz-access-token-3f9a';
// The log scan (test/setup/log-scan.ts) fails the file if it is ever logged.
registerSecret(ACCESS_TOKEN);

/** The healthy patient's order without conditions and immunizations: the service fetches them (from msw). */
function partlyPrefetched() {
  const request = orderSignRequest(healthy, [lysate], 'healthy-1');
  const { conditions: _c, immunizations: _i, ...prefetch } = request.prefetch;
  return {
    ...request,
    prefetch,
    fhirAuthorization: { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 300 },
  };
}

const BASES: BaseRequest[] = [
  base('order-sign: healthy + lysate', ORDER_SIGN, orderSignRequest(healthy, [lysate], 'healthy-1')),
  base(
    'order-sign: chemotherapy + pidotimod + MMR',
    ORDER_SIGN,
    orderSignRequest(chemoWithHistory, [pidotimod, mmr], 'chemo-1'),
  ),
  base(
    'order-select: post-COVID + lysate, vitamin D',
    ORDER_SELECT,
    orderSelect(postCovid, [{ ...lysate, subject: { reference: 'Patient/pc-1' } }, colecalciferol], 'pc-1', [
      'MedicationRequest/d-lysate',
    ]),
  ),
  base('patient-view: chemotherapy', PATIENT_VIEW, patientView(chemoWithHistory, 'chemo-1')),
  base('order-sign: healthy + lysate, fetched', ORDER_SIGN, partlyPrefetched()),
  // From elsewhere: a foreign FHIR server and prefetch keys (412), and a hooks-library R4 context.
  base(
    'patient-view: CDS Hooks spec example',
    PATIENT_VIEW,
    loadFixture('cds-hooks/spec-2.0.1/spec-02-example.json') as object,
  ),
  base('order-sign: hooks library R4 example', ORDER_SIGN, {
    hook: 'order-sign',
    hookInstance: 'c1a2b3c4-0000-4000-8000-000000000001',
    context: (loadFixture('cds-hooks/hooks-library-v1.0.1/order-sign-01-example-r4.json') as { context: object })
      .context,
    prefetch: { patient: null, observations: null, medications: null, conditions: null, immunizations: null },
  }),
];

const BASE_TEXTS = new Map(BASES.map((b) => [b.name, JSON.stringify(b.body)]));

// ---------------------------------------------------------------------------------------------
// The EHR's FHIR server (msw): the healthy record for any search; nothing else may be reached

const healthyResources = (healthy.entry ?? []).map((e) => e.resource);
const escaped: string[] = [];
const ehr = setupServer(
  http.get(`${FHIR_BASE}/Patient/:id`, () =>
    HttpResponse.json(healthyResources.find((r) => r.resourceType === 'Patient')),
  ),
  ...['Observation', 'MedicationRequest', 'Condition', 'Immunization'].map((type) =>
    http.get(`${FHIR_BASE}/${type}`, () =>
      HttpResponse.json({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: healthyResources.filter((r) => r.resourceType === type).map((resource) => ({ resource })),
      }),
    ),
  ),
  http.all(`${FHIR_BASE}/*`, () =>
    HttpResponse.json(
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] },
      { status: 404 },
    ),
  ),
  // The fetcher only calls allowed servers: anything else reaching the network is a finding.
  http.all('*', ({ request }) => {
    escaped.push(new URL(request.url).origin);
    return HttpResponse.error();
  }),
);

// ---------------------------------------------------------------------------------------------
// What every answer must be

interface CardJson {
  uuid: string;
  summary: string;
  detail?: string;
  indicator: string;
  source: { label: string; url?: string; topic?: { system?: string; code?: string } };
  suggestions?: { label: string; uuid: string; actions: { type: string; description: string; resource?: unknown }[] }[];
  selectionBehavior?: string;
  overrideReasons?: { code: string; display: string }[];
  links?: { label: string; url: string; type: string }[];
}

/** A cheap assertion for the hot path (vitest's expect costs more than the service call). */
function ensure(condition: unknown, problem: string): asserts condition {
  if (!condition) throw new Error(problem);
}

const isString = (v: unknown, min = 0): v is string => typeof v === 'string' && v.length >= min;

/** Nulls anywhere in a card but inside the resources of actions (they echo the EHR's drafts). */
function nullsOutsideResources(value: unknown, path: string): string[] {
  if (value === null) return [path];
  if (typeof value !== 'object') return [];
  return Object.entries(value as object).flatMap(([k, v]) =>
    k === 'resource' ? [] : nullsOutsideResources(v, `${path}.${k}`),
  );
}

/** CDS Hooks 2.0 §Card Attributes: what an EHR relies on to show a card. */
function checkCard(card: CardJson, at: string): void {
  ensure(UUID.test(card.uuid), `${at}.uuid is not a UUID: ${card.uuid}`);
  ensure(isString(card.summary, 1) && card.summary.length < 140, `${at}.summary: ${JSON.stringify(card.summary)}`);
  ensure(['info', 'warning', 'critical'].includes(card.indicator), `${at}.indicator: ${card.indicator}`);
  ensure(isString(card.source?.label, 1), `${at}.source.label missing`);
  ensure(card.detail === undefined || isString(card.detail), `${at}.detail is not a string`);
  // `detail` is markdown the EHR renders: text from the request is escaped, so none of the
  // generators' markup or links survive in it.
  ensure(!/<script|\]\(javascript:/i.test(card.detail ?? ''), `${at}.detail carries markup: ${card.detail}`);
  ensure(card.source.url === undefined || URL.canParse(card.source.url), `${at}.source.url: ${card.source.url}`);
  for (const [i, s] of (card.suggestions ?? []).entries()) {
    ensure(UUID.test(s.uuid) && isString(s.label, 1), `${at}.suggestions[${i}]: uuid or label`);
    ensure(Array.isArray(s.actions) && s.actions.length > 0, `${at}.suggestions[${i}].actions empty`);
    for (const a of s.actions) {
      ensure(['create', 'update', 'delete'].includes(a.type), `${at}.suggestions[${i}]: action type ${a.type}`);
      ensure(isString(a.description, 1), `${at}.suggestions[${i}]: action without description`);
    }
  }
  if (card.indicator !== 'info') ensure((card.overrideReasons?.length ?? 0) > 0, `${at}: no override reasons`);
  for (const link of card.links ?? []) ensure(URL.canParse(link.url), `${at}: link URL ${link.url}`);
  const nulls = nullsOutsideResources(card, at);
  ensure(nulls.length === 0, `null at ${nulls.join(', ')}`);
}

/** A FHIR OperationOutcome with at least one issue, each with a severity and a code. */
function checkOutcome(body: unknown): void {
  const outcome = body as { resourceType?: unknown; issue?: { severity?: unknown; code?: unknown }[] };
  ensure(outcome.resourceType === 'OperationOutcome', `error body is no OperationOutcome: ${JSON.stringify(body)}`);
  ensure(Array.isArray(outcome.issue) && outcome.issue.length > 0, 'OperationOutcome without issues');
  for (const issue of outcome.issue) {
    ensure(['fatal', 'error', 'warning', 'information'].includes(issue.severity as string), 'issue severity');
    ensure(isString(issue.code, 1), 'issue code');
  }
}

/** What rendering junk looks like; a card may show one only when the request itself carried it. */
const RENDERING_JUNK = ['NaN', 'undefined', 'Invalid Date', '[object Object]', 'Infinity'];

/**
 * 200 with valid cards, or a 4xx OperationOutcome; returns the cards (none for an error). `sent`
 * is the request text, for the rendering-junk check.
 */
function checkResponse(res: Response, sent: string): CardJson[] {
  ensure(res.statusCode < 500, `status ${res.statusCode}: ${res.body.slice(0, 300)}`);
  ensure(
    /^application\/(fhir\+)?json/.test(String(res.headers['content-type'])),
    `content-type ${res.headers['content-type']}`,
  );
  const body = JSON.parse(res.body) as { cards?: CardJson[] };
  if (res.statusCode !== 200) {
    ensure(res.statusCode >= 400, `status ${res.statusCode}`);
    checkOutcome(body);
    return [];
  }
  ensure(Array.isArray(body.cards), `200 without cards: ${res.body.slice(0, 300)}`);
  body.cards.forEach((card, i) => {
    checkCard(card, `cards[${i}]`);
  });
  const text = body.cards
    .flatMap((c) => [
      c.summary,
      c.detail,
      ...(c.suggestions ?? []).flatMap((x) => [x.label, ...x.actions.map((a) => a.description)]),
    ])
    .join('\n');
  for (const junk of RENDERING_JUNK) {
    ensure(
      !text.includes(junk) || sent.includes(junk),
      `a card shows "${junk}": ${text.slice(Math.max(0, text.indexOf(junk) - 150), text.indexOf(junk) + 50)}`,
    );
  }
  return body.cards;
}

/** What a known request must keep getting: the rules and indicators of its cards. */
const verdict = (cards: CardJson[]) =>
  cards.flatMap((c) => {
    const fired = (c as CardLike).extension?.['org.immunosteward.rules'];
    return fired ? fired.map((r) => `${r.code}:${r.indicator}`) : [`${c.source.topic?.code}:${c.indicator}`];
  });

// ---------------------------------------------------------------------------------------------

let svc: Service;
const statuses = new Map<number, number>();
const kinds = new Map<string, number>();
const errorLogs: string[] = [];
const uncaught: unknown[] = [];
/** Errors `inject` rejected with (the request never got an answer). */
const thrown: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
let bodies = 0;
let injectMs = 0;
let slowest = { ms: 0, kind: '' };
/** Each known request's status and verdict at the start of the run. */
const reference = new Map<string, { status: number; verdict: string[] }>();
const protoKeys = (o: object) => Object.getOwnPropertyNames(o).sort();
const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const prototypesBefore = PROTOTYPES.map(protoKeys);

async function send(body: FuzzBody): Promise<Response> {
  const started = performance.now();
  const res = await svc.app
    .inject({
      method: 'POST',
      url: `/cds-services/${encodeURIComponent(body.service)}`,
      headers: body.contentType === undefined ? {} : { 'content-type': body.contentType },
      payload: body.payload,
    })
    .catch((error: unknown) => {
      thrown.push(error);
      throw error;
    });
  const ms = performance.now() - started;
  injectMs += ms;
  if (ms > slowest.ms) slowest = { ms, kind: body.kind };
  bodies++;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  kinds.set(body.kind, (kinds.get(body.kind) ?? 0) + 1);
  return res;
}

const textOf = (body: FuzzBody) => (typeof body.payload === 'string' ? body.payload : body.payload.toString('utf8'));

/** Sends a dedicated body (JSON text or a value) and checks the answer; returns it with its cards. */
async function sendChecked(service: string, body: unknown) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await send({ kind: 'dedicated', service, contentType: 'application/json', payload });
  return { status: res.statusCode, cards: checkResponse(res, payload) };
}

async function knownRequestsStillAnswered(): Promise<void> {
  for (const b of BASES) {
    const res = await svc.app.inject({
      method: 'POST',
      url: `/cds-services/${b.service}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ ...b.body, hookInstance: crypto.randomUUID() }),
    });
    expect({ status: res.statusCode, verdict: verdict(checkResponse(res, '')) }, b.name).toEqual(reference.get(b.name));
  }
}

function noPrototypePollution(): void {
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect(([] as unknown as { polluted?: unknown }).polluted).toBeUndefined();
  expect(PROTOTYPES.map(protoKeys)).toEqual(prototypesBefore);
}

beforeAll(async () => {
  ehr.listen({ onUnhandledRequest: 'error' });
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  // Body handling only, so three protections that would answer for the body are off: authentication
  // (auth.test.ts), the per-IP rate limit (429 after 6,000 calls from one address) and overload
  // shedding (a 503 to the bodies after one that held a busy CI machine's event loop for a second;
  // hardening.test.ts covers both).
  svc = await startService(
    {
      auth: { disabled: true },
      server: { rateLimit: { enabled: false }, overload: { maxEventLoopDelayMs: 60_000 } },
    },
    {
      write(line: string) {
        if ((JSON.parse(line) as { level: number }).level >= 50) errorLogs.push(line);
      },
    },
  );
  for (const b of BASES) {
    const res = await svc.app.inject({
      method: 'POST',
      url: `/cds-services/${b.service}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(b.body),
    });
    reference.set(b.name, { status: res.statusCode, verdict: verdict(checkResponse(res, '')) });
  }
});

afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
  ehr.close();
  await svc?.app.close();
  const count = (s: number) => statuses.get(s) ?? 0;
  const fivexx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const byStatus = [...statuses.keys()]
    .sort()
    .map((s) => `${s}: ${count(s).toLocaleString('en')}`)
    .join(', ');
  const crashes = errorLogs.length + uncaught.length + thrown.length;
  console.log(
    `fuzz: ${bodies.toLocaleString('en')} bodies (seed ${SEED}): ${fivexx} 5xx, ${crashes} crashes; ${byStatus}`,
  );
  for (const line of errorLogs.slice(0, 3)) {
    const { err } = JSON.parse(line) as { err?: { type?: string; message?: string; stack?: string } };
    console.log(`fuzz: error log: ${err?.type}: ${err?.message}\n${err?.stack?.split('\n').slice(1, 6).join('\n')}`);
  }
  console.log(
    `fuzz: by kind ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}; ${(injectMs / 1000).toFixed(1)} s in the service, slowest ${slowest.ms.toFixed(0)} ms (${slowest.kind})`,
  );
});

describe('fuzzing the CDS service with hostile request bodies', () => {
  it('the known requests get the answers to compare with', () => {
    // The healthy patient's lysate is the suite's fixed point (service.test.ts asserts the same).
    const lysateVerdict = { status: 200, verdict: ['booster-not-indicated:warning', 'course-unbounded:warning'] };
    expect(reference.get('order-sign: healthy + lysate')).toEqual(lysateVerdict);
    expect(reference.get('order-sign: healthy + lysate, fetched')).toEqual(lysateVerdict);
    expect(reference.get('patient-view: CDS Hooks spec example')).toEqual({ status: 412, verdict: [] });
    expect(reference.get('order-sign: hooks library R4 example')).toEqual({ status: 200, verdict: [] });
    for (const b of BASES.slice(1, 4)) {
      expect(reference.get(b.name)?.status, b.name).toBe(200);
      expect(reference.get(b.name)?.verdict.length, b.name).toBeGreaterThan(0);
    }
  });

  it(`${RUNS.toLocaleString('en')} generated bodies: 200 with valid cards or a 4xx OperationOutcome, never a 5xx`, async () => {
    console.log(`fuzz: seed ${SEED} (FUZZ_SEED=${SEED} to replay), ${RUNS} bodies`);
    for (let done = 0, chunk = 0; done < RUNS; done += CHECK_EVERY, chunk++) {
      await fc.assert(
        fc.asyncProperty(fuzzBody(BASES), async (body) => {
          checkResponse(await send(body), textOf(body));
        }),
        { seed: SEED + chunk, numRuns: Math.min(CHECK_EVERY, RUNS - done) },
      );
      await knownRequestsStillAnswered();
      noPrototypePollution();
    }
    expect(errorLogs).toEqual([]);
    expect(uncaught).toEqual([]);
    expect(thrown).toEqual([]);
    expect(escaped).toEqual([]);
    // The generators reach every kind of answer, not only one kind of refusal.
    for (const status of [200, 400, 404, 412, 415])
      expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 5);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Dedicated bodies: the deep, the huge and the prototype keys, one of each where it hurts

type Body = Record<string, unknown>;
const requestOf = (name: string) => {
  const b = BASES.find((x) => x.name === name);
  if (!b) throw new Error(name);
  return structuredClone(b.body) as Body;
};
const LYSATE = 'order-sign: healthy + lysate';
const SELECT = 'order-select: post-COVID + lysate, vitamin D';
const at = (body: Body, ...path: (string | number)[]) =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], body) as Body;

/** Nesting depth as the server counts it: every object and array is one level. */
function jsonDepth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(jsonDepth));
}

/** A Bundle that holds `inner` `levels` Bundles down. */
function bundleChain(inner: unknown, levels: number): unknown {
  let bundle = inner;
  for (let i = 0; i < levels; i++)
    bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: bundle }] };
  return bundle;
}

/** The request text with `"PLACEHOLDER"` at `path` replaced by raw JSON text (deep text cannot be built as a value). */
function withRawJson(body: Body, path: (string | number)[], text: string): string {
  const copy = structuredClone(body);
  const parent = at(copy, ...path.slice(0, -1));
  parent[path[path.length - 1] as string] = 'PLACEHOLDER';
  return JSON.stringify(copy).replace('"PLACEHOLDER"', text);
}

describe('dedicated hostile bodies', () => {
  it('deep nesting anywhere (arrays, objects, Bundle chains; up to 30,000 levels) is refused with a 4xx', async () => {
    const limit = svc.config.server.maxJsonDepth;
    const lysate = requestOf(LYSATE);
    const deep = {
      arrays: (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`,
      objects: (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`,
      bundles: (n: number) =>
        `${'{"resourceType":"Bundle","entry":[{"resource":'.repeat(n)}{"resourceType":"Observation"}${'}]}'.repeat(n)}`,
    };
    const places: [string, (text: string) => string][] = [
      ['top level', (text) => text],
      ['context', (text) => withRawJson(lysate, ['context', 'extension'], text)],
      ['prefetch', (text) => withRawJson(lysate, ['prefetch', 'observations', 'entry', 0, 'resource'], text)],
      ['draft order', (text) => withRawJson(lysate, ['context', 'draftOrders', 'entry', 0, 'resource', 'note'], text)],
    ];
    for (const depth of [limit + 1, 1_000, 30_000]) {
      for (const [shape, text] of Object.entries(deep)) {
        for (const [place, put] of places) {
          const { status } = await sendChecked(ORDER_SIGN, put(text(depth)));
          expect(status, `${shape} ${depth} deep in ${place}`).toBeGreaterThanOrEqual(400);
        }
      }
    }
  });

  it('Bundles nested up to the depth limit are read like a flat one; one level more is refused', async () => {
    const limit = svc.config.server.maxJsonDepth;
    const lysate = requestOf(LYSATE);
    const observations = at(lysate, 'prefetch').observations;
    let levels = 0;
    const nestedBy = (n: number) => ({
      ...lysate,
      prefetch: { ...at(lysate, 'prefetch'), observations: bundleChain(observations, n) },
    });
    while (jsonDepth(nestedBy(levels + 1)) <= limit) levels++;
    expect(levels).toBeGreaterThan(10);
    const within = await sendChecked(ORDER_SIGN, nestedBy(levels));
    expect({ status: within.status, verdict: verdict(within.cards) }).toEqual(reference.get(LYSATE));
    expect((await sendChecked(ORDER_SIGN, nestedBy(levels + 1))).status).toBe(400);
  });

  it('huge strings and arrays get valid cards; a body past the limit gets 413', async () => {
    const MB = 1024 * 1024;
    const lysateVerdict = reference.get(LYSATE);
    const sameAsLysate = async (body: Body | string, what: string) => {
      const { status, cards } = await sendChecked(ORDER_SIGN, body);
      expect({ status, verdict: verdict(cards) }, what).toEqual(lysateVerdict);
    };

    await sameAsLysate({ ...requestOf(LYSATE), hookInstance: 'h'.repeat(MB) }, '1 MB hookInstance');
    await sameAsLysate(`${' '.repeat(MB)}${JSON.stringify(requestOf(LYSATE))}${'\n'.repeat(MB)}`, '2 MB of whitespace');

    const manyKeys = requestOf(LYSATE);
    for (let i = 0; i < 50_000; i++) at(manyKeys, 'context')[`x${i}`] = i;
    await sameAsLysate(manyKeys, '50,000 context members');

    // 5,000 more copies of the same lab results (3.5 MB) change nothing.
    const manyLabs = requestOf(LYSATE);
    const labs = at(manyLabs, 'prefetch', 'observations').entry as { resource: Body }[];
    const copies = Array.from({ length: 5_000 }, (_, i) => {
      const { resource } = labs[i % labs.length] as { resource: Body };
      return { resource: { ...resource, id: `copy-${i}` } };
    });
    at(manyLabs, 'prefetch', 'observations').entry = [...labs, ...copies];
    await sameAsLysate(manyLabs, '5,000 copied Observations');

    const hugeName = requestOf(LYSATE);
    const draft = at(hugeName, 'context', 'draftOrders', 'entry', 0, 'resource');
    at(draft, 'medicationCodeableConcept').text = `Broncho-Vaxom ${'7 mg '.repeat(200_000)}`;
    const named = await sendChecked(ORDER_SIGN, hugeName);
    expect(named.status).toBe(200);
    expect(named.cards.length).toBeGreaterThan(0);

    const oddUnit = requestOf(LYSATE);
    at(oddUnit, 'prefetch', 'observations', 'entry', 0, 'resource', 'valueQuantity').unit = '10*9/L'.repeat(20_000);
    at(oddUnit, 'prefetch', 'observations', 'entry', 1, 'resource', 'valueQuantity').code = '('.repeat(50_000);
    expect((await sendChecked(ORDER_SIGN, oddUnit)).status).toBe(200);

    const longNumber = withRawJson(
      requestOf(LYSATE),
      ['prefetch', 'observations', 'entry', 0, 'resource', 'valueQuantity', 'value'],
      '9'.repeat(MB),
    );
    expect((await sendChecked(ORDER_SIGN, longNumber)).status).toBe(200);

    const manyDrafts = requestOf(LYSATE);
    const drafts = at(manyDrafts, 'context', 'draftOrders');
    const lysateDraft = (drafts.entry as { resource: Body }[])[0]?.resource as Body;
    // 100 drafts, not thousands: each stacked-immunostimulant card lists every other draft, so the
    // answer grows with the square of their number (reported: 2,000 drafts answer 283 MB).
    drafts.entry = Array.from({ length: 100 }, (_, i) => ({ resource: { ...lysateDraft, id: `d-lysate-${i}` } }));
    const many = await sendChecked(ORDER_SIGN, manyDrafts);
    expect(many.status).toBe(200);
    expect(many.cards.length).toBeGreaterThanOrEqual(100);

    const selections = requestOf(SELECT);
    at(selections, 'context').selections = [
      'MedicationRequest/d-lysate',
      ...Array.from({ length: 100_000 }, (_, i) => `MedicationRequest/absent-${i}`),
    ];
    const selected = await sendChecked(ORDER_SELECT, selections);
    expect({ status: selected.status, verdict: verdict(selected.cards) }).toEqual(reference.get(SELECT));

    const limit = svc.config.server.bodyLimitBytes;
    const padded = (bytes: number) => {
      const text = JSON.stringify({ ...requestOf(LYSATE), padding: '' });
      return text.replace('"padding":""', `"padding":"${'x'.repeat(bytes - text.length)}"`);
    };
    expect(Buffer.byteLength(padded(limit))).toBe(limit);
    await sameAsLysate(padded(limit), 'a body of exactly the limit');
    const over = await sendChecked(ORDER_SIGN, padded(limit + 1));
    expect(over.status).toBe(413);
  });

  it('prototype keys: `__proto__` and `constructor.prototype` are refused; other such keys change nothing', async () => {
    const lysate = requestOf(LYSATE);
    const poisoned: [string, (string | number)[], string][] = [
      ['top level', ['__proto__'], '{"polluted":true}'],
      ['context', ['context', '__proto__'], '{"polluted":true}'],
      [
        'a prefetched Observation',
        ['prefetch', 'observations', 'entry', 0, 'resource', '__proto__'],
        '{"polluted":true}',
      ],
      ['the draft order', ['context', 'draftOrders', 'entry', 0, 'resource', '__proto__'], '{"polluted":true}'],
      ['context', ['context', 'constructor'], '{"prototype":{"polluted":true}}'],
      ['a prefetched Patient', ['prefetch', 'patient', 'constructor'], '{"prototype":{"polluted":true}}'],
    ];
    for (const [place, path, text] of poisoned) {
      const parent = path.slice(0, -1);
      const key = path[path.length - 1] as string;
      const body = withRawJson(lysate, [...parent, 'PLACEHOLDER_KEY'], text).replace('"PLACEHOLDER_KEY"', `"${key}"`);
      expect((await sendChecked(ORDER_SIGN, body)).status, `${key} in ${place}`).toBe(400);
      noPrototypePollution();
    }

    // The same keys with harmless values, plus the names code calls, on every object of the request.
    const everywhere = requestOf(LYSATE);
    const decorate = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const child of Object.values(node)) decorate(child);
      if (!Array.isArray(node)) {
        Object.assign(node, {
          constructor: 'x',
          prototype: { polluted: true },
          hasOwnProperty: 1,
          toString: 'x',
          valueOf: 1,
          toJSON: 'x',
          // biome-ignore lint/suspicious/noThenProperty: a body that looks thenable is one of the probes
          then: 'x',
          isPrototypeOf: null,
        });
      }
    };
    decorate(everywhere);
    const decorated = await sendChecked(ORDER_SIGN, everywhere);
    expect({ status: decorated.status, verdict: verdict(decorated.cards) }).toEqual(reference.get(LYSATE));
    noPrototypePollution();
  });

  it("a deeply nested Bundle from the EHR's FHIR server (past the body's depth limit) is no 5xx", async () => {
    const fetched = 'order-sign: healthy + lysate, fetched';
    const depth = 20_000;
    const text = `${'{"resourceType":"Bundle","entry":[{"resource":'.repeat(depth)}{"resourceType":"Condition"}${'}]}'.repeat(depth)}`;
    ehr.use(
      http.get(
        `${FHIR_BASE}/Condition`,
        () => new HttpResponse(text, { headers: { 'content-type': 'application/fhir+json' } }),
      ),
    );
    try {
      const { status, cards } = await sendChecked(ORDER_SIGN, requestOf(fetched));
      expect({ status, verdict: verdict(cards) }).toEqual(reference.get(fetched));
    } finally {
      ehr.resetHandlers();
    }
  });

  it('after every body: the known requests get the same answers, nothing was logged as an error, no prototype changed', async () => {
    await knownRequestsStillAnswered();
    noPrototypePollution();
    expect(errorLogs).toEqual([]);
    expect(uncaught).toEqual([]);
    expect(thrown).toEqual([]);
    expect(escaped).toEqual([]);
    // The mutations copy on write: the requests they start from are as built.
    for (const b of BASES) expect(JSON.stringify(b.body), b.name).toBe(BASE_TEXTS.get(b.name));
  });
});
