import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../../cds-hooks/http/server.js';
import { createLogger } from '../../../cds-hooks/logger.js';
import { SqliteFeedbackStore } from '../../../cds-hooks/store/sqlite.js';
import { siteConfigSchema } from '../../../src/core/config/schema.js';
import { type CardLike, firedRules } from '../../helpers/cards.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { medicationRequest } from '../../helpers/orders.js';
import { BASE, orderSignRequest, sign, startService, testConfig } from '../../helpers/service.js';

/**
 * What protects the service itself: nesting and rate limits, overload shedding, slow clients,
 * graceful shutdown; and what informatics teams change while it runs: reload and tenants.
 */

const healthy = loadFixture('patient-healthy.json') as Parameters<typeof orderSignRequest>[0];
const lysate = medicationRequest({ id: 'd-lysate', status: 'draft', text: 'Бронхо-мунал 7 мг', patient: 'healthy-1' });
const ORDER_SIGN = 'immunosteward-order-sign';
const topics = (cards: CardLike[]) => firedRules(cards);
const request = () => orderSignRequest(healthy, [lysate], 'healthy-1');

type Service = Awaited<ReturnType<typeof startService>>;
const started: Service[] = [];
async function service(...args: Parameters<typeof startService>): Promise<Service> {
  const s = await startService(...args);
  started.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.app.close()));
});

