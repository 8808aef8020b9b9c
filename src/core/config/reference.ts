import { stringify } from 'yaml';
import { z } from 'zod';
import { BIOMARKERS } from '../biomarkers/catalog.js';
import { DRUG_AGENTS, DRUG_CLASSES } from '../drugs/knowledge-base.js';
import { translator } from '../messages/translator.js';
import { RULE_IDS } from '../rules/ids.js';
import { siteConfigSchema } from './schema.js';

/**
 * The Markdown reference of the site configuration (docs/configuration.md), generated from the
 * JSON Schema zod derives from `siteConfigSchema`: types, defaults, bounds, enums and the
 * `.describe()` texts come from the schema, so the reference cannot drift from the validator.
 * Examples come from the example configuration when it sets the key, else from the default,
 * else from the schema's `examples` meta, else from the type.
 */

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  /** From `.meta({ examples: [...] })` on the zod schema. */
  examples?: unknown[];
}

/** A step of a key path: a named key, any element of a list, or any key of a mapping. */
type Step = { key: string } | { item: true } | { any: string; keys?: readonly string[] };

interface KeyDoc {
  steps: Step[];
  schema: JsonSchema;
  /** Required inside its parent object (list items and mapping values only: sections all default). */
  required: boolean;
  /** A group of keys with one shape (`rules.<rule id>`) and the keys it stands for. */
  group?: { name: string; keys: readonly string[]; labels?: Readonly<Record<string, string>> };
}

const SECTION_INTROS: Record<string, string> = {
  server:
    'The HTTP listener of the CDS Hooks service: address, public URL (the JWT audience), request limits and protection against overload.',
  auth: 'Who may call the service. Every CDS Hooks request carries a JWT signed by the EHR; the service accepts it only from a trusted issuer, with an allowed algorithm, within the token lifetime.',
  fhir: "The EHR's FHIR servers the service may query when the EHR sends no prefetch (or an incomplete one), and how long it waits.",
  feedback:
    'Where the cards shown and the feedback physicians give on them (accepted, overridden, with reasons) are kept.',
  app: 'The SMART on FHIR app that cards link to for the full immune profile.',
  logging: 'Service logs (JSON lines, with access tokens and patient data redacted).',
  biomarkers: 'How laboratory results are read.',
  localCodes:
    'Local codes the EHR uses instead of (or next to) LOINC, RxNorm and ATC. Map them here so that results and orders that carry only a local code are recognised; `immunosteward explain` shows which code matched.',
  rules:
    'Each rule can be switched off, or its card indicator forced, per site. A rule not listed here runs with its own indicators.',
  thresholds:
    'The numbers the rules compare against. The defaults are the sourced values (guideline or label named in each description); change them only as a documented local policy.',
  admin: 'The administration pages (rule analytics, feedback).',
  population:
    "Population stewardship: how the hospital's records are exported over FHIR Bulk Data (`bulk`, for `immunosteward population export`) for the population measures.",
  language:
    'The language physicians read the cards in: English (`en`), Russian (`ru`) or Uzbek (`uz`, Latin script). CDS Hooks has no language field, so the service chooses per call.',
  tenants:
    'One service for several hospitals or departments: each tenant (from the JWT or the issuer) may run with its own rules, thresholds, app links and language.',
};

/** Readable names for "any key" steps, by the path of the mapping. */
const PLACEHOLDERS: Record<string, string> = {
  rules: 'rule id',
  'thresholds.courses.maxDays': 'class id',
  tenants: 'tenant',
};

/** Labels for the keys of a group of same-shaped keys, by the path of the group's parent. */
/** The reference is written in English, as the configuration keys are. */
const RULE_TITLES = Object.fromEntries(RULE_IDS.map((id) => [id, translator('en').t(`ruleTitle.${id}`)]));
const GROUP_LABELS: Record<string, Readonly<Record<string, string>>> = { rules: RULE_TITLES };

