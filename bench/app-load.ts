import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { startDemoProcess } from './startup.js';
import { median } from './util.js';

/**
 * The SMART app on the embedded demo (`serve`, as `npm start` runs it) in Debian's Chromium
 * (playwright-core): time from the launch URL to the rendered profile (every biomarker panel
 * drawn, nothing busy), cold (a new browser context: empty cache and storage) and warm (the same
 * context loading the same launch URL again), with the requests each load made and the bytes
 * they transferred. Every demo patient in turn.
 */

const CHROMIUM = '/usr/bin/chromium';
const WAIT_MS = 30_000;

export interface LoadFigures {
  loads: number;
  medianMs: number;
  maxMs: number;
  /** Requests per load (median) and the kilobytes they transferred (median); of them, FHIR queries. */
  requests: number;
  transferredKb: number;
  fhirRequests: number;
  fhirKb: number;
}

interface Load {
  ms: number;
  requests: number;
  bytes: number;
  fhirRequests: number;
  fhirBytes: number;
}

async function timedLoad(page: Page, url: string): Promise<Load> {
  const finished: Promise<{ fhir: boolean; bytes: number }>[] = [];
  const onFinished = (request: import('playwright-core').Request) => {
    const fhir = new URL(request.url()).pathname.startsWith('/fhir/');
    finished.push(request.sizes().then((s) => ({ fhir, bytes: s.responseBodySize + s.responseHeadersSize })));
  };
  page.on('requestfinished', onFinished);
  const started = performance.now();
  await page.goto(url);
  await page.getByRole('region', { name: 'Biomarkers', exact: true }).locator('table, .marker-card').first().waitFor();
  // a string: this file is compiled without the DOM's types
  await page.waitForFunction(`document.querySelectorAll('[aria-busy="true"], .skeleton').length === 0`);
  const ms = performance.now() - started;
  page.off('requestfinished', onFinished);
  const sizes = await Promise.all(finished);
  const fhir = sizes.filter((s) => s.fhir);
  const sum = (list: { bytes: number }[]) => list.reduce((a, b) => a + b.bytes, 0);
  return { ms, requests: sizes.length, bytes: sum(sizes), fhirRequests: fhir.length, fhirBytes: sum(fhir) };
}

function figures(loads: Load[]): LoadFigures {
  return {
    loads: loads.length,
    medianMs: median(loads.map((l) => l.ms)),
    maxMs: Math.max(...loads.map((l) => l.ms)),
    requests: median(loads.map((l) => l.requests)),
    transferredKb: median(loads.map((l) => l.bytes)) / 1024,
    fhirRequests: median(loads.map((l) => l.fhirRequests)),
    fhirKb: median(loads.map((l) => l.fhirBytes)) / 1024,
  };
}

export async function benchAppLoad(port = 18_490): Promise<{ cold: LoadFigures; warm: LoadFigures }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const { child } = await startDemoProcess(port);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const patients = (await (await fetch(`${base}/demo/patients`)).json()) as { id: string }[];
    const cold: Load[] = [];
    const warm: Load[] = [];
    // one load first so that the service's own first-call work (JIT, caches) is not counted as cold
    for (const [i, p] of [patients[0] as { id: string }, ...patients].entries()) {
      const url = `${base}/app/launch.html?fhirServiceUrl=${encodeURIComponent(`${base}/fhir`)}&patientId=${encodeURIComponent(p.id)}&lang=en`;
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(WAIT_MS);
        const first = await timedLoad(page, url);
        const second = await timedLoad(page, url);
        if (i > 0) {
          cold.push(first);
          warm.push(second);
        }
      } finally {
        await context.close();
      }
    }
    return { cold: figures(cold), warm: figures(warm) };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}
