import { Client } from 'fhir-kit-client';
import type { SiteConfig } from '../src/core/config/schema.js';

/**
 * Server-side FHIR reads when the EHR did not prefetch: only servers allowed by configuration,
 * every request under its own timeout and the overall deadline, `next` links followed only on the
 * same server (no loops, bounded pages), redirects refused. The access token is used for the
 * call and dropped; it is never logged.
 */

type FhirConfig = SiteConfig['fhir'];

export type FetchResult = { ok: true; data: unknown } | { ok: false; reason: string };

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export class FhirFetcher {
  private readonly allowed: string[];

  constructor(private readonly config: FhirConfig) {
    this.allowed = config.allowedServers.map(withSlash);
  }

  /** Whether a URL lies under one of the allowed FHIR base URLs. */
  isAllowed(url: string): boolean {
    let normalized: string;
    try {
      const u = new URL(url);
      if (u.username || u.password) return false;
      normalized = withSlash(`${u.origin}${u.pathname}`);
    } catch {
      return false;
    }
    return this.allowed.some((base) => normalized.startsWith(base));
  }

  /** Runs the queries in parallel; each result is the resource read or one Bundle of every page. */
  async fetchAll(
    fhirServer: string,
    accessToken: string | undefined,
    queries: Record<string, string>,
    deadline: AbortSignal,
  ): Promise<Record<string, FetchResult>> {
    if (!this.isAllowed(fhirServer)) {
      return Object.fromEntries(Object.keys(queries).map((k) => [k, { ok: false, reason: 'FHIR server not allowed' }]));
    }
    const client = new Client({
      baseUrl: fhirServer,
      customHeaders: {
        accept: 'application/fhir+json',
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
    });
    const entries = await Promise.all(
      Object.entries(queries).map(
        async ([key, query]) => [key, await this.fetchOne(client, fhirServer, query, deadline)] as const,
      ),
    );
    return Object.fromEntries(entries);
  }

  private async get(client: Client, url: string, deadline: AbortSignal): Promise<unknown> {
    const signal = AbortSignal.any([deadline, AbortSignal.timeout(this.config.timeoutMs)]);
    return client.request(url, { options: { signal, redirect: 'error' } as never });
  }

  private async fetchOne(client: Client, base: string, query: string, deadline: AbortSignal): Promise<FetchResult> {
    try {
      if (/^https?:/i.test(query) && (!query.startsWith(withSlash(base)) || !this.isAllowed(query))) {
        return { ok: false, reason: 'link to another server' };
      }
      const first = (await this.get(client, query, deadline)) as Record<string, unknown>;
      if (first.resourceType !== 'Bundle') return { ok: true, data: first };
      const entries = [...((first.entry as unknown[] | undefined) ?? [])];
      const seen = new Set<string>();
      let page = first;
      for (let pages = 1; ; pages++) {
        const next = (page.link as { relation?: string; url?: string }[] | undefined)?.find(
          (l) => l.relation === 'next',
        )?.url;
        if (!next) break;
        if (pages >= this.config.maxPages) return { ok: false, reason: `more than ${this.config.maxPages} pages` };
        if (seen.has(next)) return { ok: false, reason: 'paging loop' };
        if (!next.startsWith(withSlash(base)) || !this.isAllowed(next))
          return { ok: false, reason: 'next link to another server' };
        seen.add(next);
        page = (await this.get(client, next, deadline)) as Record<string, unknown>;
        entries.push(...((page.entry as unknown[] | undefined) ?? []));
      }
      return { ok: true, data: { resourceType: 'Bundle', type: 'searchset', entry: entries } };
    } catch (error) {
      return { ok: false, reason: describeFailure(error) };
    }
  }
}

function describeFailure(error: unknown): string {
  const e = error as {
    name?: string;
    response?: { status?: number };
    status?: number;
    message?: string;
    cause?: unknown;
  };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
  const status = e.response?.status ?? e.status;
  if (typeof status === 'number') return status < 300 ? 'response is not valid JSON' : `HTTP ${status}`;
  if (e.name === 'TypeError') return 'network error or redirect refused';
  return 'invalid response';
}
