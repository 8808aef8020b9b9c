import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardLike, firedRules } from '../../helpers/cards.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { type Behaviour, type FhirServer, type FhirType, startFhirServer } from '../../helpers/misbehaving-server.js';
import { medicationRequest } from '../../helpers/orders.js';
import { orderSignRequest, startService } from '../../helpers/service.js';

/**
 * The fetch-on-missing-prefetch path end to end against a real, misbehaving FHIR server on
 * 127.0.0.1: every fault ends within the deadline in a 412 naming the required keys, or a 200
 * whose cards say which optional data were missing; a second "forbidden" server, the target of
 * every foreign link and redirect, never receives a request (SSRF); the access token goes only to
 * the allowed server. (prefetch.test.ts covers the same path with msw.)
 */

type FixtureRecord = Parameters<typeof orderSignRequest>[0];
const healthy = loadFixture('patient-healthy.json') as FixtureRecord;
const lysate = medicationRequest({ id: 'd-lysate', status: 'draft', text: 'Broncho-Vaxom 7 mg', patient: 'healthy-1' });
const TOKEN = 'ehr-access-token-faults';
const FHIR = { timeoutMs: 300, deadlineMs: 800, maxPages: 10, maxResponseBytes: 1_000_000 };
const BOUND_MS = FHIR.deadlineMs + 1_000;
const HUGE_BYTES = 50 * 1024 * 1024;
const ALL_KEYS = ['patient', 'observations', 'medications', 'conditions', 'immunizations'] as const;
type Key = (typeof ALL_KEYS)[number];
const LABELS: Record<Key, string> = {
  patient: 'patient demographics',
  observations: 'immune laboratory results',
  medications: 'medication orders',
  conditions: 'conditions',
  immunizations: 'immunizations',
};

let ehr: FhirServer;
let forbidden: FhirServer;
let service: Awaited<ReturnType<typeof startService>>;
/** Generous timeouts: only the response size cap can stop the 50 MB download early. */
let hugeService: Awaited<ReturnType<typeof startService>>;
const stats = { cases: 0, serverErrors: 0, forbiddenRequests: 0, slowestMs: 0, hugeBytesSent: 0 };

beforeAll(async () => {
  ehr = await startFhirServer(healthy);
  forbidden = await startFhirServer(healthy);
  service = await startService({ fhir: { ...FHIR, allowedServers: [ehr.base] } });
  hugeService = await startService({
    fhir: { ...FHIR, timeoutMs: 10_000, deadlineMs: 10_000, allowedServers: [ehr.base] },
  });
});

afterAll(async () => {
  await Promise.all([service?.app.close(), hugeService?.app.close(), ehr?.close(), forbidden?.close()]);
  console.log(
    `fhir faults: ${stats.cases} cases, ${stats.serverErrors} 5xx, ${stats.forbiddenRequests} requests to forbidden hosts, slowest ${stats.slowestMs.toLocaleString('en-US')} ms; 50 MB bodies cut off after at most ${(stats.hugeBytesSent / 1024 / 1024).toFixed(1)} MB sent`,
  );
});

interface Call {
  script?: Partial<Record<FhirType, Behaviour>>;
  /** Keys sent in prefetch (from the fixture); the others are missing. */
  prefetched?: Key[];
  /** Replaces prefetch values. */
  prefetch?: Partial<Record<Key, unknown>>;
  fhirServer?: string;
  via?: typeof service;
}

/** One order-sign call; checks the bound, the forbidden host and where the token went. */
async function run(c: Call) {
  ehr.script(c.script ?? {});
  forbidden.script({});
  const body = orderSignRequest(healthy, [lysate], 'healthy-1') as ReturnType<typeof orderSignRequest> & {
    prefetch: Record<string, unknown>;
  };
  const kept = new Set<string>(c.prefetched ?? []);
  for (const key of Object.keys(body.prefetch)) if (!kept.has(key)) delete body.prefetch[key];
  Object.assign(body.prefetch, c.prefetch ?? {});
  const request = {
    ...body,
    fhirServer: c.fhirServer ?? ehr.base,
    fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'patient/*.read' },
  };
  const started = performance.now();
  const res = await (c.via ?? service).call('immunosteward-order-sign', request);
  const elapsed = Math.round(performance.now() - started);
  stats.cases++;
  stats.slowestMs = Math.max(stats.slowestMs, elapsed);
  if (res.statusCode >= 500) stats.serverErrors++;
  stats.forbiddenRequests += forbidden.requests.length;

  expect(res.statusCode).toBeLessThan(500);
  expect(elapsed).toBeLessThan(BOUND_MS);
  expect(forbidden.requests).toEqual([]);
  for (const r of ehr.requests) {
    expect(r.method).toBe('GET');
    expect(r.path.startsWith('/fhir/')).toBe(true);
    expect(r.authorization).toBe(`Bearer ${TOKEN}`);
  }
  return res;
}

