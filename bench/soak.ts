import type { ChildProcess } from 'node:child_process';
import { keys, load, startServer, stop, tokens } from './service.js';
import { benchRequestBody } from './service-body.js';

/**
 * Load and soak (issue 7): the real service on loopback under (a) 1,000 concurrent connections on
 * order-sign and (b) 100,000 requests, reporting errors, latency, resident memory before and after
 * (each after a full collection) and the event-loop delay seen by the server. ES256 tokens: every
 * request needs its own signed JWT and ES256 is the cheapest to pre-sign by the hundred thousand.
 */

const SERVICE_PATH = '/cds-services/immunosteward-order-sign';

export interface ServerStats {
  rssMb: number;
  heapMb: number;
  /** Memory held by C++ objects bound to JS (buffers, SQLite). */
  externalMb: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

function stats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as ServerStats));
    child.send('stats');
  });
}

export interface SoakResult {
  name: string;
  connections: number;
  bodyBytes: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  /** Of the non-2xx: overload answers (503 with Retry-After). */
  status503: number;
  errors: number;
  before: ServerStats;
  after: ServerStats;
  /** Event-loop delay during the run. */
  during: ServerStats['eventLoopDelayMs'];
}

async function run(
  name: string,
  options: {
    port: number;
    observations: number;
    connections: number;
    run: { seconds: number } | { amount: number };
    overallRate?: number;
  },
): Promise<SoakResult> {
  const body = benchRequestBody(options.observations);
  const k = await keys();
  const audience = `http://127.0.0.1:${options.port}${SERVICE_PATH}`;
  // a warm-up of 2,000 requests, then the run; a token per request (a replayed jti is refused)
  const needed = 'amount' in options.run ? options.run.amount + 2000 : options.run.seconds * 1500 + 2000;
  const pool = await tokens('ES256', k.ES256.privateKey, audience, needed);
  const child = await startServer('immunosteward', options.port, { keys: [k.ES256.jwk] });
  try {
    await load(options.port, body, pool.slice(0, 2000), { amount: 2000 }, 32);
    const before = await stats(child);
    const result = await load(
      options.port,
      body,
      pool.slice(2000),
      options.run,
      options.connections,
      options.overallRate,
    );
    const during = (await stats(child)).eventLoopDelayMs;
    const after = await stats(child);
    return {
      name,
      connections: options.connections,
      bodyBytes: Buffer.byteLength(body),
      requests: result.requests,
      rps: result.rps,
      p50: result.p50,
      p99: result.p99,
      max: result.max,
      non2xx: result.non2xx,
      status503: result.status503,
      errors: result.errors,
      before,
      after,
      during,
    };
  } finally {
    await stop(child);
  }
}

export async function benchSoak(quick: boolean): Promise<SoakResult[]> {
  const seconds = quick ? 5 : 20;
  return [
    // 1,000 EHR connections held open, offered less than the service can answer.
    await run('1,000 connections held, 150 req/s offered', {
      port: 18_501,
      observations: 150,
      connections: 1000,
      run: { seconds },
      overallRate: 150,
    }),
    // The same connections, each sending as fast as it is answered: far beyond capacity.
    await run('1,000 connections, closed loop (beyond capacity)', {
      port: 18_502,
      observations: 150,
      connections: 1000,
      run: { seconds },
    }),
    await run(quick ? '10,000 requests' : '100,000 requests', {
      port: 18_503,
      observations: 30,
      connections: 32,
      run: { amount: quick ? 10_000 : 100_000 },
    }),
  ];
}
