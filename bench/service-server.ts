import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { JWK } from 'jose';
import { MemoryReplayCache } from '../cds-hooks/auth/replay-cache.js';
import { buildServer } from '../cds-hooks/http/server.js';
import { createLogger } from '../cds-hooks/logger.js';
import { SqliteFeedbackStore } from '../cds-hooks/store/sqlite.js';
import { siteConfigSchema } from '../src/core/config/schema.js';
import { coreCards, cpuMicros, emptyStageTimes } from './core-call.js';
import { profileShares, startProfile, topFunctions } from './cpu-profile.js';

/**
 * A server process for the service benchmark: `immunosteward` (the real service), `baseline`
 * (node:http doing only the unavoidable work: parse the body, verify the JWT signature with
 * node:crypto, return a fixed card) or `baseline-core` (the baseline plus the same src/core
 * evaluation and card rendering as the service, no framework). Args: kind port; env BENCH_JWKS:
 * the issuer's public keys. On IPC request it reports its CPU, GC and stage times per call.
 */

const [kind, portArg] = process.argv.slice(2);
const port = Number(portArg);
const jwks = JSON.parse(process.env.BENCH_JWKS ?? '{"keys":[]}') as { keys: JWK[] };
const ISS = 'https://ehr.example.org';
/** The FHIR server the service may read when a call comes without prefetch (the fallback benchmark). */
const fhirServer = process.env.BENCH_FHIR_SERVER;

const FIXED = JSON.stringify({
  cards: [
    {
      uuid: '5b2c2d8e-2f07-4a1c-9d6f-0c8b8f0f3a11',
      summary: 'Baseline card',
      indicator: 'info',
      source: { label: 'baseline', topic: { system: 'urn:immunosteward:rule', code: 'baseline' } },
    },
  ],
});

/** Stage CPU times of the baseline servers (µs), summed since the last 'usage-reset'. */
let stages = emptyStageTimes();

function baseline(withCore: boolean) {
  const keys = new Map(jwks.keys.map((k) => [k.kid as string, createPublicKey({ key: k as never, format: 'jwk' })]));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const t0 = cpuMicros();
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const t1 = cpuMicros();
        const token = (req.headers.authorization ?? '').slice(7);
        const [h, p, s] = token.split('.') as [string, string, string];
        const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg: string; kid: string };
        const key = keys.get(header.kid);
        const ok =
          key !== undefined &&
          cryptoVerify(
            'sha384',
            Buffer.from(`${h}.${p}`),
            header.alg.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' } : key,
            Buffer.from(s, 'base64url'),
          );
        stages.parse += t1 - t0;
        stages.verify += cpuMicros() - t1;
        const answer = ok ? (withCore ? coreCards(body, stages, new Date()) : FIXED) : '{}';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(answer);
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  server.listen(port, '127.0.0.1', () => process.send?.('ready'));
  return server;
}

async function immunosteward() {
  const config = siteConfigSchema.parse({
    // One loopback client: the per-IP rate limit would refuse the load generator.
    server: { publicUrl: `http://127.0.0.1:${port}`, rateLimit: { enabled: false } },
    auth: { trustedIssuers: [{ iss: ISS, jwks }], algorithms: ['ES384', 'RS384', 'ES256'] },
    ...(fhirServer ? { fhir: { allowedServers: [fhirServer] } } : {}),
    feedback: { store: ':memory:' },
    logging: { level: 'warn' },
  });
  const app = await buildServer({
    config,
    logger: createLogger('warn'),
    // A file, as in production: an in-memory database would count every card and call record in RSS.
    store: new SqliteFeedbackStore(join(mkdtempSync(join(tmpdir(), 'immunosteward-bench-')), 'feedback.sqlite')),
    replay: new MemoryReplayCache(),
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.send?.('ready');
  return app.server;
}

/** Garbage collection since the last 'usage-reset': pauses and their total time. */
let gc = { count: 0, ms: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.ms += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

let served = 0;
let cpuSince = process.cpuUsage();
let profile: Awaited<ReturnType<typeof startProfile>> | undefined;

/**
 * 'usage-reset' starts a measurement; 'usage' answers requests served, CPU (user + system) and
 * GC since then, and the baselines' stage times. 'profile-start'/'profile-stop' sample the CPU
 * and answer where its time went, by part.
 */
process.on('message', async (message) => {
  if (message === 'usage-reset') {
    served = 0;
    gc = { count: 0, ms: 0 };
    stages = emptyStageTimes();
    cpuSince = process.cpuUsage();
    process.send?.('reset');
  } else if (message === 'usage') {
    const cpu = process.cpuUsage(cpuSince);
    process.send?.({ requests: served, cpuUs: cpu.user + cpu.system, gc, stagesUs: stages });
  } else if (message === 'profile-start') {
    profile = await startProfile();
    process.send?.('profiling');
  } else if (message === 'profile-stop' && profile) {
    const sampled = await profile.stop();
    process.send?.({ ...profileShares(sampled), top: topFunctions(sampled, 40) });
    profile = undefined;
  }
});

/** On 'stats': memory after a full collection and the event-loop delay since the last 'stats'. */
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.on('message', (message) => {
  if (message !== 'stats') return;
  (globalThis as { gc?: () => void }).gc?.();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const memory = process.memoryUsage();
  process.send?.({
    rssMb: Math.round(memory.rss / 2 ** 20),
    heapMb: Math.round(memory.heapUsed / 2 ** 20),
    externalMb: Math.round(memory.external / 2 ** 20),
    eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
  });
  delay.reset();
});

const listening = kind === 'immunosteward' ? await immunosteward() : baseline(kind === 'baseline-core');
listening.on('request', () => served++);
