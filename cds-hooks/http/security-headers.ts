import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers for `options`, computed once. They depend on nothing in the request
 * (no CSP nonces here), and @fastify/helmet would build the whole helmet middleware again for
 * every request. helmet writes them with `setHeader` and removes `X-Powered-By`, which Fastify
 * never sets.
 */
export function securityHeaders(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  const headers: [string, string][] = [];
  const collector = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  } as unknown as ServerResponse;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, collector, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}
