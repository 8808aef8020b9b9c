import type { SiteConfig } from '../../src/core/config/schema.js';

/**
 * Server-side FHIR reads when the EHR did not prefetch: only servers allowed by configuration,
 * every request under its own timeout and the overall deadline, `next` links followed only on the
 * same server (no loops, bounded pages), redirects refused, at most `maxResponseBytes` read per
 * search (all its pages together). Every URL is checked in its parsed form and that same form is
 * what is requested. The access token is used for the call and dropped; it is never logged.
 */

type FhirConfig = SiteConfig['fhir'];

export type FetchResult = { ok: true; data: unknown } | { ok: false; reason: string };

/** Why one query yielded nothing; the reason reaches the 412 diagnostics and the log. */
class FetchFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FetchFailure';
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** `origin/path/` of a URL without credentials, query or fragment; undefined when unusable. */
function baseOf(url: string | URL): string | undefined {
  try {
    const u = new URL(url);
    if (u.username || u.password) return undefined;
    return withSlash(`${u.origin}${u.pathname}`);
  } catch {
    return undefined;
  }
}

/**
 * The body as text; refused (and the connection dropped) as soon as it exceeds `budget`, the bytes
 * the search may still read of its `limit`.
 */
async function readBody(response: Response, budget: number, limit: number): Promise<{ text: string; bytes: number }> {
  const tooLarge = () => new FetchFailure(`more than ${limit} bytes`);
  if (Number(response.headers.get('content-length')) > budget) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const };
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
    if (bytes > budget) {
      void reader?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes };
}

export class FhirFetcher {
  private readonly allowed: string[];

  constructor(private readonly config: FhirConfig) {
    // Parsed like every requested URL, so `HTTP://EHR:443/fhir` matches what fetch would send.
    this.allowed = config.allowedServers.flatMap((s) => baseOf(s) ?? []);
  }

  /** Whether a URL lies under one of the allowed FHIR base URLs. */
  isAllowed(url: string): boolean {
    const base = baseOf(url);
    return base !== undefined && this.allowed.some((allowed) => base.startsWith(allowed));
  }

  /** Runs the queries in parallel; each result is the resource read or one Bundle of every page. */
  async fetchAll(
    fhirServer: string,
    accessToken: string | undefined,
    queries: Record<string, string>,
    deadline: AbortSignal,
  ): Promise<Record<string, FetchResult>> {
    const server = this.isAllowed(fhirServer) ? baseOf(fhirServer) : undefined;
    if (!server) {
      return Object.fromEntries(Object.keys(queries).map((k) => [k, { ok: false, reason: 'FHIR server not allowed' }]));
    }
    const headers: Record<string, string> = {
      accept: 'application/fhir+json',
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    };
    const entries = await Promise.all(
      Object.entries(queries).map(
        async ([key, query]) => [key, await this.fetchOne(server, headers, query, deadline)] as const,
      ),
    );
    return Object.fromEntries(entries);
  }

  /** A query relative to the server, or an absolute link, as a URL on `server`; undefined otherwise. */
  private onServer(server: string, link: string): URL | undefined {
    let url: URL;
    try {
      url = new URL(link, server);
    } catch {
      return undefined;
    }
    return baseOf(url)?.startsWith(server) ? url : undefined;
  }

  /** One GET of a URL already checked to lie on the server; `budget` is the bytes still allowed. */
  private async get(
    url: URL,
    headers: Record<string, string>,
    deadline: AbortSignal,
    budget: number,
  ): Promise<{ resource: Record<string, unknown>; bytes: number }> {
    const signal = AbortSignal.any([deadline, AbortSignal.timeout(this.config.timeoutMs)]);
    try {
      // `redirect: 'error'`: a redirect could lead anywhere, with the access token.
      const response = await fetch(url, { headers, signal, redirect: 'error' });
      if (!response.ok) {
        void response.body?.cancel().catch(() => undefined);
        throw new FetchFailure(`HTTP ${response.status}`);
      }
      const { text, bytes } = await readBody(response, budget, this.config.maxResponseBytes);
      let resource: unknown;
      try {
        resource = JSON.parse(text);
      } catch {
        throw new FetchFailure('response is not valid JSON');
      }
      if (typeof resource !== 'object' || resource === null || Array.isArray(resource))
        throw new FetchFailure('response is not a FHIR resource');
      return { resource: resource as Record<string, unknown>, bytes };
    } catch (error) {
      if (error instanceof FetchFailure) throw error;
      if (signal.aborted) throw new FetchFailure('timed out');
      throw new FetchFailure('network error or redirect refused');
    }
  }

  private async fetchOne(
    server: string,
    headers: Record<string, string>,
    query: string,
    deadline: AbortSignal,
  ): Promise<FetchResult> {
    try {
      const url = this.onServer(server, query);
      if (!url) return { ok: false, reason: 'link to another server' };
      let budget = this.config.maxResponseBytes;
      const first = await this.get(url, headers, deadline, budget);
      if (first.resource.resourceType !== 'Bundle') return { ok: true, data: first.resource };
      budget -= first.bytes;
      const entries: unknown[] = [];
      const seen = new Set<string>([url.href]);
      let page = first.resource;
      for (let pages = 1; ; pages++) {
        // a loop, not push(...): spreading a page of 10⁵ entries overflows the call stack
        if (Array.isArray(page.entry)) for (const entry of page.entry) entries.push(entry);
        const links = Array.isArray(page.link) ? (page.link as { relation?: unknown; url?: unknown }[]) : [];
        const next = links.find((l) => l?.relation === 'next')?.url;
        if (typeof next !== 'string') break;
        if (pages >= this.config.maxPages) return { ok: false, reason: `more than ${this.config.maxPages} pages` };
        const nextUrl = this.onServer(server, next);
        if (!nextUrl) return { ok: false, reason: 'next link to another server' };
        if (seen.has(nextUrl.href)) return { ok: false, reason: 'paging loop' };
        seen.add(nextUrl.href);
        const got = await this.get(nextUrl, headers, deadline, budget);
        budget -= got.bytes;
        page = got.resource;
      }
      return { ok: true, data: { resourceType: 'Bundle', type: 'searchset', entry: entries } };
    } catch (error) {
      return { ok: false, reason: error instanceof FetchFailure ? error.reason : 'invalid response' };
    }
  }
}
