import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DemoFhirServer } from '../cds-hooks/demo/fhir-server.js';
import { keys, startServer, stop, tokens } from './service.js';
import { median } from './util.js';

/**
 * The fallback path: order-sign without prefetch, so the service reads the record from the EHR's
 * FHIR server itself. The server is the demo's (its 11 synthetic patients and their draft orders)
 * behind node:http with an injected delay before every answer, as a remote EHR would answer; the
 * service runs in its own process. One call at a time, every demo patient in turn: request to
 * cards, and the FHIR requests each call made.
 */

const SERVICE_PATH = '/cds-services/immunosteward-order-sign';
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/demo', import.meta.url));
const NOW = new Date('2026-11-01T09:00:00+05:00');

export interface FallbackFigures {
  delayMs: number;
  patients: number;
  calls: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** FHIR requests per call (median) and the most any call made. */
  fhirRequestsPerCall: number;
  fhirRequestsMax: number;
  /** The most FHIR requests in flight at once during one call. */
  parallel: number;
}

/** The demo FHIR server on a loopback port, answering every GET after `delayMs`. */
async function delayedFhir(delayMs: number) {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  const fhir = await DemoFhirServer.create(FIXTURES, base, NOW);
  const counters = { requests: 0, inFlight: 0, maxInFlight: 0 };
  server.on('request', (req, res) => {
    counters.requests++;
    counters.maxInFlight = Math.max(counters.maxInFlight, ++counters.inFlight);
    const url = new URL(req.url ?? '/', base);
    setTimeout(async () => {
      const { status, body } = await fhir.get(
        url.pathname.replace(/^\/fhir\//, ''),
        Object.fromEntries(url.searchParams),
      );
      counters.inFlight--;
      res.writeHead(status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body));
    }, delayMs);
  });
  return { base, fhir, counters, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function benchFallback(options: { delayMs: number; rounds: number; port?: number }) {
  const port = options.port ?? 18_470;
  const fhir = await delayedFhir(options.delayMs);
  const k = await keys();
  const calls = fhir.fhir.patients.map((p) => {
    const slug = p.file.replace(/\.json$/, '');
    const drafts = fhir.fhir.orders.filter((o) => o.patient === slug).map((o) => ({ resource: o.resource }));
    return JSON.stringify({
      hook: 'order-sign',
      hookInstance: randomUUID(),
      fhirServer: fhir.base,
      context: {
        userId: 'Practitioner/dr-1',
        patientId: p.id,
        draftOrders: { resourceType: 'Bundle', type: 'collection', entry: drafts },
      },
    });
  });
  const audience = `http://127.0.0.1:${port}${SERVICE_PATH}`;
  const pool = await tokens('ES384', k.ES384.privateKey, audience, calls.length * (options.rounds + 1));
  const child = await startServer('immunosteward', port, { keys: [k.ES384.jwk] }, { BENCH_FHIR_SERVER: fhir.base });
  const times: number[] = [];
  const requests: number[] = [];
  let parallel = 0;
  try {
    // round 0 warms the service and the FHIR engine
    for (let round = 0; round <= options.rounds; round++) {
      for (const body of calls) {
        const before = fhir.counters.requests;
        fhir.counters.maxInFlight = 0;
        const started = performance.now();
        const response = await fetch(audience, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${pool.pop()}` },
          body,
        });
        const answer = (await response.json()) as { cards?: unknown[] };
        if (response.status !== 200 || !Array.isArray(answer.cards))
          throw new Error(`fallback order-sign answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
        if (round === 0) continue;
        times.push(performance.now() - started);
        requests.push(fhir.counters.requests - before);
        parallel = Math.max(parallel, fhir.counters.maxInFlight);
      }
    }
  } finally {
    await stop(child);
    await fhir.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return {
    delayMs: options.delayMs,
    patients: calls.length,
    calls: times.length,
    p50Ms: median(times),
    p95Ms: at(0.95),
    maxMs: sorted.at(-1) as number,
    fhirRequestsPerCall: median(requests),
    fhirRequestsMax: Math.max(...requests),
    parallel,
  } satisfies FallbackFigures;
}