function nested(depth: number): string {
  return `{"hook":"order-sign","extension":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

describe('JSON nesting limit', () => {
  it('refuses a body nested deeper than server.maxJsonDepth with 400 naming the limit', async () => {
    const { call } = await service({ server: { maxJsonDepth: 32 } });
    for (const depth of [33, 10_000, 500_000]) {
      const res = await call(ORDER_SIGN, nested(depth));
      expect(res.statusCode).toBe(400);
      expect(res.json().issue[0].diagnostics).toBe('the request body nests deeper than 32 levels');
    }
  });

  it('counts brackets inside strings as text, not nesting', async () => {
    const { call } = await service({ server: { maxJsonDepth: 32 } });
    const body = request();
    (body.context as Record<string, unknown>).note = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{\\"';
    const res = await call(ORDER_SIGN, body);
    expect(res.statusCode).toBe(200);
  });

  it('accepts real FHIR requests at the default limit', async () => {
    const { call } = await service();
    const res = await call(ORDER_SIGN, request());
    expect(res.statusCode).toBe(200);
    expect(topics(res.json().cards)).toContain('booster-not-indicated');
  });
});

describe('per-IP rate limit', () => {
  it('answers 429 with an OperationOutcome and Retry-After once an address exceeds its budget', async () => {
    const { app } = await service({ server: { rateLimit: { max: 3, windowSeconds: 60 } } });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof app.inject>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.1.2.3' });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last?.headers['retry-after']).toBeDefined();
    expect(last?.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'throttled' }] });
    // another address keeps its own budget
    expect((await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
  });

  it('never limits allow-listed addresses, and can be switched off', async () => {
    const listed = await service({ server: { rateLimit: { max: 1, allowList: ['10.1.2.3'] } } });
    const off = await service({ server: { rateLimit: { enabled: false, max: 1 } } });
    for (let i = 0; i < 4; i++) {
      expect((await listed.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.1.2.3' })).statusCode).toBe(
        200,
      );
      expect((await off.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.1.2.3' })).statusCode).toBe(
        200,
      );
    }
  });
});

describe('overload', () => {
  it('sheds load with 503 and Retry-After while the event loop lags, then recovers', async () => {
    // The threshold is far above what a loaded CI machine adds to the mean delay by itself.
    const { app, call } = await service({ server: { overload: { maxEventLoopDelayMs: 150, retryAfterSeconds: 7 } } });
    await app.ready();
    // Block the loop in slices for longer than the sampler's 1 s interval.
    const until = Date.now() + 2000;
    while (Date.now() < until) {
      const sliceEnd = Date.now() + 400;
      while (Date.now() < sliceEnd) {
        // busy: the event loop cannot run
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const res = await call(ORDER_SIGN, request());
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'transient' }] });
    // Recovery at the next samples (1 s apart) once the loop runs freely again.
    const shedUntil = Date.now();
    let status = 503;
    while (status === 503 && Date.now() - shedUntil < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await call(ORDER_SIGN, request())).statusCode;
    }
    expect(status).toBe(200);
  }, 30_000);
});

/** A client on a raw socket: what it sends is up to the test; resolves when the server closes. */
function rawClient(port: number, text: string) {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  let received = '';
  socket.on('data', (data: Buffer) => {
    received += data.toString();
  });
  socket.write(text);
  const answer = new Promise<{ statusLine: string; body: string; closedAt: number }>((resolve) => {
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({ statusLine: head.split('\r\n')[0] ?? '', body, closedAt: Date.now() });
    });
  });
  return { socket, answer };
}

describe('slow clients and shutdown', () => {
  it('sets the request and keep-alive timeouts of the HTTP server from the configuration', async () => {
    const { app } = await service({ server: { requestTimeoutMs: 1234, keepAliveTimeoutMs: 4321 } });
    await app.ready();
    expect(app.server.requestTimeout).toBe(1234);
    expect(app.server.keepAliveTimeout).toBe(4321);
  });

  it('closes connections whose headers or body stall or trickle past server.requestTimeoutMs, answering meanwhile', async () => {
    const s = await service({ server: { requestTimeoutMs: 1000 } });
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const head = `POST /cds-services/${ORDER_SIGN} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`;
    const kinds = [
      'stalled headers',
      'stalled body',
      'trickled body',
      'trickled body after a 415',
      'trickled body after a 401',
    ] as const;
    const body = 'Content-Length: 100000\r\n\r\n{"hook":';
    // The token is checked before the body is read: only an authenticated call waits for its body.
    const tokens = await Promise.all(Array.from({ length: 160 }, () => sign(`${BASE}/cds-services/${ORDER_SIGN}`)));
    const started = Date.now();
    const clients = Array.from({ length: 160 }, (_, i) => {
      const kind = kinds[i % kinds.length] as (typeof kinds)[number];
      const authorized = `${head}Authorization: Bearer ${tokens[i]}\r\n`;
      const text =
        kind === 'stalled headers'
          ? authorized
          : kind === 'trickled body after a 415'
            ? `${authorized.replace('application/json', 'text/plain')}${body}`
            : kind === 'trickled body after a 401'
              ? `${head}${body}`
              : `${authorized}${body}`;
      const client = rawClient(port, text);
      // A byte every 100 ms: an idle-socket timeout would never fire.
      if (kind.startsWith('trickled')) {
        const trickle = setInterval(() => client.socket.writable && client.socket.write(' '), 100);
        void client.answer.finally(() => clearInterval(trickle));
      }
      return { kind, ...client };
    });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${address}/cds-services/${ORDER_SIGN}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await sign(`${BASE}/cds-services/${ORDER_SIGN}`)}`,
        },
        body: JSON.stringify(request()),
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    const answers = await Promise.all(clients.map((c) => c.answer));
    expect(statuses).toEqual(Array(10).fill(200));
    // A refused call's connection is closed with its answer; the others wait for the timeout.
    const refused = answers.filter((_, i) => clients[i]?.kind.endsWith('401'));
    const closedMs = answers.filter((a) => !refused.includes(a)).map((a) => a.closedAt - started);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expect(answer.closedAt - started).toBeLessThan(990);
    for (const [i, answer] of answers.entries()) {
      const kind = clients[i]?.kind ?? '';
      // A byte trickled after the server closed resets the connection, which may discard the
      // answer before the client reads it (TCP, not the service); clients that went quiet always read it.
      if (kind.startsWith('trickled') && answer.statusLine === '') continue;
      const [status, code] = kind.endsWith('415')
        ? ['415 Unsupported Media Type', 'not-supported']
        : kind.endsWith('401')
          ? ['401 Unauthorized', 'security']
          : ['408 Request Timeout', 'timeout'];
      expect(answer.statusLine).toBe(`HTTP/1.1 ${status}`);
      expect(JSON.parse(answer.body)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code }] });
    }
    // Not before the timeout; within it plus Node's 1 s check interval and a bound for a busy machine.
    expect(Math.min(...closedMs)).toBeGreaterThanOrEqual(990);
    expect(Math.max(...closedMs)).toBeLessThan(1000 + 1000 + 3000);
    console.log(
      `slow clients: ${clients.length} connections (${kinds.map((k) => `${clients.filter((c) => c.kind === k).length} ${k}`).join(', ')}) closed after ${(Math.min(...closedMs) / 1000).toFixed(1)}–${(Math.max(...closedMs) / 1000).toFixed(1)} s (requestTimeoutMs 1,000), ${answers.filter((a) => a.statusLine !== '').length} read their OperationOutcome (408, or 415 and 401 sent at once); ${statuses.length} valid calls answered 200 meanwhile`,
    );
  });

  it('answers broken HTTP and oversized headers with an OperationOutcome and closes the connection', async () => {
    const s = await service();
    const port = Number(new URL(await s.app.listen({ port: 0, host: '127.0.0.1' })).port);
    const broken = await rawClient(port, 'HELLO /cds-services\r\n\r\n').answer;
    expect(broken.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(broken.body)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'structure' }] });
    const huge = await rawClient(port, `GET /cds-services HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`)
      .answer;
    expect(huge.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(huge.body)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'too-long' }] });
  });

  it.each([
    ['413 to a chunked body past the limit', true, '413 Payload Too Large', 'too-long'],
    ['401 to a chunked body without a token', false, '401 Unauthorized', 'security'],
  ])('answers %s and closes the connection without reading the rest', async (_name, authorized, status, code) => {
    const s = await service();
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const authorization = authorized
      ? `Authorization: Bearer ${await sign(`${BASE}/cds-services/${ORDER_SIGN}`)}\r\n`
      : '';
    const client = rawClient(
      Number(new URL(address).port),
      `POST /cds-services/${ORDER_SIGN} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${authorization}Transfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = Buffer.alloc(1 << 16, 0x20);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    let sent = 0;
    let closed = false;
    void client.answer.then(() => {
      closed = true;
    });
    // Up to 100 MiB, as fast as the server takes it.
    while (!closed && sent < 100 * 2 ** 20) {
      sent += chunk.length;
      if (!client.socket.write(frame)) {
        await new Promise((resolve) => {
          client.socket.once('drain', resolve);
          client.socket.once('close', resolve);
        });
      }
    }
    const answer = await client.answer;
    // The limit is 5 MB; what was sent beyond it sat in socket buffers when the server closed.
    expect(sent).toBeLessThan(32 * 2 ** 20);
    // Closing with the client's bytes still unread resets the connection, and a reset may discard
    // the answer before this client reads it (TCP, not the service): when it arrived, it is the expected one.
    if (answer.statusLine !== '') {
      expect(answer.statusLine).toBe(`HTTP/1.1 ${status}`);
      expect(JSON.parse(answer.body)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code }] });
    }
  });

  it('finishes an in-flight call on close, refuses new ones, and closes the store', async () => {
    const s = await startService();
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const body = Buffer.from(JSON.stringify(request()));
    const token = await sign(`${BASE}/cds-services/${ORDER_SIGN}`);
    const arrived = new Promise((resolve) => s.app.server.once('request', resolve));
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/cds-services/${ORDER_SIGN}`,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      // Half the body now, the rest once the server is closing: the call is in flight.
      req.write(body.subarray(0, body.length / 2));
      void arrived.then(() => {
        closing = s.app.close();
        setTimeout(() => req.end(body.subarray(body.length / 2)), 50);
      });
    });
    let closing: Promise<void> | undefined;
    const res = await answer;
    expect(res.status).toBe(200);
    expect(topics((JSON.parse(res.body) as { cards: never[] }).cards)).toContain('booster-not-indicated');
    await closing;
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
    expect(() => s.store.query('SELECT 1')).toThrow(/not open/);
  });
});

