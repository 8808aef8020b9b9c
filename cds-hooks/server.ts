import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { SiteConfig } from '../src/core/config/schema.js';
import { readResources } from '../src/core/fhir/parse.js';
import { buildPatientContext, recognizeDraftOrders } from '../src/core/rules/context.js';
import { evaluate, evaluateCurrent } from '../src/core/rules/engine.js';
import { adminRoutes } from './admin-routes.js';
import { AuthError, type Caller, MemoryReplayCache, type ReplayCache } from './auth.js';
import { type Card, type CardContext, findingToCard, summaryCard } from './cards.js';
import { type DemoRoutesOptions, demoRoutes } from './demo-routes.js';
import { errorSummary, type FeedbackStore, feedbackRequest } from './feedback.js';
import { bodyPath, validateHookRequest } from './hook-request.js';
import { exceedsJsonDepth } from './json-depth.js';
import { createLogger } from './logger.js';
import { type IssueType, operationOutcome, outcome } from './operation-outcome.js';
import { resolvePrefetch } from './prefetch.js';
import { Runtime } from './runtime.js';
import { discovery, serviceById } from './services.js';
import { openStore } from './store.js';

export interface ServerOptions {
  config: SiteConfig;
  /** The built SMART app (`dist/app`), served under /app/ when given. */
  appDir?: string;
  /** The embedded demo: its FHIR server under /fhir, its app configuration, its landing page. */
  demo?: Omit<DemoRoutesOptions, 'base'>;
  logger?: Logger;
  store?: FeedbackStore;
  replay?: ReplayCache;
  /** The clock of the rules and of JWT checks (tests pin it). */
  now?: () => Date;
  /** SHA-256 (hex) of the admin token; overrides `admin.tokenSha256` (from IMMUNOSTEWARD_ADMIN_TOKEN). */
  adminTokenSha256?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
  interface FastifyInstance {
    /** Swaps in a new validated configuration (SIGHUP); returns the sections that need a restart. */
    reloadConfig(next: SiteConfig): { restartNeeded: string[] };
  }
}

const JSON_TYPES = /^application\/(fhir\+)?json(\s*;.*)?$/i;

