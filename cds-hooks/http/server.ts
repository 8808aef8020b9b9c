import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import underPressure from '@fastify/under-pressure';
import Fastify from 'fastify';
import type { Logger } from 'pino';
import { outcome } from '../../src/contract/operation-outcome.js';
import type { SiteConfig } from '../../src/core/config/schema.js';
import { installAllCatalogs } from '../../src/core/messages/catalogs.js';
import { adminRoutes } from '../admin/routes.js';
import { MemoryReplayCache, type ReplayCache } from '../auth/replay-cache.js';
import { type DemoRoutesOptions, demoRoutes } from '../demo/routes.js';
import { createLogger } from '../logger.js';
import { openStore } from '../store/open.js';
import type { FeedbackStore } from '../store/types.js';
import { authenticator } from './authenticate.js';
import { callsApi } from './calls.js';
import { discoveryApi } from './discovery.js';
import { clientErrorMessage, socketErrorAnswer } from './errors.js';
import { feedbackApi } from './feedback.js';
import { healthApi } from './health.js';
import { jsonBodyParser } from './json-depth.js';
import type { ApiContext } from './routes.js';
import { Runtime } from './runtime.js';
import { securityHeaders } from './security-headers.js';

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
  interface FastifyInstance {
    /** Swaps in a new validated configuration (SIGHUP); returns the sections that need a restart. */
    reloadConfig(next: SiteConfig): { restartNeeded: string[] };
  }
}

const JSON_TYPES = /^application\/(fhir\+)?json(\s*;.*)?$/i;

/**
 * The CDS Hooks service: the Fastify instance with its limits, parsers, security headers and
 * error answers, and the APIs mounted on it (health, discovery, calls, feedback, admin, demo).
 */
export async function buildServer(options: ServerOptions) {
  const { config } = options;
  // Each call's cards are in the language chosen for it (runtime.ts): every catalog is at hand.
  installAllCatalogs();
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
  const parseJson = jsonBodyParser(limits.maxJsonDepth, app.getDefaultJsonParser('error', 'error'));
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string', bodyLimit: limits.bodyLimitBytes }, (request, body, done) =>
    parseJson(request, body as string, done),
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

  // On the raw response, as helmet does: the app's pages set their own CSP over it (fastifyStatic).
  const headers = securityHeaders({
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  // A response CORS lets an allowed origin read may be loaded by it too (helmet's CORP is same-origin).
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (reply.hasHeader('access-control-allow-origin')) reply.header('cross-origin-resource-policy', 'cross-origin');
    done(null, payload);
  });
  await app.register(cors, {
    origin: config.server.corsOrigins.length > 0 ? config.server.corsOrigins.map(corsOrigin) : false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });

  if (config.auth.disabled) {
    logger.warn(
      'AUTHENTICATION IS DISABLED (auth.disabled: true): any caller can reach the service. Never do this in production.',
    );
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

  const api: ApiContext = { runtime, store, authenticate: authenticator(runtime), base, now };
  healthApi(app, api);
  discoveryApi(app, api);
  callsApi(app, api);
  feedbackApi(app, api);

  const adminTokenSha256 = options.adminTokenSha256 ?? config.admin.tokenSha256;
  if (adminTokenSha256)
    await app.register(adminRoutes, {
      store,
      tokenSha256: adminTokenSha256,
      appDir: options.appDir,
      population: config.population,
    });

  // Closing: answers still in flight tell their client to drop the connection, so that the
  // server is not kept open by a keep-alive socket until its idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onClose', async () => {
    await store.close();
  });

  return app;
}

/** One `server.corsOrigins` entry as @fastify/cors matches it: exact, or `scheme://host:*` as any port of the host. */
function corsOrigin(entry: string): string | RegExp {
  if (!entry.endsWith(':*')) return entry;
  const host = entry.slice(0, -2).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${host}(:\\d+)?$`);
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
