import type Client from 'fhirclient/lib/Client';
import { MEDICATION_STATUSES, observationCodes, PAGE_SIZE } from '../../core/fhir/queries.js';
import { type LoadFailure, loadFailure } from '../smart/errors.js';
import { canRead } from '../smart/scopes.js';

/** The state of one panel's data: each loads, or fails (refused included) on its own. */
export type PanelState =
  | { status: 'loading' }
  | { status: 'ready'; resources: unknown[] }
  | { status: 'failed'; failure: LoadFailure };

export type PanelName = 'patient' | 'observations' | 'medications' | 'conditions' | 'immunizations';

export const PANEL_RESOURCE: Record<PanelName, string> = {
  patient: 'Patient',
  observations: 'Observation',
  medications: 'MedicationRequest',
  conditions: 'Condition',
  immunizations: 'Immunization',
};

/** Observation codes per query: every query names codes (Epic-safe) and stays short. */
const CODES_PER_QUERY = 20;

export interface LocalCode {
  system: string;
  code: string;
}

/** The FHIR queries of each panel (`_count` ≤ 200; `next` links are followed). */
export function panelQueries(patientId: string, localLabCodes: readonly LocalCode[] = []): Record<PanelName, string[]> {
  const id = encodeURIComponent(patientId);
  const codes = observationCodes(localLabCodes);
  const observationQueries: string[] = [];
  for (let i = 0; i < codes.length; i += CODES_PER_QUERY) {
    const chunk = codes
      .slice(i, i + CODES_PER_QUERY)
      .map(encodeURIComponent)
      .join(',');
    observationQueries.push(`Observation?patient=${id}&code=${chunk}&_count=${PAGE_SIZE}`);
  }
  return {
    patient: [`Patient/${id}`],
    observations: observationQueries,
    medications: [`MedicationRequest?patient=${id}&status=${MEDICATION_STATUSES}&_count=${PAGE_SIZE}`],
    conditions: [`Condition?patient=${id}&_count=${PAGE_SIZE}`],
    immunizations: [`Immunization?patient=${id}&_count=${PAGE_SIZE}`],
  };
}

/** `MedicationRequest/<id>` or `ServiceRequest/<id>`: the only orders a card's link may name. */
const ORDER_REFERENCE = /^(MedicationRequest|ServiceRequest)\/[A-Za-z0-9\-.]{1,64}$/;

/**
 * Reads the order a CDS card's link names (the draft being signed is not in the medication
 * history): refused without the scope, failed when the reference is not an order's.
 */
export async function loadOrder(
  client: Client,
  reference: string,
  grantedScope: string | undefined,
  signal: AbortSignal,
): Promise<PanelState> {
  const match = ORDER_REFERENCE.exec(reference);
  if (!match?.[1]) return { status: 'failed', failure: { kind: 'not-found' } };
  if (!canRead(grantedScope, match[1])) return { status: 'failed', failure: { kind: 'not-granted' } };
  try {
    const resource = (await client.request({ url: reference, signal })) as unknown;
    return { status: 'ready', resources: resource ? [resource] : [] };
  } catch (error) {
    return { status: 'failed', failure: loadFailure(error, client.state.tokenUri) };
  }
}

/** Loads one panel: refused without the scope, otherwise every page of every query, or nothing. */
export async function loadPanel(
  client: Client,
  panel: PanelName,
  queries: readonly string[],
  grantedScope: string | undefined,
  signal: AbortSignal,
): Promise<PanelState> {
  if (!canRead(grantedScope, PANEL_RESOURCE[panel])) return { status: 'failed', failure: { kind: 'not-granted' } };
  try {
    const results = await Promise.all(
      queries.map((q) => client.request({ url: q, signal }, { pageLimit: 0, flat: true }) as Promise<unknown>),
    );
    const resources = results.flatMap((r) => (Array.isArray(r) ? r : r ? [r] : []));
    return { status: 'ready', resources };
  } catch (error) {
    return { status: 'failed', failure: loadFailure(error, client.state.tokenUri) };
  }
}
