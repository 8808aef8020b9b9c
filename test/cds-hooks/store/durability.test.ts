import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  freePort,
  type ServiceProcess,
  sleep,
  spawnService,
  stopChildren,
  until,
} from '../../helpers/child-service.js';
import { EHR_ISS, sign, testKeys } from '../../helpers/service.js';

/**
 * Durability of acknowledged feedback (issue 7): the built service runs as a child process with a
 * SQLite store; concurrent EHR clients post feedback; the process is killed with SIGKILL in the
 * middle of the load and restarted on the same file; the clients retry what failed, as an EHR
 * would. Every acknowledged post must be in the file exactly once, and nothing else.
 */

const SERVICE = 'immunosteward-order-sign';
const KILLS = 3;
const CLIENTS = 24;
/** Acknowledged posts in each run before it is killed (and in the last run before it stops). */
const ACKS_PER_RUN = 400;
/** Tokens signed while the first process starts; more are signed on demand. */
const PRESIGNED = 1024;
/** Generous bounds that only prove "it finishes", never a speed. */
const RUN_TIMEOUT_MS = 20_000;
const DRAIN_TIMEOUT_MS = 10_000;

const workDir = mkdtempSync(join(tmpdir(), 'immunosteward-durability-'));

afterAll(async () => {
  await stopChildren();
  rmSync(workDir, { recursive: true, force: true });
});

/** One feedback item per post: a unique card uuid and outcome timestamp. */
function feedbackItem(i: number) {
  const card = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const outcomeTimestamp = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
  return i % 2 === 0
    ? { card, outcome: 'accepted' as const, acceptedSuggestions: [{ id: 'stop-course' }], outcomeTimestamp }
    : {
        card,
        outcome: 'overridden' as const,
        overrideReason: { reason: { system: 'https://example.org/override', code: 'benefit-outweighs-risk' } },
        outcomeTimestamp,
      };
}

const keyOf = (card: string, outcome: string, outcomeTimestamp: string) => `${card} ${outcome} ${outcomeTimestamp}`;

interface Delivery {
  key: string;
  body: string;
  attempts: number;
  acknowledged: boolean;
  /** `stored` of the 200 answer: 0 when an earlier attempt had been written before its answer was lost. */
  stored?: number;
}

/** JWTs for the feedback endpoint, signed ahead so that signing does not limit the load. */
class TokenPool {
  private readonly tokens: string[] = [];

  constructor(private readonly audience: string) {}

  async fill(count: number): Promise<void> {
    const batch = 256;
    for (let i = 0; i < count; i += batch) {
      this.tokens.push(...(await Promise.all(Array.from({ length: batch }, () => sign(this.audience)))));
    }
  }

  next(): Promise<string> {
    const token = this.tokens.pop();
    return token ? Promise.resolve(token) : sign(this.audience);
  }
}

/** EHR clients on keep-alive connections, each posting one new feedback item after another. */
class FeedbackLoad {
  readonly deliveries: Delivery[] = [];
  /** performance.now() of each acknowledgement. */
  readonly acknowledgedAt: number[] = [];
  /** Attempts that failed (connection refused or reset, 5xx) and were retried. */
  failedAttempts = 0;
  /** Answers that must not be retried (4xx): none are expected. */
  readonly refused: number[] = [];
  private stopping = false;
  private giveUpAt = Number.POSITIVE_INFINITY;
  private clients: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly tokens: TokenPool,
  ) {}

  start(clients: number): void {
    this.clients = Array.from({ length: clients }, () => this.client());
  }

  /** Stops new items; what is pending is retried until acknowledged (or the drain times out). */
  async stop(drainTimeoutMs: number): Promise<void> {
    this.stopping = true;
    this.giveUpAt = Date.now() + drainTimeoutMs;
    await Promise.all(this.clients);
  }

  private async client(): Promise<void> {
    while (!this.stopping) await this.deliver(this.nextDelivery());
  }

  private nextDelivery(): Delivery {
    const item = feedbackItem(this.deliveries.length);
    const delivery: Delivery = {
      key: keyOf(item.card, item.outcome, item.outcomeTimestamp),
      body: JSON.stringify({ feedback: [item] }),
      attempts: 0,
      acknowledged: false,
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  private async deliver(delivery: Delivery): Promise<void> {
    let backoffMs = 10;
    while (Date.now() < this.giveUpAt) {
      delivery.attempts++;
      const result = await this.post(delivery);
      if (result !== 'retry') return;
      this.failedAttempts++;
      await sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 200);
    }
  }

  private async post(delivery: Delivery): Promise<'acknowledged' | 'refused' | 'retry'> {
    // A new JWT for every attempt, as an EHR signs every request (a jti is never reused).
    const token = await this.tokens.next();
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: delivery.body,
        signal: AbortSignal.timeout(5000),
      });
      const text = await res.text();
      if (res.ok) {
        delivery.acknowledged = true;
        delivery.stored = (JSON.parse(text) as { stored: number }).stored;
        this.acknowledgedAt.push(performance.now());
        return 'acknowledged';
      }
      if (res.status === 429 || res.status >= 500) return 'retry';
      this.refused.push(res.status);
      return 'refused';
    } catch {
      return 'retry';
    }
  }
}

