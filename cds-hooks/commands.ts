import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultSiteConfig, type SiteConfig } from '../src/core/config/schema.js';
import { readResources } from '../src/core/fhir/parse.js';
import { selectPatient } from '../src/core/fhir/patient.js';
import { buildPatientContext, recognizeDraftOrders } from '../src/core/rules/context.js';
import { evaluate, evaluateCurrent } from '../src/core/rules/engine.js';
import { ConfigFileError, loadConfigFile } from './config-file.js';
import { loadOrCreateDemoIssuer, signDemoToken } from './demo-issuer.js';
import { DEMO_DATA_DIR, serve } from './serve.js';
import { renderFindings, renderProfile } from './text-report.js';

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

Options:
  --json                  Print JSON instead of a table.
  --patient <id>          Patient to report when the Bundle holds several.
  --config <file>         Site configuration (YAML or JSON), e.g. local lab codes.
  --now <date>            Evaluate as of this date (default: now).
  -h, --help              Show this help.
`;

class UsageError extends Error {}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
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

const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  patient: { type: 'string' },
  config: { type: 'string' },
  now: { type: 'string' },
} as const;

/** Reads the patient record and builds the context the rules and the profile use. */
function loadPatient(file: string, values: { patient?: string; config?: string; now?: string }) {
  const config: SiteConfig = values.config ? loadConfigFile(values.config) : defaultSiteConfig();
  const set = readResources(readJsonFile(file));
  const selection = selectPatient(set, values.patient);
  if ('error' in selection) throw new UsageError(selection.error);
  const context = buildPatientContext(set, {
    now: parseNow(values.now),
    config,
    ...(selection.patient ? { patient: selection.patient } : {}),
    ...(selection.patientId ? { patientId: selection.patientId } : {}),
  });
  return { config, context };
}

function profileCommand(args: string[]): string {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: COMMON_OPTIONS });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('profile takes exactly one Bundle file');
  const { context } = loadPatient(file, values);
  const profile = { ...context.profile, issues: context.issues };
  return values.json ? `${JSON.stringify(profile, null, 2)}\n` : renderProfile(profile);
}

function findingsCommand(args: string[]): string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...COMMON_OPTIONS, order: { type: 'string', multiple: true } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('findings takes exactly one Bundle file');
  const { config, context } = loadPatient(file, values);
  const orderFiles = values.order ?? [];
  const drafts = readResources(orderFiles.map(readJsonFile));
  const orders = recognizeDraftOrders(drafts, context);
  const findings = orderFiles.length > 0 ? evaluate(context, orders, config) : evaluateCurrent(context, config);
  if (values.json)
    return `${JSON.stringify({ orders: orders.map((o) => o.reference), findings, issues: context.issues }, null, 2)}\n`;
  return renderFindings(findings, orders, orderFiles.length > 0 ? 'draft orders' : 'current therapy', context.issues);
}

export function runCli(argv: string[]): { code: number; stdout: string; stderr: string } {
  return runSync(argv);
}

/** Commands that need the event loop (the service, key files). */
export async function runCliAsync(
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string } | undefined> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') {
      await serve();
      return undefined;
    }
    if (command === 'demo-token') {
      const audience = rest[0];
      if (!audience || !/^https?:\/\//.test(audience))
        throw new UsageError('demo-token takes the endpoint URL the token is for');
      const issuer = await loadOrCreateDemoIssuer(DEMO_DATA_DIR);
      return { code: 0, stdout: `${await signDemoToken(issuer, audience)}\n`, stderr: '' };
    }
  } catch (error) {
    return failure(error);
  }
  return runSync(argv);
}

function runSync(argv: string[]): { code: number; stdout: string; stderr: string } {
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
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): { code: number; stdout: string; stderr: string } {
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
