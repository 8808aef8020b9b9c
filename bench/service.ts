import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { StageTimes } from './core-call.js';
import type { ProfileShares } from './cpu-profile.js';
import { benchRequestBody } from './service-body.js';

/**
 * The service under load, side by side with the baseline (node:http that only parses the body
 * and verifies the JWT) and the baseline + core (the same plus the service's src/core evaluation
 * and card rendering): autocannon on order-sign with 32 connections, once with ES384 and once
 * with RS384 tokens, plus single-connection latency at microsecond resolution. Every request
 * carries its own pre-signed JWT (the service refuses a replayed jti). Each server reports its
 * CPU and GC time per call over the measured run; the service is then profiled under load.
 */

const ISS = 'https://ehr.example.org';
const SERVICE_PATH = '/cds-services/immunosteward-order-sign';
/** Tokens signed per second of load: above the rates this machine reaches (a replayed jti would show as non-2xx). */
const TOKENS_PER_SECOND = 1200;

export type Alg = 'ES384' | 'RS384' | 'ES256';
export type ServerKind = 'immunosteward' | 'baseline' | 'baseline-core';

/** What a server process spent per call over a measured run (see service-server.ts). */
export interface CallUsage {
  requests: number;
  cpuUs: number;
  gcMs: number;
  gcPauses: number;
  /** The baselines' timed stages, µs per call (verify and parse for both, the rest for baseline-core). */
  stagesUs: StageTimes;
}
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface LoadResult {
  server: ServerKind;
  alg: Alg;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  usage: CallUsage;
}

export interface LatencyResult {
  server: ServerKind;
  alg: Alg;
  requests: number;
  p50us: number;
  p99us: number;
}

export async function keys() {
  const out: Record<Alg, { privateKey: PrivateKey; jwk: object }> = {} as never;
  for (const alg of ['ES384', 'RS384', 'ES256'] as const) {
    const { publicKey, privateKey } = await generateKeyPair(alg);
    out[alg] = {
      privateKey,
      jwk: { ...(await exportJWK(publicKey)), kid: `bench-${alg}`, alg },
    };
  }
  return out;
}

export async function tokens(alg: Alg, key: PrivateKey, audience: string, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      await new SignJWT({})
        .setProtectedHeader({ alg, typ: 'JWT', kid: `bench-${alg}` })
        .setIssuer(ISS)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .setJti(randomUUID())
        .sign(key),
    );
  }
  return out;
}

export function startServer(
  kind: ServerKind,
  port: number,
  jwks: object,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./service-server.js', import.meta.url));
  const child = fork(script, [kind, String(port)], {
    env: { ...process.env, ...env, BENCH_JWKS: JSON.stringify(jwks) },
    // the soak benchmark asks the server for its memory after a full collection
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** Sends a message to a server process and resolves with its answer. */
export function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });
}

async function usage(child: ChildProcess): Promise<CallUsage> {
  const u = await ask<{ requests: number; cpuUs: number; gc: { count: number; ms: number }; stagesUs: StageTimes }>(
    child,
    'usage',
  );
  const per = (total: number) => (u.requests > 0 ? total / u.requests : 0);
  const stagesUs = Object.fromEntries(Object.entries(u.stagesUs).map(([stage, us]) => [stage, per(us)])) as StageTimes;
  return { requests: u.requests, cpuUs: per(u.cpuUs), gcMs: per(u.gc.ms), gcPauses: per(u.gc.count), stagesUs };
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * autocannon on order-sign for `seconds`, or until `amount` requests were answered; closed loop,
 * or at most `overallRate` requests per second over all connections.
 */
export async function load(
  port: number,
  body: string,
  pool: string[],
  run: { seconds: number } | { amount: number },
  connections: number,
  overallRate?: number,
) {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${SERVICE_PATH}`,
    method: 'POST',
    connections,
    ...('seconds' in run ? { duration: run.seconds } : { amount: run.amount }),
    ...(overallRate ? { overallRate } : {}),
    headers: { 'content-type': 'application/json' },
    body,
    requests: [
      {
        setupRequest: (req) => {
          const token = pool[next++ % pool.length];
          return { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    status503: result.statusCodeStats?.['503']?.count ?? 0,
    errors: result.errors + result.timeouts,
    used: next,
  };
}

/** One connection, closed loop, latency per request in microseconds. */
async function latency(port: number, body: string, pool: string[], count: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: SERVICE_PATH,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${pool[i]}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    times.push((performance.now() - started) * 1000);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] as number);
  return { requests: count, p50us: at(0.5), p99us: at(0.99) };
}

export interface ServiceProfile {
  alg: Alg;
  requests: number;
  /** µs per call by part. */
  parts: { part: string; us: number }[];
  busyUs: number;
}

export async function benchService(options: {
  seconds: number;
  warmupSeconds: number;
  latencyRequests: number;
  profileSeconds: number;
}) {
  const body = benchRequestBody();
  const k = await keys();
  const jwks = { keys: [k.ES384.jwk, k.RS384.jwk, k.ES256.jwk] };
  const loads: LoadResult[] = [];
  const latencies: LatencyResult[] = [];
  let profile: ServiceProfile | undefined;
  let port = 18_400;
  for (const alg of ['ES384', 'RS384'] as const) {
    for (const server of ['baseline', 'baseline-core', 'immunosteward'] as const) {
      port += 1;
      const audience = `http://127.0.0.1:${port}${SERVICE_PATH}`;
      const profiled = server === 'immunosteward' && alg === 'RS384';
      // enough unique tokens for the warm-up and the runs at the baseline's measured pace
      const seconds = options.seconds + options.warmupSeconds + (profiled ? options.profileSeconds : 0);
      const needed = Math.ceil(seconds * TOKENS_PER_SECOND) + options.latencyRequests;
      const pool = await tokens(alg, k[alg].privateKey, audience, needed);
      let used = 0;
      const take = (n: number) => {
        used += n;
        return pool.slice(used - n, used);
      };
      const child = await startServer(server, port, jwks);
      try {
        await load(
          port,
          body,
          take(Math.ceil(options.warmupSeconds * TOKENS_PER_SECOND)),
          {
            seconds: options.warmupSeconds,
          },
          32,
        );
        await ask(child, 'usage-reset');
        const run = await load(
          port,
          body,
          take(Math.ceil(options.seconds * TOKENS_PER_SECOND)),
          {
            seconds: options.seconds,
          },
          32,
        );
        loads.push({
          server,
          alg,
          rps: run.rps,
          p50: run.p50,
          p99: run.p99,
          non2xx: run.non2xx,
          errors: run.errors,
          usage: await usage(child),
        });
        if (alg === 'RS384' || server !== 'baseline') {
          const lat = await latency(port, body, take(options.latencyRequests), options.latencyRequests);
          latencies.push({ server, alg, ...lat });
        }
        if (profiled) {
          await ask(child, 'profile-start');
          await ask(child, 'usage-reset');
          await load(
            port,
            body,
            take(Math.ceil(options.profileSeconds * TOKENS_PER_SECOND)),
            {
              seconds: options.profileSeconds,
            },
            32,
          );
          const { requests } = await usage(child);
          const shares = await ask<ProfileShares>(child, 'profile-stop');
          const per = (us: number) => us / Math.max(1, requests);
          profile = {
            alg,
            requests,
            busyUs: per(shares.busyUs),
            parts: shares.parts.map((p) => ({ part: p.part, us: per(p.us) })),
          };
        }
      } finally {
        await stop(child);
      }
    }
  }
  return { bodyBytes: Buffer.byteLength(body), loads, latencies, profile };
}
