import type { FastifyReply, FastifyRequest } from 'fastify';
import { outcome } from '../../src/contract/operation-outcome.js';
import { AuthError, type Caller } from '../auth/jwt.js';
import { errorSummary } from '../store/types.js';
import type { Runtime } from './runtime.js';

/** Checks a call's JWT for one endpoint; answers 401 (or 503 when the replay cache is down) itself. */
export type Authenticate = (request: FastifyRequest, reply: FastifyReply, audience: string) => Promise<boolean>;

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

/**
 * Runs in the route's `onRequest` hook, before the body is read. A refused request's body is
 * then never read: its connection is closed after the answer, or Node would read (and drop)
 * however much the client sends.
 */
export function authenticator(runtime: Runtime): Authenticate {
  return async (request, reply, audience) => {
    if (runtime.config.auth.disabled) return true;
    try {
      request.caller = await runtime.verifier.verify(request.headers.authorization, audience);
      return true;
    } catch (error) {
      if (hasUnreadBody(request)) reply.header('connection', 'close');
      if (!(error instanceof AuthError)) {
        // The replay cache (the store) is unreachable: fail closed, but as an outage, not as a bad token.
        const { retryAfterSeconds } = runtime.config.server.overload;
        request.log.error({ err: errorSummary(error) }, 'authentication could not be completed');
        reply
          .code(503)
          .header('retry-after', String(retryAfterSeconds))
          .send(outcome('transient', 'Credentials cannot be checked right now; retry later.'));
        return false;
      }
      const reason = error.reason;
      request.log.warn({ reason, audience: new URL(audience).pathname }, 'authentication failed');
      reply.code(401).header('www-authenticate', 'Bearer').send(outcome('security', 'Authentication failed.'));
      return false;
    }
  };
}

/** A request that announced a body (RFC 9112 §6.3) the service has not parsed. */
function hasUnreadBody(request: FastifyRequest): boolean {
  const { 'content-length': length, 'transfer-encoding': encoding } = request.headers;
  return request.body === undefined && (encoding !== undefined || (length !== undefined && length !== '0'));
}

/** The caller as records and logs name it: issuer and tenant, never the token. */
export function callerMeta(caller: Caller | undefined): { iss?: string; tenant?: string } {
  if (!caller) return {};
  return { iss: caller.iss, ...(caller.tenant ? { tenant: caller.tenant } : {}) };
}