/** 412: an OperationOutcome issue per unobtainable required key, with its label and reason. */
function expectUnobtainable(res: Awaited<ReturnType<typeof run>>, reasons: Partial<Record<Key, RegExp>>) {
  expect(res.statusCode, res.body).toBe(412);
  const outcome = res.json() as { resourceType: string; issue: { expression: string[]; diagnostics: string }[] };
  expect(outcome.resourceType).toBe('OperationOutcome');
  const keys = Object.keys(reasons) as Key[];
  expect(outcome.issue.map((i) => i.expression[0]).sort()).toEqual(keys.map((k) => `prefetch.${k}`).sort());
  for (const key of keys) {
    const issue = outcome.issue.find((i) => i.expression[0] === `prefetch.${key}`);
    expect(issue?.diagnostics).toContain(LABELS[key]);
    expect(issue?.diagnostics).toMatch(reasons[key] as RegExp);
  }
}

const LIST = new Intl.ListFormat('en', { type: 'conjunction' });

/** 200 with the cards the healthy record supports; each says which data were missing, if any. */
function expectCards(res: Awaited<ReturnType<typeof run>>, missing: Key[]) {
  expect(res.statusCode, res.body).toBe(200);
  const cards = res.json().cards as (CardLike & { detail: string })[];
  expect(firedRules(cards)).toEqual(['booster-not-indicated', 'course-unbounded']);
  for (const card of cards) {
    if (missing.length === 0) expect(card.detail).not.toContain('Not available to this check');
    else expect(card.detail).toContain(`Not available to this check: ${LIST.format(missing.map((k) => LABELS[k]))}.`);
  }
}

const requestedPaths = () => ehr.requests.map((r) => r.path.split('?')[0]).sort();

describe('FHIR server that answers', () => {
  it('every missing key is fetched once, with the token, and the cards carry no missing-data note', async () => {
    const res = await run({});
    expectCards(res, []);
    expect(requestedPaths()).toEqual(
      [
        '/fhir/Condition',
        '/fhir/Immunization',
        '/fhir/MedicationRequest',
        '/fhir/Observation',
        '/fhir/Patient/healthy-1',
      ].sort(),
    );
  });

  it('a paged searchset is followed to its last page and read whole', async () => {
    const res = await run({ script: { Observation: { kind: 'paged', pageSize: 7 } }, prefetched: ['patient'] });
    expectCards(res, []);
    expect(ehr.requests.filter((r) => r.path.startsWith('/fhir/Observation')).map((r) => r.path)).toHaveLength(3);
    // the booster card is a warning only when the whole panel (all 20 results) was read
    expect(res.json().cards[0].indicator).toBe('warning');
  });

  it('a prefetched first page with a next link on the server is completed from it', async () => {
    const observations = (healthy.entry ?? []).filter((e) => e.resource.resourceType === 'Observation');
    const res = await run({
      script: { Observation: { kind: 'paged', pageSize: 5 } },
      prefetched: ['patient', 'medications', 'conditions', 'immunizations'],
      prefetch: {
        observations: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: observations.slice(0, 5),
          link: [{ relation: 'next', url: `${ehr.base}/Observation?patient=healthy-1&_page=2` }],
        },
      },
    });
    expectCards(res, []);
    expect(ehr.requests.map((r) => r.path)).toEqual(
      [2, 3, 4].map((page) => `/fhir/Observation?patient=healthy-1&_page=${page}`),
    );
    expect(res.json().cards[0].indicator).toBe('warning');
  });
});

