import { setTimeout as sleep } from 'node:timers/promises';
import { configError, serverError, TransientError } from './errors.js';
import type { Guard } from './guard.js';
import { failureOf, readJson, retryAfterMs } from './http-body.js';
import { type Manifest, manifestSchema } from './manifest.js';

/**
 * Kick-off and status polling of a Bulk Data export. Kick-off is a POST with a `Parameters`
 * resource (Bulk Data 2.0 / STU4), falling back to GET with query parameters when the server
 * answers 405 or 501 (or when configured so); both send `Prefer: respond-async`. Polling honours
 * `Retry-After` (seconds or an HTTP date), else waits 1 s doubling up to a cap; 429 and 5xx are
 * retried a bounded number of times.
 */

export interface ExportRequest {
  level: 'system' | 'patient' | 'group';
  group?: string;
  types: readonly string[];
  since?: string;
  typeFilters: readonly string[];
  /** Patient ids (the `patient` parameter; POST only). */
  patients: readonly string[];
}

export interface Authorizer {
  accessToken(): Promise<string>;
  invalidate(): void;
}

export interface PollOptions {
  maxPollSeconds: number;
  transientRetries: number;
  onProgress?: (progress: string | undefined) => void;
}

function kickoffPath(request: ExportRequest): string {
  if (request.level === 'group') return `Group/${encodeURIComponent(request.group ?? '')}/$export`;
  return request.level === 'patient' ? 'Patient/$export' : '$export';
}

export function parametersOf(request: ExportRequest): Record<string, unknown> {
  const parameter: Record<string, unknown>[] = [{ name: '_outputFormat', valueString: 'application/fhir+ndjson' }];
  if (request.types.length > 0) parameter.push({ name: '_type', valueString: request.types.join(',') });
  if (request.since) parameter.push({ name: '_since', valueInstant: request.since });
  for (const filter of request.typeFilters) parameter.push({ name: '_typeFilter', valueString: filter });
  for (const id of request.patients)
    parameter.push({ name: 'patient', valueReference: { reference: `Patient/${id}` } });
  return { resourceType: 'Parameters', parameter };
}

function queryOf(request: ExportRequest): URLSearchParams {
  const query = new URLSearchParams({ _outputFormat: 'application/fhir+ndjson' });
  if (request.types.length > 0) query.set('_type', request.types.join(','));
  if (request.since) query.set('_since', request.since);
  for (const filter of request.typeFilters) query.append('_typeFilter', filter);
  return query;
}

const isTransient = (status: number) => status === 429 || status >= 500;

async function wait(ms: number, guard: Guard): Promise<void> {
  try {
    await sleep(ms, undefined, { signal: guard.signal });
  } catch {
    throw serverError(
      (guard.signal.reason as { name?: string })?.name === 'TimeoutError'
        ? 'the export did not finish within population.bulk.deadlineMs'
        : 'the export was cancelled',
    );
  }
}

/** Sends a request with the access token; a 401 gets a new token and one more try. */
async function authorized(
  guard: Guard,
  auth: Authorizer,
  url: URL,
  init: RequestInit & { headers: Record<string, string> },
  what: string,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const token = await auth.accessToken();
    const response = await guard.fetch(
      url,
      { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } },
      what,
    );
    if (response.status !== 401 || attempt > 0) return response;
    void response.body?.cancel().catch(() => undefined);
    auth.invalidate();
  }
}

/** Starts the export; returns the status URL (Content-Location), already checked. */
export async function kickOff(
  guard: Guard,
  auth: Authorizer,
  request: ExportRequest,
  options: { method: 'post' | 'get'; transientRetries: number },
): Promise<URL> {
  if (request.patients.length > 0 && options.method === 'get')
    throw configError('--patient needs population.bulk.kickoff: post (the patient parameter is POST only)');
  let method = options.method;
  const headers = { accept: 'application/fhir+json', prefer: 'respond-async' };
  for (let retries = 0; ; ) {
    const target = guard.url(kickoffPath(request), 'the kick-off URL');
    const response =
      method === 'post'
        ? await authorized(
            guard,
            auth,
            target,
            {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/fhir+json' },
              body: JSON.stringify(parametersOf(request)),
            },
            'export kick-off',
          )
        : await authorized(
            guard,
            auth,
            new URL(`${target.href}?${queryOf(request)}`),
            { method: 'GET', headers },
            'export kick-off',
          );
    if (response.status === 202) {
      void response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('content-location');
      if (!location) throw serverError('export kick-off: 202 without a Content-Location');
      return guard.url(location, 'the export status URL');
    }
    if (method === 'post' && (response.status === 405 || response.status === 501) && request.patients.length === 0) {
      void response.body?.cancel().catch(() => undefined);
      method = 'get';
      continue;
    }
    if (isTransient(response.status) && retries < options.transientRetries) {
      retries++;
      const delay = retryAfterMs(response.headers.get('retry-after')) ?? 2 ** retries * 1000;
      void response.body?.cancel().catch(() => undefined);
      await wait(delay, guard);
      continue;
    }
    throw await failureOf(response, 'export kick-off');
  }
}

export type PollResult = { manifest: Manifest } | { gone: true };

/** Polls the status URL until the manifest; `gone` when the server no longer knows the job. */
export async function pollStatus(
  guard: Guard,
  auth: Authorizer,
  status: URL,
  options: PollOptions,
): Promise<PollResult> {
  let backoff = 1000;
  for (let retries = 0; ; ) {
    let response: Response;
    try {
      response = await authorized(guard, auth, status, { headers: { accept: 'application/json' } }, 'export status');
    } catch (error) {
      if (!(error instanceof TransientError) || retries >= options.transientRetries) throw error;
      retries++;
      await wait(2 ** retries * 1000, guard);
      continue;
    }
    if (response.status === 200) {
      const parsed = manifestSchema.safeParse(await readJson(response, 'export manifest'));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw serverError(`export manifest: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
      }
      return { manifest: parsed.data };
    }
    if (response.status === 404 || response.status === 410) {
      void response.body?.cancel().catch(() => undefined);
      return { gone: true };
    }
    const asked = retryAfterMs(response.headers.get('retry-after'));
    if (response.status === 202) {
      void response.body?.cancel().catch(() => undefined);
      options.onProgress?.(response.headers.get('x-progress')?.slice(0, 100) ?? undefined);
      await wait(asked ?? backoff, guard);
      if (asked === undefined) backoff = Math.min(backoff * 2, options.maxPollSeconds * 1000);
      continue;
    }
    if (isTransient(response.status) && retries < options.transientRetries) {
      retries++;
      void response.body?.cancel().catch(() => undefined);
      await wait(asked ?? 2 ** retries * 1000, guard);
      continue;
    }
    // 4xx or 5xx with an OperationOutcome: the export failed on the server.
    throw await failureOf(response, 'export status');
  }
}

/** Asks the server to cancel (and forget) a job; failures are ignored. */
export async function cancelJob(guard: Guard, auth: Authorizer, status: URL): Promise<void> {
  try {
    const response = await authorized(guard, auth, status, { method: 'DELETE', headers: {} }, 'export cancel');
    void response.body?.cancel().catch(() => undefined);
  } catch {}
}
