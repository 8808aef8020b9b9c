import { z } from 'zod';
import { biomarkerById } from '../biomarkers/catalog.js';

/**
 * The site configuration that informatics teams edit. Strict: an unknown key is an error that
 * names its path (a typo must never silently disable a rule). Every key has a default, so an
 * empty file is a valid configuration.
 */

const localLabCode = z
  .strictObject({
    system: z.string().min(1).describe('Code system URI of the local lab code.'),
    code: z.string().min(1).describe('The local code.'),
    biomarker: z
      .string()
      .refine((id) => biomarkerById(id) !== undefined, { message: 'not a biomarker id of the catalog' })
      .describe('Catalog biomarker id the code measures (e.g. `cd4`, `igg`).'),
    unit: z.string().optional().describe('Unit to assume when the lab sends values without one.'),
  })
  .describe('A local laboratory code mapped onto a catalog biomarker.');

export const biomarkersConfig = z
  .strictObject({
    staleAfterDays: z
      .number()
      .int()
      .positive()
      .default(180)
      .describe('A result older than this many days is stale: shown, never evidence of a normal value.'),
  })
  .prefault({});

export const localCodesConfig = z
  .strictObject({
    labs: z.array(localLabCode).default([]).describe('Local laboratory codes mapped to catalog biomarkers.'),
  })
  .prefault({});

export const siteConfigSchema = z
  .strictObject({
    biomarkers: biomarkersConfig,
    localCodes: localCodesConfig,
  })
  .prefault({});

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type SiteConfigInput = z.input<typeof siteConfigSchema>;

export function defaultSiteConfig(): SiteConfig {
  return siteConfigSchema.parse({});
}

export interface ConfigError {
  path: string;
  message: string;
}

/** Validates a parsed configuration document; errors name each key path. */
export function validateSiteConfig(input: unknown): { config: SiteConfig } | { errors: ConfigError[] } {
  const result = siteConfigSchema.safeParse(input ?? {});
  if (result.success) return { config: result.data };
  return {
    errors: result.error.issues.map((issue) => ({
      path: formatConfigPath(issue.path),
      message: issue.code === 'unrecognized_keys' ? `unknown key(s): ${issue.keys.join(', ')}` : issue.message,
    })),
  };
}

export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(root)';
}