describe('store outage', () => {
  it('answers 503 with Retry-After, not 401, when the JWT replay cache cannot be reached', async () => {
    const config = await testConfig();
    const app = await buildServer({
      config,
      store: new SqliteFeedbackStore(':memory:'),
      logger: createLogger('silent'),
      replay: {
        remember: () => {
          throw new Error('connection terminated');
        },
      },
    });
    const url = `/cds-services/${ORDER_SIGN}`;
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign(`${BASE}${url}`)}` },
      payload: JSON.stringify(request()),
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'transient' }] });
    await app.close();
  });
});

describe('configuration reload', () => {
  it('applies rule switches to the next call and reports sections that need a restart', async () => {
    const { app, call, config } = await service();
    expect(topics((await call(ORDER_SIGN, request())).json().cards)).toContain('booster-not-indicated');
    const next = siteConfigSchema.parse({
      ...config,
      rules: { ...config.rules, 'booster-not-indicated': { enabled: false } },
      server: { ...config.server, port: 9999 },
    });
    expect(app.reloadConfig(next).restartNeeded).toEqual(['server']);
    const cards = (await call(ORDER_SIGN, request())).json().cards;
    expect(topics(cards)).not.toContain('booster-not-indicated');
    expect(topics(cards)).toContain('course-unbounded');
  });

  it('takes new trusted issuers without a restart', async () => {
    const { app, call, config } = await service();
    app.reloadConfig(siteConfigSchema.parse({ ...config, auth: { ...config.auth, trustedIssuers: [] } }));
    expect((await call(ORDER_SIGN, request())).statusCode).toBe(401);
  });
});

describe('per-tenant overrides', () => {
  const tenants = {
    'clinic-b': {
      rules: { 'booster-not-indicated': { enabled: false }, 'course-unbounded': { indicator: 'critical' } },
      app: { linkType: 'absolute', launchUrl: 'https://clinic-b.example.org/app/launch.html' },
    },
  } as const;

  it('runs the rules and links of the tenant named in the JWT; other tenants keep the site settings', async () => {
    const { call } = await service({ tenants } as never);
    const audience = `${BASE}/cds-services/${ORDER_SIGN}`;
    const clinicB = (await call(ORDER_SIGN, request(), await sign(audience, { claims: { tenant: 'clinic-b' } }))).json()
      .cards as { indicator: string; source: { topic: { code: string } }; links?: { type: string; url: string }[] }[];
    expect(topics(clinicB)).toEqual(['course-unbounded']);
    expect(clinicB[0]?.indicator).toBe('critical');
    for (const link of clinicB.flatMap((c) => c.links ?? [])) {
      expect(link.type).toBe('absolute');
      expect(link.url.startsWith('https://clinic-b.example.org/app/launch.html')).toBe(true);
    }
    // hospital-a: the issuer's default tenant, no overrides
    const site = (await call(ORDER_SIGN, request())).json().cards;
    expect(topics(site)).toEqual(['booster-not-indicated', 'course-unbounded']);
  });

  it('refuses an override that does not validate, naming the tenant key path', async () => {
    await expect(testConfig({ tenants: { x: { thresholds: { deficit: { cd4: -1 } } } } } as never)).rejects.toThrow(
      /tenants\.x\.thresholds\.deficit\.cd4|"path":\s*\[\s*"tenants"/,
    );
  });
});

describe('call records', () => {
  it('counts every call per service with its status for the analytics, without payload', async () => {
    const { call, store } = await service();
    await call(ORDER_SIGN, request());
    await call(ORDER_SIGN, { hook: 'order-sign' });
    await call(ORDER_SIGN, request(), null);
    const { prefetch: _omit, ...unprefetched } = request();
    await call(ORDER_SIGN, { ...unprefetched, fhirServer: undefined });
    const now = Date.now();
    const analytics = await store.analytics({
      from: new Date(now - 60_000).toISOString(),
      to: new Date(now + 60_000).toISOString(),
    });
    expect(analytics.services).toEqual([
      expect.objectContaining({ service: ORDER_SIGN, invocations: 4, status412: 1, status4xx: 2, status5xx: 0 }),
    ]);
  });
});
