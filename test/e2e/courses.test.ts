import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW } from '../helpers/fixtures.js';
import { launchChromium, reportFailedPages } from './browser.js';
import { startDemoService } from './demo-service.js';

/**
 * The Courses view in Chromium on the embedded demo, as `npm start` serves it: the app launched
 * on `peginterferon-monitoring`, the view opened from the page's navigation, its timeline, the
 * end-point chart drawn by uPlot with the course shaded, and the monitoring plan with the overdue
 * tests. Photographed into docs/images/courses.png for the README; at 375 px nothing scrolls sideways.
 */

const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const PEGASYS = 'Pegasys (peginterferon alfa-2a) 180 mcg/0.5 mL prefilled syringe';

let browser: Browser;
let close: () => Promise<void>;
let url: string;
const tabs: { page: Page; errors: string[] }[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(IMAGES, { recursive: true });
  const demo = await startDemoService();
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

/** A tab `width` px wide at the fixtures' "now", on the app for the peginterferon patient, Courses open. */
async function openCourses(width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  await context.clock.setFixedTime(FIXTURE_NOW);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  tabs.push({ page, errors });
  await page.goto(
    `${url}/app/launch.html?fhirServiceUrl=${encodeURIComponent(`${url}/fhir`)}&patientId=peginterferon-monitoring`,
  );
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Courses' }).click();
  const panel = page.getByRole('region', { name: 'Courses', exact: true });
  await panel.getByRole('article', { name: PEGASYS }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
  return { page, errors, panel };
}

describe('the Courses view in a browser', () => {
  it('peginterferon: the timeline, the end-point chart with the course shaded and the plan with overdue tests', async () => {
    const { page, errors, panel } = await openCourses(1366);
    const today = panel.getByRole('region', { name: 'Needs attention today' }).getByRole('listitem');
    expect(await today.allTextContents()).toEqual([
      expect.stringContaining(
        `${PEGASYS}, since 24 Jul 2026: Peginterferon alfa-2a: CBC, liver tests, and TSH overdue`,
      ),
    ]);

    const timeline = panel.getByRole('region', { name: 'Timeline' });
    expect(await timeline.getByRole('listitem').allTextContents()).toEqual([
      `${PEGASYS}24 Jul 2026 → 25 Jun 2027 · running`,
    ]);
    // The bar starts where the axis starts (the only course) and today's mark stands inside it.
    const bar = await timeline.locator('.timeline-bar').boundingBox();
    const todayMark = await timeline.locator('.timeline-today').boundingBox();
    expect(bar && todayMark && todayMark.x > bar.x && todayMark.x < bar.x + bar.width).toBe(true);

    const card = panel.getByRole('article', { name: PEGASYS });
    const chart = card.locator('figure.trend-chart');
    expect(await chart.locator('figcaption').textContent()).toContain(
      'the course (24 Jul 2026 → 1 Nov 2026) shaded as a column',
    );
    // uPlot drew its canvas; the course column is painted in the course's tint behind the line.
    const canvas = chart.locator('.trend-chart-canvas canvas');
    await canvas.waitFor();
    const tintedPixels = () =>
      canvas.evaluate((el: HTMLCanvasElement) => {
        const ctx = el.getContext('2d');
        if (!ctx) return 0;
        const { data } = ctx.getImageData(0, 0, el.width, el.height);
        let count = 0;
        // The canvas is transparent where nothing is painted; the course's fill is a translucent blue
        // (the reference band's is green, and where both lie the two mix to teal).
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i] as number, data[i + 1] as number, data[i + 2] as number, data[i + 3] as number];
          if (a > 0 && b > g + 20 && b > r + 40) count++;
        }
        return count;
      });
    // uPlot paints on the next frame after it mounts.
    await expect.poll(tintedPixels, { timeout: 10_000 }).toBeGreaterThan(500);

    const plan = card.getByRole('table', { name: `Monitoring tests of ${PEGASYS}` });
    const rows = await plan
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...(tr as HTMLTableRowElement).cells].slice(0, 3).map((c) => c.textContent?.trim())),
      );
    expect(rows).toEqual([
      ['CBC', 'overdue', '18 Oct 2026'],
      ['liver tests', 'overdue', '18 Oct 2026'],
      ['TSH', 'overdue', '16 Oct 2026'],
    ]);
    expect(await card.getByText('Review date: 25 Jun 2027 (planned end)').count()).toBe(1);

    await page.screenshot({ path: join(IMAGES, 'courses.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000);

  it('at 375 px: the plan is a list and nothing scrolls sideways', async () => {
    const { page, errors, panel } = await openCourses(375);
    const card = panel.getByRole('article', { name: PEGASYS });
    expect(await card.getByRole('table', { name: /^Monitoring tests of/ }).count()).toBe(0);
    expect(
      await card
        .getByRole('list', { name: `Monitoring tests of ${PEGASYS}` })
        .getByRole('listitem')
        .count(),
    ).toBe(3);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `scrollWidth ${scrollWidth} > ${innerWidth}`).toBeLessThanOrEqual(innerWidth);
    expect(errors).toEqual([]);
  }, 90_000);
});
