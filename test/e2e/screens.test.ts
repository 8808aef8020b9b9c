import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/core/messages/translator.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';
import { launchChromium, reportFailedPages } from './browser.js';
import { startDemoService } from './demo-service.js';

/**
 * The demo's pages where an EHR puts them: a 375 px side panel and a 1,366 px screen. Each page is
 * photographed into docs/images/ (the README shows them) and must not scroll sideways. Then a
 * card's link, opened from the playground as the demo EHR opens it, lands on the app with the
 * card's finding focused.
 */

const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const UI_TIMEOUT = 30_000;
const WIDTHS = [375, 1366] as const;

let browser: Browser;
let close: () => Promise<void>;
let url: string;
const tabs: { page: Page; errors: string[] }[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(IMAGES, { recursive: true });
  const demo = await startDemoService({ launchUrl: true });
  url = demo.url;
  close = demo.close;
  browser = await launchChromium();
}, 60_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await reportFailedPages(task.name, tabs);
  tabs.splice(0);
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await close?.();
});

/** A tab `width` px wide whose clock stands at the fixtures' "now" (the demo record ends today). */
async function tab(width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  await context.clock.setFixedTime(FIXTURE_NOW);
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  tabs.push({ page, errors });
  return { context, page, errors };
}

/** Nothing wider than the frame: the document never scrolls sideways. */
async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `scrollWidth ${scrollWidth} > ${innerWidth}`).toBeLessThanOrEqual(innerWidth);
}

const appUrl = (patient: string) =>
  `${url}/app/launch.html?fhirServiceUrl=${encodeURIComponent(`${url}/fhir`)}&patientId=${patient}`;

/** The app on a demo patient, every panel rendered. */
async function openApp(page: Page, patient: string) {
  await page.goto(appUrl(patient));
  await page.getByRole('region', { name: 'Findings', exact: true }).getByRole('article').first().waitFor();
  const biomarkers = page.getByRole('region', { name: 'Biomarkers', exact: true });
  await biomarkers.locator('table, .marker-card').first().waitFor();
  await page
    .getByRole('region', { name: 'Immunomodulators and interacting drugs' })
    .getByRole('listitem')
    .first()
    .waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
}