describe('required data (Observation search) from a misbehaving server: 412 within the deadline', () => {
  const faults: [string, () => Behaviour, RegExp][] = [
    ['holds the response beyond the deadline', () => ({ kind: 'hold' }), /timed out/],
    ['trickles the body one byte at a time', () => ({ kind: 'trickle', everyMs: 50 }), /timed out/],
    ['answers HTTP 500', () => ({ kind: 'status', status: 500 }), /HTTP 500/],
    ['answers HTTP 401', () => ({ kind: 'status', status: 401 }), /HTTP 401/],
    ['sends truncated JSON', () => ({ kind: 'truncated' }), /not valid JSON/],
    [
      'links next to another host',
      () => ({ kind: 'next', url: `${forbidden.base}/Observation?_page=2` }),
      /next link to another server/,
    ],
    [
      'links next to the same host outside the FHIR base',
      () => ({ kind: 'next', url: `${ehr.origin}/admin/Observation?_page=2` }),
      /next link to another server/,
    ],
    [
      'links next through userinfo to another host',
      () => ({
        kind: 'next',
        url: `http://${new URL(ehr.origin).host}@${new URL(forbidden.origin).host}/fhir/Observation`,
      }),
      /next link to another server/,
    ],
    [
      'links next through dot segments out of the FHIR base',
      () => ({ kind: 'next', url: `${ehr.base}/%2e%2e/admin/Observation` }),
      /next link to another server/,
    ],
    ['links next to itself', () => ({ kind: 'loop-self' }), /paging loop/],
    [
      'pages endlessly with a new next URL each time',
      () => ({ kind: 'loop-changing', delayMs: 0 }),
      /more than 10 pages/,
    ],
    [
      'pages endlessly, each page in time but all beyond the deadline',
      () => ({ kind: 'loop-changing', delayMs: 150 }),
      /timed out/,
    ],
    [
      'redirects (302) to another host',
      () => ({ kind: 'redirect', status: 302, location: `${forbidden.base}/Observation` }),
      /redirect refused/,
    ],
    [
      'redirects (307) within itself',
      () => ({ kind: 'redirect', status: 307, location: `${ehr.base}/Observation?patient=healthy-1` }),
      /redirect refused/,
    ],
  ];

  it.each(faults)('%s', async (_name, behaviour, reason) => {
    const res = await run({ script: { Observation: behaviour() }, prefetched: ['patient', 'medications'] });
    expectUnobtainable(res, { observations: reason });
  });

  it('several required keys fail at once: one issue each', async () => {
    const res = await run({
      script: { Observation: { kind: 'hold' }, MedicationRequest: { kind: 'status', status: 503 } },
    });
    expectUnobtainable(res, { observations: /timed out/, medications: /HTTP 503/ });
  });

  it('a prefetched first page whose next link leaves the server: nothing is requested', async () => {
    const res = await run({
      prefetched: ['patient', 'medications', 'conditions', 'immunizations'],
      prefetch: {
        observations: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [],
          link: [{ relation: 'next', url: `${forbidden.base}/Observation?_page=2` }],
        },
      },
    });
    expectUnobtainable(res, { observations: /link to another server/ });
    expect(ehr.requests).toEqual([]);
  });
});

describe('optional data from a misbehaving server: 200 with the cards, which say what was missing', () => {
  it('conditions answer 500 and immunizations never answer', async () => {
    const res = await run({
      script: { Condition: { kind: 'status', status: 500 }, Immunization: { kind: 'hold' } },
      prefetched: ['patient', 'observations', 'medications'],
    });
    expectCards(res, ['conditions', 'immunizations']);
  });

  it('the patient read is truncated and the conditions redirect to another host', async () => {
    const res = await run({
      script: {
        Patient: { kind: 'truncated' },
        Condition: { kind: 'redirect', status: 302, location: `${forbidden.base}/Condition` },
      },
    });
    expectCards(res, ['patient', 'conditions']);
  });

  it('immunizations page endlessly', async () => {
    const res = await run({
      script: { Immunization: { kind: 'loop-changing', delayMs: 0 } },
      prefetched: ['patient', 'observations', 'medications', 'conditions'],
    });
    expectCards(res, ['immunizations']);
    expect(ehr.requests.filter((r) => r.path.startsWith('/fhir/Immunization'))).toHaveLength(FHIR.maxPages);
  });
});

describe('a 50 MB response does not exhaust memory: reading stops at fhir.maxResponseBytes', () => {
  it.each([
    ['streamed without a length', false],
    ['with its Content-Length declared', true],
  ])('%s', async (_name, declareLength) => {
    const res = await run({
      via: hugeService,
      script: { Observation: { kind: 'huge', bytes: HUGE_BYTES, declareLength } },
      prefetched: ['patient', 'medications'],
    });
    expectUnobtainable(res, { observations: new RegExp(`more than ${FHIR.maxResponseBytes} bytes`) });
    // The service hung up: the server could hand its socket only a small part of the 50 MB.
    await expect.poll(() => ehr.huge.clientHungUp).toBe(true);
    stats.hugeBytesSent = Math.max(stats.hugeBytesSent, ehr.huge.bytesWritten);
    expect(ehr.huge.bytesWritten).toBeLessThan(HUGE_BYTES / 4);
  });
});

describe('FHIR servers that are not allowed are never contacted', () => {
  it.each([
    ['another host', () => forbidden.base],
    ['another path on the allowed host', () => `${ehr.origin}/admin`],
    ['a longer path sharing the prefix', () => `${ehr.base}-internal`],
    ['the allowed URL with credentials', () => `http://user:pass@${new URL(ehr.origin).host}/fhir`],
  ])('%s: 412 "not allowed", no request anywhere', async (_name, fhirServer) => {
    const res = await run({ fhirServer: fhirServer(), prefetched: ['patient'] });
    expectUnobtainable(res, { observations: /FHIR server not allowed/, medications: /FHIR server not allowed/ });
    expect(ehr.requests).toEqual([]);
  });

  it('with only optional keys missing: 200, the cards say what was missing, no request anywhere', async () => {
    const res = await run({ fhirServer: forbidden.base, prefetched: ['patient', 'observations', 'medications'] });
    expectCards(res, ['conditions', 'immunizations']);
    expect(ehr.requests).toEqual([]);
  });
});
