import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../cds-hooks/auth/admin-credential.js';
import { translator } from '../../src/core/messages/translator.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';
import { registerSecret } from '../helpers/log-capture.js';
import type { startService } from '../helpers/service.js';
import { launchChromium, RESULTS, reportFailedPages } from './browser.js';
import { startDemoService } from './demo-service.js';
import { DIST_APP } from './smart-server.js';

/**
 * The demo's hook playground in a real browser: sign a scenario's draft order through the real
 * order-sign path (demo-signed JWT, no prefetch: the service reads the demo FHIR server), see the
 * cards, override one or accept a suggestion, and find the feedback in the store and on the
 * admin page.
 */

let browser: Browser;
let close: () => Promise<void>;
let store: Awaited<ReturnType<typeof startService>>['store'];
let url: string;
/** A bound, not a speed: the browser tests share two cores with the rest of the suite (fuzzing, kill -9). */
const UI_TIMEOUT = 30_000;
const ADMIN_TOKEN = 'walkthrough-admin-token-0123456789';
registerSecret(ADMIN_TOKEN);

beforeAll(async () => {
  if (!existsSync(join(DIST_APP, 'playground.html')))
    throw new Error('dist/app/playground.html is missing: run `npx vite build` (`npm test` does).');
  const demo = await startDemoService({ adminTokenSha256: sha256Hex(ADMIN_TOKEN) });
  url = demo.url;
  store = demo.service.store;
  close = demo.close;
  browser = await launchChromium();
}, 60_000);

/** The pages a test opened, reported if it fails. */
const tabs: { page: Page; errors: string[] }[] = [];

async function newTab(context: BrowserContext) {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  tabs.push({ page, errors });
  return { page, errors };
}

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await reportFailedPages(task.name, tabs);
  tabs.splice(0);
});

afterAll(async () => {
  await browser?.close();
  await close?.();
});

async function openPlayground(patientId: string) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const { page, errors } = await newTab(context);
  await page.goto(`${url}/app/playground.html`);
  const patient = page.getByLabel('Patient', { exact: true });
  await patient.locator(`option[value="${patientId}"]`).waitFor({ state: 'attached', timeout: UI_TIMEOUT });
  await patient.selectOption(patientId);
  return { context, page, errors };
}

