import { z } from 'zod';
import { LOCALES } from '../core/messages/translator.js';

/**
 * Site configuration of the app, read at run time from `smart-config.json` beside the pages, so
 * one build serves every site: client id, scopes, the EHR issuers it may launch from, and
 * whether open-server URL parameters (`fhirServiceUrl`, `patientId`) are honoured (demo only),
 * whether the app asks for `online_access` (sessions that outlive one access token), and the
 * site's language.
 */
export const runtimeConfigSchema = z.object({
  clientId: z.string().min(1),
  scope: z.string().min(1),
  allowedIssuers: z.array(z.url()).default([]),
  /** FHIR base URL for a standalone launch (no `iss` on the URL). */
  standaloneIssuer: z.url().nullable().default(null),
  allowOpenServer: z.boolean().default(false),
  /** Ask for `online_access`, so fhirclient can refresh the access token before it expires. */
  onlineAccess: z.boolean().default(true),
  /** The site's language where the EHR names none for the launch; null: the browser's. */
  language: z.enum(LOCALES).nullable().default(null),
  localLabCodes: z
    .array(z.object({ system: z.string(), code: z.string(), biomarker: z.string(), unit: z.string().optional() }))
    .default([]),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export async function loadRuntimeConfig(fetcher: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetcher(new URL('smart-config.json', document.baseURI).toString(), { cache: 'no-store' });
  if (!response.ok) throw new Error(`smart-config.json: HTTP ${response.status}`);
  const parsed = runtimeConfigSchema.safeParse(await response.json());
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`smart-config.json: ${first?.path.join('.') || '(root)'}: ${first?.message}`);
  }
  return parsed.data;
}

/** Exact match of a FHIR base URL against the allow-list (trailing slash ignored). */
export function issuerAllowed(config: RuntimeConfig, iss: string): boolean {
  const norm = (u: string) => u.replace(/\/+$/, '');
  return config.allowedIssuers.some((allowed) => norm(allowed) === norm(iss));
}
