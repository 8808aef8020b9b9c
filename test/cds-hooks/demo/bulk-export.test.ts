import { existsSync, readdirSync } from 'node:fs';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BULK_OPTIONS, ExportJob, type Manifest, runExport } from '../../../cds-hooks/demo/bulk-export.js';
import { generatePopulation } from '../../../cds-hooks/population/synthetic/generate.js';
import { type BulkDemo, startBulkDemo, tokenForm } from '../../helpers/bulk-demo.js';
import { fixturePath } from '../../helpers/fixtures.js';

/**
 * The demo's Bulk Data server over real HTTP: Backend Services tokens, `$export` kick-off at the
 * three levels (GET and POST Parameters), polling, the manifest, the files, and the faults a Bulk
 * client must survive.
 */

let demo: BulkDemo;
let token: string;

beforeAll(async () => {
  demo = await startBulkDemo({ jobDelayMs: 300 });
  token = await demo.token();
}, 60_000);
afterAll(() => demo.close());

/** The demo's scenario patients: one per fixture with its draft order. */
const SCENARIOS = readdirSync(fixturePath('demo')).filter((f) => f.endsWith('.order.json')).length;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tokenRequest(d: BulkDemo, body: URLSearchParams | string) {
  const res = await fetch(d.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface KickOff {
  method?: 'GET' | 'POST';
  query?: string;
  body?: unknown;
  bearer?: string | null;
  prefer?: string;
}

async function kickOff(d: BulkDemo, path: string, o: KickOff = {}, bearer = token) {
  const auth: Record<string, string> = o.bearer === null ? {} : { authorization: `Bearer ${o.bearer ?? bearer}` };
  return fetch(`${d.fhirBase}/${path}${o.query ? `?${o.query}` : ''}`, {
    method: o.method ?? 'GET',
    headers: {
      accept: 'application/fhir+json',
      prefer: o.prefer ?? 'respond-async',
      ...auth,
      ...(o.body ? { 'content-type': 'application/fhir+json' } : {}),
    },
    ...(o.body ? { body: JSON.stringify(o.body) } : {}),
  });
}

/** Polls the status URL as a client must (waiting Retry-After seconds) until the manifest. */
async function manifestOf(status: string, bearer = token) {
  const polls: { status: number; retryAfter: string | null; progress: string | null }[] = [];
  for (;;) {
    const res = await fetch(status, { headers: { authorization: `Bearer ${bearer}` } });
    if (res.status !== 202) {
      expect(res.status).toBe(200);
      return { manifest: (await res.json()) as Manifest, polls };
    }
    polls.push({
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      progress: res.headers.get('x-progress'),
    });
    await sleep(Number(res.headers.get('retry-after')) * 1000);
  }
}

async function exported(d: BulkDemo, path: string, o: KickOff = {}, bearer = token) {
  const res = await kickOff(d, path, o, bearer);
  expect(res.status, await res.clone().text()).toBe(202);
  const { manifest, polls } = await manifestOf(res.headers.get('content-location') as string, bearer);
  const resources: Record<string, unknown>[] = [];
  for (const file of manifest.output) resources.push(...(await download(file.url, bearer)));
  return { manifest, polls, resources, location: res.headers.get('content-location') as string };
}

async function download(url: string, bearer = token) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
  expect(res.status).toBe(200);
  return (await res.text())
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const countBy = (resources: Record<string, unknown>[]) =>
  resources.reduce<Record<string, number>>((acc, r) => {
    const type = r.resourceType as string;
    acc[type] = (acc[type] ?? 0) + 1;
    return acc;
  }, {});

describe('SMART Backend Services', () => {
  it('publishes the token endpoint and what it accepts at the FHIR base', async () => {
    const res = await fetch(`${demo.fhirBase}/.well-known/smart-configuration`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      token_endpoint: `${demo.origin}/demo/bulk/token`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    });
  });

  it.each(['RS384', 'ES384'] as const)('issues a token for a %s client assertion', async (alg) => {
    const { status, body } = await tokenRequest(
      demo,
      tokenForm(await demo.assertion({ alg }), 'system/Observation.rs system/Patient.read'),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 300,
      scope: 'system/Observation.rs system/Patient.read',
    });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('refuses assertions that fail SMART Backend Services checks, saying why', async () => {
    const { privateKey } = await generateKeyPair('ES384', { extractable: true });
    const stranger = { ...(await exportJWK(privateKey)), alg: 'ES384' };
    const es256 = {
      ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)),
      alg: 'ES256',
    };
    const cases: [string, Promise<string>, RegExp][] = [
      ['wrong audience', demo.assertion({ claims: { aud: `${demo.origin}/other` } }), /audience \(aud\)/],
      ['expired', demo.assertion({ exp: -120 }), /expired/],
      ['too long-lived', demo.assertion({ exp: 3600 }), /five minutes/],
      ['unknown key id', demo.assertion({ kid: 'no-such-key' }), /no registered key/],
      [
        'another key under a registered kid',
        demo.assertion({ key: stranger, kid: 'immunosteward-population-es384' }),
        /signature/,
      ],
      ['a bad algorithm', demo.assertion({ alg: 'ES256' as never, key: es256 }), /RS384 or ES384/],
      ['another client', demo.assertion({ claims: { iss: 'someone-else' } }), /no registered client/],
      ['sub is not the client', demo.assertion({ claims: { sub: 'someone-else' } }), /sub/],
      ['not a JWT', Promise.resolve('not-a-jwt'), /not a JWT/],
    ];
    for (const [what, assertion, reason] of cases) {
      const { status, body } = await tokenRequest(demo, tokenForm(await assertion));
      expect([what, status, body.error]).toEqual([what, 401, 'invalid_client']);
      expect(body.error_description, what).toMatch(reason);
    }
  });

  it('accepts an assertion once (jti)', async () => {
    const assertion = await demo.assertion();
    expect((await tokenRequest(demo, tokenForm(assertion))).status).toBe(200);
    const replay = await tokenRequest(demo, tokenForm(assertion));
    expect(replay).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'the assertion was already used (jti)' },
    });
  });

  it('answers bad requests and scopes per RFC 6749', async () => {
    const form = tokenForm(await demo.assertion());
    form.set('grant_type', 'password');
    expect((await tokenRequest(demo, form)).body.error).toBe('unsupported_grant_type');
    for (const scope of ['patient/*.rs', 'system/Device.rs', 'system/*.c', '']) {
      const { status, body } = await tokenRequest(demo, tokenForm(await demo.assertion(), scope));
      expect([scope, status, body.error]).toEqual([scope, 400, 'invalid_scope']);
    }
    const noAssertion = tokenForm('x');
    noAssertion.delete('client_assertion');
    expect(await tokenRequest(demo, noAssertion)).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });
});

