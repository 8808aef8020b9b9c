import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW } from '../helpers/fixtures.js';
import { launchChromium, RESULTS, reportFailedPages } from './browser.js';
import { CLIENT_ID, DIST_APP, type SmartServer, s256, startSmartServer } from './smart-server.js';

/**
 * The SMART app in a real browser (Debian's Chromium driven by playwright-core) against a local
 * EHR (test/e2e/smart-server.ts): EHR and standalone launches end on the rendered profile with
 * PKCE enforced; a dropped scope, a denial, a direct open and an open-server URL each end on a
 * message a physician can act on. Needs the built app: `npm test` runs `npm run build:app` first.
 */

const WAIT = 15_000;
const TEST_TIMEOUT = 30_000;

let browser: Browser;
const servers: SmartServer[] = [];
const contexts: BrowserContext[] = [];
const tabs: Tab[] = [];

beforeAll(async () => {
  for (const page of ['index.html', 'launch.html']) {
    if (!existsSync(join(DIST_APP, page))) {
      throw new Error(
        `dist/app/${page} is missing: build the app first with \`npm run build:app\` (\`npm test\` does).`,
      );
    }
  }
  browser = await launchChromium(WAIT);
}, 30_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await reportFailedPages(task.name, tabs);
  tabs.splice(0);
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await browser?.close();
});

async function server(options: Parameters<typeof startSmartServer>[0] = {}): Promise<SmartServer> {
  const s = await startSmartServer(options);
  servers.push(s);
  return s;
}

/**
 * Console errors that say nothing about the app's behaviour: Chromium's own log line for any
 * failed response (responses are checked by URL instead), and its warning that launch.html's
 * meta CSP names `frame-ancestors`, which only an HTTP header can deliver.
 */
const CONSOLE_NOISE = [/^Failed to load resource/, /'frame-ancestors' is ignored when delivered via a <meta> element/];

interface Tab {
  page: Page;
  /** Uncaught page errors, console errors (less noise) and failed responses (but the favicon). */
  errors: string[];
  /** Every URL the page requested. */
  requested: string[];
}

