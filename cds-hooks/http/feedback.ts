import type { FastifyReply, FastifyRequest } from 'fastify';
import { operationOutcome, outcome } from '../../src/contract/operation-outcome.js';
import { feedbackRequest } from '../cards/feedback.js';
import { callerMeta } from './authenticate.js';
import { bodyPath } from './hook-request.js';
import type { ApiContext, App } from './routes.js';
import { serviceById } from './services.js';

/** `POST /cds-services/{id}/feedback` (CDS Hooks 2.0 §Feedback): validated, stored idempotently. */
export function feedbackApi(app: App, { store, authenticate, base }: ApiContext): void {
  // Before the body is read, as for the hook calls (calls.ts).
  const authenticated = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    if (
      !(await authenticate(request, reply, `${base}/cds-services/${encodeURIComponent(request.params.id)}/feedback`))
    ) {
      return reply;
    }
  };
  const route = { onRequest: authenticated };
  app.post<{ Params: { id: string } }>('/cds-services/:id/feedback', route, async (request, reply) => {
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
}
