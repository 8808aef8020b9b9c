import fc from 'fast-check';

/**
 * fast-check arbitraries of hostile CDS Hooks request bodies for the fuzz suite
 * (test/cds-hooks/fuzz.test.ts). Most bodies are realistic requests with a few mutations at random
 * paths (dropped, nulled, retyped, swapped, junk, invalid dates and quantities, broken or misplaced
 * resources, prototype keys); the rest are random JSON, random text, malformed JSON and wrong
 * content types. Generation is pure: a seed gives the same bodies.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

/** A valid request the mutations start from. */
export interface BaseRequest {
  name: string;
  /** The service that answers it. */
  service: string;
  body: { [key: string]: Json };
  /** Groups of subtrees where mutations land (one group is picked, then one subtree of it). */
  anchors: Path[][];
}

/** One generated request. */
export interface FuzzBody {
  /** Which generator made it (for the summary). */
  kind: string;
  service: string;
  /** `undefined`: no Content-Type header. */
  contentType: string | undefined;
  payload: string | Buffer;
}

export const SERVICE_IDS = [
  'immunosteward-order-sign',
  'immunosteward-order-select',
  'immunosteward-patient-view',
] as const;

const JSON_CONTENT_TYPES = [
  'application/json',
  'application/fhir+json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/fhir+json; fhirVersion=4.0',
] as const;

/** Everything but JSON, plus near-misses of the JSON types; `undefined` sends no header. */
const WRONG_CONTENT_TYPES = [
  undefined,
  '',
  'text/plain',
  'text/json',
  'text/html; charset=utf-8',
  'application/xml',
  'application/fhir+xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/octet-stream',
  'application/jsonp',
  'application/json-patch+json',
  'application/json, text/plain',
  'application/ json',
  '*/*',
  'json',
] as const;

/** Keys that reach the prototype chain when code assigns them naively. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Written in place of a number literal JSON.stringify cannot write (`1e400`, `-0`, 30 digits). */
const RAW = '\u0000raw:';
const raw = (literal: string) => `${RAW}${literal}`;
const RAW_PATTERN = /"\\u0000raw:([^"\\]*)"/g;

/** JSON text of a generated value, with raw number literals spliced in. */
function serialize(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(RAW_PATTERN, '$1');
}

// ---------------------------------------------------------------------------------------------
// Values

/** Dates that pass the FHIR dateTime pattern but are no real instant, and some that do not pass. */
const INVALID_DATES: readonly Json[] = [
  '2026-02-30',
  '2026-02-31T10:00:00+05:00',
  '2025-02-29',
  '2026-04-31',
  '2026-11-01T23:59:60Z',
  '2026-11-01T23:59:60+14:00',
  '2026-11-01T24:00:00Z',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59-13:59',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01',
  '2026-11-01T09:00:00',
  '2026-11-01T09:00:00.1234567891+05:00',
  '2026-W44',
  '2026-305',
  '20261101',
  '1e10',
  'yesterday',
  'Invalid Date',
  'NaN',
  '',
  ' 2026-11-01',
  '2026-11-01\n',
  20261101,
  -8.64e15,
  raw('1e400'),
];