const ENVIRONMENT = `## Environment variables

| Variable | Effect |
|---|---|
| \`IMMUNOSTEWARD_CONFIG\` | Path of the configuration file (YAML or JSON) that \`immunosteward serve\` reads, and that \`immunosteward config print\` prints when given no file. Unset: \`serve\` runs the embedded demo (demo EHR issuer, synthetic patients). |
| \`PORT\` | Overrides \`server.port\` (an integer from 0 to 65535). |
| \`IMMUNOSTEWARD_ADMIN_TOKEN\` | The admin token itself (at least 16 characters); overrides \`admin.tokenSha256\`, which holds only its SHA-256. |
| \`IMMUNOSTEWARD_DEMO_ALLOWED_ISSUERS\` | Embedded demo only: comma-separated FHIR base URLs of other EHRs the demo's app may be launched from (e.g. a SMART launcher's \`http://localhost:9000/v/r4/fhir\`), added to the app's \`allowedIssuers\`. Each must be an http(s) URL. |
| \`IMMUNOSTEWARD_DEMO_STANDALONE_ISSUER\` | Embedded demo only: the FHIR base URL of a standalone launch (the app opened without \`iss\`), set as the app's \`standaloneIssuer\` and allowed. An http(s) URL. |
| \`IMMUNOSTEWARD_DEMO_TRUST_SANDBOX\` | Embedded demo only: \`1\` or \`true\` trusts the public CDS Hooks sandbox (\`iss\` \`https://sandbox.cds-hooks.org\`, its published JWK Set inline, its \`jku\` allowed, tenant \`cds-hooks-sandbox\`); \`0\`, \`false\` or unset: not trusted. Development only: the sandbox's private key is public, so anyone can sign as it; the start log says so. |
`;

const INTRO = `# Configuration reference

<!-- Generated from src/core/config/schema.ts by \`npm run docs:config\`: do not edit by hand. -->

ImmunoSteward reads one YAML (or JSON) file, named by the \`IMMUNOSTEWARD_CONFIG\` environment variable.
Every key has a default, so an empty file is valid; an unknown key is an error, so a typo cannot silently
switch anything off. Start from [immunosteward.example.yaml](../immunosteward.example.yaml), then:

- \`immunosteward config validate <file>\` checks a file and names the key path of every error;
- \`immunosteward config print [<file>]\` prints the configuration the service will run with, defaults filled in;
- \`immunosteward explain <bundle.json> --order <order.json> --config <file>\` shows how a local code mapping
  recognises an order and what each rule decides, before go-live.

In key paths, \`[]\` stands for each element of a list and \`<…>\` for a key you choose.
`;

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (!ref?.startsWith('#/$defs/')) return schema;
  return resolve(root.$defs?.[ref.slice('#/$defs/'.length)] ?? {}, root);
}

function stepsText(steps: readonly Step[]): string {
  let out = '';
  for (const s of steps) {
    if ('key' in s) out += out ? `.${s.key}` : s.key;
    else if ('item' in s) out += '[]';
    else out += `${out ? '.' : ''}<${s.any}>`;
  }
  return out;
}

function isObjectWithKeys(s: JsonSchema): boolean {
  return s.properties !== undefined && Object.keys(s.properties).length > 0;
}

