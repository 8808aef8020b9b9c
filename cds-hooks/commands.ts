import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildProfile } from '../src/core/biomarkers/profile.js';
import { defaultSiteConfig, type SiteConfig } from '../src/core/config/schema.js';
import { readResources } from '../src/core/fhir/parse.js';
import { belongsTo, selectPatient } from '../src/core/fhir/patient.js';
import { ConfigFileError, loadConfigFile } from './config-file.js';
import { renderProfile } from './text-report.js';

const USAGE = `Usage: immunosteward <command> [options]

Commands:
  profile <bundle.json>   Print the patient's immune profile from a FHIR Bundle
                          (searchset, collection or transaction).

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

function profileCommand(args: string[]): string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      patient: { type: 'string' },
      config: { type: 'string' },
      now: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('profile takes exactly one Bundle file');
  const config: SiteConfig = values.config ? loadConfigFile(values.config) : defaultSiteConfig();
  const set = readResources(readJsonFile(file));
  const selection = selectPatient(set, values.patient);
  if ('error' in selection) throw new UsageError(selection.error);
  const observations = set.observations.filter((o) => belongsTo(o.subject, selection.patientId));
  const profile = buildProfile(observations, {
    now: parseNow(values.now),
    staleAfterDays: config.biomarkers.staleAfterDays,
    localLabCodes: config.localCodes.labs,
    ...(selection.patient ? { patient: selection.patient } : {}),
  });
  profile.issues.unshift(...set.issues);
  return values.json ? `${JSON.stringify(profile, null, 2)}\n` : renderProfile(profile);
}

export function runCli(argv: string[]): { code: number; stdout: string; stderr: string } {
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
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
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
}
