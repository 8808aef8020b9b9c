import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoFhirServer, shiftDates } from '../../cds-hooks/demo-fhir.js';
import { fixturePath } from '../helpers/fixtures.js';
import { startService } from '../helpers/service.js';

const BASE = 'http://localhost:8080/fhir';
let server: DemoFhirServer;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'immunosteward-demo-'));
  for (const f of ['patient-healthy.json', 'patient-post-covid.json']) copyFileSync(fixturePath(f), join(dir, f));
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
    expect((await server.get('Practitioner', {})).status).toBe(404);
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

describe('the playground support routes', () => {
  it('list the orders and sign tokens for the service’s own endpoints only', async () => {
    const { loadOrCreateDemoIssuer, DEMO_ISSUER } = await import('../../cds-hooks/demo-issuer.js');
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