describe('$export', () => {
  it('runs asynchronously: 202, then 202 with Retry-After and X-Progress, then the manifest', async () => {
    const { manifest, polls, resources, location } = await exported(demo, 'Group/demo-population/$export');
    expect(location).toMatch(new RegExp(`^${demo.origin}/demo/bulk/jobs/[0-9a-f-]{36}$`));
    expect(polls.length).toBeGreaterThan(0);
    expect(polls[0]).toMatchObject({ retryAfter: '1', progress: expect.stringMatching(/^\d+% \(\d+ of 40 patients/) });
    expect(manifest).toMatchObject({
      request: `${demo.fhirBase}/Group/demo-population/$export`,
      requiresAccessToken: true,
      error: [],
    });
    expect(Date.parse(manifest.transactionTime)).not.toBeNaN();
    const counts = countBy(resources);
    expect(counts.Patient).toBe(40);
    for (const file of manifest.output) {
      expect(file.url).toMatch(new RegExp(`^${demo.origin}/demo/bulk/files/[0-9a-f-]{36}/${file.type}-\\d+\\.ndjson$`));
    }
    const perType: Record<string, number> = {};
    for (const f of manifest.output) perType[f.type] = (perType[f.type] ?? 0) + (f.count ?? 0);
    expect(perType).toEqual(counts);
    expect(resources.filter((r) => r.resourceType === 'Patient').every((p) => /^pop-\d{6}$/.test(p.id as string))).toBe(
      true,
    );
  });

  it('exports every patient at Patient level, and the clinician too at system level', async () => {
    const patientLevel = countBy((await exported(demo, 'Patient/$export')).resources);
    expect(patientLevel.Patient).toBe(SCENARIOS + 40);
    expect(patientLevel.Practitioner).toBeUndefined();
    const system = countBy((await exported(demo, '$export')).resources);
    expect(system).toMatchObject({ Patient: SCENARIOS + 40, Practitioner: 1 });
    const scenarios = (await exported(demo, 'Group/demo-scenarios/$export', { query: '_type=Patient' })).resources;
    expect(scenarios.map((p) => p.id).sort()).toContain('post-covid');
    expect(scenarios).toHaveLength(SCENARIOS);
  });

  it('takes a Parameters resource by POST at the three levels', async () => {
    const parameters = (extra: unknown[] = []) => ({
      resourceType: 'Parameters',
      parameter: [
        { name: '_outputFormat', valueString: 'application/fhir+ndjson' },
        { name: '_type', valueString: 'Patient,Immunization' },
        ...extra,
      ],
    });
    const system = countBy((await exported(demo, '$export', { method: 'POST', body: parameters() })).resources);
    expect(Object.keys(system).sort()).toEqual(['Immunization', 'Patient']);
    expect(system.Patient).toBe(SCENARIOS + 40);
    const group = await exported(demo, 'Group/demo-population/$export', {
      method: 'POST',
      body: parameters([{ name: 'patient', valueReference: { reference: 'Patient/pop-000003' } }]),
    });
    expect(new Set(group.resources.map((r) => (r.id as string).slice(0, 10)))).toEqual(new Set(['pop-000003']));
    const patient = await exported(demo, 'Patient/$export', {
      method: 'POST',
      body: parameters([{ name: 'patient', valueReference: { reference: 'Patient/post-covid' } }]),
    });
    expect(countBy(patient.resources)).toEqual({ Patient: 1, Immunization: 2 });
  });

  it('honours _type, _since and _typeFilter', async () => {
    const all = (await exported(demo, 'Group/demo-population/$export', { query: '_type=MedicationRequest' })).resources;
    expect(countBy(all)).toEqual({ MedicationRequest: all.length });
    const updated = all.map((r) => Date.parse((r.meta as { lastUpdated: string }).lastUpdated)).sort((a, b) => a - b);
    const since = new Date(updated[Math.floor(updated.length / 2)] as number).toISOString();
    const recent = (
      await exported(demo, 'Group/demo-population/$export', { query: `_type=MedicationRequest&_since=${since}` })
    ).resources;
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(recent.every((r) => Date.parse((r.meta as { lastUpdated: string }).lastUpdated) > Date.parse(since))).toBe(
      true,
    );
    expect(recent.length).toBe(updated.filter((u) => u > Date.parse(since)).length);

    const cd4 = (
      await exported(demo, 'Group/demo-population/$export', {
        query: `_type=Observation,Patient&_typeFilter=${encodeURIComponent('Observation?code=http://loinc.org|24467-3')}`,
      })
    ).resources;
    const observations = cd4.filter((r) => r.resourceType === 'Observation');
    expect(observations.length).toBeGreaterThan(0);
    expect(observations.every((o) => JSON.stringify(o.code).includes('"24467-3"'))).toBe(true);
    expect(countBy(cd4).Patient).toBe(40);
  });

  it('refuses bad kick-offs with an OperationOutcome naming the parameter', async () => {
    const cases: [KickOff & { path?: string }, number, string][] = [
      [{ prefer: 'return=representation' }, 400, 'Prefer'],
      [{ query: '_type=Device' }, 400, '_type'],
      [{ query: '_since=yesterday' }, 400, '_since'],
      [{ query: '_outputFormat=text/csv' }, 400, '_outputFormat'],
      [{ query: `_typeFilter=${encodeURIComponent('Observation?nonsense=1')}` }, 400, '_typeFilter'],
      [{ query: '_elements=id' }, 400, '_elements'],
      [{ method: 'POST', body: { resourceType: 'Patient' } }, 400, '(body)'],
      [{ query: 'patient=Patient/x' }, 400, 'patient'],
    ];
    for (const [o, status, where] of cases) {
      const res = await kickOff(demo, o.path ?? 'Patient/$export', o);
      const body = (await res.json()) as {
        resourceType: string;
        issue: { expression?: string[]; diagnostics: string }[];
      };
      expect([where, res.status, body.resourceType]).toEqual([where, status, 'OperationOutcome']);
      expect(body.issue[0]?.expression).toEqual([where]);
    }
    expect((await kickOff(demo, 'Group/nobody/$export')).status).toBe(404);
    expect((await kickOff(demo, '$export', { bearer: null })).status).toBe(401);
    expect((await kickOff(demo, '$export', { bearer: 'forged' })).status).toBe(401);
    const narrow = await demo.token('system/Patient.rs');
    const refused = await kickOff(demo, 'Patient/$export', { query: '_type=Observation' }, narrow);
    expect(refused.status).toBe(403);
    const onlyPatients = countBy((await exported(demo, 'Group/demo-population/$export', {}, narrow)).resources);
    expect(onlyPatients).toEqual({ Patient: 40 });
  });
});

describe('the files', () => {
  let manifest: Manifest;
  beforeAll(async () => {
    ({ manifest } = await exported(demo, 'Group/demo-population/$export', { query: '_type=Patient,Condition' }));
  });

  it('need the access token', async () => {
    const url = manifest.output[0]?.url as string;
    const res = await fetch(url);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('honour Range', async () => {
    const url = manifest.output[0]?.url as string;
    const whole = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();
    const part = await fetch(url, { headers: { authorization: `Bearer ${token}`, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${Buffer.byteLength(whole)}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(Buffer.from(whole).subarray(100, 200));
    const tail = await fetch(url, { headers: { authorization: `Bearer ${token}`, range: 'bytes=-10' } });
    expect(await tail.text()).toBe(Buffer.from(whole).subarray(-10).toString());
    const outside = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, range: `bytes=${Buffer.byteLength(whole)}-` },
    });
    expect(outside.status).toBe(416);
  });

  it('are gone, with the job, once it is cancelled', async () => {
    const started = await kickOff(demo, 'Group/demo-population/$export');
    const status = started.headers.get('content-location') as string;
    const cancel = await fetch(status, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(cancel.status).toBe(202);
    expect((await fetch(status, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });
});

describe('a job', () => {
  it('deletes its files when cancelled, even while it is still opening new ones', async () => {
    const job = new ExportJob('c', 'http://x/fhir/$export', 300, 0);
    job.run = runExport(
      job,
      { shared: [], records: () => undefined },
      { level: 'group', typeFilters: new Map() },
      ['Patient', 'Observation', 'Encounter'],
      { ...DEFAULT_BULK_OPTIONS, resourcesPerFile: 50 },
      generatePopulation({ patients: 300, anchor: new Date('2026-11-01T00:00:00Z') }),
    );
    while (job.patientsDone < 40) await sleep(5);
    expect(readdirSync(job.dir).length).toBeGreaterThan(3);
    await job.cancel();
    expect(job.state).toBe('cancelled');
    expect(job.patientsDone).toBeLessThan(300);
    expect(existsSync(job.dir)).toBe(false);
  });
});

describe('faults for Bulk clients', () => {
  it('lists an error file in the manifest', async () => {
    const faulty = await startBulkDemo({ faults: { errorFile: true }, patients: 3 });
    try {
      const bearer = await faulty.token();
      const { manifest } = await exported(faulty, 'Patient/$export', { query: '_type=Patient' }, bearer);
      expect(manifest.error).toHaveLength(1);
      const [outcome] = await download(manifest.error[0]?.url as string, bearer);
      expect(outcome).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'processing' }],
      });
    } finally {
      await faulty.close();
    }
  });

  it('cuts a file mid-line once; a Range request gets the rest', async () => {
    const faulty = await startBulkDemo({ faults: { truncate: 'Observation-1.ndjson' }, patients: 3 });
    try {
      const bearer = await faulty.token();
      const res = await kickOff(faulty, 'Group/demo-population/$export', { query: '_type=Observation' }, bearer);
      const { manifest } = await manifestOf(res.headers.get('content-location') as string, bearer);
      const url = manifest.output[0]?.url as string;
      const first = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
      expect(first.status).toBe(200);
      const got = Buffer.from(await first.arrayBuffer());
      expect(got.length).toBeGreaterThan(0);
      expect(got.at(-1)).not.toBe(0x0a);
      const rest = await fetch(url, { headers: { authorization: `Bearer ${bearer}`, range: `bytes=${got.length}-` } });
      expect(rest.status).toBe(206);
      const resumed = Buffer.concat([got, Buffer.from(await rest.arrayBuffer())]);
      const lines = resumed.toString().trimEnd().split('\n');
      expect(lines).toHaveLength(manifest.output[0]?.count as number);
      for (const line of lines) expect((JSON.parse(line) as { resourceType: string }).resourceType).toBe('Observation');
      // Only the first download is cut: the next one is the whole file, the same bytes.
      const again = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
      expect(Buffer.from(await again.arrayBuffer()).equals(resumed)).toBe(true);
    } finally {
      await faulty.close();
    }
  });

  it('redirects downloads to another host', async () => {
    const faulty = await startBulkDemo({ faults: { redirectTo: 'http://files.elsewhere.example' }, patients: 2 });
    try {
      const bearer = await faulty.token();
      const res = await kickOff(faulty, 'Patient/$export', { query: '_type=Patient' }, bearer);
      const { manifest } = await manifestOf(res.headers.get('content-location') as string, bearer);
      const url = new URL(manifest.output[0]?.url as string);
      const file = await fetch(url, { headers: { authorization: `Bearer ${bearer}` }, redirect: 'manual' });
      expect(file.status).toBe(307);
      expect(file.headers.get('location')).toBe(`http://files.elsewhere.example${url.pathname}`);
    } finally {
      await faulty.close();
    }
  });

  it('lets a short-lived token expire mid-download', async () => {
    const faulty = await startBulkDemo({ tokenLifetimeSeconds: 2, patients: 2 });
    try {
      const res = await kickOff(faulty, 'Patient/$export', { query: '_type=Patient' }, await faulty.token());
      const { manifest } = await manifestOf(res.headers.get('content-location') as string, await faulty.token());
      const url = manifest.output[0]?.url as string;
      const bearer = await faulty.token();
      expect((await fetch(url, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(200);
      await sleep(2100);
      const expired = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { issue: { diagnostics: string }[] }).issue[0]?.diagnostics).toMatch(/expired/);
      expect((await fetch(url, { headers: { authorization: `Bearer ${await faulty.token()}` } })).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});
