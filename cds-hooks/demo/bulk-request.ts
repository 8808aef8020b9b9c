import { getSearchParameter, parseSearchRequest, type SearchRequest } from '@medplum/core';

/**
 * A Bulk Data `$export` kick-off read and checked (https://hl7.org/fhir/uv/bulkdata/export.html):
 * the parameters from the query string (GET) or a `Parameters` resource (POST), each problem named
 * with the parameter it is in.
 */

export type ExportLevel = 'system' | 'patient' | 'group';

export interface ExportRequest {
  level: ExportLevel;
  groupId?: string;
  /** The resource types asked for (`_type`), or undefined for every type the token may read. */
  types?: string[];
  /** `_since` in epoch milliseconds. */
  sinceMs?: number;
  /** `_typeFilter` searches, by resource type: a resource is exported when it matches one of its type's. */
  typeFilters: Map<string, SearchRequest[]>;
  /** `patient` references (POST at Patient or Group level): only these patients. */
  patients?: Set<string>;
}

export class KickOffError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

export const OUTPUT_FORMATS = ['application/fhir+ndjson', 'application/ndjson', 'ndjson'];
const KNOWN = new Set(['_outputFormat', '_type', '_since', '_typeFilter', 'patient']);
/** A FHIR instant: date, time and zone (https://hl7.org/fhir/R4/datatypes.html#instant). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The parameters as name → values, from a GET query string. */
export function queryParameters(query: Record<string, string | string[] | undefined>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out.set(name, Array.isArray(value) ? value : [value]);
  }
  return out;
}

/** The parameters as name → values, from a POST body that must be a FHIR `Parameters` resource. */
export function parametersResource(body: unknown): Map<string, string[]> {
  const resource = body as { resourceType?: unknown; parameter?: unknown } | undefined;
  if (!resource || typeof resource !== 'object' || resource.resourceType !== 'Parameters')
    throw new KickOffError('(body)', 'the body of a POST kick-off must be a FHIR Parameters resource');
  if (resource.parameter !== undefined && !Array.isArray(resource.parameter))
    throw new KickOffError('Parameters.parameter', 'Parameters.parameter must be an array');
  const out = new Map<string, string[]>();
  for (const [i, p] of ((resource.parameter ?? []) as Record<string, unknown>[]).entries()) {
    const where = `Parameters.parameter[${i}]`;
    if (!p || typeof p !== 'object' || typeof p.name !== 'string')
      throw new KickOffError(where, `${where} has no name`);
    const reference = (p.valueReference as { reference?: unknown } | undefined)?.reference;
    const value = p.valueString ?? p.valueInstant ?? p.valueCode ?? reference;
    if (typeof value !== 'string')
      throw new KickOffError(
        `${where}.value[x]`,
        `${p.name} needs a valueString, valueInstant, valueCode or valueReference`,
      );
    out.set(p.name, [...(out.get(p.name) ?? []), value]);
  }
  return out;
}

/**
 * Checks the parameters against what this server exports. `lenient` (`Prefer: handling=lenient`)
 * ignores parameters it does not know instead of refusing them.
 */
export function exportRequest(
  level: ExportLevel,
  params: Map<string, string[]>,
  exported: readonly string[],
  options: { lenient: boolean; groupId?: string; patientAllowed: boolean },
): ExportRequest {
  for (const name of params.keys()) {
    if (!KNOWN.has(name) && !options.lenient)
      throw new KickOffError(name, `the parameter ${name} is not supported by this server`);
  }
  const format = params.get('_outputFormat')?.[0];
  if (format !== undefined && !OUTPUT_FORMATS.includes(format))
    throw new KickOffError('_outputFormat', `_outputFormat "${format}" is not supported: use application/fhir+ndjson`);
  const request: ExportRequest = {
    level,
    typeFilters: new Map(),
    ...(options.groupId ? { groupId: options.groupId } : {}),
  };
  const types = params.get('_type')?.flatMap((v) => v.split(',').map((t) => t.trim()));
  if (types) {
    const unknown = types.filter((t) => !exported.includes(t));
    if (unknown.length > 0)
      throw new KickOffError('_type', `_type names resource types this server does not export: ${unknown.join(', ')}`);
    request.types = [...new Set(types)];
  }
  const since = params.get('_since')?.[0];
  if (since !== undefined) {
    if (!INSTANT.test(since) || Number.isNaN(Date.parse(since)))
      throw new KickOffError('_since', `_since "${since}" is not a FHIR instant (such as 2026-01-01T00:00:00Z)`);
    request.sinceMs = Date.parse(since);
  }
  for (const filter of params.get('_typeFilter') ?? []) {
    const search = typeFilter(filter, exported);
    if (request.types && !request.types.includes(search.resourceType))
      throw new KickOffError(
        '_typeFilter',
        `_typeFilter "${filter}" names ${search.resourceType}, which _type leaves out`,
      );
    request.typeFilters.set(search.resourceType, [...(request.typeFilters.get(search.resourceType) ?? []), search]);
  }
  const patients = params.get('patient');
  if (patients) {
    if (!options.patientAllowed)
      throw new KickOffError('patient', 'the patient parameter is for a POST kick-off at Patient or Group level');
    request.patients = new Set(
      patients.map((ref) => {
        const m = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(ref);
        if (!m) throw new KickOffError('patient', `"${ref}" is not a Patient reference (Patient/<id>)`);
        return m[1] as string;
      }),
    );
  }
  return request;
}

/** One `_typeFilter` value: `Type?search`, with search parameters FHIR R4 defines for that type. */
function typeFilter(filter: string, exported: readonly string[]): SearchRequest {
  const type = filter.split('?')[0] ?? '';
  if (!exported.includes(type) || !filter.includes('?'))
    throw new KickOffError('_typeFilter', `_typeFilter "${filter}" must be <exported type>?<search>`);
  const search = parseSearchRequest(filter);
  for (const f of search.filters ?? []) {
    if (!getSearchParameter(type, f.code))
      throw new KickOffError('_typeFilter', `_typeFilter "${filter}": ${type} has no search parameter ${f.code}`);
  }
  return search;
}