/** Quantities no lab sends: absurd magnitudes, wrong types, unknown or pathological units. */
const INVALID_QUANTITIES: readonly Json[] = [
  { value: 1e308, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' },
  { value: -1e308, unit: 'd', code: 'd' },
  { value: 1e12, unit: 'days', code: 'd' },
  { value: 1e7, unit: 'a', code: 'a' },
  { value: 5e-324, unit: 'wk', code: 'wk' },
  { value: -30, unit: 'd', code: 'd' },
  { value: 0, unit: 'd', code: 'd' },
  { value: raw('-0'), code: 'd' },
  { value: raw('1e400'), code: 'd' },
  { value: raw('-1e400'), unit: '10*9/L', code: '10*9/L' },
  { value: raw('123456789012345678901234567890'), unit: '/uL' },
  { value: raw('1E-400'), unit: 'g/L' },
  { value: raw('9007199254740993'), unit: 'mg', code: 'mg' },
  { value: '12.5', unit: 'mg/dL', code: 'mg/dL' },
  { value: null, unit: 'g/L' },
  { value: true, unit: 'g/L' },
  { value: [1], unit: 'g/L' },
  { value: { value: 1 }, unit: 'g/L' },
  { value: 3, comparator: '<<', unit: 'g/L' },
  { value: 3, comparator: 'ad', unit: 'g/L' },
  { value: 3, comparator: 7 },
  { value: 3, unit: '', code: '' },
  { value: 3, unit: 'x'.repeat(300) },
  { value: 3, code: '((((((((((mg))))))))))' },
  { value: 3, code: '10^999/L' },
  { value: 3, code: '10*308/L' },
  { value: 3, code: 'mg/dL/mg/dL/mg/dL/mg/dL/mg/dL' },
  { value: 3, code: '[IU]/[IU]/[IU]' },
  { value: 3, code: 'mol/L', unit: 'g/L' },
  { value: 3, code: '{cells}', unit: '{cells}/{cells}' },
  { value: 3, code: 'cells/uL'.repeat(40) },
  { value: 3, unit: 'µµµµg/dL', code: 'ug/dL' },
  { value: 3, code: '%' },
  { value: 3, code: 'min' },
  { value: 2.5, code: 'mo' },
  {},
  [],
  '5 days',
  42,
];

/** Numbers at the edges of what JSON and doubles hold. */
const ODD_NUMBERS: readonly Json[] = [
  0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  raw('9007199254740993'),
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  raw('1e400'),
  raw('-0'),
  raw('1e-400'),
  raw('123456789012345678901234567890'),
];

/** Strings that mean something to a parser, a template, a shell, a browser or a FHIR server. */
const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u2066',
  '\ufeff',
  '💉🧬',
  'Бронхо-мунал',
  '<script>alert(1)</script>',
  '**bold** [x](javascript:alert(1)) | table |',
  '{{context.patientId}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${process.exit()}',
  "'; DROP TABLE cards; --",
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'Patient/',
  'MedicationRequest/',
  'Patient/../Observation',
  'https://ehr.example.org/fhir',
  'https://ehr.example.org/fhir/Patient/healthy-1',
  'https://evil.example/fhir',
  'http://169.254.169.254/latest/meta-data',
  'file:///etc/passwd',
  'order-sign',
  'order-select',
  'patient-view',
  'draft',
  'active',
  'entered-in-error',
  'Bundle',
  'Observation',
  'MedicationRequest',
  'Medication',
  'Patient',
  'Condition',
  'Immunization',
  'ServiceRequest',
  'OperationOutcome',
  'Parameters',
  'http://loinc.org',
  '24467-3',
  'L03AX05',
  'http://www.whocc.no/atc',
];

const oddString = fc.constantFrom(...ODD_STRINGS);

/**
 * Any code point, lone surrogates included. (fast-check's `binary` and `grapheme` units build a
 * table of every code point per arbitrary: seconds of start-up for nothing here.)
 */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));

const junkString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: anyCodePoint, maxLength: 12 }) },
  { weight: 3, arbitrary: oddString },
);

const junkNumber: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...ODD_NUMBERS),
);

/** Any JSON value, small: scalars, odd strings and numbers, shallow objects and arrays. */
const junk: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: junkString },
  { weight: 2, arbitrary: junkNumber },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], { resourceType: null }) },
  {
    weight: 3,
    arbitrary: fc.jsonValue({ maxDepth: 3, depthSize: 'small' }) as fc.Arbitrary<Json>,
  },
);

/** A key for an added member: prototype keys, FHIR element names, odd and random text. */
const extraKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'resourceType',
      'id',
      'extension',
      'modifierExtension',
      'contained',
      'entry',
      'resource',
      'link',
      'status',
      'code',
      'coding',
      'valueQuantity',
      'dosageInstruction',
      'selections',
      'draftOrders',
      'patientId',
      'hasOwnProperty',
      'toString',
      'toJSON',
      'then',
      'length',
      '0',
      '',
    ),
  },
  { weight: 1, arbitrary: junkString },
);

