import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CardLike, cardWithRule, firedRules } from '../../helpers/cards.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { medicationRequest } from '../../helpers/orders.js';
import { FHIR_BASE, orderSignRequest, startService } from '../../helpers/service.js';

/** msw plays the EHR's FHIR server for the fetch-on-missing-prefetch path. */

const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];
const resources = (healthy.entry ?? []).map((e) => e.resource);
const lysate = medicationRequest({ id: 'd-lysate', status: 'draft', text: 'Broncho-Vaxom 7 mg', patient: 'healthy-1' });
const searchset = (type: string, entries = resources.filter((r) => r.resourceType === type)) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: entries.map((resource) => ({ resource })),
});

const seen: { url: string; authorization: string | null }[] = [];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

function record(request: Request) {
  seen.push({ url: request.url, authorization: request.headers.get('authorization') });
}

/** Handlers that serve the healthy patient's record. */
function ehr(overrides: Record<string, Parameters<typeof http.get>[1]> = {}) {
  const handler = (type: string) =>
    overrides[type.toLowerCase()] ??
    (({ request }: { request: Request }) => {
      record(request);
      return HttpResponse.json(searchset(type));
    });
  server.use(
    http.get(`${FHIR_BASE}/Patient/:id`, ({ request }) => {
      record(request);
      return HttpResponse.json(resources.find((r) => r.resourceType === 'Patient'));
    }),
    ...['Observation', 'MedicationRequest', 'Condition', 'Immunization'].map((type) =>
      http.get(`${FHIR_BASE}/${type}`, handler(type)),
    ),
  );
}

function request(prefetch: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) {
  const body = orderSignRequest(healthy, [lysate], 'healthy-1') as Record<string, unknown>;
  if (prefetch === undefined) delete body.prefetch;
  else body.prefetch = prefetch;
  return {
    ...body,
    fhirAuthorization: {
      access_token: 'ehr-access-token-123',
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'patient/*.read',
      subject: 'immunosteward',
    },
    ...extra,
  };
}

const topics = (json: { cards: CardLike[] }) => firedRules(json.cards);

