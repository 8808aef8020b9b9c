import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../cds-hooks/auth/admin-credential.js';
import { HAND_GO_LIVE, HAND_MAX_DAYS } from '../helpers/hand-population.js';
import { handWarehouse } from '../helpers/hand-warehouse.js';
import { registerSecret } from '../helpers/log-capture.js';
import { startService } from '../helpers/service.js';
import { launchChromium, reportFailedPages } from './browser.js';
import { DIST_APP } from './smart-server.js';

/**
 * `/admin/population` in Chromium over the hand-checked population: sign in, the measures of the
 * whole period and before/after go-live, the charts, a drill-down to counts, a filter, the CSV;
 * the screenshot in README (docs/images/population.png).
 */

const TOKEN = 'population-admin-token-0123456789';
registerSecret(TOKEN);
const UI_TIMEOUT = 30_000;
const SCREENSHOT = fileURLToPath(new URL('../../docs/images/population.png', import.meta.url));
let browser: Browser;
let base: string;
let dir: string;
let close: () => Promise<void>;
const tabs: { page: Page; errors: string[] }[] = [];

beforeAll(async () => {
  if (!existsSync(join(DIST_APP, 'admin.html')))
    throw new Error('dist/app/admin.html is missing: run `npx vite build` (`npm test` does).');
  const warehouse = await handWarehouse();
  dir = warehouse.dir;
  const service = await startService(
    {
      population: { warehouse: warehouse.file, goLiveDate: HAND_GO_LIVE },
      thresholds: { courses: { maxDays: HAND_MAX_DAYS } },
    },
    undefined,
    { adminTokenSha256: sha256Hex(TOKEN), appDir: DIST_APP },
  );
  await service.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(service.app.server.address() as { port: number }).port}`;
  close = () => service.app.close();
  browser = await launchChromium();
}, 60_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await reportFailedPages(task.name, tabs);
  tabs.splice(0);
});

afterAll(async () => {
  await browser?.close();
  await close?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('the population dashboard', () => {
  it('shows the measures, charts and counts, filters, exports CSV', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    tabs.push({ page, errors });
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(`${base}/admin/population`);
    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const summary = page.getByRole('region', { name: 'Whole period' });
    await expect.poll(() => summary.getByRole('definition').first().textContent(), { timeout: UI_TIMEOUT }).toBe('8');
    await expect.poll(() => summary.textContent()).toContain('Go-live: 1 Apr 2026');
    // Before / after: 3 and 5 courses; DOT per 1,000 days present 3,750 and 8,928.6.
    const phases = summary.getByRole('table');
    await expect
      .poll(() => phases.getByRole('row', { name: /Courses started/ }).textContent())
      .toBe('Courses started35');
    await expect
      .poll(() => phases.getByRole('row', { name: /Days of therapy per 1,000 days present/ }).textContent())
      .toBe('Days of therapy per 1,000 days present3,7508,928.6');
    // The charts are drawn (uPlot canvases), go-live marked on the trend.
    await expect.poll(() => page.locator('.pop-canvas canvas').count()).toBe(3);

    // Drill-down: the class opens onto its agents' counts, never onto a patient.
    const drill = page.getByRole('region', { name: 'Counts by class and agent' });
    await drill.getByRole('button', { name: 'Show the agents of Low-molecular immunomodulators' }).click();
    await expect
      .poll(() =>
        drill
          .getByRole('row', { name: /^pidotimod/ })
          .getByRole('cell')
          .first()
          .textContent(),
      )
      .toBe('6');
    await expect.poll(() => page.locator('body').textContent()).not.toMatch(/pop-[a-g]/);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // A department and a period: Pulmonology, January to May 2026.
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Department').selectOption('Pulmonology');
    await filters.getByLabel('From month').fill('2026-01');
    await filters.getByLabel('To month (inclusive)').fill('2026-05');
    await filters.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => summary.getByRole('definition').first().textContent()).toBe('5');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      filters.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const saved = join(dir, 'population.csv');
    await download.saveAs(saved);
    const total = readFileSync(saved, 'utf8')
      .split('\r\n')
      .find((l) => l.startsWith('all,all,,'));
    expect(total?.split(',')[3]).toBe('5');
    expect(errors).toEqual([]);
    await context.close();
  });
});
