import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import { outcome } from '../../src/contract/operation-outcome.js';
import type { ReplayCache } from '../auth/replay-cache.js';
import { BackendAuth, BULK_ALGORITHMS, type Grant, TokenError } from './backend-auth.js';
import { type BulkServerOptions, ExportJob, type ExportSource, runExport } from './bulk-export.js';
import { type ExportLevel, exportRequest, KickOffError, parametersResource, queryParameters } from './bulk-request.js';

/**
 * The demo's Bulk Data routes: `.well-known/smart-configuration` on the FHIR base, the Backend
 * Services token endpoint (`/demo/bulk/token`), `$export` at system, Patient and Group level
 * (`Prefer: respond-async`), job status and cancel (`/demo/bulk/jobs/{id}`) and the files
 * (`/demo/bulk/files/{id}/{name}`, `Range` honoured). Everything but discovery and the token
 * wants the token's Bearer; every error is an OperationOutcome (the token's, RFC 6749 JSON).
 */

/** The types the demo exports; Practitioner only at system level (it is in no patient's compartment). */
export const EXPORTED_TYPES = [
  'Patient',
  'Encounter',
  'Condition',
  'MedicationRequest',
  'Observation',
  'Immunization',
  'Practitioner',
] as const;
const PATIENT_COMPARTMENT = EXPORTED_TYPES.filter((t) => t !== 'Practitioner');

/** Running jobs at once; more are told to come back later (429). */
const MAX_RUNNING_JOBS = 4;
/** Finished jobs kept (with their files) before the oldest is removed. */
const MAX_KEPT_JOBS = 16;

export interface BulkRoutesOptions {
  base: string;
  source: ExportSource;
  /** Registered Backend Services clients: client_id → public key set. */
  clients: Record<string, JSONWebKeySet>;
  /** Remembers assertion ids (`jti`) so that none is accepted twice. */
  replay: ReplayCache;
  options: BulkServerOptions;
}

const FILE_NAME = /^[A-Za-z]+-\d+\.ndjson$/;

export const bulkRoutes: FastifyPluginAsync<BulkRoutesOptions> = async (
  app,
  { base, source, clients, replay, options },
) => {
  const tokenUrl = `${base}/demo/bulk/token`;
  const auth = new BackendAuth({
    tokenUrl,
    clients,
    exported: EXPORTED_TYPES,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    replay,
  });
  const jobs = new Map<string, ExportJob>();
  app.addHook('onClose', async () => {
    await Promise.all([...jobs.values()].map((job) => job.cancel().catch(() => undefined)));
  });

  // The token request is a form (RFC 6749 §4.4); this parser serves only these routes.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.get('/fhir/.well-known/smart-configuration', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({
      issuer: base,
      token_endpoint: tokenUrl,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: [...BULK_ALGORITHMS],
      scopes_supported: ['system/*.rs', 'system/*.read', ...EXPORTED_TYPES.map((t) => `system/${t}.rs`)],
      capabilities: ['client-confidential-asymmetric', 'permission-v1', 'permission-v2'],
    }),
  );

  app.post<{ Body: Record<string, string | undefined> }>('/demo/bulk/token', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
      return reply
        .code(400)
        .send({ error: 'invalid_request', error_description: 'send the form as application/x-www-form-urlencoded' });
    try {
      return await auth.token(request.body ?? {});
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      request.log.info({ error: error.error, reason: error.description }, 'bulk token refused');
      return reply.code(error.status).send({ error: error.error, error_description: error.description });
    }
  });

  /** The grant of the request's Bearer token, or a 401 answer sent. */
  const authorised = (request: FastifyRequest, reply: FastifyReply): Grant | undefined => {
    const grant = auth.grant(request.headers.authorization);
    if (!grant) {
      reply
        .code(401)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .send(
          outcome('security', `a valid Bearer access token from ${tokenUrl} is required (missing, unknown or expired)`),
        );
    }
    return grant;
  };

  const kickOff = (level: ExportLevel) => async (request: FastifyRequest, reply: FastifyReply) => {
    const grant = authorised(request, reply);
    if (!grant) return reply;
    const prefer = String(request.headers.prefer ?? '');
    if (!/respond-async/i.test(prefer))
      return reply.code(400).send(outcome('invalid', 'the Prefer: respond-async header is required', 'Prefer'));
    const groupId = (request.params as { id?: string }).id;
    const exported: string[] = level === 'system' ? [...EXPORTED_TYPES] : PATIENT_COMPARTMENT;
    let parsed: ReturnType<typeof exportRequest>;
    try {
      const params =
        request.method === 'POST'
          ? parametersResource(request.body)
          : queryParameters(request.query as Record<string, string | string[]>);
      parsed = exportRequest(level, params, exported, {
        lenient: /handling=lenient/i.test(prefer),
        ...(groupId ? { groupId } : {}),
        patientAllowed: level !== 'system' && request.method === 'POST',
      });
    } catch (error) {
      if (error instanceof KickOffError)
        return reply.code(400).send(outcome('invalid', error.message, error.parameter));
      throw error;
    }
    const granted = exported.filter((t) => grant.types.has('*') || grant.types.has(t));
    const refused = (parsed.types ?? []).filter((t) => !granted.includes(t));
    if (refused.length > 0)
      return reply
        .code(403)
        .send(outcome('security', `the access token's scope does not grant read on ${refused.join(', ')}`, '_type'));
    const records = source.records(level, groupId);
    if (!records) return reply.code(404).send(outcome('not-found', `no Group ${groupId} on this server`));
    const running = [...jobs.values()].filter((j) => j.state === 'running').length;
    if (running >= MAX_RUNNING_JOBS)
      return reply
        .code(429)
        .header('retry-after', String(options.retryAfterSeconds))
        .send(outcome('throttled', `${running} exports are running: try again later`));
    forgetOldJobs(jobs);
    const job = new ExportJob(grant.clientId, `${base}${request.url}`, records.count, Date.now() + options.jobDelayMs);
    jobs.set(job.id, job);
    job.run = runExport(job, source, parsed, parsed.types ?? granted, options, records.records).catch((error) =>
      request.log.error({ err: error, job: job.id }, 'bulk export failed'),
    );
    return reply.code(202).header('content-location', `${base}/demo/bulk/jobs/${job.id}`).send();
  };

  for (const [url, level] of [
    ['/fhir/$export', 'system'],
    ['/fhir/Patient/$export', 'patient'],
    ['/fhir/Group/:id/$export', 'group'],
  ] as const) {
    app.get(url, kickOff(level));
    app.post(url, kickOff(level));
  }

  /** The job of the URL, if the request's token may see it; else the answer is sent. */
  const ownJob = (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const grant = authorised(request, reply);
    if (!grant) return undefined;
    const job = jobs.get(request.params.id);
    if (!job || job.clientId !== grant.clientId || job.state === 'cancelled') {
      reply.code(404).send(outcome('not-found', `no export job ${request.params.id}`));
      return undefined;
    }
    return job;
  };

  app.get<{ Params: { id: string } }>('/demo/bulk/jobs/:id', async (request, reply) => {
    const job = ownJob(request, reply);
    if (!job) return reply;
    if (job.state === 'failed') return reply.code(500).send(outcome('exception', 'the export failed; start a new one'));
    if (!job.finished)
      return reply
        .code(202)
        .header('retry-after', String(options.retryAfterSeconds))
        .header('x-progress', job.progress())
        .header('cache-control', 'no-store')
        .send();
    return reply
      .header('expires', new Date(Date.now() + 3_600_000).toUTCString())
      .type('application/json')
      .send(job.manifest((name) => `${base}/demo/bulk/files/${job.id}/${name}`));
  });

  app.delete<{ Params: { id: string } }>('/demo/bulk/jobs/:id', async (request, reply) => {
    const job = ownJob(request, reply);
    if (!job) return reply;
    jobs.delete(job.id);
    void job.cancel();
    return reply.code(202).send();
  });

  app.get<{ Params: { id: string; name: string } }>('/demo/bulk/files/:id/:name', async (request, reply) => {
    const redirect = options.faults?.redirectTo;
    if (redirect) return reply.redirect(`${redirect.replace(/\/$/, '')}${request.url}`, 307);
    const job = ownJob(request, reply);
    if (!job) return reply;
    const file = FILE_NAME.test(request.params.name) && job.finished ? job.file(request.params.name) : undefined;
    if (!file) return reply.code(404).send(outcome('not-found', `export ${job.id} has no file ${request.params.name}`));
    return sendFile(request, reply, join(job.dir, file.name), cutOnce(job, file.name, options));
  });
};