/** A value under a prototype key; `{prototype: …}` under `constructor` is constructor poisoning. */
const pollutingValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant<Json>({ polluted: true }),
  fc.constant<Json>({ prototype: { polluted: true } }),
  fc.constant<Json>({ constructor: { prototype: { polluted: true } } }),
  fc.constant<Json>({ toString: 'polluted', valueOf: 1, hasOwnProperty: null }),
  junk,
);

const RESOURCE_TYPES = [
  'Observation',
  'MedicationRequest',
  'Medication',
  'ServiceRequest',
  'Patient',
  'Condition',
  'Immunization',
  'Bundle',
  'OperationOutcome',
  'Encounter',
];

/** Resources a broken or hostile EHR could put where a resource belongs. */
const brokenResource: fc.Arbitrary<Json> = fc.oneof(
  junk,
  fc.constantFrom(...RESOURCE_TYPES).map((resourceType): Json => ({ resourceType })),
  fc
    .record({ resourceType: fc.constantFrom<Json>(...RESOURCE_TYPES, 'observation', '', null, 7), rest: junk })
    .map(({ resourceType, rest }): Json => ({ resourceType, id: 'x', rest })),
  fc
    .tuple(fc.constantFrom(...RESOURCE_TYPES), fc.dictionary(extraKey, junk, { maxKeys: 4 }))
    .map(([resourceType, fields]): Json => ({ ...fields, resourceType })),
  fc.constant<Json>({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Bundle', entry: 'x' } }] }),
  fc.constant<Json>({ resourceType: 'Bundle', entry: [null, 1, 'x', [], { fullUrl: 5 }] }),
  fc.constant<Json>({
    resourceType: 'Bundle',
    link: [{ relation: 'next', url: 'https://evil.example/fhir/Observation?page=2' }],
  }),
  fc.constant<Json>({
    resourceType: 'Bundle',
    link: [{ relation: 'next', url: 'https://ehr.example.org/fhir/Observation?page=2' }],
  }),
  fc.constant<Json>({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing' }] }),
  fc.constant<Json>({ resourceType: 'MedicationRequest', medicationReference: { reference: 'Medication/none' } }),
  fc.constant<Json>({
    resourceType: 'MedicationRequest',
    id: 'd-contained',
    status: 'draft',
    medicationReference: { reference: '#m1' },
    contained: [{ resourceType: 'Medication', id: 'm1', code: 7, ingredient: [{ strength: { numerator: [] } }] }],
  }),
);

// ---------------------------------------------------------------------------------------------
// Paths and edits

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

function get(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path) {
    if (!isContainer(node)) return undefined;
    node = Object.hasOwn(node, key) ? (node as Record<string, Json>)[key] : undefined;
  }
  return node;
}

/** Sets an own member, also when the key is `__proto__` (plain assignment would set the prototype). */
function put(container: Container, key: string | number, value: Json): void {
  Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
}

function remove(container: Container, key: string | number): void {
  if (Array.isArray(container)) container.splice(Number(key), 1);
  else delete (container as Record<string, Json>)[key];
}

/** The deepest existing prefix of a path. */
function existing(root: Json, path: Path): Path {
  let end = 0;
  let node: Json | undefined = root;
  for (const key of path) {
    if (!isContainer(node) || !Object.hasOwn(node, key)) break;
    node = (node as Record<string, Json>)[key];
    end++;
  }
  return path.slice(0, end);
}

/** Depths a mutation chooses from (FHIR resources in prefetch sit about 10 deep). */
const MAX_LEVEL = 10;

interface Located {
  path: Path;
  node: Json;
}

/** The nodes under `from` by depth (level 0 is `from` itself), down to `maxLevel` or the leaves. */
function levelsUnder(root: Json, from: Path, maxLevel: number): Located[][] {
  const levels: Located[][] = [[{ path: from, node: get(root, from) ?? null }]];
  while (levels.length <= maxLevel) {
    const next: Located[] = [];
    for (const { path, node } of levels[levels.length - 1] as Located[]) {
      if (!isContainer(node)) continue;
      const array = Array.isArray(node);
      for (const key of Object.keys(node)) {
        next.push({ path: [...path, array ? Number(key) : key], node: (node as Record<string, Json>)[key] as Json });
      }
    }
    if (next.length === 0) break;
    levels.push(next);
  }
  return levels;
}

/**
 * A node under `from`: first a depth, then a node at that depth. Shallow members (`hook`,
 * `fhirServer`, a prefetch key) are hit as often as the many deep ones.
 */
function pick(root: Json, from: Path, depth: number, index: number): Located {
  const levels = levelsUnder(root, from, depth % MAX_LEVEL);
  const level = levels[(depth % MAX_LEVEL) % levels.length] as Located[];
  return level[index % level.length] as Located;
}

/** Paths under `from` whose last key matches. */
function keyed(root: Json, from: Path, pattern: RegExp): Path[] {
  return levelsUnder(root, from, Number.POSITIVE_INFINITY)
    .flat()
    .filter(({ path }) => path.length > 0 && pattern.test(String(path[path.length - 1])))
    .map(({ path }) => path);
}

const GROW_LIMIT = { items: 600, chars: 20_000 };

const DATE_KEY = /(Date|DateTime|Instant|On|^issued|^recorded|^start|^end|^date|^timestamp)$/;
const QUANTITY_KEY = /(Quantity|^boundsDuration|^expectedSupplyDuration|^low|^high|^numerator|^denominator)$/;

/**
 * The container at `path`, made safe to edit: it and every container above it are copied (the
 * base request is shared by every body, so edits copy on write instead of cloning it whole).
 */
function writable(box: { value: Json }, path: Path): Container | undefined {
  const copy = (v: Json): Json => (Array.isArray(v) ? v.slice() : isContainer(v) ? { ...v } : v);
  box.value = copy(box.value);
  let node = box.value;
  for (const key of path) {
    if (!isContainer(node) || !Object.hasOwn(node, key)) return undefined;
    const child = copy((node as Record<string, Json>)[key] as Json);
    put(node, key, child);
    node = child;
  }
  return isContainer(node) ? node : undefined;
}

/** Replaces a node (the root too). */
function replace(box: { value: Json }, path: Path, value: Json): void {
  if (path.length === 0) {
    box.value = value;
    return;
  }
  const parent = writable(box, path.slice(0, -1));
  if (parent) put(parent, path[path.length - 1] as string | number, value);
}

/** The same content under another JSON type. */
function retype(value: Json, variant: number): Json {
  if (value === null) return [{}, '', 0, false][variant % 4] as Json;
  if (Array.isArray(value)) {
    return [
      Object.fromEntries(value.map((v, i) => [String(i), v])),
      value[0] ?? null,
      value.length,
      JSON.stringify(value),
    ][variant % 4] as Json;
  }
  switch (typeof value) {
    case 'object':
      return [Object.values(value), [value], JSON.stringify(value), Object.keys(value).length][variant % 4] as Json;
    case 'string': {
      const n = Number(value);
      return [Number.isFinite(n) && value.trim() !== '' ? n : value.length, [value], { value }, value !== ''][
        variant % 4
      ] as Json;
    }
    case 'number':
      return [String(value), [value], value !== 0, { value }][variant % 4] as Json;
    default:
      return [String(value), value ? 1 : 0, [value], null][variant % 4] as Json;
  }
}

type Mutation =
  | { op: 'drop' | 'null'; at: Target }
  | { op: 'retype'; at: Target; variant: number }
  | { op: 'junk'; at: Target; value: Json }
  | { op: 'special'; at: Target; value: Json }
  | { op: 'date'; at: Target; value: Json }
  | { op: 'quantity'; at: Target; value: Json }
  | { op: 'resource'; at: Target; value: Json }
  | { op: 'extra'; at: Target; key: string; value: Json }
  | { op: 'swap'; at: Target; other: number }
  | { op: 'grow'; at: Target; times: number };

/** Where a mutation lands: anchor group, subtree in it, depth and node under it (each taken modulo). */
interface Target {
  group: number;
  anchor: number;
  depth: number;
  node: number;
}

const target: fc.Arbitrary<Target> = fc.record({ group: fc.nat(), anchor: fc.nat(), depth: fc.nat(), node: fc.nat() });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('drop' as const, 'null' as const), at: target }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('retype' as const), at: target, variant: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('junk' as const), at: target, value: junk }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('special' as const),
      at: target,
      value: fc.constantFrom<Json>(...INVALID_DATES, ...INVALID_QUANTITIES, ...ODD_NUMBERS),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('date' as const), at: target, value: fc.constantFrom(...INVALID_DATES) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('quantity' as const),
      at: target,
      value: fc.oneof(fc.constantFrom(...INVALID_QUANTITIES), junkNumber),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('resource' as const), at: target, value: brokenResource }) },
  {
    weight: 2,
    arbitrary: fc
      .record({ op: fc.constant('extra' as const), at: target, key: extraKey, value: junk, polluting: pollutingValue })
      .map(({ polluting, ...m }) =>
        (PROTOTYPE_KEYS as readonly string[]).includes(m.key) ? { ...m, value: polluting } : m,
      ),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swap' as const), at: target, other: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('grow' as const), at: target, times: fc.integer({ min: 2, max: 300 }) }),
  },
);

