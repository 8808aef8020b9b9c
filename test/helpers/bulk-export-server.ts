import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { type RecordingServer, startRecordingServer } from './misbehaving-server.js';

/**
 * A FHIR Bulk Data server on 127.0.0.1 that follows the population contract (the demo's
 * `$export`): SMART configuration, a Backend Services token endpoint that verifies the client
 * assertion against the client's public JWK Set, kick-off (POST with Parameters, or GET),
 * status polling with `Retry-After` and `X-Progress`, a manifest, and NDJSON files behind the
 * Bearer token with `Range` support. Faults are scripted per test; every request is recorded.
 */

type Resource = { resourceType: string; id?: string } & Record<string, unknown>;

export interface BulkServerOptions {
  clientId: string;
  jwks: JSONWebKeySet;
  /** The resources to export, in order; split by type into files of `linesPerFile`. */
  resources: readonly Resource[];
  linesPerFile?: number;
  /** Status polls answered 202 before the manifest. */
  pollsBeforeReady?: number;
  /** The `Retry-After` of a 202: seconds, or `date` for an HTTP date one second ahead. */
  retryAfter?: number | 'date' | 'none';
  tokenLifetimeSeconds?: number;
  faults?: {
    /** A status poll before the time its last `Retry-After` gave is answered 429 and counted. */
    enforceRetryAfter?: boolean;
    /** Kick-off POST answered 405 (a server of Bulk Data 1.0). */
    rejectPost?: boolean;
    /** The manifest lists an error file of OperationOutcomes. */
    errorFile?: boolean;
    /** This file's first download stops inside a line (and the connection ends cleanly). */
    truncate?: string;
    /** `Range` ignored: files always come whole (200). */
    noRanges?: boolean;
    /** File downloads answer 302 to this URL. */
    redirectTo?: string;
    /** Manifest file URLs on this origin instead of the server's. */
    fileOrigin?: string;
    /** Every token issued so far stops working once this many files have been served. */
    revokeTokensAfterFiles?: number;
    /** This file answers 500 until `heal()` is called. */
    failFile?: string;
    /** This file sends its first line, then nothing more (the connection stays open). */
    stallFile?: string;
    /** This file has a line whose resourceType is not its type. */
    wrongTypeIn?: string;
  };
}

export interface BulkServer extends RecordingServer {
  base: string;
  kickoffs: { method: string; parameters: Record<string, unknown> | undefined; query: string }[];
  assertionAlgorithms: string[];
  /** Status polls that came before the `Retry-After` the server had given. */
  earlyPolls(): number;
  /** Each file request: the file name, its `Range` header and the answer's status. */
  fileRequests: { name: string; range: string | undefined; status: number }[];
  /** The NDJSON text of each file the manifest lists, by name. */
  files: Map<string, string>;
  heal(): void;
}

