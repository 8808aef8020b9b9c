import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSiteConfig, type SiteConfig } from '../../src/core/config/schema.js';
import { ConfigFileError, loadConfigFile } from '../config/file.js';
import { DEMO_DATA_DIR } from '../serve.js';

/** What the `population` verbs share: their result, errors, the configuration, the warehouse path. */

export type PopulationResult = { code: number; stdout: string; stderr: string };

/** Exit 2: the command line or the configuration is wrong. */
export class PopulationUsageError extends Error {}
/** Exit 3: the data cannot be read or processed. */
export class PopulationDataError extends Error {}

/**
 * `--config`, else IMMUNOSTEWARD_CONFIG, else the defaults with the embedded demo's feedback store
 * and warehouse (in its data directory), as `npm start` uses them.
 */
export function populationConfig(file: string | undefined, env: NodeJS.ProcessEnv): SiteConfig {
  const path = file ?? (env.IMMUNOSTEWARD_CONFIG || undefined);
  if (path) return loadConfigFile(path);
  const config = defaultSiteConfig();
  return {
    ...config,
    feedback: { ...config.feedback, store: join(DEMO_DATA_DIR, 'feedback.sqlite') },
    population: { ...config.population, warehouse: join(DEMO_DATA_DIR, 'population.duckdb') },
  };
}

/** A calendar date (YYYY-MM-DD) or an ISO instant, as epoch milliseconds. */
export function parseInstant(value: string, option: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new PopulationUsageError(`${option}: "${value}" is not a date`);
  return ms;
}

/** The export's instant (`transactionTime` of the Bulk manifest in the directory), when there is one. */
export function manifestTime(dir: string): number | undefined {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return undefined;
  try {
    const ms = Date.parse(
      (JSON.parse(readFileSync(file, 'utf8')) as { transactionTime?: string }).transactionTime ?? '',
    );
    return Number.isNaN(ms) ? undefined : ms;
  } catch {
    return undefined;
  }
}

export function populationFailure(error: unknown): PopulationResult {
  if (error instanceof ConfigFileError) return { code: 2, stdout: '', stderr: `${error.message}\n` };
  if (error instanceof PopulationUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    return {
      code: 2,
      stdout: '',
      stderr: `immunosteward: ${(error as Error).message}\nRun "immunosteward --help" for usage.\n`,
    };
  }
  return { code: 3, stdout: '', stderr: `immunosteward: ${(error as Error).message}\n` };
}