/** The CDS Hooks service: discovery, calls, feedback, health. */
export async function buildServer(options: ServerOptions) {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createLogger(config.logging.level);
  const opened = options.store ? undefined : await openStore(config.feedback, { logger, now });
  const store = options.store ?? (opened?.store as FeedbackStore);
  const runtime = new Runtime(
    config,
    options.replay ?? opened?.replay ?? new MemoryReplayCache(() => now().getTime()),
    now,
  );
  const base = config.server.publicUrl.replace(/\/$/, '');
  const { server: limits } = config;

  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: limits.bodyLimitBytes,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks request timeouts every 30 s by default: a stalled request would hold its
    // connection up to 30 s past server.requestTimeoutMs.
    http: { connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs) },
    clientErrorHandler: socketErrorAnswer,
    // On close: refuse new requests with 503, finish in-flight ones, drop idle keep-alive sockets.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Malformed JSON and prototype-poisoning keys (`__proto__`, `constructor.prototype`) are refused.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: limits.trustProxy.length > 0 ? limits.trustProxy : false,
  });

  app.decorate('reloadConfig', (next: SiteConfig) => {
    const result = runtime.reload(next);
    logger.level = next.logging.level;
    return result;
  });

  // Node's requestTimeout ends requests whose headers stall, but not one whose headers arrived
  // and whose body then stalls or trickles: without this, such a request holds its connection
  // (and a slot of the balancer's pool) forever.
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    if (raw.complete) return done();
    const timer = setTimeout(() => {
      if (raw.complete) return;
      if (reply.sent) {
        // Answered before its body was read (415, 413 by Content-Length) and still sending.
        if (reply.raw.writableFinished) raw.destroy();
        return;
      }
      request.log.warn({ timeoutMs: limits.requestTimeoutMs }, 'request body not received in time');
      reply
        .code(408)
        .header('connection', 'close')
        .send(outcome('timeout', `the request body did not arrive within ${limits.requestTimeoutMs} ms`));
    }, limits.requestTimeoutMs);
    const clear = () => clearTimeout(timer);
    raw.once('end', clear);
    raw.once('close', clear);
    done();
  });

  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(
    JSON_TYPES,
    { parseAs: 'string', bodyLimit: limits.bodyLimitBytes },
    (request, body, done) => {
      if (exceedsJsonDepth(body as string, limits.maxJsonDepth)) {
        done(Object.assign(new Error('too deep'), { statusCode: 400, code: 'IS_JSON_TOO_DEEP' }), undefined);
        return;
      }
      parseJson(request, body as string, done);
    },
  );

  // Overload: answer 503 with Retry-After at once rather than queue requests the EHR has given up on.
  await app.register(underPressure, {
    maxEventLoopDelay: limits.overload.maxEventLoopDelayMs,
    ...(limits.overload.maxHeapUsedBytes ? { maxHeapUsedBytes: limits.overload.maxHeapUsedBytes } : {}),
    retryAfter: limits.overload.retryAfterSeconds,
    pressureHandler: (_request, reply, type) => {
      reply
        .code(503)
        .header('retry-after', String(limits.overload.retryAfterSeconds))
        .send(outcome('transient', `The service is overloaded (${type}); retry later.`));
    },
  });
  if (limits.rateLimit.enabled) {
    await app.register(rateLimit, {
      max: limits.rateLimit.max,
      timeWindow: limits.rateLimit.windowSeconds * 1000,
      allowList: limits.rateLimit.allowList,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: 'IS_RATE_LIMITED',
        message: `more than ${context.max} requests in ${context.after}`,
      }),
    });
  }

  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  await app.register(cors, {
    origin: config.server.corsOrigins.length > 0 ? config.server.corsOrigins : false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });

  if (config.auth.disabled) {
    logger.warn(
      'AUTHENTICATION IS DISABLED (auth.disabled: true): any caller can reach the service. Never do this in production.',
    );
  }

  async function authenticate(request: FastifyRequest, reply: FastifyReply, audience: string): Promise<boolean> {
    if (runtime.config.auth.disabled) return true;
    try {
      request.caller = await runtime.verifier.verify(request.headers.authorization, audience);
      return true;
    } catch (error) {
      if (!(error instanceof AuthError)) {
        // The replay cache (the store) is unreachable: fail closed, but as an outage, not as a bad token.
        request.log.error({ err: errorSummary(error) }, 'authentication could not be completed');
        reply
          .code(503)
          .header('retry-after', String(limits.overload.retryAfterSeconds))
          .send(outcome('transient', 'Credentials cannot be checked right now; retry later.'));
        return false;
      }
      const reason = error.reason;
      request.log.warn({ reason, audience: new URL(audience).pathname }, 'authentication failed');
      reply.code(401).header('www-authenticate', 'Bearer').send(outcome('security', 'Authentication failed.'));
      return false;
    }
  }

  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send(outcome('exception', 'The service could not process the request.'));
    }
    const [code, message] = clientErrorMessage(error.code, config);
    return reply.code(status).send(outcome(code, message, '(body)'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(outcome('not-found', `no such endpoint: ${request.method} ${request.url.split('?')[0]}`));
  });

  if (options.appDir) {
    await app.register(fastifyStatic, {
      root: options.appDir,
      prefix: '/app/',
      index: ['index.html'],
      setHeaders: (res) => res.header('content-security-policy', appContentSecurityPolicy(runtime.config)),
    });
  }

  if (options.demo) await app.register(demoRoutes, { ...options.demo, base });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ok = await Promise.resolve(store.ping()).catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'store unavailable' });
  });

  app.get('/cds-services', async (request, reply) => {
    if (!(await authenticate(request, reply, `${base}/cds-services`))) return reply;
    return discovery(runtime.config);
  });

  app.post<{ Params: { id: string } }>('/cds-services/:id', async (request, reply) => {
    // Authenticate first, so unauthenticated callers cannot probe service ids.
    if (!(await authenticate(request, reply, `${base}/cds-services/${encodeURIComponent(request.params.id)}`)))
      return reply;
    const service = serviceById(request.params.id);
    if (!service) return reply.code(404).send(outcome('not-found', `unknown CDS service "${request.params.id}"`, 'id'));
    const validated = validateHookRequest(request.body, service.hook);
    const site = runtime.config;
    const config = runtime.configFor(request.caller?.tenant);
    if ('problems' in validated) {
      return reply
        .code(400)
        .send(
          operationOutcome(
            validated.problems.map((p) => ({ code: 'invalid', diagnostics: p.message, expression: p.path })),
          ),
        );
    }
    const { request: hookRequest, context } = validated;
    const resolution = await resolvePrefetch(hookRequest, context, runtime.keys, runtime.fetcher, site.fhir.deadlineMs);
    if (!resolution.ok) {
      request.log.warn(
        {
          hookInstance: hookRequest.hookInstance,
          missing: resolution.unobtainable.map((u) => `${u.key}: ${u.reason}`),
        },
        'data unobtainable',
      );
      return reply.code(412).send(
        operationOutcome(
          resolution.unobtainable.map((u) => ({
            code: 'not-found',
            diagnostics: `${u.label} were not prefetched and could not be fetched (${u.reason})`,
            expression: `prefetch.${u.key}`,
          })),
        ),
      );
    }
    const patientId = context.patientId;
    const patient = resolution.resources.patients.find((p) => p.id === patientId);
    const patientContext = buildPatientContext(resolution.resources, {
      now: now(),
      config,
      patientId,
      ...(patient ? { patient } : {}),
    });
    const draftsBundle = (context as { draftOrders?: unknown }).draftOrders;
    const draftSet = readResources(draftsBundle ?? []);
    const drafts = recognizeDraftOrders(draftSet, patientContext);
    const draftResources = new Map<string, Record<string, unknown>>();
    for (const r of [...draftSet.medicationRequests, ...draftSet.serviceRequests]) {
      draftResources.set(`${r.resourceType}/${r.id}`, r as Record<string, unknown>);
    }
    const cardContext: CardContext = { config, patientId, drafts: draftResources, missing: resolution.missing };
    let cards: Card[];
    if (service.hook === 'patient-view') {
      const card = summaryCard(patientContext.profile, evaluateCurrent(patientContext, config), cardContext);
      cards = card ? [card] : [];
    } else {
      // Only order-select focuses on selections; at order-sign every draft is checked.
      const selections =
        service.hook === 'order-select' ? new Set((context as { selections: string[] }).selections) : undefined;
      const findings = evaluate(patientContext, drafts, config, (o) => selections?.has(o.reference) ?? true);
      cards = findings.map((f) => findingToCard(f, cardContext));
    }
    await store.recordCards(
      cards.map((c) => ({ uuid: c.uuid, rule: c.source.topic.code, indicator: c.indicator })),
      { service: service.id, hookInstance: hookRequest.hookInstance, ...callerMeta(request.caller) },
    );
    request.log.info(
      {
        serviceId: service.id,
        hookInstance: hookRequest.hookInstance,
        cards: cards.length,
        fetched: resolution.fetched,
        ...callerMeta(request.caller),
      },
      'cds call',
    );
    return { cards };
  });

  app.post<{ Params: { id: string } }>('/cds-services/:id/feedback', async (request, reply) => {
    if (
      !(await authenticate(request, reply, `${base}/cds-services/${encodeURIComponent(request.params.id)}/feedback`))
    ) {
      return reply;
    }
    const service = serviceById(request.params.id);
    if (!service) return reply.code(404).send(outcome('not-found', `unknown CDS service "${request.params.id}"`, 'id'));
    const parsed = feedbackRequest.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send(
        operationOutcome(
          parsed.error.issues.map((i) => ({
            code: 'invalid',
            diagnostics: i.message,
            expression: bodyPath(i.path),
          })),
        ),
      );
    }
    const stored = await store.recordFeedback(parsed.data.feedback, {
      service: service.id,
      ...callerMeta(request.caller),
    });
    request.log.info(
      { serviceId: service.id, received: parsed.data.feedback.length, stored, ...callerMeta(request.caller) },
      'feedback',
    );
    return reply.code(200).send({ received: parsed.data.feedback.length, stored });
  });

  // Every call counts in the admin analytics: service, status and latency, never the payload.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/cds-services/:id') return;
    const service = serviceById((request.params as { id: string }).id);
    if (!service) return;
    store.recordInvocation({
      service: service.id,
      status: reply.statusCode,
      durationMs: reply.elapsedTime,
      ...callerMeta(request.caller),
    });
  });

  const adminTokenSha256 = options.adminTokenSha256 ?? config.admin.tokenSha256;
  if (adminTokenSha256)
    await app.register(adminRoutes, { store, tokenSha256: adminTokenSha256, appDir: options.appDir });

  // Closing: answers still in flight tell their client to drop the connection, so that the
  // server is not kept open by a keep-alive socket until its idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onClose', async () => {
    await store.close();
  });

  return app;
}