export async function startBulkServer(options: BulkServerOptions): Promise<BulkServer> {
  const faults = { ...options.faults };
  const lifetime = options.tokenLifetimeSeconds ?? 300;
  const tokens = new Map<string, number>();
  const jobs = new Map<string, { polls: number; query: Record<string, string>; notBefore: number }>();
  const fileRequests: BulkServer['fileRequests'] = [];
  const counters = { earlyPolls: 0 };
  const files = new Map<string, string>();
  const kickoffs: BulkServer['kickoffs'] = [];
  const assertionAlgorithms: string[] = [];
  const truncated = new Set<string>();
  let filesServed = 0;
  let server: RecordingServer;
  const keys = createLocalJWKSet(options.jwks);

  const byType = new Map<string, Resource[]>();
  for (const resource of options.resources) {
    const list = byType.get(resource.resourceType) ?? [];
    list.push(resource);
    byType.set(resource.resourceType, list);
  }

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const outcome = (res: ServerResponse, status: number, code: string, diagnostics: string) =>
    json(res, status, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] });
  const authorised = (req: IncomingMessage) => {
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    const expires = token ? tokens.get(token) : undefined;
    return expires !== undefined && expires > Date.now();
  };
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const form = new URLSearchParams(await body(req));
    if (form.get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type' });
    try {
      const { payload, protectedHeader } = await jwtVerify(form.get('client_assertion') ?? '', keys, {
        audience: `${server.origin}/demo/bulk/token`,
        issuer: options.clientId,
        subject: options.clientId,
        algorithms: ['RS384', 'ES384'],
      });
      if (!payload.jti || !payload.exp) return json(res, 401, { error: 'invalid_client' });
      assertionAlgorithms.push(protectedHeader.alg);
    } catch {
      return json(res, 401, { error: 'invalid_client' });
    }
    const value = randomUUID();
    tokens.set(value, Date.now() + lifetime * 1000);
    json(res, 200, { access_token: value, token_type: 'bearer', expires_in: lifetime, scope: form.get('scope') });
  };

  const manifest = (job: { query: Record<string, string> }) => {
    const origin = faults.fileOrigin ?? server.origin;
    const types = job.query._type ? job.query._type.split(',') : [...byType.keys()];
    const output: { type: string; url: string; count: number }[] = [];
    files.clear();
    const perFile = options.linesPerFile ?? 1000;
    for (const type of types) {
      const list = byType.get(type) ?? [];
      for (let n = 0; n * perFile < list.length; n++) {
        const slice = list.slice(n * perFile, (n + 1) * perFile);
        const name = `${type}-${n + 1}.ndjson`;
        const lines = slice.map((r) => JSON.stringify(r));
        if (faults.wrongTypeIn === name) lines.splice(1, 0, JSON.stringify({ resourceType: 'Basic', id: 'x' }));
        files.set(name, `${lines.join('\n')}\n`);
        output.push({ type, url: `${origin}/demo/bulk/files/job/${name}`, count: slice.length });
      }
    }
    const error: { type: string; url: string }[] = [];
    if (faults.errorFile) {
      const issues = [
        {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'processing', diagnostics: 'Observation could not be read' }],
        },
        {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'processing', diagnostics: 'Observation could not be read' }],
        },
        {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'warning', code: 'too-costly', diagnostics: 'Immunization partly exported' }],
        },
      ];
      files.set('OperationOutcome-1.ndjson', `${issues.map((o) => JSON.stringify(o)).join('\n')}\n`);
      error.push({ type: 'OperationOutcome', url: `${origin}/demo/bulk/files/job/OperationOutcome-1.ndjson` });
    }
    return {
      transactionTime: '2026-12-01T10:00:00.000Z',
      request: `${server.origin}/fhir/$export`,
      requiresAccessToken: true,
      output,
      error,
    };
  };

  const file = (req: IncomingMessage, res: ServerResponse, name: string) => {
    const request = { name, range: req.headers.range, status: 0 };
    fileRequests.push(request);
    res.on('finish', () => {
      request.status = res.statusCode;
    });
    if (!authorised(req)) return outcome(res, 401, 'login', 'access token missing or expired');
    if (faults.redirectTo) {
      res.writeHead(302, { location: faults.redirectTo });
      return res.end();
    }
    if (faults.failFile === name) return outcome(res, 500, 'exception', 'storage unavailable');
    const text = files.get(name);
    if (text === undefined) return outcome(res, 404, 'not-found', `no file ${name}`);
    const bytes = Buffer.from(text);
    if (faults.stallFile === name) {
      res.writeHead(200, { 'content-type': 'application/fhir+ndjson', 'content-length': String(bytes.length) });
      return res.write(bytes.subarray(0, bytes.indexOf(0x0a) + 1));
    }
    filesServed++;
    if (faults.revokeTokensAfterFiles !== undefined && filesServed === faults.revokeTokensAfterFiles) tokens.clear();
    if (faults.truncate === name && !truncated.has(name)) {
      truncated.add(name);
      // The first answer stops in the middle of the second line.
      const cut =
        bytes.indexOf(0x0a) + Math.floor((bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) - bytes.indexOf(0x0a)) / 2);
      res.writeHead(200, { 'content-type': 'application/fhir+ndjson', 'accept-ranges': 'bytes' });
      return res.end(bytes.subarray(0, cut));
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && !faults.noRanges) {
      const start = Number(range[1]);
      if (start >= bytes.length) return outcome(res, 416, 'invalid', 'range not satisfiable');
      res.writeHead(206, {
        'content-type': 'application/fhir+ndjson',
        'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
        'content-length': String(bytes.length - start),
      });
      return res.end(bytes.subarray(start));
    }
    res.writeHead(200, {
      'content-type': 'application/fhir+ndjson',
      'content-length': String(bytes.length),
      ...(faults.noRanges ? {} : { 'accept-ranges': 'bytes' }),
    });
    res.end(bytes);
  };

  const kickoff = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (!authorised(req)) return outcome(res, 401, 'login', 'access token missing or expired');
    if (req.headers.prefer !== 'respond-async') return outcome(res, 400, 'invalid', 'Prefer: respond-async required');
    const query: Record<string, string> = {};
    let parameters: Record<string, unknown> | undefined;
    if (req.method === 'POST') {
      if (faults.rejectPost) return outcome(res, 405, 'not-supported', 'POST kick-off not supported');
      parameters = JSON.parse(await body(req));
      for (const p of (parameters?.parameter ?? []) as { name: string; valueString?: string; valueInstant?: string }[])
        query[p.name] = p.valueString ?? p.valueInstant ?? '';
    } else {
      for (const [k, v] of url.searchParams) query[k] = v;
    }
    kickoffs.push({ method: req.method ?? '', parameters, query: url.search });
    const id = randomUUID();
    jobs.set(id, { polls: 0, query, notBefore: 0 });
    res.writeHead(202, { 'content-location': `${server.origin}/demo/bulk/jobs/${id}` });
    res.end();
  };

  const status = (req: IncomingMessage, res: ServerResponse, id: string) => {
    if (!authorised(req)) return outcome(res, 401, 'login', 'access token missing or expired');
    const job = jobs.get(id);
    if (!job) return outcome(res, 404, 'not-found', 'no such job');
    if (req.method === 'DELETE') {
      jobs.delete(id);
      res.writeHead(202);
      return res.end();
    }
    if (faults.enforceRetryAfter && Date.now() < job.notBefore) {
      counters.earlyPolls++;
      return outcome(res, 429, 'throttled', 'polled before Retry-After');
    }
    if (job.polls < (options.pollsBeforeReady ?? 1)) {
      job.polls++;
      const retry = options.retryAfter ?? 1;
      // An HTTP date has whole seconds: the next second boundary at least a second ahead.
      job.notBefore =
        retry === 'date'
          ? Math.ceil(Date.now() / 1000) * 1000 + 1000
          : retry === 'none'
            ? 0
            : Date.now() + retry * 1000;
      const header =
        retry === 'none'
          ? {}
          : { 'retry-after': retry === 'date' ? new Date(job.notBefore).toUTCString() : String(retry) };
      res.writeHead(202, { ...header, 'x-progress': `${job.polls * 40}% done` });
      return res.end();
    }
    json(res, 200, manifest(job));
  };

  server = await startRecordingServer((req, res, url) => {
    const path = url.pathname;
    const handle = async () => {
      if (path === '/fhir/.well-known/smart-configuration')
        return json(res, 200, {
          token_endpoint: `${server.origin}/demo/bulk/token`,
          grant_types_supported: ['client_credentials'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
          token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
        });
      if (path === '/demo/bulk/token' && req.method === 'POST') return token(req, res);
      if (/^\/fhir\/((Patient|Group\/[^/]+)\/)?\$export$/.test(path)) return kickoff(req, res, url);
      const job = /^\/demo\/bulk\/jobs\/([^/]+)$/.exec(path);
      if (job?.[1]) return status(req, res, job[1]);
      const name = /^\/demo\/bulk\/files\/job\/([^/]+)$/.exec(path);
      if (name?.[1]) return file(req, res, name[1]);
      outcome(res, 404, 'not-found', `no route ${path}`);
    };
    handle().catch(() => outcome(res, 500, 'exception', 'test server error'));
  });
  return Object.assign(server, {
    base: `${server.origin}/fhir`,
    kickoffs,
    fileRequests,
    earlyPolls: () => counters.earlyPolls,
    assertionAlgorithms,
    files,
    heal: () => {
      delete faults.failFile;
    },
  });
}
