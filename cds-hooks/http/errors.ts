import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type IssueType, outcome } from '../../src/contract/operation-outcome.js';
import type { SiteConfig } from '../../src/core/config/schema.js';

/**
 * Errors Node raises before a request exists (stalled headers, oversized headers, broken HTTP):
 * an OperationOutcome like every other error, then the connection is closed.
 */
export function socketErrorAnswer(error: NodeJS.ErrnoException, socket: Socket): void {
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
export function clientErrorMessage(code: string | undefined, config: SiteConfig): [IssueType, string] {
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
