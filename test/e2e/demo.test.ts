import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DemoFhirServer } from '../../cds-hooks/demo-fhir.js';
import { FIXTURE_NOW, fixturePath } from '../helpers/fixtures.js';
import { startService } from '../helpers/service.js';
import { DIST_APP } from './smart-server.js';

/**
 * The embedded demo in a real browser: the landing page lists the synthetic patients and "Open in
 * app" opens one in the SMART app against the in-process FHIR server (open-server launch).
 */

const CHROMIUM = '/usr/bin/chromium';
const RESULTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));
let browser: Browser;
let close: () => Promise<void>;
let url: string;

beforeAll(async () => {
  if (!existsSync(join(DIST_APP, 'index.html')))
    throw new Error('dist/app is missing: run `npm run build:app` (`npm test` does).');
  const dir = mkdtempSync(join(tmpdir(), 'immunosteward-demo-'));
  for (const f of ['patient-healthy.json', 'patient-post-covid.json']) copyFileSync(fixturePath(f), join(dir, f));
  // A server on a free port whose public URL is known before the FHIR server is seeded.
  const { createServer } = await import('node:net');
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  url = `http://127.0.0.1:${port}`;
  const fhir = await DemoFhirServer.create(dir, `${url}/fhir`, FIXTURE_NOW);
  const smartConfig = {
    clientId: 'immunosteward-demo',
    scope:
      'launch openid fhirUser patient/Patient.r patient/Observation.rs patient/MedicationRequest.rs patient/Condition.rs patient/Immunization.rs',
    allowedIssuers: [`${url}/fhir`],
    allowOpenServer: true,
  };
  const { app } = await startService({ server: { publicUrl: url } }, undefined, {
    appDir: DIST_APP,
    demo: { fhir, smartConfig },
  });
  await app.listen({ port, host: '127.0.0.1' });
  close = () => app.close();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  mkdirSync(RESULTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
});

describe('the embedded demo', () => {
  it('opens a demo patient from the landing page in the app', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    await context.clock.setFixedTime(FIXTURE_NOW);
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'ImmunoSteward demo' }).waitFor();
    await page.screenshot({ path: join(RESULTS, 'demo-landing.png') });
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Dilnoza Karimova' })
      .getByRole('link', { name: 'Open in app' })
      .click();
    await page.getByRole('banner').getByText('Dilnoza Karimova').waitFor({ timeout: 15_000 });
    await page
      .getByRole('region', { name: 'Immune profile', exact: true })
      .getByText('Adaptive T', { exact: true })
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(RESULTS, 'demo-app.png'), fullPage: true });
    await context.close();
  }, 45_000);
});
