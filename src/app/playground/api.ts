/** The playground's calls: demo routes, a demo-signed token per call, the CDS service. */

import type { Action, Coding, FeedbackResult } from '../../contract/cds-hooks.js';
import type { DemoOrder, DemoPatientSummary as DemoPatient } from '../../contract/demo.js';

export type { Action, Card, CardSuggestion as Suggestion, Coding, FeedbackResult } from '../../contract/cds-hooks.js';
export type { DemoOrder, DemoPatientSummary as DemoPatient } from '../../contract/demo.js';

export const SERVICE_ID = 'immunosteward-order-sign';

/** An error whose message is the server's explanation (OperationOutcome diagnostics when given). */
export class CallError extends Error {}

async function explain(response: Response, what: string): Promise<CallError> {
  let text = '';
  try {
    text = await response.text();
    const body = JSON.parse(text) as { resourceType?: string; issue?: { diagnostics?: string; code?: string }[] };
    if (body.resourceType === 'OperationOutcome' && Array.isArray(body.issue)) {
      const lines = body.issue.map((i) => i.diagnostics ?? i.code ?? '').filter(Boolean);
      if (lines.length > 0) return new CallError(`${what}: HTTP ${response.status} — ${lines.join('; ')}`);
    }
  } catch {
    // not JSON: the text itself
  }
  return new CallError(`${what}: HTTP ${response.status}${text ? ` — ${text.slice(0, 300)}` : ''}`);
}

async function getJson<T>(path: string, what: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw await explain(response, what);
  return (await response.json()) as T;
}

export const loadPatients = () => getJson<DemoPatient[]>('/demo/patients', 'Loading the demo patients');
export const loadOrders = () => getJson<DemoOrder[]>('/demo/orders', 'Loading the demo orders');

/** A demo-EHR-signed JWT for one call to `audience` (an endpoint of this service). */
export async function demoToken(audience: string): Promise<string> {
  const response = await fetch('/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ audience }),
  });
  if (!response.ok) throw await explain(response, 'Getting a demo token');
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

/** Calls the service; the latency covers the service call only (not the token). */
export async function callService(request: unknown): Promise<CallResult> {
  const token = await demoToken(serviceUrl());
  const started = performance.now();
  const response = await fetch(serviceUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, accept: 'application/json' },
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
  const b = body as { resourceType?: string; issue?: { diagnostics?: string; code?: string }[] } | null;
  if (b && typeof b === 'object' && b.resourceType === 'OperationOutcome' && Array.isArray(b.issue)) {
    const lines = b.issue.map((i) => i.diagnostics ?? i.code ?? '').filter(Boolean);
    if (lines.length > 0) return `The service answered HTTP ${status}: ${lines.join('; ')}`;
  }
  return `The service answered HTTP ${status}${typeof body === 'string' && body ? `: ${body.slice(0, 300)}` : ''}`;
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
  if (!response.ok) throw await explain(response, 'Sending feedback');
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
