import { createPublicKey, verify as cryptoVerify, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { JwtVerifier } from '../cds-hooks/auth/jwt.js';
import { MemoryReplayCache } from '../cds-hooks/auth/replay-cache.js';
import { validateHookRequest } from '../cds-hooks/http/hook-request.js';
import { scanJson } from '../cds-hooks/http/json-depth.js';
import { SqliteFeedbackStore } from '../cds-hooks/store/sqlite.js';
import { siteConfigSchema } from '../src/core/config/schema.js';
import { keys, tokens } from './service.js';
import { benchRequestBody } from './service-body.js';
import { median } from './util.js';

/**
 * What the service does per order-sign beyond the baseline + core, each piece measured alone in
 * this process (CPU µs per call, `process.cpuUsage`, median of rounds): the JSON pre-scan, JWT
 * verification through the service's verifier (its key known: node:crypto, jose's claims checks,
 * replay cache) beside bare node:crypto, request validation, and the card and call records
 * written to SQLite as the store batches them (one flush per 100 calls here; every 250 ms in service).
 */

const ISS = 'https://ehr.example.org';
const AUDIENCE = 'http://127.0.0.1:1/cds-services/immunosteward-order-sign';

function cpuPerCall(calls: number, fn: (i: number) => void): number {
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i++) fn(i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / calls;
}

async function cpuPerCallAsync(calls: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i++) await fn(i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / calls;
}

export interface OverheadPart {
  part: string;
  us: number;
}

export async function benchServiceOverhead(rounds: number, calls: number): Promise<OverheadPart[]> {
  const text = benchRequestBody();
  const body = JSON.parse(text) as unknown;
  const k = await keys();
  const jwk = k.RS384.jwk as JWK;
  const config = siteConfigSchema.parse({
    server: { publicUrl: 'http://127.0.0.1:1' },
    auth: { trustedIssuers: [{ iss: ISS, jwks: { keys: [jwk] } }], algorithms: ['RS384'] },
  });
  const pool = await tokens('RS384', k.RS384.privateKey, AUDIENCE, (rounds + 1) * calls * 2);
  const verifier = new JwtVerifier(config.auth, new MemoryReplayCache());
  const publicKey = createPublicKey({ key: jwk as never, format: 'jwk' });
  const store = new SqliteFeedbackStore(join(mkdtempSync(join(tmpdir(), 'immunosteward-bench-')), 'f.sqlite'), {
    flushMs: 3_600_000,
  });
  const card = () => ({
    uuid: randomUUID(),
    rule: 'booster-not-indicated',
    indicator: 'warning',
    rules: [
      { rule: 'booster-not-indicated', indicator: 'warning' },
      { rule: 'course-unbounded', indicator: 'info' },
    ],
  });
  const samples = new Map<string, number[]>();
  const add = (part: string, us: number) => samples.set(part, [...(samples.get(part) ?? []), us]);
  for (let round = 0; round <= rounds; round++) {
    const keep = round > 0;
    const scan = cpuPerCall(calls, () => scanJson(text, config.server.maxJsonDepth));
    const jose = await cpuPerCallAsync(calls, () => verifier.verify(`Bearer ${pool.pop()}`, AUDIENCE));
    const bare = cpuPerCall(calls, () => {
      const [h, p, s] = (pool.pop() as string).split('.') as [string, string, string];
      cryptoVerify('sha384', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'));
    });
    const validate = cpuPerCall(calls, () => {
      if ('problems' in validateHookRequest(body, 'order-sign')) throw new Error('the benchmark body is invalid');
    });
    // three cards of two rules each and one call record, flushed every 100 calls
    const records = cpuPerCall(calls, (i) => {
      store.recordCards([card(), card(), card()], { service: 'immunosteward-order-sign', hookInstance: randomUUID() });
      store.recordInvocation({ service: 'immunosteward-order-sign', status: 200, durationMs: 3 });
      if (i % 100 === 99) store.flush();
    });
    if (!keep) continue;
    add('JSON pre-scan (depth and prototype keys, `http/json-depth.ts`)', scan);
    add("JWT through the service's verifier (key known: node:crypto, jose's claims checks, replay cache), RS384", jose);
    add('… the same signature by bare node:crypto (the baselines)', bare);
    add('request validation (zod, `http/hook-request.ts`)', validate);
    add('card and call records into SQLite (3 cards, 6 fired rules, 1 call; `store/`)', records);
  }
  await store.close();
  return [...samples].map(([part, us]) => ({ part, us: median(us) }));
}