/** The most acknowledgements within any one-second window. */
function peakPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= 1000) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

describe('durability: acknowledged feedback survives kill -9', () => {
  it(`every acknowledged post is stored exactly once across ${KILLS} kill -9 and restarts`, async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const store = join(workDir, 'feedback.sqlite');
    const configFile = join(workDir, 'site.yaml');
    const { ES384 } = await testKeys();
    writeFileSync(
      configFile,
      stringify({
        // The load comes from one address, far above an EHR's rate: not what this test is about.
        server: { port, publicUrl, rateLimit: { enabled: false } },
        auth: { trustedIssuers: [{ iss: EHR_ISS, jwks: { keys: [ES384.publicJwk] }, tenant: 'durability' }] },
        feedback: { store },
        logging: { level: 'info' },
      }),
    );
    const url = `${publicUrl}/cds-services/${SERVICE}/feedback`;
    const tokens = new TokenPool(url);
    let service: ServiceProcess;
    [service] = await Promise.all([spawnService(configFile), tokens.fill(PRESIGNED)]);

    const load = new FeedbackLoad(url, tokens);
    const started = performance.now();
    load.start(CLIENTS);
    const acknowledged = () => load.acknowledgedAt.length;
    const failuresAfterKill: number[] = [];
    const restartSeconds: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const from = acknowledged();
      await until(() => acknowledged() - from >= ACKS_PER_RUN, RUN_TIMEOUT_MS, `run ${kill}`);
      const failedBefore = load.failedAttempts;
      service.child.kill('SIGKILL');
      expect(await service.closed).toEqual({ code: null, signal: 'SIGKILL' });
      const killedAt = performance.now();
      service = await spawnService(configFile);
      restartSeconds.push((performance.now() - killedAt) / 1000);
      const restartedAt = acknowledged();
      await until(() => acknowledged() > restartedAt, RUN_TIMEOUT_MS, `the first post after restart ${kill}`);
      failuresAfterKill.push(load.failedAttempts - failedBefore);
    }
    const from = acknowledged();
    await until(() => acknowledged() - from >= ACKS_PER_RUN, RUN_TIMEOUT_MS, 'the last run');
    await load.stop(DRAIN_TIMEOUT_MS);
    const seconds = (performance.now() - started) / 1000;
    service.child.kill('SIGTERM');
    expect(await service.closed).toEqual({ code: 0, signal: null });

    const db = new Database(store, { readonly: true, fileMustExist: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db.prepare('SELECT card_uuid AS card, outcome, outcome_timestamp AS ts FROM feedback').all() as {
      card: string;
      outcome: string;
      ts: string;
    }[];
    db.close();

    const copies = new Map<string, number>();
    for (const r of rows) {
      const key = keyOf(r.card, r.outcome, r.ts);
      copies.set(key, (copies.get(key) ?? 0) + 1);
    }
    const posted = new Set(load.deliveries.map((d) => d.key));
    const acked = load.deliveries.filter((d) => d.acknowledged);
    const retried = acked.filter((d) => d.attempts > 1);
    const figures = {
      acknowledged: acked.length,
      foundOnce: acked.filter((d) => copies.get(d.key) === 1).length,
      lost: acked.filter((d) => !copies.has(d.key)).length,
      duplicated: [...copies.values()].filter((n) => n > 1).length,
      neverPosted: [...copies.keys()].filter((k) => !posted.has(k)).length,
      retriedFoundOnce: retried.filter((d) => copies.get(d.key) === 1).length,
      peak: peakPerSecond(load.acknowledgedAt),
    };
    console.log(
      `durability: ${KILLS} kill -9 runs, ${figures.acknowledged} feedback acknowledged, ${figures.foundOnce} found exactly once, ${figures.lost} lost, ${figures.duplicated} duplicated, peak ${figures.peak} posts/s`,
    );
    console.log(
      `durability: ${CLIENTS} clients, ${load.failedAttempts} failed attempts retried (${failuresAfterKill.join(', ')} after each kill), ` +
        `${retried.length} posts acknowledged after a retry, ${acked.filter((d) => d.stored === 0).length} of them already stored before the kill, ` +
        `${rows.length} rows; restart to listening ${restartSeconds.map((s) => s.toFixed(1)).join(', ')} s; ${seconds.toFixed(1)} s of load`,
    );

    expect(load.refused).toEqual([]);
    // Nothing is left unacknowledged: the clients retried until the restarted service answered.
    expect(acked).toHaveLength(load.deliveries.length);
    expect(figures).toMatchObject({
      foundOnce: acked.length,
      lost: 0,
      duplicated: 0,
      neverPosted: 0,
      retriedFoundOnce: retried.length,
    });
    expect(rows).toHaveLength(acked.length);
    // Each kill landed in the middle of the load: requests in flight failed and were retried.
    for (const failures of failuresAfterKill) expect(failures).toBeGreaterThan(0);
    expect(retried.length).toBeGreaterThan(0);
  }, 90_000);
});
