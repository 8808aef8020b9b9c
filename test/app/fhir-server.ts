/**
 * A FHIR R4 server played by msw for the app's component tests: serves the fixture Bundles by
 * resource type and patient, honours `code=` (Observation) and `status=` (MedicationRequest),
 * and answers searches with `searchset` Bundles. Tests add resources, delays and failures.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type Client from 'fhirclient/lib/Client';
// fhirclient's package `main` is its Node entry (a request/response adapter); the app's bundle
// resolves the `browser` entry, which is the one that builds a client from a state object.
import FHIR from 'fhirclient/lib/entry/browser.js';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { type RuntimeConfig, runtimeConfigSchema } from '../../src/app/runtime-config.js';

export const BASE = 'https://fhir.test/r4';
export const NOW = new Date('2026-11-01T09:00:00+05:00');
export const FULL_SCOPE =
  'launch openid fhirUser patient/Patient.r patient/Observation.rs patient/MedicationRequest.rs patient/Condition.rs patient/Immunization.rs';

type Resource = Record<string, unknown> & { resourceType: string; id?: string };

function loadFixture(name: string): Resource[] {
  const bundle = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures', name), 'utf8')) as {
    entry?: { resource: Resource }[];
  };
  return (bundle.entry ?? []).map((e) => e.resource);
}

const FIXTURES = [
  'patient-healthy.json',
  'patient-chemo-neutropenia.json',
  'patient-post-covid.json',
  'demo/vitamin-d-excess.json',
  // Course stewardship (the Courses view): overdue monitoring, a resolved deficit, an adverse signal, a past course.
  'demo/peginterferon-monitoring.json',
  'demo/thymus-endpoint.json',
  'demo/lysate-eosinophilia.json',
  'demo/hepatitis-peginterferon.json',
].flatMap(loadFixture);

export type SearchType = 'Observation' | 'MedicationRequest' | 'Condition' | 'Immunization';

export interface ServerState {
  /** Resources served besides the fixtures (e.g. MedicationRequests). */
  extra: Record<string, unknown>[];
  /** Delay (ms) before answering, per resource type ('Patient' included). */
  delays: Partial<Record<SearchType | 'Patient', number>>;
  /** HTTP status to fail with, or a network error (no answer), per resource type. */
  failures: Partial<Record<SearchType | 'Patient', number | 'network'>>;
  /** Every request URL seen. */
  requests: string[];
}

export const state: ServerState = { extra: [], delays: {}, failures: {}, requests: [] };

export function resetServerState(): void {
  state.extra = [];
  state.delays = {};
  state.failures = {};
  state.requests = [];
}

function patientOf(resource: Resource): string | undefined {
  const ref = (resource.subject ?? resource.patient) as { reference?: string } | undefined;
  return ref?.reference?.replace(/^Patient\//, '');
}

function codeMatches(resource: Resource, wanted: string[]): boolean {
  const codings = (resource.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? [];
  return codings.some((c) => wanted.includes(`${c.system}|${c.code}`) || wanted.includes(String(c.code)));
}

function searchset(resources: Resource[]) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: `${BASE}/search` }],
    entry: resources.map((resource) => ({
      fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

function operationOutcome(status: number) {
  return HttpResponse.json(
    {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'exception', diagnostics: `simulated ${status}` }],
    },
    { status },
  );
}

async function gate(type: SearchType | 'Patient'): Promise<Response | undefined> {
  const wait = state.delays[type];
  if (wait !== undefined) await delay(wait);
  const status = state.failures[type];
  if (status === 'network') return HttpResponse.error();
  return status === undefined ? undefined : operationOutcome(status);
}

function searchHandler(type: SearchType) {
  return http.get(`${BASE}/${type}`, async ({ request }) => {
    state.requests.push(request.url);
    const failed = await gate(type);
    if (failed) return failed;
    const params = new URL(request.url).searchParams;
    const patient = params.get('patient');
    const codes = params.get('code')?.split(',');
    const statuses = params.get('status')?.split(',');
    const found = [...FIXTURES, ...(state.extra as Resource[])].filter(
      (r) =>
        r.resourceType === type &&
        (!patient || patientOf(r) === patient) &&
        (!codes || codeMatches(r, codes)) &&
        (!statuses || statuses.includes(String(r.status))),
    );
    return HttpResponse.json(searchset(found));
  });
}

export const server = setupServer(
  http.get(`${BASE}/Patient/:id`, async ({ params, request }) => {
    state.requests.push(request.url);
    const failed = await gate('Patient');
    if (failed) return failed;
    const found = [...FIXTURES, ...(state.extra as Resource[])].find(
      (r) => r.resourceType === 'Patient' && r.id === params.id,
    );
    return found ? HttpResponse.json(found) : operationOutcome(404);
  }),
  ...(['MedicationRequest', 'ServiceRequest'] as const).map((type) =>
    http.get(`${BASE}/${type}/:id`, ({ params, request }) => {
      state.requests.push(request.url);
      const found = [...FIXTURES, ...(state.extra as Resource[])].find(
        (r) => r.resourceType === type && r.id === params.id,
      );
      return found ? HttpResponse.json(found) : operationOutcome(404);
    }),
  ),
  searchHandler('Observation'),
  searchHandler('MedicationRequest'),
  searchHandler('Condition'),
  searchHandler('Immunization'),
);

/** A client as fhirclient builds it after a launch; without `accessToken`, of an open server. */
export function makeClient(
  options: {
    patient?: string;
    scope?: string;
    needPatientBanner?: boolean;
    appContext?: string;
    accessToken?: string;
  } = {},
): Client {
  return FHIR.client({
    serverUrl: BASE,
    tokenResponse: {
      ...(options.accessToken ? { access_token: options.accessToken, token_type: 'Bearer' } : {}),
      patient: options.patient ?? 'healthy-1',
      scope: options.scope ?? FULL_SCOPE,
      need_patient_banner: options.needPatientBanner ?? true,
      ...(options.appContext ? { appContext: options.appContext } : {}),
    },
  });
}

export const config: RuntimeConfig = runtimeConfigSchema.parse({ clientId: 'x', scope: 'y' });