describe('the demo where the EHR puts it', () => {
  it('the landing page: a designed page under its strict CSP, at 375 and 1,366 px', async () => {
    for (const width of WIDTHS) {
      const { page, errors } = await tab(width);
      const response = await page.goto(`${url}/`);
      expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
      await page.getByRole('heading', { name: 'ImmunoSteward demo', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Open in app' }).count()).toBe(14);
      expect(await page.getByText(/^Try:/).count()).toBe(14);
      // The hashed inline styles apply (a refused style would leave the cards unstyled).
      const border = await page
        .locator('.patient')
        .first()
        .evaluate((el) => getComputedStyle(el).borderTopWidth);
      expect(border).toBe('4px');
      const favicon = await page.request.get(`${url}/app/favicon.svg`);
      expect(favicon.headers()['content-type']).toContain('image/svg+xml');
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: join(IMAGES, `landing-${width}.png`), fullPage: true });
      expect(errors).toEqual([]);
    }
  }, 90_000);

  it('the app on a demo patient with findings: marker cards in a side panel, a table on a screen', async () => {
    for (const width of [375, 600, 1366]) {
      const { page, errors } = await tab(width);
      await openApp(page, 'vitamin-d-excess');
      const biomarkers = page.getByRole('region', { name: 'Biomarkers', exact: true });
      expect(await biomarkers.locator('table').count()).toBe(width <= 720 ? 0 : 1);
      const vitaminD = biomarkers.locator(width <= 720 ? '.marker-card' : 'tr').filter({ hasText: /25-hydroxy/i });
      // The lab flag with its range, and beside it the threshold crossed: never "Normal" beside "Excess".
      const reading =
        width <= 720
          ? /within the lab range \(30–100 ng\/mL\)[\s\S]*above 50 ng\/mL \(possible excess;/
          : /30–100 ng\/mL \(lab\)[\s\S]*within the lab range[\s\S]*above 50 ng\/mL \(possible excess;/;
      expect(await vitaminD.textContent()).toMatch(reading);
      expect(await vitaminD.textContent()).not.toMatch(/Normal/);
      // Glyphs are SVG: no emoji anywhere in the page.
      expect(await page.locator('body').textContent()).not.toMatch(/[⛔⚠ℹ]/u);
      await expectNoHorizontalOverflow(page);
      if (width !== 600) await page.screenshot({ path: join(IMAGES, `app-${width}.png`), fullPage: true });
      expect(errors).toEqual([]);
    }
  }, 120_000);

  it('the playground after signing an order, a card shown', async () => {
    for (const width of WIDTHS) {
      const { page, errors } = await tab(width);
      await page.goto(`${url}/app/playground.html?patient=methotrexate-mmr`);
      await page.getByRole('checkbox', { name: /MMR/ }).waitFor();
      expect(await page.getByRole('checkbox', { name: /MMR/ }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      const card = page
        .getByRole('article')
        .filter({ hasText: translator().t('ruleTitle.live-vaccine-immunocompromised') });
      await card.waitFor();
      expect(await card.locator('.badge svg.glyph').count()).toBe(1);
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: join(IMAGES, `playground-${width}.png`), fullPage: true });
      expect(errors).toEqual([]);
    }
  }, 90_000);

  it('in Russian and Uzbek: the landing page by Accept-Language or ?lang=, the app and the playground from its links', async () => {
    for (const locale of ['ru', 'uz'] as const) {
      const t = translator(locale);
      const { context, page, errors } = await tab(375);
      await context.setExtraHTTPHeaders({ 'accept-language': locale === 'ru' ? 'ru-RU,ru;q=0.9,en;q=0.5' : 'de' });
      await page.goto(locale === 'ru' ? `${url}/` : `${url}/?lang=uz`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      await page.getByRole('heading', { name: t.t('landing.title'), level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: t.t('landing.openApp') }).count()).toBe(14);
      // The app, opened from the landing page's link, in the page's language.
      await page
        .locator('.patient')
        .filter({ hasText: 'vitamin-d-excess' })
        .getByRole('link', { name: t.t('landing.openApp') })
        .click();
      await page
        .getByRole('region', { name: t.t('app.panel.findings'), exact: true })
        .getByRole('article')
        .first()
        .waitFor();
      const biomarkers = page.getByRole('region', { name: t.t('app.panel.biomarkers'), exact: true });
      await biomarkers.locator('.marker-card').first().waitFor();
      await page
        .getByRole('region', { name: t.t('app.panel.medications') })
        .getByRole('listitem')
        .first()
        .waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"], .skeleton').length === 0);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.getByRole('combobox', { name: t.t('app.language') }).inputValue()).toBe(locale);
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: join(IMAGES, `app-${locale}-375.png`), fullPage: true });
      // The switch: English, and the choice is kept when the page is opened again in this tab.
      await page.getByRole('combobox', { name: t.t('app.language') }).selectOption('en');
      await page.getByRole('region', { name: 'Findings', exact: true }).getByRole('article').first().waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(errors).toEqual([]);
    }
  }, 120_000);

  it('the playground in Russian after signing an order, a card shown', async () => {
    const t = translator('ru');
    const { page, errors } = await tab(1366);
    await page.goto(`${url}/app/playground.html?patient=methotrexate-mmr&lang=ru`);
    await page.getByRole('checkbox', { name: /MMR/ }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.title()).toBe(t.t('playground.title'));
    await page.getByRole('button', { name: t.t('playground.sign'), exact: true }).click();
    const card = page
      .getByRole('article')
      .filter({ has: page.locator('[data-rule="live-vaccine-immunocompromised"]') });
    await card.waitFor();
    // The card's link opens the app in Russian too (a new tab keeps no session).
    expect(await card.locator('a[href*="launch.html"]').first().getAttribute('href')).toMatch(/[?&]lang=ru(&|$)/);
    await expectNoHorizontalOverflow(page);
    await card.screenshot({ path: join(IMAGES, 'playground-ru-1366.png') });
    expect(errors).toEqual([]);
  }, 90_000);

  it('a card’s link opens the app on that patient with the card’s finding focused', async () => {
    const { context, page, errors } = await tab(1024);
    await page.goto(`${url}/app/playground.html?patient=healthy-booster`);
    await page.getByRole('checkbox', { name: /^Бронхо-мунал \(Broncho-Vaxom/ }).waitFor();
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const card = page.getByRole('article').filter({ hasText: translator().t('ruleTitle.booster-not-indicated') });
    await card.waitFor();
    const [app] = await Promise.all([
      context.waitForEvent('page'),
      card.getByRole('link', { name: 'Open the immune profile in ImmunoSteward' }).click(),
    ]);
    const appErrors: string[] = [];
    app.on('pageerror', (e) => appErrors.push(e.message));
    tabs.push({ page: app, errors: appErrors });
    await app.locator('.finding--focused').waitFor({ timeout: UI_TIMEOUT });
    const focused = await app.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const name = (el?.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
      const box = el?.getBoundingClientRect();
      const banner = document.querySelector('header.banner')?.getBoundingClientRect().bottom ?? 0;
      return {
        classes: el?.className ?? '',
        rule: el?.dataset.rule,
        name,
        top: box?.top ?? -1,
        banner,
        height: innerHeight,
      };
    });
    expect(focused.classes).toContain('finding--focused');
    expect(focused.rule).toBe('booster-not-indicated');
    expect(focused.name).toMatch(/Broncho-Vaxom/);
    // Scrolled to: the finding is in view, below the sticky patient banner.
    expect(focused.top).toBeGreaterThanOrEqual(focused.banner);
    expect(focused.top).toBeLessThan(focused.height);
    await app.screenshot({ path: join(IMAGES, 'app-card-link.png') });
    expect(errors).toEqual([]);
    expect(appErrors).toEqual([]);
  }, 90_000);
});