function mappingValue(s: JsonSchema): JsonSchema | undefined {
  if (s.properties && Object.keys(s.properties).length > 0) return undefined;
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/** Keys whose schemas are all the same object shape (the rules): documented once as `<id>`. */
function sameShapedKeys(s: JsonSchema): JsonSchema | undefined {
  const values = Object.values(s.properties ?? {});
  if (values.length < 3 || !values.every(isObjectWithKeys)) return undefined;
  const first = JSON.stringify(values[0]);
  return values.every((v) => JSON.stringify(v) === first) ? values[0] : undefined;
}

function collectKeys(schema: JsonSchema, root: JsonSchema, steps: Step[], into: KeyDoc[]): void {
  const s = resolve(schema, root);
  const path = stepsText(steps);
  const shared = sameShapedKeys(s);
  if (shared) {
    const keys = Object.keys(s.properties ?? {});
    const name = PLACEHOLDERS[path] ?? 'key';
    const groupSteps = [...steps, { any: name, keys }];
    const labels = GROUP_LABELS[path];
    into.push({
      steps: groupSteps,
      schema: shared,
      required: false,
      group: { name, keys, ...(labels ? { labels } : {}) },
    });
    collectKeys(shared, root, groupSteps, into);
    return;
  }
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    const childSteps = [...steps, { key }];
    into.push({ steps: childSteps, schema: resolve(child, root), required: s.required?.includes(key) ?? false });
    collectKeys(child, root, childSteps, into);
  }
  const items = s.items ? resolve(s.items, root) : undefined;
  if (items && isObjectWithKeys(items)) collectKeys(items, root, [...steps, { item: true }], into);
  const value = mappingValue(s);
  if (value && (isObjectWithKeys(resolve(value, root)) || mappingValue(resolve(value, root)))) {
    const valueSteps = [...steps, { any: PLACEHOLDERS[path] ?? 'key' }];
    into.push({ steps: valueSteps, schema: resolve(value, root), required: false });
    collectKeys(value, root, valueSteps, into);
  }
}

function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

function plural(noun: string): string {
  if (noun.startsWith('list of') || noun.includes(' or ')) return `items (${noun})`;
  return noun.endsWith('s') ? noun : `${noun}s`;
}

/** `keyName`: what the keys of a mapping stand for (`class id`). */
function typeText(schema: JsonSchema, root: JsonSchema, keyName = 'key'): string {
  const s = resolve(schema, root);
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((u) => typeText(u, root)).join(' or ');
  if (s.const !== undefined) return `the constant ${code(s.const)}`;
  if (s.enum) return typeof s.enum[0] === 'string' ? 'string' : 'value';
  switch (s.type) {
    case 'integer':
    case 'number':
    case 'null':
      return s.type;
    case 'boolean':
      return 'boolean';
    case 'string':
      return s.format === 'uri' ? 'URL' : s.format ? `string (${s.format})` : 'string';
    case 'array': {
      const items = s.items ? resolve(s.items, root) : {};
      return isObjectWithKeys(items) ? 'list of objects (keys below)' : `list of ${plural(typeText(items, root))}`;
    }
    case 'object': {
      if (isObjectWithKeys(s)) return 'object (keys below)';
      const value = mappingValue(s);
      if (!value || Object.keys(value).length === 0) return 'object';
      const v = resolve(value, root);
      return `mapping from ${keyName} to ${isObjectWithKeys(v) ? 'objects (keys below)' : plural(typeText(v, root))}`;
    }
    default:
      return 'any value';
  }
}

