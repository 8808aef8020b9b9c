import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Logger } from 'pino';
import type { FeedbackStore } from '../store/types.js';
import type { Authenticate } from './authenticate.js';
import type { Runtime } from './runtime.js';

/** What every API module of the service is handed by the server factory. */
export interface ApiContext {
  runtime: Runtime;
  store: FeedbackStore;
  authenticate: Authenticate;
  /** The service's public base URL, without a trailing slash (JWT audiences are built from it). */
  base: string;
  /** The clock of the rules (tests pin it). */
  now: () => Date;
}

/** The service's Fastify instance (its logger is pino's). */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, Logger>;
