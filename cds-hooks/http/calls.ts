import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Card, RULES_EXTENSION } from '../../src/contract/cds-hooks.js';
import { operationOutcome, outcome } from '../../src/contract/operation-outcome.js';
import { readResources } from '../../src/core/fhir/parse.js';
import { translator } from '../../src/core/messages/translator.js';
import { assessOrders } from '../../src/core/rules/assessment.js';
import { buildPatientContext, recognizeDraftOrders } from '../../src/core/rules/context.js';
import { evaluate, evaluateCurrent } from '../../src/core/rules/engine.js';
import { assessmentToCard, type CardContext, summaryCard } from '../cards/render.js';
import { resolvePrefetch } from '../data/prefetch.js';
import { callerMeta } from './authenticate.js';
import { validateHookRequest } from './hook-request.js';
import type { ApiContext, App } from './routes.js';
import { serviceById } from './services.js';

/** Every rule that fired on a card (one card per draft order), where the card carries them. */
/**
 * `POST /cds-services/{id}`: a hook call, from the validated request through the data (prefetch
 * or FHIR), the patient context and the rules to the cards, each card recorded for analytics.
 */
export function callsApi(app: App, { runtime, store, authenticate, base, now }: ApiContext): void {
  // Before the body is read, so that unauthenticated callers cannot probe service ids, and so that
  // parsing, the rules and the answer run without an await between them: a parsed body held
  // while other calls' I/O runs outlives the young generation (garbage collection).
  const authenticated = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    if (!(await authenticate(request, reply, `${base}/cds-services/${encodeURIComponent(request.params.id)}`)))
      return reply;
  };
  app.post<{ Params: { id: string } }>('/cds-services/:id', { onRequest: authenticated }, async (request, reply) => {
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
    const language = runtime.languageFor(request.caller, request.headers['accept-language']);
    const t = translator(language.locale);
    const patientContext = buildPatientContext(resolution.resources, {
      now: now(),
      t,
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
    const cardContext: CardContext = { config, t, patientId, drafts: draftResources, missing: resolution.missing };
    let cards: Card[];
    if (service.hook === 'patient-view') {
      const current = assessOrders(evaluateCurrent(patientContext, config, t), t);
      const card = summaryCard(patientContext.profile, current, cardContext);
      cards = card ? [card] : [];
    } else {
      // Only order-select focuses on selections; at order-sign every draft is checked.
      const selections =
        service.hook === 'order-select' ? new Set((context as { selections: string[] }).selections) : undefined;
      const findings = evaluate(patientContext, drafts, config, (o) => selections?.has(o.reference) ?? true, t);
      cards = assessOrders(findings, t).map((a) => assessmentToCard(a, cardContext));
    }
    await store.recordCards(
      cards.map((c) => {
        const primary = { rule: c.source.topic.code, indicator: c.indicator };
        const fired = c.extension?.[RULES_EXTENSION];
        return {
          uuid: c.uuid,
          ...primary,
          rules: fired?.map((r) => ({ rule: r.code, indicator: r.indicator })) ?? [primary],
        };
      }),
      { service: service.id, hookInstance: hookRequest.hookInstance, ...callerMeta(request.caller) },
    );
    request.log.info(
      {
        serviceId: service.id,
        hookInstance: hookRequest.hookInstance,
        cards: cards.length,
        fetched: resolution.fetched,
        language: language.locale,
        languageFrom: language.from,
        ...callerMeta(request.caller),
      },
      'cds call',
    );
    return { cards };
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
}