/** Bounds that mean "no bound" (`.int()` adds ±2^53-1): not worth printing. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

function numberBounds(s: JsonSchema): string | undefined {
  const low =
    s.exclusiveMinimum !== undefined
      ? { v: s.exclusiveMinimum, open: true }
      : s.minimum !== undefined && s.minimum > -UNBOUNDED
        ? { v: s.minimum, open: false }
        : undefined;
  const high =
    s.exclusiveMaximum !== undefined
      ? { v: s.exclusiveMaximum, open: true }
      : s.maximum !== undefined && s.maximum < UNBOUNDED
        ? { v: s.maximum, open: false }
        : undefined;
  if (low && high && !low.open && !high.open) return `${low.v} to ${high.v}`;
  const parts = [
    ...(low ? [`${low.open ? '>' : '≥'} ${low.v}`] : []),
    ...(high ? [`${high.open ? '<' : '≤'} ${high.v}`] : []),
  ];
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

function allowedText(schema: JsonSchema, root: JsonSchema): string | undefined {
  const s = resolve(schema, root);
  const union = s.anyOf ?? s.oneOf;
  if (union) {
    const parts = union.map((u) => allowedText(u, root)).filter((p) => p !== undefined);
    return parts.length > 0 ? parts.join('; or ') : undefined;
  }
  const parts: string[] = [];
  if (s.enum) parts.push(`one of ${s.enum.map(code).join(', ')}`);
  const bounds = numberBounds(s);
  if (bounds) parts.push(bounds);
  if (s.minLength === 1) parts.push('not empty');
  else if (s.minLength !== undefined) parts.push(`at least ${s.minLength} characters`);
  if (s.maxLength !== undefined) parts.push(`at most ${s.maxLength} characters`);
  if (s.pattern) parts.push(`matches ${code(s.pattern)}`);
  if (s.type === 'array') {
    if (s.minItems !== undefined) parts.push(`at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`);
    if (s.maxItems !== undefined) parts.push(`at most ${s.maxItems} items`);
    const items = s.items ? resolve(s.items, root) : undefined;
    const each = items && !isObjectWithKeys(items) ? allowedText(items, root) : undefined;
    if (each) parts.push(`each: ${each}`);
  }
  const value = s.type === 'object' ? mappingValue(s) : undefined;
  const each = value && !isObjectWithKeys(resolve(value, root)) ? allowedText(value, root) : undefined;
  if (each) parts.push(`each value: ${each}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function defaultText(doc: KeyDoc): string {
  const value = doc.schema.default;
  if (value !== undefined) return code(value);
  return doc.required ? 'none: required' : 'not set';
}

/** The first value the example document holds at a key path, with the concrete path to it. */
function lookup(value: unknown, steps: readonly Step[]): { value: unknown; path: (string | number)[] } | undefined {
  const [step, ...rest] = steps;
  if (!step) return value === undefined ? undefined : { value, path: [] };
  if ('item' in step) {
    if (!Array.isArray(value)) return undefined;
    for (const [i, element] of value.entries()) {
      const found = lookup(element, rest);
      if (found) return { value: found.value, path: [i, ...found.path] };
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const keys = 'key' in step ? [step.key] : Object.keys(record);
  for (const key of keys) {
    const found = lookup(record[key], rest);
    if (found) return { value: found.value, path: [key, ...found.path] };
  }
  return undefined;
}

/** A string for the simplest patterns (`^[0-9a-f]{64}$`: a digest); a placeholder otherwise. */
function stringMatching(pattern: string): string {
  const fixed = /^\^\[(.)[^\]]*\]\{(\d+)\}\$$/.exec(pattern);
  return fixed ? (fixed[1] as string).repeat(Number(fixed[2])) : `<text matching ${pattern}>`;
}

/** A value of the right type when neither the example nor the default gives one. */
function synthesize(schema: JsonSchema, root: JsonSchema): unknown {
  const s = resolve(schema, root);
  if (s.examples?.length) return s.examples[0];
  const union = s.anyOf ?? s.oneOf;
  if (union?.[0]) return synthesize(union[0], root);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'integer':
    case 'number':
      return s.minimum !== undefined && s.minimum > -UNBOUNDED
        ? Math.max(s.minimum, 1)
        : s.exclusiveMinimum !== undefined
          ? s.exclusiveMinimum + 1
          : 1;
    case 'boolean':
      return true;
    case 'string':
      return s.pattern ? stringMatching(s.pattern) : s.format === 'uri' ? 'https://example.org' : 'text';
    case 'array':
      return [synthesize(s.items ?? {}, root)];
    case 'object': {
      if (isObjectWithKeys(s)) {
        const required = s.required ?? [];
        return Object.fromEntries(required.map((k) => [k, synthesize(s.properties?.[k] ?? {}, root)]));
      }
      const value = mappingValue(s);
      return value ? { key: synthesize(value, root) } : {};
    }
    default:
      return 'value';
  }
}

/** The concrete path for a key path with no example: first list element, first group key. */
function concretePath(steps: readonly Step[]): (string | number)[] {
  return steps.map((s) => ('key' in s ? s.key : 'item' in s ? 0 : (s.keys?.[0] ?? s.any)));
}

function exampleOf(doc: KeyDoc, examples: unknown, root: JsonSchema): { value: unknown; path: (string | number)[] } {
  const found = lookup(examples, doc.steps);
  if (found && !isEmpty(found.value)) return found;
  const value =
    isEmpty(doc.schema.default) || doc.schema.examples?.length ? synthesize(doc.schema, root) : doc.schema.default;
  return { value, path: concretePath(doc.steps) };
}

