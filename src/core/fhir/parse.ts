import type { z } from 'zod';
import { formatPath } from '../util/path.js';
import { isMedicationRequestShape, isObservationShape, isRecord } from './guards.js';
import {
  bundle,
  type Condition,
  condition,
  type Immunization,
  immunization,
  type Medication,
  type MedicationRequest,
  medication,
  medicationRequest,
  type Observation,
  observation,
  type Patient,
  patient,
  type ServiceRequest,
  serviceRequest,
} from './schemas.js';

/** A resource (or part of one) that could not be used, and why. The rest of the data is used. */
export interface DataQualityIssue {
  resourceType: string;
  id?: string;
  /** FHIRPath-like location, e.g. `Observation.valueQuantity.value`. */
  path: string;
  problem: string;
}

/** The resources read from a Bundle (or several), by type, with the issues found on the way. */
export interface ResourceSet {
  patients: Patient[];
  observations: Observation[];
  medicationRequests: MedicationRequest[];
  medications: Medication[];
  serviceRequests: ServiceRequest[];
  conditions: Condition[];
  immunizations: Immunization[];
  issues: DataQualityIssue[];
}

export function emptyResourceSet(): ResourceSet {
  return {
    patients: [],
    observations: [],
    medicationRequests: [],
    medications: [],
    serviceRequests: [],
    conditions: [],
    immunizations: [],
    issues: [],
  };
}

type Collector = (set: ResourceSet, resource: never) => void;

interface ResourceKind {
  schema: z.ZodType;
  add: Collector;
  /** A fast check that implies the schema accepts; accepted resources are used as they are. */
  guard?: (raw: unknown) => boolean;
}

const kinds = new Map<string, ResourceKind>([
  [
    'Observation',
    { schema: observation, guard: isObservationShape, add: (set, r: Observation) => set.observations.push(r) },
  ],
  ['Patient', { schema: patient, add: (set, r: Patient) => set.patients.push(r) }],
  [
    'MedicationRequest',
    {
      schema: medicationRequest,
      guard: isMedicationRequestShape,
      add: (set, r: MedicationRequest) => set.medicationRequests.push(r),
    },
  ],
  ['Medication', { schema: medication, add: (set, r: Medication) => set.medications.push(r) }],
  ['ServiceRequest', { schema: serviceRequest, add: (set, r: ServiceRequest) => set.serviceRequests.push(r) }],
  ['Condition', { schema: condition, add: (set, r: Condition) => set.conditions.push(r) }],
  ['Immunization', { schema: immunization, add: (set, r: Immunization) => set.immunizations.push(r) }],
]);

/** `Observation.valueQuantity.value`: the issue path under the resource type. */
function resourcePath(resourceType: string, path: readonly PropertyKey[]): string {
  if (path.length === 0) return resourceType;
  return `${resourceType}${typeof path[0] === 'number' ? '' : '.'}${formatPath(path, '')}`;
}

/** Parses one resource into the set; unknown resource types are skipped silently. */
export function addResource(set: ResourceSet, raw: unknown, where = 'resource'): void {
  if (isRecord(raw) && raw.resourceType === 'Bundle') addBundle(set, raw);
  else addSingle(set, raw, where);
}

/** A resource other than a Bundle. */
function addSingle(set: ResourceSet, raw: unknown, where: string): void {
  if (!isRecord(raw)) {
    set.issues.push({ resourceType: 'unknown', path: where, problem: 'not a JSON object' });
    return;
  }
  const resourceType = typeof raw.resourceType === 'string' ? raw.resourceType : 'unknown';
  const kind = kinds.get(resourceType);
  if (!kind) {
    if (resourceType === 'unknown') set.issues.push({ resourceType, path: where, problem: 'no resourceType' });
    return;
  }
  if (kind.guard?.(raw)) {
    kind.add(set, raw as never);
    return;
  }
  const id = typeof raw.id === 'string' ? raw.id : undefined;
  const result = kind.schema.safeParse(raw);
  if (result.success) {
    kind.add(set, result.data as never);
    return;
  }
  const first = result.error.issues[0];
  set.issues.push({
    resourceType,
    ...(id === undefined ? {} : { id }),
    path: resourcePath(resourceType, first?.path ?? []),
    problem: first?.message ?? 'invalid',
  });
}

/** The common case, checked without copying: `entry` is absent or an array of objects. */
function entriesOf(raw: Record<string, unknown>): unknown[] | undefined {
  const entry = raw.entry;
  if (entry === undefined) return [];
  if (!Array.isArray(entry)) return undefined;
  for (const e of entry)
    if (!isRecord(e) || (e.fullUrl !== undefined && typeof e.fullUrl !== 'string')) return undefined;
  return entry;
}

/** A Bundle's entries (objects with an optional `resource`); none, with an issue, when it is malformed. */
function bundleEntries(set: ResourceSet, raw: Record<string, unknown>): readonly { resource?: unknown }[] {
  const fast = entriesOf(raw);
  if (fast) return fast as { resource?: unknown }[];
  const parsed = bundle.safeParse(raw);
  if (parsed.success) return parsed.data.entry ?? [];
  const first = parsed.error.issues[0];
  set.issues.push({
    resourceType: 'Bundle',
    ...(typeof raw.id === 'string' ? { id: raw.id } : {}),
    path: resourcePath('Bundle', first?.path ?? []),
    problem: first?.message ?? 'invalid',
  });
  return [];
}

/**
 * A Bundle's resources in document order, Bundles inside it included, walked with an explicit
 * stack rather than recursion: a FHIR server's response has no nesting limit, and a chain of
 * 20,000 Bundles overflowed the call stack (a 500, found by the fuzz suite).
 */
function addBundle(set: ResourceSet, raw: Record<string, unknown>): void {
  const stack = [{ entries: bundleEntries(set, raw), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number];
    if (top.next === top.entries.length) {
      stack.pop();
      continue;
    }
    const i = top.next++;
    const resource = top.entries[i]?.resource;
    if (resource === undefined) continue;
    if (isRecord(resource) && resource.resourceType === 'Bundle') {
      stack.push({ entries: bundleEntries(set, resource), next: 0 });
    } else {
      addSingle(set, resource, `Bundle.entry[${i}].resource`);
    }
  }
}

/** Reads a Bundle (searchset, collection, transaction…), an array of resources, or one resource. */
export function readResources(input: unknown, into: ResourceSet = emptyResourceSet()): ResourceSet {
  if (Array.isArray(input)) {
    input.forEach((item, i) => {
      addResource(into, item, `[${i}]`);
    });
  } else {
    addResource(into, input);
  }
  return into;
}

/** `Patient/123`, a full URL ending in `Patient/123`, or a bare id → `123`. */
export function referencedId(ref: string | undefined, resourceType: string): string | undefined {
  if (!ref) return undefined;
  const marker = `${resourceType}/`;
  const at = ref.lastIndexOf(marker);
  if (at === -1) return undefined;
  const rest = ref.slice(at + marker.length);
  const slash = rest.indexOf('/');
  return slash === -1 ? rest : rest.slice(0, slash);
}
