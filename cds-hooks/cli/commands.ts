import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { configurationReference } from '../../src/core/config/reference.js';
import { defaultSiteConfig, type SiteConfig } from '../../src/core/config/schema.js';
import { emptyResourceSet, type ResourceSet, readResources } from '../../src/core/fhir/parse.js';
import { selectPatient } from '../../src/core/fhir/patient.js';
import { installAllCatalogs } from '../../src/core/messages/catalogs.js';
import { isLocale, LOCALES, type Translator, translator } from '../../src/core/messages/translator.js';
import { assessOrders } from '../../src/core/rules/assessment.js';
import { buildPatientContext, recognizeDraftOrders } from '../../src/core/rules/context.js';
import { evaluate, evaluateCurrent } from '../../src/core/rules/engine.js';
import { RULE_IDS } from '../../src/core/rules/ids.js';
import { ConfigFileError, loadConfigFile } from '../config/file.js';
import { loadOrCreateDemoIssuer, signDemoToken } from '../demo/issuer.js';
import { DEMO_DATA_DIR, serve } from '../serve.js';
import { explain } from './explain.js';
import { POPULATION_CLASSIFY_USAGE, populationClassify } from './population-classify.js';
import { interruptSignal, populationExport } from './population-export.js';
import { populationLoad } from './population-load.js';
import { POPULATION_REPORT_USAGE, populationReportCommand } from './population-report.js';
import { renderExplanation, renderFindings, renderProfile } from './text-report.js';

const USAGE = `Usage: immunosteward <command> [options]

Commands:
  profile <bundle.json>   Print the patient's immune profile from a FHIR Bundle
                          (searchset, collection or transaction).
  serve                   Start the CDS Hooks service (IMMUNOSTEWARD_CONFIG, PORT;
                          without a configuration: the embedded demo).
  demo-token <url>        Print a JWT from the embedded demo EHR for an endpoint URL
                          (e.g. http://localhost:8080/cds-services/immunosteward-order-sign).
  findings <bundle.json> [--order <file>]...
                          Print the findings the rules produce for draft orders
                          (MedicationRequest / ServiceRequest JSON, or a Bundle of
                          them); without --order, for the patient's current therapy.
  explain <bundle.json> --order <file>...
                          Test local code mappings before go-live: how each order
                          was recognised (which code or name matched) or why not,
                          the patient's evidence, and every rule's outcome
                          (disabled, fired with its evidence, or silent).
  config validate <file>  Check a site configuration file: "valid" and a summary
                          (exit 0), or each error as <key path>: <reason> (exit 1).
  config print [<file>]   Print the effective configuration (defaults filled in) as
                          YAML; without a file, IMMUNOSTEWARD_CONFIG's, else the
                          defaults. Secrets are printed as [set].
  config reference        Print the configuration reference (Markdown; the source
                          of docs/configuration.md).
  population export --out <dir>
                          Export the FHIR server's records over Bulk Data into
                          NDJSON files (population export --help for options).

  population load --from <dir>
                          Load an NDJSON export into the population warehouse
                          (DuckDB; population load --help for options).


${POPULATION_CLASSIFY_USAGE}${POPULATION_REPORT_USAGE}
Options:
  --json                  Print JSON instead of a table.
  --patient <id>          Patient to report when the Bundle holds several.
  --config <file>         Site configuration (YAML or JSON), e.g. local lab and
                          drug codes (profile, findings, explain).
  --now <date>            Evaluate as of this date (default: now).
  --lang <en|ru|uz>       Language of the findings, summaries and rule titles
                          (profile, findings, explain; default: en).
  -h, --help              Show this help.
`;

class UsageError extends Error {}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`file not found: ${file}`);
    if (code === 'EISDIR') throw new UsageError(`${file} is a directory, not a JSON file`);
    if (code === 'EACCES') throw new UsageError(`${file} cannot be read (permission denied)`);
    throw new UsageError(`cannot read ${file}: ${code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now: "${value}" is not a date`);
  return date;
}

