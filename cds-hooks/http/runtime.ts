import { isDeepStrictEqual } from 'node:util';
import { type SiteConfig, tenantConfig } from '../../src/core/config/schema.js';
import { type Locale, negotiateLocale } from '../../src/core/messages/translator.js';
import { type Caller, JwtVerifier } from '../auth/jwt.js';
import type { ReplayCache } from '../auth/replay-cache.js';
import { FhirFetcher } from '../data/fhir-fetch.js';
import { type PrefetchKey, prefetchKeys } from '../data/prefetch-templates.js';

/** Sections bound at start (listening socket, store, admin routes): a reload cannot change them. */
export const RESTART_SECTIONS = ['server', 'feedback', 'admin'] as const;

/** The language of a call's cards and what chose it (logged with the call). */
export interface CallLanguage {
  locale: Locale;
  from: 'tenant' | 'issuer' | 'accept-language' | 'site';
}

/**
 * What a call runs with, swapped whole on reload so that a request sees one configuration from
 * start to end: the configuration, its per-tenant variants, the JWT verifier (issuers, keys) and
 * the FHIR fetcher (allowed servers, timeouts). The replay cache outlives reloads.
 */
export class Runtime {
  config!: SiteConfig;
  verifier!: JwtVerifier;
  fetcher!: FhirFetcher;
  keys!: Record<string, PrefetchKey>;
  private tenants = new Map<string, SiteConfig>();

  constructor(
    config: SiteConfig,
    private readonly replay: ReplayCache,
    private readonly now: () => Date,
  ) {
    this.apply(config);
  }

  private apply(config: SiteConfig): void {
    // Unchanged auth keeps its verifier and the JWKS keys it fetched (an issuer's JWKS endpoint
    // may be down at reload time).
    if (!this.verifier || !isDeepStrictEqual(config.auth, this.config.auth)) {
      this.verifier = new JwtVerifier(config.auth, this.replay, this.now);
    }
    this.config = config;
    this.fetcher = new FhirFetcher(config.fhir);
    this.keys = prefetchKeys(config);
    this.tenants = new Map(Object.keys(config.tenants).map((t) => [t, tenantConfig(config, t)]));
  }

  /** The configuration of a caller's tenant (the site configuration when it has no overrides). */
  configFor(tenant: string | undefined): SiteConfig {
    return (tenant !== undefined && this.tenants.get(tenant)) || this.config;
  }

  /**
   * The language of a call's cards: its tenant's `language`, else its issuer's, else the best
   * supported language of its `Accept-Language` header, else the site's `language`.
   */
  languageFor(caller: Caller | undefined, acceptLanguage: string | undefined): CallLanguage {
    const { tenants, auth } = this.config;
    const tenant =
      caller?.tenant !== undefined && Object.hasOwn(tenants, caller.tenant) ? tenants[caller.tenant] : undefined;
    if (tenant?.language) return { locale: tenant.language, from: 'tenant' };
    const issuer = caller ? auth.trustedIssuers.find((i) => i.iss === caller.iss) : undefined;
    if (issuer?.language) return { locale: issuer.language, from: 'issuer' };
    const negotiated = negotiateLocale(acceptLanguage);
    if (negotiated) return { locale: negotiated, from: 'accept-language' };
    return { locale: this.config.language, from: 'site' };
  }

  /**
   * Takes a new, already validated configuration. Sections bound at start keep their running
   * values; their names are returned so the operator learns that a restart is needed.
   */
  reload(next: SiteConfig): { restartNeeded: string[] } {
    const restartNeeded = RESTART_SECTIONS.filter((s) => !isDeepStrictEqual(next[s], this.config[s]));
    const kept = Object.fromEntries(RESTART_SECTIONS.map((s) => [s, this.config[s]]));
    this.apply({ ...next, ...kept });
    return { restartNeeded };
  }
}