/** The matching path at or below `path`, else any match (by `index`). */
function keyedNear(matches: Path[], path: Path, index: number): Path | undefined {
  if (matches.length === 0) return undefined;
  const prefix = path.join('\u0001');
  return matches.find((p) => p.join('\u0001').startsWith(prefix)) ?? matches[index % matches.length];
}

/** The resource that holds a path: the innermost object with a `resourceType` (or the node). */
function resourceAt(root: Json, path: Path): Path {
  for (let end = path.length; end > 0; end--) {
    const node = get(root, path.slice(0, end));
    if (isContainer(node) && !Array.isArray(node) && typeof node.resourceType === 'string') return path.slice(0, end);
  }
  return path;
}

/** A bigger version of a node, bounded: the bulk stays fast (the huge bodies are separate cases). */
function grown(node: Json, times: number): Json {
  if (Array.isArray(node)) {
    const items = node.length > 0 ? node : [null];
    const length = Math.min(items.length * times, GROW_LIMIT.items);
    return Array.from({ length }, (_, i) => items[i % items.length] as Json);
  }
  if (typeof node === 'string') {
    const unit = node || 'x';
    return unit.repeat(Math.min(times, Math.ceil(GROW_LIMIT.chars / unit.length))).slice(0, GROW_LIMIT.chars);
  }
  if (isContainer(node)) {
    const copy = { ...node };
    for (let i = 0; i < times; i++) copy[`extra${i}`] = i;
    return copy;
  }
  return Array.from({ length: times }, () => node);
}

