import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { type ConfigError, type SiteConfig, validateSiteConfig } from '../../src/core/config/schema.js';

export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly errors: ConfigError[],
  ) {
    super(`invalid configuration ${file}:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
    this.name = 'ConfigFileError';
  }
}

/** Reads a YAML or JSON configuration file (JSON is YAML) and validates it. */
export function loadConfigFile(file: string): SiteConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigFileError(file, [{ path: '(file)', message: (error as Error).message }]);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigFileError(file, [{ path: '(syntax)', message: (error as Error).message.split('\n')[0] ?? '' }]);
  }
  const result = validateSiteConfig(document);
  if ('errors' in result) throw new ConfigFileError(file, result.errors);
  return result.config;
}