describe('the hook playground', () => {
  it('signs the MMR order for a patient on methotrexate and records an override', async () => {
    const { context, page, errors } = await openPlayground('methotrexate-mmr');
    const mmr = page.getByRole('checkbox', { name: /MMR/ });
    expect(await mmr.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const card = page.getByRole('article').filter({ hasText: 'critical' }).filter({ hasText: 'Live vaccine' });
    await card.waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: join(RESULTS, 'playground-cards.png'), fullPage: true });
    await card.getByRole('button', { name: 'Override' }).click();
    const reason = card.getByLabel('Override reason');
    const options = await reason
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options.length).toBeGreaterThan(0);
    await reason.selectOption(options[1] ?? (options[0] as string));
    await card.getByLabel('Comment (optional)').fill('Discussed with rheumatology');
    await card.getByRole('button', { name: 'Submit override' }).click();
    await card.getByText(/Feedback overridden .*stored 1/).waitFor({ timeout: UI_TIMEOUT });
    expect(store.query('SELECT outcome, rule FROM feedback')).toContainEqual({
      outcome: 'overridden',
      rule: 'live-vaccine-immunocompromised',
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('removes an immunostimulant order with the card’s suggestion and records it as accepted', async () => {
    const { context, page, errors } = await openPlayground('healthy-booster');
    const order = page.getByRole('checkbox', { name: /^Бронхо-мунал \(Broncho-Vaxom/ });
    expect(await order.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const card = page.getByRole('article').filter({ hasText: translator().t('ruleTitle.booster-not-indicated') });
    await card.waitFor({ timeout: UI_TIMEOUT });
    await card
      .getByRole('button', { name: /Remove/ })
      .first()
      .click();
    await card.getByText(/Feedback accepted .*stored 1/).waitFor({ timeout: UI_TIMEOUT });
    expect(await order.isChecked()).toBe(false);
    expect(store.query('SELECT outcome, rule FROM feedback')).toContainEqual({
      outcome: 'accepted',
      rule: 'booster-not-indicated',
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('walks a newcomer through the demo: landing page, app, playground, override', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    await context.clock.setFixedTime(FIXTURE_NOW);
    const { page, errors } = await newTab(context);
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'ImmunoSteward demo' }).waitFor();
    expect(await page.getByRole('link', { name: 'Open in app' }).count()).toBe(14);
    await page.screenshot({ path: join(RESULTS, 'walkthrough-1-landing.png'), fullPage: true });
    await page
      .getByRole('listitem')
      .filter({ hasText: 'post-covid' })
      .getByRole('link', { name: 'Open in app' })
      .click();
    const profile = page.getByRole('region', { name: 'Immune profile', exact: true });
    await profile.getByText('Adaptive T', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await page
      .getByRole('region', { name: 'Biomarkers', exact: true })
      .getByRole('table')
      .waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: join(RESULTS, 'walkthrough-2-app.png'), fullPage: true });
    await page.goto(`${url}/`);
    await page
      .getByRole('listitem')
      .filter({ hasText: 'methotrexate-mmr' })
      .getByRole('link', { name: 'Try an order' })
      .click();
    expect(await page.getByRole('checkbox', { name: /MMR/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const card = page.getByRole('article').filter({ hasText: 'critical' }).filter({ hasText: 'Live vaccine' });
    await card.waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: join(RESULTS, 'walkthrough-3-cards.png'), fullPage: true });
    await card.getByRole('button', { name: 'Override' }).click();
    const reason = card.getByLabel('Override reason');
    const values = await reason
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    await reason.selectOption(values[0] as string);
    await card.getByRole('button', { name: 'Submit override' }).click();
    await card.getByText(/Feedback overridden .*stored 1/).waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: join(RESULTS, 'walkthrough-4-override.png'), fullPage: true });
    const rows = store.query<{ outcome: string; rule: string; reason_code: string | null }>(
      'SELECT outcome, rule, reason_code FROM feedback WHERE reason_code IS NOT NULL',
    );
    expect(rows).toContainEqual({
      outcome: 'overridden',
      rule: 'live-vaccine-immunocompromised',
      reason_code: values[0],
    });

    expect(errors).toEqual([]);
    await context.close();

    // The informatics view of the same feedback: /admin, signed in with the admin token (in a
    // context on the real clock: the store stamps records with the time they were received).
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page: admin, errors: adminErrors } = await newTab(adminContext);
    await admin.goto(`${url}/admin`);
    await admin.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    const table = admin.getByRole('region', { name: 'Cards and responses per rule' }).getByRole('table');
    const row = table.getByRole('row').filter({ hasText: 'live-vaccine-immunocompromised' });
    await row.waitFor({ timeout: UI_TIMEOUT });
    const [stored] = store.query<{ overridden: number; shown: number }>(
      `SELECT (SELECT COUNT(*) FROM feedback WHERE rule = 'live-vaccine-immunocompromised' AND outcome = 'overridden') AS overridden,
              (SELECT COUNT(*) FROM cards WHERE rule = 'live-vaccine-immunocompromised') AS shown`,
    );
    const cells = await row.getByRole('cell').allInnerTexts();
    // tenant, shown, accepted, overridden, rate, reasons, comments, suggestions accepted
    expect(cells[1]).toBe(String(stored?.shown));
    expect(cells[3]).toBe(String(stored?.overridden));
    expect(Number(cells[3])).toBeGreaterThanOrEqual(1);
    expect(cells[5]).not.toBe('—');
    await admin
      .getByRole('img', { name: /live vaccine.*overridden/i })
      .first()
      .waitFor();
    const services = admin.getByRole('region', { name: 'Calls per service' });
    await services.getByRole('row').filter({ hasText: 'immunosteward-order-sign' }).waitFor();
    await admin.screenshot({ path: join(RESULTS, 'walkthrough-5-admin.png'), fullPage: true });
    expect(adminErrors).toEqual([]);
    await adminContext.close();
  }, 150_000);
});