/** The translator of `--lang` (English when not given). */
function languageOf(value: string | undefined): Translator {
  if (value === undefined) return translator();
  if (!isLocale(value)) {
    throw new UsageError(`--lang: "${value}" is not a language ImmunoSteward writes (${LOCALES.join(', ')})`);
  }
  installAllCatalogs();
  return translator(value);
}

const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  patient: { type: 'string' },
  config: { type: 'string' },
  now: { type: 'string' },
  lang: { type: 'string' },
} as const;

const ORDER_OPTIONS = { ...COMMON_OPTIONS, order: { type: 'string', multiple: true } } as const;

/** Whether a value is FHIR: a resource (it names its `resourceType`) or an array of them. */
function isFhir(value: unknown): boolean {
  const isResource = (v: unknown) =>
    typeof v === 'object' && v !== null && typeof (v as { resourceType?: unknown }).resourceType === 'string';
  return Array.isArray(value) ? value.length > 0 && value.every(isResource) : isResource(value);
}

/** A FHIR file, or a usage error saying what was expected instead of an empty result. */
function readFhirFile(file: string, expected: string): unknown {
  const value = readJsonFile(file);
  if (!isFhir(value)) throw new UsageError(`${file} is not FHIR: expected ${expected} (JSON with a "resourceType")`);
  return value;
}

/** Reads the patient record and builds the context the rules and the profile use. */
function loadPatient(file: string, values: { patient?: string; config?: string; now?: string; lang?: string }) {
  const t = languageOf(values.lang);
  const config: SiteConfig = values.config ? loadConfigFile(values.config) : defaultSiteConfig();
  const set = readResources(readFhirFile(file, 'a Bundle with the Patient and their results'));
  const selection = selectPatient(set, values.patient);
  if ('error' in selection) throw new UsageError(selection.error);
  if (selection.patientId === undefined) {
    throw new UsageError(`${file} holds no Patient and no result that names one: expected the patient's record`);
  }
  const context = buildPatientContext(set, {
    now: parseNow(values.now),
    config,
    t,
    ...(selection.patient ? { patient: selection.patient } : {}),
    ...(selection.patientId ? { patientId: selection.patientId } : {}),
  });
  return { config, context, t };
}

/** Draft orders from files that each hold a resource, an array of resources or a Bundle. */
function readOrders(files: readonly string[]): ResourceSet {
  const drafts = emptyResourceSet();
  for (const file of files) {
    const before = drafts.medicationRequests.length + drafts.serviceRequests.length;
    readResources(readFhirFile(file, 'a MedicationRequest or ServiceRequest'), drafts);
    if (drafts.medicationRequests.length + drafts.serviceRequests.length === before) {
      throw new UsageError(`${file} holds no MedicationRequest or ServiceRequest: expected the draft order to check`);
    }
  }
  return drafts;
}

function profileCommand(args: string[]): string {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMON_OPTIONS });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('profile takes exactly one Bundle file');
  const { context, t } = loadPatient(file, values);
  const profile = { ...context.profile, issues: context.issues };
  return values.json ? `${JSON.stringify(profile, null, 2)}\n` : renderProfile(t, profile);
}

function findingsCommand(args: string[]): string {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: ORDER_OPTIONS });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('findings takes exactly one Bundle file');
  const { config, context, t } = loadPatient(file, values);
  const orderFiles = values.order ?? [];
  const drafts = readOrders(orderFiles);
  const orders = recognizeDraftOrders(drafts, context);
  const findings =
    orderFiles.length > 0 ? evaluate(context, orders, config, () => true, t) : evaluateCurrent(context, config, t);
  // Problems in the order files count as much as those in the record.
  const issues = [...context.issues, ...drafts.issues];
  const assessments = assessOrders(findings, t);
  if (values.json) {
    return `${JSON.stringify({ orders: orders.map((o) => o.reference), findings, assessments, issues }, null, 2)}\n`;
  }
  return renderFindings(t, assessments, orders, orderFiles.length > 0 ? 'draft orders' : 'current therapy', issues);
}

