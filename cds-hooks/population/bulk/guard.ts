import type { SiteConfig } from '../../../src/core/config/schema.js';
import { FhirFetcher } from '../../data/fhir-fetch.js';
import { configError, serverError, TransientError } from './errors.js';

/**
 * The guards of the prefetch path, applied to a Bulk export: the FHIR server must be one of
 * `fhir.allowedServers` (checked by the prefetch path's own `FhirFetcher`), and every other URL —
 * token endpoint, job status, manifest files — must lie on the server's origin or one listed in
 * `population.bulk.additionalOrigins`. Redirects are refused (they could lead anywhere, with the
 * token); each request has a timeout, and all of them the export's deadline.
 */

export interface Guard {
  /** The FHIR base URL with a trailing slash. */
  readonly base: string;
  /** A URL from the server (absolute or relative to the base), parsed and checked; throws otherwise. */
  url(link: string, what: string): URL;
  /**
   * `fetch` of a checked URL, redirects refused, under the deadline and the request timeout —
   * or, for a download, under `idle`, a signal its reader aborts when no byte came for a while.
   */
  fetch(url: URL, init: RequestInit, what: string, idle?: AbortSignal): Promise<Response>;
  readonly requestTimeoutMs: number;
  /** Aborted at the export's deadline (or when the caller cancels). */
  readonly signal: AbortSignal;
}

function originOf(url: URL): string {
  return url.origin;
}

export function createGuard(
  config: SiteConfig,
  server: string,
  options: { signal?: AbortSignal; now?: () => number } = {},
): Guard {
  const bulk = config.population.bulk;
  if (!new FhirFetcher(config.fhir).isAllowed(server)) {
    throw configError(
      `fhir.allowedServers: the Bulk Data server ${server} is not an allowed FHIR server (add its base URL there)`,
    );
  }
  const parsed = new URL(server);
  const base = `${parsed.origin}${parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`}`;
  const origins = new Set([originOf(parsed), ...bulk.additionalOrigins]);
  const signal = AbortSignal.any([AbortSignal.timeout(bulk.deadlineMs), ...(options.signal ? [options.signal] : [])]);

  const url = (link: string, what: string): URL => {
    let target: URL;
    try {
      target = new URL(link, base);
    } catch {
      throw serverError(`the server gave ${what} that is not a URL`);
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw serverError(`the server gave ${what} that is not an http(s) URL`);
    if (target.username || target.password) throw serverError(`the server gave ${what} with credentials in it`);
    if (!origins.has(originOf(target)))
      throw serverError(
        `${what} is on ${originOf(target)}, a server the configuration does not allow (population.bulk.additionalOrigins)`,
      );
    return target;
  };

  const guardedFetch = async (target: URL, init: RequestInit, what: string, idle?: AbortSignal): Promise<Response> => {
    if (signal.aborted) throw deadlineError(signal);
    const request = AbortSignal.any([signal, idle ?? AbortSignal.timeout(bulk.requestTimeoutMs)]);
    let response: Response;
    try {
      response = await fetch(target, { ...init, signal: request, redirect: 'manual' });
    } catch (error) {
      if (signal.aborted) throw deadlineError(signal);
      if (request.aborted) throw new TransientError(`${what}: no answer within ${bulk.requestTimeoutMs} ms`);
      throw new TransientError(`${what}: ${networkReason(error)}`);
    }
    if (response.status >= 300 && response.status < 400) {
      void response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      let to = '';
      try {
        to = location ? ` to ${new URL(location, target).origin}` : '';
      } catch {}
      throw serverError(`${what}: redirect refused (HTTP ${response.status}${to}); set the server's direct URL`);
    }
    return response;
  };

  return { base, url, fetch: guardedFetch, signal, requestTimeoutMs: bulk.requestTimeoutMs };
}

export function deadlineError(signal: AbortSignal) {
  const reason = signal.reason as { name?: string } | undefined;
  return reason?.name === 'TimeoutError'
    ? serverError('the export did not finish within population.bulk.deadlineMs')
    : serverError('the export was cancelled');
}

/** The cause of a network failure, without the URL's query (it may carry a signature). */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'network error';
}
