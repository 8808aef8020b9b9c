import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** What every browser test shares: Debian's Chromium, its flags, the artifacts folder, a free port. */

export const CHROMIUM = '/usr/bin/chromium';
export const RESULTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

/** Headless Chromium without the background traffic this closed network refuses; never a downloaded browser. */
export async function launchChromium(timeout = 15_000): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does).`);
  }
  mkdirSync(RESULTS, { recursive: true });
  return chromium.launch({
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
    timeout,
  });
}

/** A loopback port free now, for a server whose public URL must be known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
  });
}

/**
 * After a failed test: a screenshot and what each page showed, to tell a harness fault (a slow
 * machine, a server that never answered) from an app fault when all there is is the CI output.
 */
export async function reportFailedPages(testName: string, tabs: { page: Page; errors: string[] }[]): Promise<void> {
  const name = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  for (const [i, { page, errors }] of tabs.entries()) {
    await page.screenshot({ path: join(RESULTS, `failed-${name}-${i}.png`), fullPage: true }).catch(() => undefined);
    const text = await page
      .locator('body')
      .textContent({ timeout: 1000 })
      .catch(() => '(no body)');
    console.error(
      `${testName} [tab ${i}]\nURL ${page.url()}\n${errors.join('\n')}\n--- page text ---\n${(text ?? '').slice(0, 1500)}`,
    );
  }
}