describe('prefetch resolution', () => {
  it('uses prefetch that is present and fetches nothing', async () => {
    const { call } = await startService();
    const body = orderSignRequest(healthy, [lysate], 'healthy-1');
    const res = await call('immunosteward-order-sign', body);
    expect(res.statusCode).toBe(200);
    expect(seen).toEqual([]);
  });

  it('treats null as "no data" without fetching', async () => {
    const { call } = await startService();
    const res = await call(
      'immunosteward-order-sign',
      request({ patient: null, observations: null, medications: null, conditions: null, immunizations: null }),
    );
    expect(res.statusCode).toBe(200);
    expect(seen).toEqual([]);
    // no labs at all: the deficit is unknown, which warns (issue 14), and the card asks for the panel
    const booster = cardWithRule(res.json().cards as CardLike[], 'booster-not-indicated');
    expect(booster?.indicator).toBe('warning');
  });

  it('fetches absent keys from fhirServer with the access token, in parallel', async () => {
    ehr();
    const { call } = await startService();
    const res = await call('immunosteward-order-sign', request(undefined));
    expect(res.statusCode).toBe(200);
    expect(topics(res.json())).toEqual(['booster-not-indicated', 'course-unbounded']);
    expect(res.json().cards[0].indicator).toBe('warning');
    expect(seen.map((s) => new URL(s.url).pathname).sort()).toEqual(
      [
        '/fhir/Condition',
        '/fhir/Immunization',
        '/fhir/MedicationRequest',
        '/fhir/Observation',
        '/fhir/Patient/healthy-1',
      ].sort(),
    );
    expect(seen.every((s) => s.authorization === 'Bearer ehr-access-token-123')).toBe(true);
    const obs = new URL(seen.find((s) => s.url.includes('Observation'))?.url ?? '');
    expect(obs.searchParams.get('patient')).toBe('healthy-1');
    expect(obs.searchParams.get('code')).toContain('http://loinc.org|24467-3');
  });

  it('refetches a key whose prefetch is an OperationOutcome', async () => {
    ehr();
    const { call } = await startService();
    const body = orderSignRequest(healthy, [lysate], 'healthy-1') as { prefetch: Record<string, unknown> };
    body.prefetch.observations = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'timeout' }] };
    const res = await call('immunosteward-order-sign', {
      ...body,
      fhirAuthorization: { access_token: 't', token_type: 'Bearer' },
    });
    expect(res.statusCode).toBe(200);
    expect(seen.map((s) => new URL(s.url).pathname)).toEqual(['/fhir/Observation']);
  });

  it('follows next links on the same server', async () => {
    const obs = resources.filter((r) => r.resourceType === 'Observation');
    ehr({
      observation: ({ request }) => {
        record(request);
        const page = new URL(request.url).searchParams.get('page');
        if (page === '2') return HttpResponse.json(searchset('Observation', obs.slice(10)));
        return HttpResponse.json({
          ...searchset('Observation', obs.slice(0, 10)),
          link: [{ relation: 'next', url: `${FHIR_BASE}/Observation?patient=healthy-1&page=2` }],
        });
      },
    });
    const { call } = await startService();
    const res = await call('immunosteward-order-sign', request(undefined));
    expect(res.statusCode).toBe(200);
    expect(seen.filter((s) => s.url.includes('Observation'))).toHaveLength(2);
    expect(res.json().cards[0].indicator).toBe('warning'); // the full panel (both pages) was read
  });

  it.each([
    ['HTTP 500', () => new HttpResponse('boom', { status: 500 })],
    ['HTTP 401', () => HttpResponse.json({ resourceType: 'OperationOutcome' }, { status: 401 })],
    [
      'invalid JSON',
      () =>
        new HttpResponse('{"resourceType": "Bundle", "entry": [', {
          status: 200,
          headers: { 'content-type': 'application/fhir+json' },
        }),
    ],
    [
      'a next link to another host',
      () =>
        HttpResponse.json({
          ...searchset('Observation'),
          link: [{ relation: 'next', url: 'https://evil.example/fhir/Observation?page=2' }],
        }),
    ],
    [
      'an endless paging loop',
      () =>
        HttpResponse.json({
          ...searchset('Observation'),
          link: [{ relation: 'next', url: `${FHIR_BASE}/Observation?patient=healthy-1&loop=1` }],
        }),
    ],
    [
      'a redirect to another host',
      () => new HttpResponse(null, { status: 302, headers: { location: 'https://evil.example/fhir/Observation' } }),
    ],
  ])('answers 412 with an OperationOutcome when required data fails: %s', async (_name, reply) => {
    ehr({
      observation: ({ request }) => {
        record(request);
        return reply();
      },
    });
    const { call } = await startService();
    const res = await call('immunosteward-order-sign', request(undefined));
    expect(res.statusCode).toBe(412);
    expect(res.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ expression: ['prefetch.observations'] }],
    });
    expect(seen.every((s) => new URL(s.url).host === 'ehr.example.org')).toBe(true);
  });

  it('answers 412 within the deadline when the server is too slow', async () => {
    ehr({
      observation: async () => {
        await delay(5000);
        return HttpResponse.json(searchset('Observation'));
      },
    });
    const { call } = await startService();
    const started = Date.now();
    const res = await call('immunosteward-order-sign', request(undefined));
    expect(res.statusCode).toBe(412);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('never calls a FHIR server that is not allowed', async () => {
    const { call } = await startService();
    const res = await call(
      'immunosteward-order-sign',
      request(undefined, { fhirServer: 'https://other-ehr.example.org/fhir' }),
    );
    expect(res.statusCode).toBe(412);
    expect(res.json().issue[0].diagnostics).toContain('not allowed');
    expect(seen).toEqual([]);
  });

  it('answers 412 when data is missing and there is no fhirServer', async () => {
    const { call } = await startService();
    const body = request(undefined) as Record<string, unknown>;
    delete body.fhirServer;
    delete body.fhirAuthorization;
    const res = await call('immunosteward-order-sign', body);
    expect(res.statusCode).toBe(412);
    expect(
      res
        .json()
        .issue.map((i: { expression: string[] }) => i.expression[0])
        .sort(),
    ).toEqual(['prefetch.medications', 'prefetch.observations']);
  });

  it('degrades without optional data and says so in the cards', async () => {
    ehr({
      condition: () => new HttpResponse('down', { status: 503 }),
      immunization: () => new HttpResponse('down', { status: 503 }),
    });
    const { call } = await startService();
    const res = await call('immunosteward-order-sign', request(undefined));
    expect(res.statusCode).toBe(200);
    expect(res.json().cards[0].detail).toContain('Not available to this check: conditions and immunizations');
  });
});
