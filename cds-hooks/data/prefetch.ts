import { emptyResourceSet, type ResourceSet, readResources } from '../../src/core/fhir/parse.js';
import type { FhirFetcher } from './fhir-fetch.js';
import { fillTemplate, type PrefetchKey } from './prefetch-templates.js';

/**
 * Prefetch resolution, one path per state of each key (CDS Hooks 2.0 §Prefetch):
 * present → used; `null` → the EHR has no such data; absent, or an OperationOutcome in its
 * place → fetched from `fhirServer` when allowed; unobtainable → 412 when the key is required,
 * otherwise the cards say which data were missing.
 */

/** What resolution reads of a validated hook request. */
export interface PrefetchRequest {
  prefetch?: Record<string, unknown> | undefined;
  fhirServer?: string | undefined;
  fhirAuthorization?: { access_token: string } | undefined;
}

export type Resolution =
  | { ok: true; resources: ResourceSet; missing: string[]; fetched: string[] }
  | { ok: false; unobtainable: { key: string; label: string; reason: string }[] };

function nextLink(value: unknown): string | undefined {
  const links = (value as { resourceType?: unknown; link?: unknown }).link;
  if ((value as { resourceType?: unknown }).resourceType !== 'Bundle' || !Array.isArray(links)) return undefined;
  // `link` comes from the request: its items may be anything, null included.
  const next = links.find((l) => (l as { relation?: unknown } | null)?.relation === 'next') as
    | { url?: unknown }
    | undefined;
  return typeof next?.url === 'string' ? next.url : undefined;
}

function isOperationOutcome(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'OperationOutcome'
  );
}

export async function resolvePrefetch(
  request: PrefetchRequest,
  context: Record<string, unknown>,
  keys: Record<string, PrefetchKey>,
  fetcher: FhirFetcher,
  deadlineMs: number,
): Promise<Resolution> {
  const resources = emptyResourceSet();
  const toFetch: Record<string, string> = {};
  for (const [key, def] of Object.entries(keys)) {
    const value = request.prefetch?.[key];
    if (value === null) continue;
    if (value === undefined || isOperationOutcome(value)) {
      toFetch[key] = fillTemplate(def.template, context);
      continue;
    }
    readResources(value, resources);
    // A client MAY paginate prefetch: the service completes it from the FHIR server.
    const next = nextLink(value);
    if (next) toFetch[key] = next;
  }
  const pending = Object.keys(toFetch);
  if (pending.length === 0) return { ok: true, resources, missing: [], fetched: [] };
  let results: Record<string, { ok: true; data: unknown } | { ok: false; reason: string }>;
  if (!request.fhirServer) {
    results = Object.fromEntries(
      pending.map((k) => [k, { ok: false, reason: 'not prefetched and no fhirServer given' }]),
    );
  } else {
    const deadline = AbortSignal.timeout(deadlineMs);
    results = await fetcher.fetchAll(request.fhirServer, request.fhirAuthorization?.access_token, toFetch, deadline);
  }
  const unobtainable: { key: string; label: string; reason: string }[] = [];
  const missing: string[] = [];
  const fetched: string[] = [];
  for (const key of pending) {
    const result = results[key];
    const def = keys[key] as PrefetchKey;
    if (result?.ok) {
      readResources(result.data, resources);
      fetched.push(key);
    } else if (def.required) {
      unobtainable.push({ key, label: def.label, reason: result?.reason ?? 'not obtained' });
    } else {
      missing.push(def.label);
    }
  }
  if (unobtainable.length > 0) return { ok: false, unobtainable };
  return { ok: true, resources, missing, fetched };
}
