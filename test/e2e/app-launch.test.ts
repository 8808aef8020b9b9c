import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installAllCatalogs } from '../../src/core/messages/catalogs.js';
import { translator } from '../../src/core/messages/translator.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';
import { launchChromium, RESULTS, reportFailedPages } from './browser.js';
import { CLIENT_ID, DIST_APP, type SmartServer, s256, startSmartServer } from './smart-server.js';

/**
 * The SMART app in a real browser (Debian's Chromium driven by playwright-core) against a local
 * EHR (test/e2e/smart-server.ts): EHR and standalone launches end on the rendered profile with
 * PKCE enforced; a dropped scope, a direct open and an open-server URL each end on a message a
 * physician can act on; each refusal of the EHR's authorisation server ends on its page (the EHR's
 * words, who can fix it); an access token that expires is refreshed with online_access, and
 * without a refresh token ends on the expiry page. Needs the built app: `npm test` runs
 * `npm run build:app` first.
 */

const WAIT = 15_000;
const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const TEST_TIMEOUT = 30_000;

let browser: Browser;
const servers: SmartServer[] = [];
const contexts: BrowserContext[] = [];
const tabs: Tab[] = [];

beforeAll(async () => {
  // The Russian texts a test expects.
  installAllCatalogs();
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
async function tab(width = 1280): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
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
      expect(auth.scope?.split(' ')).toContain('online_access');
      // The EHR's sign-in pages are asked for the page's language (the browser's here).
      expect(auth.ui_locales).toBe('en');

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
    'an EHR that names the user’s language (locale ru-RU in the token response) gets the app in Russian',
    async () => {
      const s = await server({ locale: 'ru-RU' });
      const { page, errors } = await tab();
      await page.goto(s.launchUrl('pc-1'));
      const t = translator('ru');
      await page.getByRole('banner').getByText('Dilnoza Karimova').waitFor();
      await page
        .getByRole('region', { name: t.t('app.panel.biomarkers'), exact: true })
        .getByRole('table')
        .waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      expect(await page.getByRole('combobox', { name: t.t('app.language') }).inputValue()).toBe('ru');
      expect(errors, errors.join('\n')).toEqual([]);
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

  describe('when the EHR refuses', () => {
    /** The error page: its heading, the EHR's words, the administrator's values, whether it says to relaunch. */
    async function errorPage(page: Page) {
      const alert = page.getByRole('alert');
      await alert.getByRole('heading', { level: 1 }).waitFor();
      return alert.evaluate((node) => {
        const registration = node.querySelector('.registration');
        return {
          title: node.querySelector('h1')?.textContent?.trim() ?? '',
          said: node.querySelector('blockquote')?.textContent ?? undefined,
          html: node.querySelector('blockquote')?.innerHTML ?? undefined,
          values: Object.fromEntries(
            [...(registration?.querySelectorAll('dt') ?? [])].map((dt) => [
              dt.textContent ?? '',
              dt.nextElementSibling?.querySelector('ul')
                ? [...(dt.nextElementSibling?.querySelectorAll('li') ?? [])].map((li) => li.textContent)
                : (dt.nextElementSibling?.textContent ?? ''),
            ]),
          ),
          relaunch: /Relaunch ImmunoSteward from the EHR/.test(node.textContent ?? ''),
          text: node.textContent ?? '',
        };
      });
    }

    /** The URL no longer carries the refusal, the code or the state; nothing was read from FHIR. */
    function expectClean(s: SmartServer, page: Page) {
      const final = new URL(page.url());
      expect(final.pathname).toBe('/app/index.html');
      expect([...final.searchParams.keys()]).toEqual([]);
      expect(fhirRequests(s).filter((r) => r.path !== '/fhir/metadata')).toEqual([]);
    }

    it(
      'a restricted client asking for more: invalid_scope shows the EHR’s words and the scopes to enable, no relaunch',
      async () => {
        const s = await server({ clientScopes: ['launch', 'openid', 'fhirUser', 'patient/Patient.r'] });
        const { page, errors } = await tab(375);
        await page.goto(s.launchUrl('pc-1'));
        const shown = await errorPage(page);
        expect(shown.title).toBe('The EHR refused the access ImmunoSteward asks for');
        expect(shown.said).toMatch(
          /^Scopes "patient\/Observation\.rs", .*"online_access" could not be granted\. Your client is allowed to request "launch", "openid", "fhirUser" and "patient\/Patient\.r"\.$/,
        );
        const requested = s.authorizeRequests[0]?.params.scope?.split(' ');
        expect(shown.values).toEqual({
          'Error code': 'invalid_scope',
          'Client ID': CLIENT_ID,
          'Redirect URI': s.redirectUri,
          'Scopes requested': requested,
        });
        expect(shown.text).toContain('set "onlineAccess": false in smart-config.json');
        expect(shown.relaunch).toBe(false);
        expect(shown.text).not.toMatch(/Something went wrong|try again/i);
        expect(s.authorizeRequests.map((a) => a.outcome)).toEqual(['invalid_scope']);
        expect(s.tokenRequests).toEqual([]);
        expectClean(s, page);
        // The page fits the 375 px side panel: nothing scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        expect(errors, errors.join('\n')).toEqual([]);
        await page.screenshot({ path: join(IMAGES, 'auth-error-375.png'), fullPage: true });
      },
      TEST_TIMEOUT,
    );

    it(
      'an unregistered redirect URI (invalid_request on the redirect) names the redirect URI to register',
      async () => {
        const s = await server({ invalidRedirectUri: true });
        const { page, errors } = await tab();
        await page.goto(s.launchUrl('pc-1'));
        const shown = await errorPage(page);
        expect(shown.title).toBe('The EHR could not accept ImmunoSteward’s sign-in request');
        expect(shown.said).toBe(
          `Invalid redirect_uri "${s.redirectUri}": it is not registered for client "${CLIENT_ID}".`,
        );
        expect(shown.values['Redirect URI']).toBe(s.redirectUri);
        expect(shown.values['Client ID']).toBe(CLIENT_ID);
        expect(shown.relaunch).toBe(false);
        expectClean(s, page);
        expect(errors, errors.join('\n')).toEqual([]);
      },
      TEST_TIMEOUT,
    );

    it.each([
      {
        error: 'access_denied',
        description: 'The user denied access',
        title: 'Access was not granted',
        says: 'relaunch ImmunoSteward from the patient’s chart and approve access when the EHR asks',
        relaunch: true,
        registration: false,
      },
      {
        // Markup in the EHR's text is shown as text: no element, no script.
        error: 'server_error',
        description: '<img src=x onerror="document.title=\'pwned\'"><b>Database</b> unavailable',
        title: 'The EHR could not complete the sign-in',
        says: 'This is usually temporary',
        relaunch: true,
        registration: false,
      },
      {
        error: 'temporarily_unavailable',
        description: 'Maintenance until 06:00',
        title: 'The EHR’s sign-in is unavailable for now',
        says: 'Wait a minute, then relaunch',
        relaunch: true,
        registration: false,
      },
      {
        error: 'unauthorized_client',
        description: 'EHR launch is not enabled for this client',
        title: 'ImmunoSteward may not sign in this way',
        says: 'enable it for the client ID below',
        relaunch: false,
        registration: true,
      },
      {
        error: 'unsupported_response_type',
        description: 'response_type code is not enabled',
        title: 'The EHR does not offer ImmunoSteward’s way of signing in',
        says: 'authorisation code and PKCE',
        relaunch: false,
        registration: true,
      },
    ])(
      '$error on the redirect: the EHR’s words, relaunch $relaunch, registration values $registration',
      async ({ error, description, title, says, relaunch, registration }) => {
        const s = await server({ authorizeError: { error, description } });
        const { page, errors } = await tab();
        await page.goto(s.launchUrl('chemo-1'));
        const shown = await errorPage(page);
        expect(shown.title).toBe(title);
        expect(shown.said).toBe(description);
        expect(shown.html).not.toMatch(/<img|<b>/);
        expect(shown.text).toContain(says);
        expect(shown.relaunch).toBe(relaunch);
        expect(shown.values['Client ID']).toBe(registration ? CLIENT_ID : undefined);
        expect(shown.text).not.toMatch(STACK);
        expect(await page.title()).not.toBe('pwned');
        expect(s.authorizeRequests.map((a) => a.outcome)).toEqual([error]);
        expect(s.tokenRequests).toEqual([]);
        expectClean(s, page);
        expect(errors, errors.join('\n')).toEqual([]);
        if (error === 'access_denied') await page.screenshot({ path: join(RESULTS, 'access-denied.png') });
      },
      TEST_TIMEOUT,
    );

    it.each([
      {
        status: 401,
        error: 'invalid_client',
        description: 'Client authentication failed: unknown client "immunosteward-e2e"',
        title: 'The EHR does not recognise ImmunoSteward',
        relaunch: false,
      },
      {
        status: 400,
        error: 'invalid_grant',
        description: 'The authorization code has expired',
        title: 'The sign-in could not be completed',
        relaunch: true,
      },
    ])(
      '$error at the token endpoint: the EHR’s words, the client ID, relaunch $relaunch',
      async ({ status, error, description, title, relaunch }) => {
        const s = await server({ tokenError: { status, error, description } });
        const { page, errors } = await tab();
        await page.goto(s.launchUrl('pc-1'));
        const shown = await errorPage(page);
        expect(shown.title).toBe(title);
        expect(shown.said).toBe(description);
        expect(shown.values['Error code']).toBe(error);
        expect(shown.values['Client ID']).toBe(CLIENT_ID);
        expect(shown.values['Redirect URI']).toBe(s.redirectUri);
        expect(shown.relaunch).toBe(relaunch);
        expect(shown.text).not.toMatch(/Something went wrong|URL:|\b40[01]\b/);
        expect(s.tokenRequests.map((t) => [t.status, t.error])).toEqual([[status, error]]);
        expectClean(s, page);
        expect(errors).toEqual([`response: ${status} /auth/token`]);
      },
      TEST_TIMEOUT,
    );

    it(
      'a refusal whose state this tab never sent (forged or expired) shows none of its text',
      async () => {
        const s = await server();
        const { page, errors } = await tab();
        const forged = new URLSearchParams({
          error: 'invalid_scope',
          error_description: 'Call 555-0100 to restore access',
          state: 'not-this-tabs',
        });
        await page.goto(`${s.url}/app/index.html?${forged}`);
        const shown = await errorPage(page);
        expect(shown.title).toBe('Your session has ended');
        expect(shown.text).not.toContain('555-0100');
        expect(shown.relaunch).toBe(true);
        expect(errors, errors.join('\n')).toEqual([]);
      },
      TEST_TIMEOUT,
    );

    it(
      'a restricted client granted less than it asked: the banner, and each panel says what it may not read',
      async () => {
        const s = await server({
          clientScopes: ['launch', 'openid', 'fhirUser', 'patient/Patient.r', 'patient/Observation.rs'],
          extraScopes: 'narrow',
        });
        const { page, errors } = await tab();
        await page.goto(s.launchUrl('pc-1'));
        await page.getByRole('banner').getByText('Dilnoza Karimova').waitFor();
        const biomarkers = page.getByRole('region', { name: 'Biomarkers', exact: true });
        await biomarkers.getByRole('row', { name: /^CD4 T helper cells, absolute\b/ }).waitFor();
        const meds = page.getByRole('region', { name: 'Immunomodulators and interacting drugs', exact: true });
        await meds.getByText(/No access to medication orders/).waitFor();
        expect(s.codesIssued[0]?.scope).toBe('launch openid fhirUser patient/Patient.r patient/Observation.rs');
        // No online_access granted: no refresh token.
        const stored = await storage(page);
        expect(stored.session[s.authorizeRequests[0]?.params.state ?? '']).not.toContain('refresh_token');
        expect(errors, errors.join('\n')).toEqual([]);
      },
      TEST_TIMEOUT,
    );
  });

  describe('when the access token expires', () => {
    const LIFETIME = 60;

    /** Launches, waits for the profile, then moves both clocks past the token's lifetime and reloads. */
    async function expireAndReload(s: SmartServer) {
      const opened = await tab();
      const { page } = opened;
      await page.goto(s.launchUrl('pc-1'));
      const biomarkers = page.getByRole('region', { name: 'Biomarkers', exact: true });
      await biomarkers.getByRole('row', { name: /^CD4 T helper cells, absolute\b/ }).waitFor();
      const first = s.tokenRequests[0]?.accessToken ?? '';
      s.advanceClock((LIFETIME + 1) * 1000);
      await page.clock.setFixedTime(FIXTURE_NOW.getTime() + (LIFETIME + 1) * 1000);
      // The first token is now refused by the FHIR server.
      const direct = await fetch(`${s.fhirBase}/Patient/pc-1`, { headers: { authorization: `Bearer ${first}` } });
      expect(direct.status).toBe(401);
      const before = s.requests.length;
      await page.reload();
      return {
        ...opened,
        first,
        readsAfter: () => s.requests.slice(before).filter((r) => r.path.startsWith('/fhir/')),
      };
    }

    it(
      'with online_access, fhirclient refreshes the token and the profile keeps loading',
      async () => {
        const s = await server({ tokenLifetime: LIFETIME });
        const { page, errors, first, readsAfter } = await expireAndReload(s);
        await page.getByRole('banner').getByText('Dilnoza Karimova').waitFor();
        const biomarkers = page.getByRole('region', { name: 'Biomarkers', exact: true });
        await biomarkers.getByRole('row', { name: /^CD4 T helper cells, absolute\b/ }).waitFor();
        await page
          .getByRole('region', { name: 'Findings', exact: true })
          .getByText('No findings on the current immunomodulators.')
          .waitFor();

        expect(s.tokenRequests.map((t) => [t.params.grant_type, t.status])).toEqual([
          ['authorization_code', 200],
          ['refresh_token', 200],
        ]);
        const refreshed = s.tokenRequests[1];
        expect(refreshed?.params.client_id).toBe(CLIENT_ID);
        expect(refreshed?.accessToken).not.toBe(first);
        const reads = readsAfter().filter((r) => r.path !== '/fhir/metadata');
        expect(reads.length).toBeGreaterThan(0);
        for (const r of reads) {
          expect(r.authorization, r.path).toBe(`Bearer ${refreshed?.accessToken}`);
          expect(r.status, r.path).toBe(200);
        }
        // Neither token is kept in localStorage.
        const local = JSON.stringify((await storage(page)).local);
        expect(local).not.toContain(refreshed?.accessToken ?? '(none)');
        expect(errors, errors.join('\n')).toEqual([]);
      },
      TEST_TIMEOUT,
    );

    it(
      'when the EHR refuses the refresh token, the page says the session expired',
      async () => {
        const s = await server({ tokenLifetime: LIFETIME, refuseRefresh: true });
        const { page, errors, readsAfter } = await expireAndReload(s);
        const alert = page.getByRole('alert');
        await alert.getByRole('heading', { name: /Your session expired/ }).waitFor();
        expect(await alert.textContent()).toContain(
          'Your session expired — relaunch ImmunoSteward from the patient’s chart.',
        );
        expect((await page.locator('body').textContent()) ?? '').not.toMatch(/No patient selected|scope|error \(400\)/);
        expect(s.tokenRequests.map((t) => [t.params.grant_type, t.status])).toEqual([
          ['authorization_code', 200],
          ['refresh_token', 400],
        ]);
        // Nothing was read with the expired token after the refusal but 401s.
        expect(readsAfter().filter((r) => r.path !== '/fhir/metadata' && r.status !== 401)).toEqual([]);
        expect(errors.filter((e) => !/^response: (400 \/auth\/token|401 \/fhir\/)/.test(e))).toEqual([]);
      },
      TEST_TIMEOUT,
    );

    it(
      'without a refresh token (the site turned onlineAccess off), the page says the session expired',
      async () => {
        const s = await server({ tokenLifetime: LIFETIME, onlineAccess: false });
        const { page, errors, readsAfter } = await expireAndReload(s);
        const alert = page.getByRole('alert');
        await alert.getByRole('heading', { name: /Your session expired/ }).waitFor();
        const text = (await alert.textContent()) ?? '';
        expect(text).toContain('Your session expired — relaunch ImmunoSteward from the patient’s chart.');
        const body = (await page.locator('body').textContent()) ?? '';
        expect(body).not.toMatch(/No patient selected|scope|Something went wrong/);
        expect(body).not.toMatch(STACK);

        expect(s.authorizeRequests[0]?.params.scope?.split(' ')).not.toContain('online_access');
        expect(s.tokenRequests.map((t) => t.params.grant_type)).toEqual(['authorization_code']);
        const reads = readsAfter().filter((r) => r.path !== '/fhir/metadata');
        expect(reads.length).toBeGreaterThan(0);
        expect(reads.every((r) => r.status === 401)).toBe(true);
        // The FHIR server's 401s are the point of this test; nothing else failed.
        expect(errors.filter((e) => !/^response: 401 \/fhir\//.test(e))).toEqual([]);
      },
      TEST_TIMEOUT,
    );
  });
});
