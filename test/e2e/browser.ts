import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

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