/** The value nested under its path, as the YAML a site would write. */
function yamlAt(path: readonly (string | number)[], value: unknown): string {
  let nested = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i] as string | number;
    nested = typeof step === 'number' ? [nested] : { [step]: nested };
  }
  return stringify(nested, { lineWidth: 0 }).trimEnd();
}

function renderKey(doc: KeyDoc, examples: unknown, root: JsonSchema): string {
  const lines = [`### \`${stepsText(doc.steps)}\``, ''];
  if (doc.schema.description) lines.push(doc.schema.description, '');
  if (doc.group) {
    const { name, keys, labels } = doc.group;
    lines.push(
      `One entry per ${name}, each with the keys below:`,
      '',
      ...keys.map((k) => `- \`${k}\`${labels?.[k] ? `: ${labels[k]}` : ''}`),
      '',
    );
    return lines.join('\n');
  }
  const sectionLike = isObjectWithKeys(doc.schema) && !doc.required && isEmpty(doc.schema.default);
  lines.push(`- **Type:** ${typeText(doc.schema, root, PLACEHOLDERS[stepsText(doc.steps)])}`);
  const allowed = allowedText(doc.schema, root);
  if (allowed) lines.push(`- **Allowed:** ${allowed}`);
  if (!sectionLike) {
    lines.push(`- **Default:** ${defaultText(doc)}`);
    const example = exampleOf(doc, examples, root);
    lines.push(
      '- **Example:**',
      '',
      '  ```yaml',
      ...yamlAt(example.path, example.value)
        .split('\n')
        .map((l) => `  ${l}`),
    );
    lines.push('  ```');
  }
  lines.push('');
  return lines.join('\n');
}

function identifierLists(): string {
  const lines = [
    '## Identifiers',
    '',
    'Values that keys such as `localCodes.labs[].biomarker`, `localCodes.drugs[].agent`, `localCodes.drugs[].class` and `thresholds.courses.maxDays.<class id>` refer to.',
    '',
    '### Catalog biomarker ids',
    '',
    BIOMARKERS.map((b) => `\`${b.id}\` (${b.display})`).join(', '),
    '',
    '### Knowledge-base classes and their agents',
    '',
    '| Class id | Class | Agent ids |',
    '|---|---|---|',
    ...DRUG_CLASSES.map((c) => {
      const agents = DRUG_AGENTS.filter((a) => a.classId === c.id).map((a) => `\`${a.id}\``);
      return `| \`${c.id}\` | ${c.display} | ${agents.join(', ') || '—'} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

/**
 * The reference as Markdown. `examples` is the parsed example configuration
 * (immunosteward.example.yaml): each key's example is taken from it when it sets the key.
 */
export function configurationReference(examples: unknown = {}): string {
  const root = z.toJSONSchema(siteConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const sections = Object.entries(resolve(root, root).properties ?? {});
  const toc = ['- [Environment variables](#environment-variables)'];
  const body: string[] = [];
  for (const [section, raw] of sections) {
    const schema = resolve(raw, root);
    toc.push(`- [\`${section}\`](#${section.toLowerCase()})`);
    body.push(`## ${section}`, '');
    // A section that is itself a key (a mapping) shows its description with the key.
    const intro = (isObjectWithKeys(schema) ? schema.description : undefined) ?? SECTION_INTROS[section];
    if (intro) body.push(intro, '');
    const keys: KeyDoc[] = [];
    if (!isObjectWithKeys(schema)) keys.push({ steps: [{ key: section }], schema, required: false });
    collectKeys(schema, root, [{ key: section }], keys);
    for (const doc of keys) body.push(renderKey(doc, examples, root));
  }
  toc.push('- [Identifiers](#identifiers)');
  return `${[INTRO, toc.join('\n'), '', ENVIRONMENT, ...body, identifierLists()].join('\n').trimEnd()}\n`;
}