/** A fresh browser context (empty storage) whose clock stands at the fixtures' "now". */
async function tab(): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  await context.clock.setFixedTime(FIXTURE_NOW);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  const errors: string[] = [];
  const requested: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !CONSOLE_NOISE.some((noise) => noise.test(text))) errors.push(`console: ${text}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && url.pathname !== '/favicon.ico') {
      errors.push(`response: ${response.status()} ${url.pathname}${url.search}`);
    }
  });
  page.on('request', (request) => requested.push(request.url()));
  const opened = { page, errors, requested };
  tabs.push(opened);
  return opened;
}

async function storage(page: Page) {
  return page.evaluate(() => {
    const dump = (s: Storage) => Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k) ?? '']));
    return { session: dump(sessionStorage), local: dump(localStorage) };
  });
}

function fhirRequests(s: SmartServer) {
  return s.requests.filter((r) => r.path.startsWith('/fhir/') && !r.path.startsWith('/fhir/.well-known'));
}

const STACK = /\bat \S+ \(?\S+:\d+:\d+\)?|\.js:\d+:\d+|TypeError|ReferenceError/;

describe('SMART app in Chromium', () => {
  it(
    'EHR launch for pc-1 ends on the rendered profile, with PKCE and one code exchange',
    async () => {
      const s = await server({ maxPageSize: 5, appContext: '{"view":"profile"}' });
      const { page, errors } = await tab();
      await page.goto(s.launchUrl('pc-1'));

      const banner = page.getByRole('banner');
      await banner.getByText('Dilnoza Karimova').waitFor();
      const profile = page.getByRole('region', { name: 'Immune profile', exact: true });
      await profile.getByText('Adaptive T', { exact: true }).waitFor();
      const biomarkers = page.getByRole('region', { name: 'Biomarkers', exact: true });
      const cd4 = biomarkers.getByRole('row', { name: /^CD4 T helper cells, absolute\b/ });
      await cd4.waitFor();
      // The latest valid CD4 (310 cells/µL, 2026-09-20), not the entered-in-error 50 of 2026-10-15.
      expect(await cd4.textContent()).toMatch(/310 cells\/µL.*20 Sept? 2026/);
      expect(await banner.textContent()).toContain('MRN-100241');

      // Authorization request: S256 challenge, 122-bit state (UUID v4), aud = iss, launch echoed.
      expect(s.authorizeRequests).toHaveLength(1);
      const auth = s.authorizeRequests[0]?.params ?? {};
      expect(auth.code_challenge_method).toBe('S256');
      expect(auth.state).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(auth.aud).toBe(s.fhirBase);
      expect(auth.client_id).toBe(CLIENT_ID);
      expect(auth.launch).toBeTruthy();
      expect(auth.scope?.split(' ')).toContain('launch');

      // Exactly one code issued and exchanged once, with a verifier matching the challenge.
      expect(s.codesIssued).toHaveLength(1);
      expect(s.tokenRequests).toHaveLength(1);
      const exchange = s.tokenRequests[0];
      expect(exchange?.status).toBe(200);
      expect(exchange?.verifierMatched).toBe(true);
      expect(exchange?.params.code_verifier).toBeTruthy();
      expect(s256(exchange?.params.code_verifier ?? '')).toBe(s.codesIssued[0]?.codeChallenge);
      expect(exchange?.contentType).toMatch(/^application\/x-www-form-urlencoded/);

      // Every FHIR request carried the bearer token and succeeded; paging followed `next` links.
      const fhir = fhirRequests(s).filter((r) => r.path !== '/fhir/metadata');
      expect(fhir.length).toBeGreaterThan(0);
      for (const r of fhir) {
        expect(r.authorization, r.path).toBe(`Bearer ${exchange?.accessToken}`);
        expect(r.status, r.path).toBe(200);
      }
      expect(fhir.some((r) => r.path.startsWith('/fhir/Observation?') && r.path.includes('_offset=5'))).toBe(true);

      // The URL no longer carries code or state; the state lives in sessionStorage, no token in localStorage.
      const final = new URL(page.url());
      expect(final.pathname).toBe('/app/index.html');
      expect(final.searchParams.has('code')).toBe(false);
      expect(final.searchParams.has('state')).toBe(false);
      const stored = await storage(page);
      expect(stored.session.SMART_KEY).toBe(JSON.stringify(auth.state));
      const state = JSON.parse(stored.session[auth.state ?? ''] ?? '{}') as {
        tokenResponse?: { access_token?: string; patient?: string; appContext?: string };
      };
      expect(state.tokenResponse?.patient).toBe('pc-1');
      expect(state.tokenResponse?.appContext).toBe('{"view":"profile"}');
      expect(state.tokenResponse?.access_token).toBe(exchange?.accessToken);
      const localText = JSON.stringify(stored.local);
      expect(localText).not.toContain(exchange?.accessToken ?? '(no token)');
      expect(localText).not.toMatch(/access_token/);

      expect(errors, errors.join('\n')).toEqual([]);
      await page.screenshot({ path: join(RESULTS, 'ehr-launch.png'), fullPage: true });
    },
    TEST_TIMEOUT,
  );

  it(
    'standalone launch for healthy-1 asks for launch/patient and renders the profile',
    async () => {
      const s = await server({ standalonePatient: 'healthy-1' });
      const { page, errors } = await tab();
      await page.goto(s.standaloneUrl);

      await page.getByRole('banner').getByText('Jasur Toshmatov').waitFor();
      const biomarkers = page.getByRole('region', { name: 'Biomarkers', exact: true });
      await biomarkers.getByRole('table').waitFor();
      await page.getByRole('region', { name: 'Immune profile', exact: true }).getByText('Adaptive T').waitFor();

      expect(s.authorizeRequests).toHaveLength(1);
      const auth = s.authorizeRequests[0]?.params ?? {};
      const scopes = auth.scope?.split(' ') ?? [];
      expect(scopes).toContain('launch/patient');
      expect(scopes).not.toContain('launch');
      expect(auth.launch).toBeUndefined();
      expect(auth.aud).toBe(s.fhirBase);
      expect(auth.code_challenge_method).toBe('S256');
      expect(s.tokenRequests.map((t) => [t.status, t.verifierMatched])).toEqual([[200, true]]);
      expect(s.codesIssued[0]?.patient).toBe('healthy-1');
      expect(errors, errors.join('\n')).toEqual([]);
      await page.screenshot({ path: join(RESULTS, 'standalone-launch.png'), fullPage: true });
    },
    TEST_TIMEOUT,
  );

  it(
    'a dropped MedicationRequest scope says "No access to medication orders" in that panel only',
    async () => {
      const s = await server({ dropScopes: ['patient/MedicationRequest.rs'] });
      const { page, errors } = await tab();
      await page.goto(s.launchUrl('pc-1'));

      const meds = page.getByRole('region', { name: 'Immunomodulators and interacting drugs', exact: true });
      await meds.getByText(/No access to medication orders/).waitFor();
      expect(await meds.textContent()).toContain('MedicationRequest');
      const biomarkers = page.getByRole('region', { name: 'Biomarkers', exact: true });
      await biomarkers.getByRole('row', { name: /^CD4 T helper cells, absolute\b/ }).waitFor();
      await page.getByRole('banner').getByText('Dilnoza Karimova').waitFor();

      const granted = s.codesIssued[0]?.scope.split(' ') ?? [];
      expect(granted).not.toContain('patient/MedicationRequest.rs');
      expect(granted).toContain('patient/Observation.rs');
      // Whether or not the app asked, the server never served MedicationRequest under this grant.
      expect(fhirRequests(s).filter((r) => r.path.startsWith('/fhir/MedicationRequest') && r.status === 200)).toEqual(
        [],
      );
      expect(errors, errors.join('\n')).toEqual([]);
      await page.screenshot({ path: join(RESULTS, 'scope-drop.png'), fullPage: true });
    },
    TEST_TIMEOUT,
  );

  it(
    'the server enforces PKCE, single-use codes, bearer tokens and scopes',
    async () => {
      const s = await server();
      const wellKnown = (await (await fetch(`${s.fhirBase}/.well-known/smart-configuration`)).json()) as Record<
        string,
        unknown
      >;
      expect(wellKnown.code_challenge_methods_supported).toEqual(['S256']);
      expect(wellKnown.capabilities).toEqual(
        expect.arrayContaining(['launch-ehr', 'launch-standalone', 'client-public', 'permission-v2']),
      );
      const metadata = await fetch(`${s.fhirBase}/metadata`);
      expect(metadata.status).toBe(200);
      expect(((await metadata.json()) as { resourceType: string }).resourceType).toBe('CapabilityStatement');

      const verifier = 'x'.repeat(20) + '-verifier._~'.repeat(3) + 'y'.repeat(10);
      const authorize = async (extra: Record<string, string | undefined>) => {
        const q = new URLSearchParams();
        const params: Record<string, string | undefined> = {
          response_type: 'code',
          client_id: CLIENT_ID,
          redirect_uri: s.redirectUri,
          scope: 'launch/patient patient/Patient.r patient/Observation.rs',
          state: 'state-1',
          aud: s.fhirBase,
          code_challenge: s256(verifier),
          code_challenge_method: 'S256',
          ...extra,
        };
        for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
        const response = await fetch(`${s.url}/auth/authorize?${q}`, { redirect: 'manual' });
        const location = response.headers.get('location');
        return { status: response.status, location: location ? new URL(location) : undefined };
      };
      const token = (body: Record<string, string>) =>
        fetch(`${s.url}/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(body),
        });
      const exchange = (code: string, extra: Record<string, string> = {}) =>
        token({ grant_type: 'authorization_code', code, redirect_uri: s.redirectUri, client_id: CLIENT_ID, ...extra });

      // Authorization: PKCE required (S256 only), aud checked, unknown redirect URI never redirected to.
      for (const extra of [
        { code_challenge: undefined, code_challenge_method: undefined },
        { code_challenge_method: 'plain', code_challenge: verifier },
        { code_challenge_method: undefined },
        { aud: `${s.url}/other-fhir` },
      ]) {
        const r = await authorize(extra);
        expect(r.status, JSON.stringify(extra)).toBe(302);
        expect(r.location?.searchParams.get('error'), JSON.stringify(extra)).toBe('invalid_request');
        expect(r.location?.searchParams.get('state')).toBe('state-1');
        expect(r.location?.searchParams.has('code')).toBe(false);
      }
      const badLaunch = await authorize({ launch: 'not-issued', scope: 'launch patient/Patient.r' });
      expect(badLaunch.location?.searchParams.get('error')).toBe('invalid_request');
      const evil = await authorize({ redirect_uri: 'http://127.0.0.1:9/steal' });
      expect(evil.status).toBe(400);
      expect(evil.location).toBeUndefined();

      const code = async () => {
        const r = await authorize({});
        expect(r.location?.origin + (r.location?.pathname ?? '')).toBe(s.redirectUri);
        return r.location?.searchParams.get('code') ?? '';
      };
      // No verifier, then a wrong verifier: 400 invalid_grant, and the code is burnt.
      const first = await code();
      const noVerifier = await exchange(first);
      expect(noVerifier.status).toBe(400);
      expect(((await noVerifier.json()) as { error: string }).error).toBe('invalid_grant');
      const retried = await exchange(first, { code_verifier: verifier });
      expect(retried.status).toBe(400);
      const wrong = await exchange(await code(), { code_verifier: `${verifier}z` });
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as { error: string }).error).toBe('invalid_grant');

      // The right verifier: a bearer token with the granted scope and patient; the code cannot be replayed.
      const good = await code();
      const ok = await exchange(good, { code_verifier: verifier });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cache-control')).toBe('no-store');
      const granted = (await ok.json()) as Record<string, unknown>;
      expect(granted).toMatchObject({ token_type: 'Bearer', patient: 'healthy-1', need_patient_banner: true });
      expect(granted.scope).toBe('launch/patient patient/Patient.r patient/Observation.rs');
      expect((await exchange(good, { code_verifier: verifier })).status).toBe(400);
      expect(s.tokenRequests.map((t) => t.verifierMatched)).toEqual([false, true, false, true, true]);

      const get = (path: string, bearer?: string) =>
        fetch(`${s.fhirBase}/${path}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
      const access = String(granted.access_token);
      expect((await get('Patient/healthy-1')).status).toBe(401);
      expect((await get('Patient/healthy-1', 'forged')).status).toBe(401);
      expect((await get('Patient/healthy-1', access)).status).toBe(200);
      expect((await get('Patient/pc-1', access)).status).toBe(403);
      expect((await get('MedicationRequest?patient=healthy-1', access)).status).toBe(403);
      const page1 = (await (await get('Observation?patient=healthy-1&_count=3', access)).json()) as {
        total: number;
        entry: unknown[];
        link: { relation: string; url: string }[];
      };
      expect(page1.entry).toHaveLength(3);
      expect(page1.total).toBeGreaterThan(3);
      const next = page1.link.find((l) => l.relation === 'next')?.url ?? '';
      expect(next).toContain('_offset=3');
      const byCode = (await (
        await get(`Observation?patient=healthy-1&code=${encodeURIComponent('http://loinc.org|24467-3,x|y')}`, access)
      ).json()) as { entry: { resource: { code: { coding: { code: string }[] } } }[] };
      expect(byCode.entry.length).toBeGreaterThan(0);
      for (const e of byCode.entry) expect(e.resource.code.coding.map((c) => c.code)).toContain('24467-3');
    },
    TEST_TIMEOUT,
  );

  it(
    'access_denied ends on a mapped error with a relaunch hint',
    async () => {
      const s = await server({ deny: true });
      const { page, errors } = await tab();
      await page.goto(s.launchUrl('chemo-1'));
      const alert = page.getByRole('alert');
      await alert.getByText('Access was not granted').waitFor();
      const text = (await alert.textContent()) ?? '';
      expect(text).toMatch(/Relaunch ImmunoSteward from the EHR/);
      expect(text).not.toMatch(STACK);
      expect(new URL(page.url()).pathname).toBe('/app/index.html');
      expect(s.authorizeRequests.map((a) => a.outcome)).toEqual(['access_denied']);
      expect(s.tokenRequests).toEqual([]);
      expect(fhirRequests(s).filter((r) => r.path !== '/fhir/metadata')).toEqual([]);
      expect(errors, errors.join('\n')).toEqual([]);
      await page.screenshot({ path: join(RESULTS, 'access-denied.png') });
    },
    TEST_TIMEOUT,
  );

  it(
    'opening the app page directly says the session has ended, without a stack trace',
    async () => {
      const s = await server();
      const { page, errors } = await tab();
      await page.goto(`${s.url}/app/index.html`);
      const alert = page.getByRole('alert');
      await alert.getByText(/Your session has ended/).waitFor();
      const body = (await page.locator('body').textContent()) ?? '';
      expect(body).toMatch(/Relaunch ImmunoSteward from the EHR/);
      expect(body).not.toMatch(STACK);
      expect(body).not.toMatch(/No 'state' parameter|No state found/);
      expect(s.authorizeRequests).toEqual([]);
      expect(s.tokenRequests).toEqual([]);
      expect(errors, errors.join('\n')).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'fhirServiceUrl and patientId are refused when allowOpenServer is false',
    async () => {
      const s = await server({ allowOpenServer: false });
      const open = `${s.url}/open-fhir`;
      const { page, requested } = await tab();
      const query = new URLSearchParams({ fhirServiceUrl: open, patientId: 'pc-1' });
      await page.goto(`${s.url}/app/launch.html?${query}`);
      const status = page.locator('#launch[role="alert"]');
      await status.waitFor();
      expect(await status.textContent()).toMatch(/could not start: .*not allowed/);

      // The app page refuses the same parameters (e.g. after a crafted redirect).
      const { page: app, requested: appRequested } = await tab();
      await app.goto(`${s.url}/app/index.html?${query}&state=forged`);
      const alert = app.getByRole('alert');
      await alert.getByText(/not set up for this EHR/).waitFor();
      expect(await alert.textContent()).not.toMatch(STACK);

      await Promise.all([page.waitForLoadState('networkidle'), app.waitForLoadState('networkidle')]);
      expect([...requested, ...appRequested].filter((u) => u.startsWith(open))).toEqual([]);
      expect(s.requests.filter((r) => r.path.startsWith('/open-fhir') || r.path.startsWith('/fhir/'))).toEqual([]);
      expect(s.authorizeRequests).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