function explainCommand(args: string[]): string {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: ORDER_OPTIONS });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('explain takes exactly one Bundle file');
  const orderFiles = values.order ?? [];
  if (orderFiles.length === 0) throw new UsageError('explain needs at least one --order file');
  const { config, context, t } = loadPatient(file, values);
  const drafts = readOrders(orderFiles);
  if (drafts.medicationRequests.length + drafts.serviceRequests.length === 0)
    throw new UsageError('the --order files hold no MedicationRequest or ServiceRequest');
  const explanation = explain(context, drafts, config, values.config ?? 'defaults', t);
  return values.json ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys whose values are secrets (tokens, their hashes, passwords): printed as "[set]". */
const SECRET_KEY = /(token|secret|password|passphrase|apikey|privatekey|credentials?)(sha256|hash)?$/i;

/** The password of a `scheme://user:password@host` URL or a `password=` query parameter. */
function redactUrlPassword(text: string): string {
  return text
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i, '$1[set]@')
    .replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, '$1[set]');
}

function redactSecrets(value: unknown, key = ''): unknown {
  if (value === undefined) return value;
  if (SECRET_KEY.test(key)) return '[set]';
  if (typeof value === 'string') return redactUrlPassword(value);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v));
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v, k)]));
}

/** Key paths where a configuration differs from another (lists compare whole). */
function changedKeys(config: unknown, defaults: unknown, path = ''): string[] {
  if (isRecord(config) && isRecord(defaults)) {
    const keys = [...new Set([...Object.keys(config), ...Object.keys(defaults)])];
    return keys.flatMap((k) => changedKeys(config[k], defaults[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(config) === JSON.stringify(defaults) ? [] : [path];
}

function validSummary(file: string, config: SiteConfig): string {
  const issuers = config.auth.trustedIssuers;
  const forced = RULE_IDS.flatMap((id) => {
    const indicator = config.rules[id].indicator;
    return indicator ? [`${id} → ${indicator}`] : [];
  });
  const changed = changedKeys(config, defaultSiteConfig());
  const lines = [
    `${file}: valid`,
    `  trusted issuers: ${issuers.length}${issuers.length > 0 ? ` (${issuers.map((i) => i.iss).join(', ')})` : ''}`,
    `  FHIR servers: ${config.fhir.allowedServers.length}`,
    `  local codes: ${config.localCodes.labs.length} lab, ${config.localCodes.drugs.length} drug`,
    `  rules disabled: ${RULE_IDS.filter((id) => !config.rules[id].enabled).join(', ') || 'none'}`,
    `  indicators forced: ${forced.join(', ') || 'none'}`,
    `  tenants: ${Object.keys(config.tenants).join(', ') || 'none'}`,
  ];
  if (config.auth.disabled) lines.push('  warning: auth.disabled is true: requests without a JWT are accepted');
  else if (issuers.length === 0)
    lines.push('  warning: no auth.trustedIssuers: every CDS Hooks request will be refused');
  lines.push(`  ${changed.length} key(s) differ from the defaults${changed.length > 0 ? ':' : ''}`);
  for (const key of changed) lines.push(`    ${key}`);
  return `${lines.join('\n')}\n`;
}

/** The example configuration next to the sources (cds-hooks/cli/) or the build (dist/cds-hooks/cli/). */
function exampleConfiguration(): unknown {
  const file = ['../../immunosteward.example.yaml', '../../../immunosteward.example.yaml']
    .map((relative) => new URL(relative, import.meta.url))
    .find((url) => existsSync(url));
  return file ? parseYaml(readFileSync(file, 'utf8')) : {};
}

type Result = { code: number; stdout: string; stderr: string };

function configCommand(args: string[], env: NodeJS.ProcessEnv): Result {
  const [subcommand, ...rest] = args;
  const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
  if (subcommand === 'validate') {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('config validate takes exactly one file');
    try {
      return { code: 0, stdout: validSummary(file, loadConfigFile(file)), stderr: '' };
    } catch (error) {
      if (!(error instanceof ConfigFileError)) throw error;
      const errors = error.errors.map((e) => `  ${e.path}: ${e.message}`);
      return { code: 1, stdout: '', stderr: `${file}: invalid (${errors.length} error(s))\n${errors.join('\n')}\n` };
    }
  }
  if (subcommand === 'print') {
    if (positionals.length > 1) throw new UsageError('config print takes at most one file');
    const file = positionals[0] ?? (env.IMMUNOSTEWARD_CONFIG || undefined);
    const config = file ? loadConfigFile(file) : defaultSiteConfig();
    const header = [
      file
        ? `# Effective configuration: ${file} with the defaults filled in.`
        : '# No configuration file (IMMUNOSTEWARD_CONFIG is unset): the defaults. `immunosteward serve` runs the embedded demo instead.',
      '# Secrets are shown as [set].',
      ...(env.PORT ? [`# PORT=${env.PORT} in the environment overrides server.port when serving.`] : []),
      ...(env.IMMUNOSTEWARD_ADMIN_TOKEN ? ['# IMMUNOSTEWARD_ADMIN_TOKEN is set: it overrides admin.tokenSha256.'] : []),
    ];
    return { code: 0, stdout: `${header.join('\n')}\n${stringifyYaml(redactSecrets(config))}`, stderr: '' };
  }
  if (subcommand === 'reference') {
    if (positionals.length > 0) throw new UsageError('config reference takes no argument');
    return { code: 0, stdout: configurationReference(exampleConfiguration()), stderr: '' };
  }
  throw new UsageError(
    subcommand ? `unknown config command "${subcommand}"` : 'config needs a command: validate, print or reference',
  );
}

export function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Result {
  return runSync(argv, env);
}

/** Commands that need the event loop (the service, key files). */
export async function runCliAsync(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<Result | undefined> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') {
      await serve();
      return undefined;
    }
    if (command === 'population' && rest[0] === 'export')
      return await populationExport(rest.slice(1), env, { stderr: process.stderr, signal: interruptSignal() });

    if (command === 'population' && rest[0] === 'load') return await populationLoad(rest.slice(1), env, process);
    if (command === 'demo-token') {
      const audience = rest[0];
      if (!audience || !/^https?:\/\//.test(audience))
        throw new UsageError('demo-token takes the endpoint URL the token is for');
      const issuer = await loadOrCreateDemoIssuer(DEMO_DATA_DIR);
      return { code: 0, stdout: `${await signDemoToken(issuer, audience)}\n`, stderr: '' };
    }
    if (command === 'population' && rest[0] === 'classify') {
      return populationClassify(rest.slice(1), env, (line) => process.stderr.write(`${line}\n`));
    }
    if (command === 'population' && rest[0] === 'report') return populationReportCommand(rest.slice(1), env);
  } catch (error) {
    return failure(error);
  }
  return runSync(argv, env);
}

function runSync(argv: string[], env: NodeJS.ProcessEnv): Result {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      return {
        code: command === undefined ? 2 : 0,
        stdout: command === undefined ? '' : USAGE,
        stderr: command === undefined ? USAGE : '',
      };
    }
    if (command === 'profile') return { code: 0, stdout: profileCommand(rest), stderr: '' };
    if (command === 'findings') return { code: 0, stdout: findingsCommand(rest), stderr: '' };
    if (command === 'explain') return { code: 0, stdout: explainCommand(rest), stderr: '' };
    if (command === 'config') return configCommand(rest, env);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): Result {
  if (error instanceof ConfigFileError) return { code: 2, stdout: '', stderr: `${error.message}\n` };
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    return {
      code: 2,
      stdout: '',
      stderr: `immunosteward: ${(error as Error).message}\nRun "immunosteward --help" for usage.\n`,
    };
  }
  throw error;
}
