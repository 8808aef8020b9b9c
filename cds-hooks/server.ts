import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { SiteConfig } from '../src/core/config/schema.js';
import { readResources } from '../src/core/fhir/parse.js';
import { buildPatientContext, recognizeDraftOrders } from '../src/core/rules/context.js';
import { evaluate, evaluateCurrent } from '../src/core/rules/engine.js';
import { AuthError, type Caller, JwtVerifier, MemoryReplayCache, type ReplayCache } from './auth.js';
import { type Card, type CardContext, findingToCard, summaryCard } from './cards.js';
import { type DemoRoutesOptions, demoRoutes } from './demo-routes.js';
import { type FeedbackStore, feedbackRequest } from './feedback.js';
import { FhirFetcher } from './fhir-fetch.js';
import { bodyPath, validateHookRequest } from './hook-request.js';
import { createLogger } from './logger.js';
import { operationOutcome, outcome } from './operation-outcome.js';
import { resolvePrefetch } from './prefetch.js';
import { discovery, prefetchKeys, serviceById } from './services.js';
import { SqliteFeedbackStore } from './sqlite-store.js';

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
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

const JSON_TYPES = /^application\/(fhir\+)?json(\s*;.*)?$/i;

/** The CDS Hooks service: discovery, calls, feedback, health. */
export async function buildServer(options: ServerOptions) {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? createLogger(config.logging.level);
  const store = options.store ?? new SqliteFeedbackStore(config.feedback.store);
  const verifier = new JwtVerifier(config.auth, options.replay ?? new MemoryReplayCache(() => now().getTime()), now);
  const fetcher = new FhirFetcher(config.fhir);
  const base = config.server.publicUrl.replace(/\/$/, '');
  const keys = prefetchKeys(config);

  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.server.bodyLimitBytes,
    // Malformed JSON and prototype-poisoning keys (`__proto__`, `constructor.prototype`) are refused.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: false,
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    JSON_TYPES,
    { parseAs: 'string', bodyLimit: config.server.bodyLimitBytes },
    app.getDefaultJsonParser('error', 'error'),
  );

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
    if (config.auth.disabled) return true;
    try {
      request.caller = await verifier.verify(request.headers.authorization, audience);
      return true;
    } catch (error) {
      const reason = error instanceof AuthError ? error.reason : 'verification error';
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
    const message =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `request body exceeds ${config.server.bodyLimitBytes} bytes`
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Content-Type must be application/json or application/fhir+json'
          : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'the request body is empty'
            : 'the request body is not valid JSON';
    return reply.code(status).send(outcome(status === 415 ? 'not-supported' : 'structure', message, '(body)'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(outcome('not-found', `no such endpoint: ${request.method} ${request.url.split('?')[0]}`));
  });

  if (options.appDir) {
    const csp = appContentSecurityPolicy(config);
    await app.register(fastifyStatic, {
      root: options.appDir,
      prefix: '/app/',
      index: ['index.html'],
      setHeaders: (res) => res.header('content-security-policy', csp),
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
    return discovery(config);
  });

  app.post<{ Params: { id: string } }>('/cds-services/:id', async (request, reply) => {
    // Authenticate first, so unauthenticated callers cannot probe service ids.
    if (!(await authenticate(request, reply, `${base}/cds-services/${encodeURIComponent(request.params.id)}`)))
      return reply;
    const service = serviceById(request.params.id);
    if (!service) return reply.code(404).send(outcome('not-found', `unknown CDS service "${request.params.id}"`, 'id'));
    const validated = validateHookRequest(request.body, service.hook);
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
    const resolution = await resolvePrefetch(hookRequest, context, keys, fetcher, config.fhir.deadlineMs);
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
        service: service.id,
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
      { service: service.id, received: parsed.data.feedback.length, stored, ...callerMeta(request.caller) },
      'feedback',
    );
    return reply.code(200).send({ received: parsed.data.feedback.length, stored });
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

function callerMeta(caller: Caller | undefined): { iss?: string; tenant?: string } {
  if (!caller) return {};
  return { iss: caller.iss, ...(caller.tenant ? { tenant: caller.tenant } : {}) };
}