/** A byte offset about half-way through the file that is not at a line's end. */
function midLine(path: string, size: number): number {
  const half = Math.max(1, Math.floor(size / 2));
  const fd = openSync(path, 'r');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, half - 1);
    return byte[0] === 0x0a ? half + 1 : half;
  } finally {
    closeSync(fd);
  }
}

function forgetOldJobs(jobs: Map<string, ExportJob>): void {
  const finished = [...jobs.values()].filter((j) => j.state !== 'running');
  for (const job of finished.slice(0, Math.max(0, finished.length - MAX_KEPT_JOBS + 1))) {
    job.remove();
    jobs.delete(job.id);
  }
}

/** The `truncate` fault: true the first time the named file is downloaded whole. */
function cutOnce(job: ExportJob, name: string, options: BulkServerOptions): boolean {
  if (options.faults?.truncate !== name || job.truncated.has(name)) return false;
  job.truncated.add(name);
  return true;
}

const RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * An NDJSON file, whole or one `Range: bytes=a-b` (206, or 416 when it lies outside). `cut` sends
 * the file's first half only, ending mid-line.
 */
function sendFile(request: FastifyRequest, reply: FastifyReply, path: string, cut: boolean): FastifyReply {
  const size = statSync(path).size;
  reply.header('accept-ranges', 'bytes').type('application/fhir+ndjson');
  const range = request.headers.range;
  if (range !== undefined) {
    const m = RANGE.exec(range);
    const start = m?.[1] ? Number(m[1]) : m?.[2] ? Math.max(0, size - Number(m[2])) : 0;
    const end = m?.[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    if (!m || (m[1] === '' && m[2] === '') || start > end || start >= size)
      return reply
        .code(416)
        .header('content-range', `bytes */${size}`)
        .send(outcome('invalid', `the range "${range}" is not within the file's ${size} bytes`, 'Range'));
    return reply
      .code(206)
      .header('content-range', `bytes ${start}-${end}/${size}`)
      .header('content-length', String(end - start + 1))
      .send(createReadStream(path, { start, end }));
  }
  if (cut) {
    // The answer is complete as HTTP goes, but the file in it stops part-way through a line.
    const half = midLine(path, size);
    return reply.header('content-length', String(half)).send(createReadStream(path, { start: 0, end: half - 1 }));
  }
  return reply.header('content-length', String(size)).send(createReadStream(path));
}