/**
 * The app pages' policy: only its own scripts and styles; FHIR servers are the EHR's (any origin);
 * framed only by the configured EHR origins.
 */
export function appContentSecurityPolicy(config: SiteConfig): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    'connect-src *',
    `frame-ancestors ${config.app.frameAncestors.join(' ')}`,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Errors Node raises before a request exists (stalled headers, oversized headers, broken HTTP):
 * an OperationOutcome like every other error, then the connection is closed.
 */
function socketErrorAnswer(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, IssueType, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'timeout', 'the request did not arrive in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'too-long', 'the request headers are too large']
        : [400, 'structure', 'the request is not valid HTTP/1.1'];
  const body = JSON.stringify(outcome(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** The OperationOutcome code and message of a client error Fastify or a plugin raised. */
function clientErrorMessage(code: string | undefined, config: SiteConfig): [IssueType, string] {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return ['too-long', `request body exceeds ${config.server.bodyLimitBytes} bytes`];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return ['not-supported', 'Content-Type must be application/json or application/fhir+json'];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return ['structure', 'the request body is empty'];
    case 'IS_JSON_TOO_DEEP':
      return ['structure', `the request body nests deeper than ${config.server.maxJsonDepth} levels`];
    case 'IS_RATE_LIMITED':
      return ['throttled', 'too many requests from this address; retry later'];
    default:
      return ['structure', 'the request body is not valid JSON'];
  }
}

function callerMeta(caller: Caller | undefined): { iss?: string; tenant?: string } {
  if (!caller) return {};
  return { iss: caller.iss, ...(caller.tenant ? { tenant: caller.tenant } : {}) };
}