/** `prefetch.observations.entry[3].resource` */
const show = (path: Path) =>
  path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${k}` : k), '') || '(root)';

/**
 * Applies one mutation (the root is boxed so that it can be replaced too); returns what it did,
 * e.g. `null at prefetch.observations.link[0]`, for the counterexample of a failure.
 */
function applyMutation(box: { value: Json }, base: BaseRequest, m: Mutation): string {
  const group = base.anchors[m.at.group % base.anchors.length] ?? [[]];
  const anchor = existing(box.value, group[m.at.anchor % group.length] ?? []);
  const { path, node } = pick(box.value, anchor, m.at.depth, m.at.node);
  // Generated values can be shared constants: each body gets its own copy to edit.
  const value = 'value' in m ? structuredClone(m.value) : null;
  const done = (at: Path, what: string = m.op) => `${what} at ${show(at)}`;
  switch (m.op) {
    case 'drop': {
      const parent = path.length > 0 ? writable(box, path.slice(0, -1)) : undefined;
      if (parent) remove(parent, path[path.length - 1] as string | number);
      else box.value = {};
      return done(path);
    }
    case 'null':
    case 'retype':
    case 'junk':
    case 'special':
      replace(box, path, m.op === 'null' ? null : m.op === 'retype' ? retype(node, m.variant) : value);
      return done(path);
    case 'date': {
      const at = keyedNear(keyed(box.value, anchor, DATE_KEY), path, m.at.node) ?? path;
      replace(box, at, value);
      return done(at);
    }
    case 'quantity': {
      const quantity = keyedNear(keyed(box.value, anchor, QUANTITY_KEY), path, m.at.node);
      // A bare number replaces the quantity's value, anything else the whole quantity.
      const at =
        quantity && typeof value === 'number' && isContainer(get(box.value, quantity))
          ? [...quantity, 'value']
          : (quantity ?? path);
      replace(box, at, value);
      return done(at);
    }
    case 'resource': {
      const at = resourceAt(box.value, path);
      replace(box, at, value);
      return done(at);
    }
    case 'extra': {
      const at = isContainer(node) ? path : path.slice(0, -1);
      const holder = isContainer(node) || path.length > 0 ? writable(box, at) : undefined;
      if (holder && !Array.isArray(holder)) put(holder, m.key, value);
      else if (holder) holder.push({ [m.key]: value });
      else box.value = { [m.key]: value };
      return done(at, `extra ${JSON.stringify(m.key)}`);
    }
    case 'swap': {
      const other = pick(box.value, [], m.other, Math.floor(m.other / MAX_LEVEL));
      replace(box, path, structuredClone(other.node));
      return done(path, `swap with ${show(other.path)}`);
    }
    case 'grow':
      replace(box, path, grown(node, m.times));
      return done(path, `grow ×${m.times}`);
  }
}

/** The anchor groups of a request: top level, context, each draft, selections, prefetch, each prefetch key and resource. */
export function anchorsOf(body: { [key: string]: Json }): Path[][] {
  const present = (path: Path) => get(body, path) !== undefined;
  const entries = (at: Path): Path[] => {
    const bundle = get(body, at);
    return isContainer(bundle) && !Array.isArray(bundle) && Array.isArray(bundle.entry)
      ? bundle.entry.map((_, i) => [...at, 'entry', i, 'resource'])
      : [];
  };
  const keys = Object.keys(isContainer(body.prefetch) ? body.prefetch : {});
  const groups: Path[][] = [
    [[]],
    [['context']],
    [['context', 'draftOrders'], ...entries(['context', 'draftOrders'])],
    [['context', 'selections']],
    [['prefetch']],
    keys.map((k) => ['prefetch', k]),
    keys.flatMap((k) => entries(['prefetch', k])),
  ];
  return groups.map((g) => g.filter(present)).filter((g) => g.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Bodies

const jsonContentType = fc.constantFrom<string | undefined>(...JSON_CONTENT_TYPES);
const wrongContentType = fc.constantFrom<string | undefined>(...WRONG_CONTENT_TYPES);

/** Usually the base's own service; sometimes another one, or one that does not exist. */
function serviceFor(base: BaseRequest): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 20, arbitrary: fc.constant(base.service) },
    { weight: 1, arbitrary: fc.constantFrom(...SERVICE_IDS) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'unknown-service',
        '__proto__',
        'constructor',
        'toString',
        'immunosteward-order-sign ',
        '',
      ),
    },
  );
}

/** A base request after the mutations, and what they did. */
function mutated(base: BaseRequest, mutations: readonly Mutation[]): { text: string; notes: string } {
  const box = { value: base.body as Json };
  const done = mutations.map((m) => applyMutation(box, base, m));
  return { text: serialize(box.value), notes: `${base.name}; ${done.join('; ') || 'unchanged'}` };
}

/** Text-level damage: truncation, trailing garbage, invalid bytes, BOM, a flipped character, duplicate keys. */
type TextDamage =
  | { kind: 'truncate'; at: number }
  | { kind: 'trailing'; garbage: string }
  | { kind: 'bytes'; at: number; bytes: number[] }
  | { kind: 'bom' }
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'duplicate-key'; value: Json };

const textDamage: fc.Arbitrary<TextDamage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('trailing' as const),
    garbage: fc.oneof(
      fc.constantFrom('}', ']', ',', ' x', '\u0000', '{}', ',{"hook":1}', '\n\n{"a":1}', '//'),
      junkString,
    ),
  }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.nat(),
    bytes: fc.array(fc.constantFrom(0xff, 0xfe, 0xc3, 0x80, 0xed, 0xa0, 0xf4, 0x90, 0x00), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.constant({ kind: 'bom' as const }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    char: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', 'x', ' '),
  }),
  fc.record({ kind: fc.constant('duplicate-key' as const), value: junk }),
);

function damage(text: string, d: TextDamage): string | Buffer {
  const at = (n: number) => (text.length === 0 ? 0 : n % text.length);
  switch (d.kind) {
    case 'truncate':
      return text.slice(0, at(d.at));
    case 'trailing':
      return text + d.garbage;
    case 'bytes': {
      const cut = Buffer.byteLength(text.slice(0, at(d.at)));
      const bytes = Buffer.from(text);
      return Buffer.concat([bytes.subarray(0, cut), Buffer.from(d.bytes), bytes.subarray(cut)]);
    }
    case 'bom':
      return `\ufeff${text}`;
    case 'flip': {
      const i = at(d.at);
      return text.slice(0, i) + d.char + text.slice(i + 1);
    }
    case 'duplicate-key':
      // JSON.parse keeps the last of duplicate keys: a second `hook`/`context` overrides the first.
      return text.startsWith('{')
        ? `{"hook":${serialize(d.value)},"context":${serialize(d.value)},${text.slice(1)}`
        : text;
  }
}

/** A request-shaped object whose members are junk (each member may be missing). */
const shapedJunk: fc.Arbitrary<Json> = fc.record(
  {
    hook: fc.oneof(fc.constantFrom<Json>('order-sign', 'order-select', 'patient-view'), junk),
    hookInstance: fc.oneof(fc.uuid(), junk),
    fhirServer: fc.oneof(fc.constantFrom<Json>('https://ehr.example.org/fhir', 'https://evil.example/fhir'), junk),
    fhirAuthorization: fc.oneof(
      fc.record(
        { access_token: junk, token_type: junk, expires_in: junk, scope: junk, subject: junk },
        { requiredKeys: [] },
      ),
      junk,
    ),
    context: fc.oneof(
      fc.record(
        {
          patientId: fc.oneof(fc.constantFrom<Json>('healthy-1', 'chemo-1'), junk),
          userId: junk,
          encounterId: junk,
          draftOrders: fc.oneof(
            fc.array(brokenResource, { maxLength: 4 }).map(
              (resources): Json => ({
                resourceType: 'Bundle',
                entry: resources.map((resource) => ({ resource })),
              }),
            ),
            junk,
          ),
          selections: fc.oneof(fc.array(junkString, { maxLength: 3 }), junk),
        },
        { requiredKeys: [] },
      ),
      junk,
    ),
    prefetch: fc.oneof(
      fc.dictionary(
        fc.constantFrom('patient', 'observations', 'medications', 'conditions', 'immunizations', '__proto__', 'other'),
        fc.oneof(brokenResource, fc.constant(null)),
      ),
      junk,
    ),
  },
  { requiredKeys: [] },
);

/** Text that is not JSON, or JSON that is not an object. */
const rawText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: anyCodePoint, maxLength: 64 }),
  fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ':',
        ',',
        '"',
        '"hook"',
        '"context"',
        'null',
        '1e999',
        'true',
        '\\u0000',
        '"__proto__"',
        ' ',
        '\n',
        '-',
        '0',
        '.',
      ),
      { maxLength: 40 },
    )
    .map((tokens) => tokens.join('')),
  fc.constantFrom(
    '',
    ' ',
    '\n',
    'null',
    'true',
    '0',
    '-0',
    '1e400',
    '""',
    '"{}"',
    '[]',
    '[{}]',
    '{',
    '}',
    '{}}',
    '{"a":}',
    "{'hook':'order-sign'}",
    '{"hook":"order-sign",}',
    'NaN',
    'undefined',
  ),
);

/**
 * A body that prints short in a fast-check counterexample (payloads can be hundreds of kB): what
 * it was made from and how, then the start of the text.
 */
function fuzzBodyOf(
  kind: string,
  service: string,
  contentType: string | undefined,
  payload: string | Buffer,
  notes = '',
): FuzzBody {
  const body: FuzzBody = { kind, service, contentType, payload };
  Object.defineProperty(body, fc.toStringMethod, {
    value: () => {
      const text = typeof payload === 'string' ? payload : payload.toString('latin1');
      const shown = text.length > 1000 ? `${text.slice(0, 1000)}… (${text.length} chars)` : text;
      const made = notes ? ` (${notes})` : '';
      return `${kind}${made}: POST /cds-services/${service} [${contentType ?? 'no content-type'}] ${JSON.stringify(shown)}`;
    },
  });
  return body;
}

/** Every kind of generated body, weighted toward realistic requests with a few mutations. */
export function fuzzBody(bases: readonly BaseRequest[]): fc.Arbitrary<FuzzBody> {
  const base = fc.constantFrom(...bases);
  const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });
  const withBase = <T>(f: (b: BaseRequest) => fc.Arbitrary<T>) => base.chain(f);
  return fc.oneof(
    {
      weight: 60,
      arbitrary: withBase((b) =>
        fc
          .record({ service: serviceFor(b), contentType: jsonContentType, mutations })
          .map(({ service, contentType, mutations: ms }) => {
            const { text, notes } = mutated(b, ms);
            return fuzzBodyOf('mutated', service, contentType, text, notes);
          }),
      ),
    },
    {
      weight: 10,
      arbitrary: withBase((b) =>
        fc
          .record({ contentType: jsonContentType, mutations: fc.array(mutation, { maxLength: 2 }), damage: textDamage })
          .map(({ contentType, mutations: ms, damage: d }) => {
            const { text, notes } = mutated(b, ms);
            return fuzzBodyOf('malformed', b.service, contentType, damage(text, d), `${notes}; ${d.kind}`);
          }),
      ),
    },
    {
      weight: 8,
      arbitrary: fc
        .record({ service: fc.constantFrom(...SERVICE_IDS), contentType: jsonContentType, body: shapedJunk })
        .map(({ service, contentType, body }) => fuzzBodyOf('shaped-junk', service, contentType, serialize(body))),
    },
    {
      weight: 6,
      arbitrary: fc
        .record({ service: fc.constantFrom(...SERVICE_IDS), contentType: jsonContentType, body: junk })
        .map(({ service, contentType, body }) => fuzzBodyOf('random-json', service, contentType, serialize(body))),
    },
    {
      weight: 6,
      arbitrary: fc
        .record({ service: fc.constantFrom(...SERVICE_IDS), contentType: jsonContentType, text: rawText })
        .map(({ service, contentType, text }) => fuzzBodyOf('raw-text', service, contentType, text)),
    },
    {
      weight: 10,
      arbitrary: withBase((b) =>
        fc
          .record({ contentType: wrongContentType, mutations: fc.array(mutation, { maxLength: 1 }) })
          .map(({ contentType, mutations: ms }) => {
            const { text, notes } = mutated(b, ms);
            return fuzzBodyOf('content-type', b.service, contentType, text, notes);
          }),
      ),
    },
  );
}
