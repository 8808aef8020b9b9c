/** The playground's calls: demo routes, a demo-signed token per call, the CDS service. */

import type { Action, Coding, FeedbackResult, Link } from '../../contract/cds-hooks.js';
import type { DemoOrder, DemoPatientSummary as DemoPatient } from '../../contract/demo.js';
import { type Locale, translator } from '../../core/messages/translator.js';

export type { Action, Card, CardSuggestion as Suggestion, Coding, FeedbackResult } from '../../contract/cds-hooks.js';
export type { DemoOrder, DemoPatientSummary as DemoPatient } from '../../contract/demo.js';

export const SERVICE_ID = 'immunosteward-order-sign';

/** An error whose message is the server's explanation (OperationOutcome diagnostics when given). */
export class CallError extends Error {}

/** The OperationOutcome's diagnostics, else the first 300 characters of the body, else nothing. */
function detailOf(body: unknown): string {
  const b = body as { resourceType?: string; issue?: { diagnostics?: string; code?: string }[] } | null;
  if (b && typeof b === 'object' && b.resourceType === 'OperationOutcome' && Array.isArray(b.issue)) {
    const lines = b.issue.map((i) => i.diagnostics ?? i.code ?? '').filter(Boolean);
    if (lines.length > 0) return lines.join('; ');
  }
  return typeof body === 'string' ? body.slice(0, 300) : '';
}

async function explain(response: Response, what: string): Promise<CallError> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text itself
  }
  const detail = detailOf(body) || 'none';
  return new CallError(translator().t('playground.call.failed', { what, status: response.status, detail }));
}

async function getJson<T>(path: string, what: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw await explain(response, what);
  return (await response.json()) as T;
}

export const loadPatients = () => getJson<DemoPatient[]>('/demo/patients', translator().t('playground.call.patients'));
export const loadOrders = () => getJson<DemoOrder[]>('/demo/orders', translator().t('playground.call.orders'));

/** A demo-EHR-signed JWT for one call to `audience` (an endpoint of this service). */
export async function demoToken(audience: string): Promise<string> {
  const response = await fetch('/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ audience }),
  });
  if (!response.ok) throw await explain(response, translator().t('playground.call.token'));
  return ((await response.json()) as { token: string }).token;
}

export const serviceUrl = () => `${window.location.origin}/cds-services/${SERVICE_ID}`;

/** The order-sign request, with no prefetch: the service fetches from the demo FHIR server. */
export function orderSignRequest(patientId: string, drafts: readonly Record<string, unknown>[]) {
  return {
    hook: 'order-sign',
    hookInstance: crypto.randomUUID(),
    fhirServer: `${window.location.origin}/fhir`,
    context: {
      userId: 'Practitioner/demo-physician',
      patientId,
      draftOrders: {
        resourceType: 'Bundle',
        type: 'collection',
        entry: drafts.map((resource) => ({
          resource: { ...resource, subject: { reference: `Patient/${patientId}` } },
        })),
      },
    },
  };
}

export interface CallResult {
  status: number;
  body: unknown;
  latencyMs: number;
}

export interface CallOptions {
  /** The language the page shows, sent as `Accept-Language`: the cards come back in it. */
  language?: Locale;
}

/** Calls the service; the latency covers the service call only (not the token). */
export async function callService(request: unknown, { language }: CallOptions = {}): Promise<CallResult> {
  const token = await demoToken(serviceUrl());
  const started = performance.now();
  const response = await fetch(serviceUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(language ? { 'accept-language': language } : {}),
    },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  const latencyMs = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: response.status, body, latencyMs };
}

export function diagnostics(status: number, body: unknown): string {
  return translator().t('playground.call.serviceAnswered', { status, detail: detailOf(body) || 'none' });
}

/**
 * A card's SMART link opened as the demo EHR opens the app: an open-server launch on the demo
 * FHIR server for this patient, the card's `appContext` passed along (an EHR hands it to the app
 * in the token response; the demo's launch page puts it there). Undefined for a link that is not
 * an http(s) URL.
 */
export function smartLaunchUrl(link: Link, patientId: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link.url, window.location.href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.searchParams.set('fhirServiceUrl', `${window.location.origin}/fhir`);
  url.searchParams.set('patientId', patientId);
  if (link.appContext) url.searchParams.set('appContext', link.appContext);
  return url.toString();
}

export interface FeedbackItem {
  card: string;
  outcome: 'accepted' | 'overridden';
  acceptedSuggestions?: { id: string }[];
  overrideReason?: { reason?: Coding; userComment?: string };
  outcomeTimestamp: string;
}

export async function sendFeedback(item: FeedbackItem): Promise<FeedbackResult> {
  const url = `${serviceUrl()}/feedback`;
  const token = await demoToken(url);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, accept: 'application/json' },
    body: JSON.stringify({ feedback: [item] }),
  });
  if (!response.ok) throw await explain(response, translator().t('playground.call.feedback'));
  return (await response.json()) as FeedbackResult;
}

/** `Type/id` of a draft resource. */
export const draftKey = (resource: Record<string, unknown>) =>
  `${String(resource.resourceType)}/${String(resource.id)}`;

/** The drafts after a suggestion's actions (delete removes, create adds, update replaces). */
export function applyActions(
  drafts: readonly Record<string, unknown>[],
  actions: readonly Action[],
): Record<string, unknown>[] {
  let next = [...drafts];
  for (const action of actions) {
    if (action.type === 'delete' && action.resourceId) {
      next = next.filter((d) => draftKey(d) !== action.resourceId);
    } else if (action.type === 'create' && action.resource) {
      next.push(action.resource);
    } else if (action.type === 'update' && action.resource) {
      const key = action.resourceId ?? draftKey(action.resource);
      const at = next.findIndex((d) => draftKey(d) === key);
      if (at >= 0) next[at] = action.resource;
      else next.push(action.resource);
    }
  }
  return next;
}

/** A label for a draft resource (the order list's label, else its code text). */
export function draftLabel(resource: Record<string, unknown>): string {
  const concept = (resource.medicationCodeableConcept ?? resource.code) as
    | { text?: string; coding?: { display?: string }[] }
    | undefined;
  return concept?.text ?? concept?.coding?.[0]?.display ?? draftKey(resource);
}
