// zod/mini: the same checks at a fraction of the initial bundle (the full zod is in the lazy core).
import { z } from 'zod/mini';
import { LOCALES } from '../core/messages/translator.js';

/**
 * Site configuration of the app, read at run time from `smart-config.json` beside the pages, so
 * one build serves every site: client id, scopes, the EHR issuers it may launch from, and
 * whether open-server URL parameters (`fhirServiceUrl`, `patientId`) are honoured (demo only),
 * whether the app asks for `online_access` (sessions that outlive one access token), and the
 * site's language.
 */
export const runtimeConfigSchema = z.object({
  clientId: z.string().check(z.minLength(1)),
  scope: z.string().check(z.minLength(1)),
  allowedIssuers: z._default(z.array(z.url()), []),
  /** FHIR base URL for a standalone launch (no `iss` on the URL). */
  standaloneIssuer: z._default(z.nullable(z.url()), null),
  allowOpenServer: z._default(z.boolean(), false),
  /** Ask for `online_access`, so fhirclient can refresh the access token before it expires. */
  onlineAccess: z._default(z.boolean(), true),
  /** The site's language where the EHR names none for the launch; null: the browser's. */
  language: z._default(z.nullable(z.enum(LOCALES)), null),
  localLabCodes: z._default(
    z.array(z.object({ system: z.string(), code: z.string(), biomarker: z.string(), unit: z.optional(z.string()) })),
    [],
  ),
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
