import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A local EHR for the browser tests: SMART authorization server (EHR and standalone launch,
 * PKCE S256 enforced, single-use codes, refresh tokens for online_access, and on demand each
 * refusal an EHR answers with), a patient-compartment FHIR R4 server seeded from the
 * fixture Bundles (bearer token and scopes enforced, paging with `next` links), and the built
 * app served at /app/ with a generated `smart-config.json` — one node:http server on 127.0.0.1.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_APP = join(ROOT, 'dist', 'app');
export const DEFAULT_FIXTURES = [
  'patient-healthy.json',
  'patient-chemo-neutropenia.json',
  'patient-post-covid.json',
].map((name) => join(ROOT, 'test', 'fixtures', name));
export const CLIENT_ID = 'immunosteward-e2e';

/** The scope string the app ships with (public/smart-config.json). */
export function appScope(): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'public', 'smart-config.json'), 'utf8')) as { scope: string };
  return config.scope;
}

export interface SmartServerOptions {
  /** Fixture Bundles (paths) seeding the FHIR server; default the three patient fixtures. */
  fixtures?: string[];
  /** Extra resources added to the FHIR server. */
  resources?: FhirResource[];
  /** The built app; default dist/app. */
  distDir?: string;
  /** Scope written to smart-config.json; default the app's own (public/smart-config.json). */
  scope?: string;
  /** Scopes removed from the grant (the EHR grants less than asked). */
  dropScopes?: string[];
  /** /auth/authorize refuses with this error on the redirect (access_denied, server_error, …). */
  authorizeError?: { error: string; description?: string; uri?: string };
  /**
   * The scopes the client is registered for: a request for more is refused with invalid_scope
   * (`refuse`, the default, worded as the SMART launcher words it) or granted only these (`narrow`).
   */
  clientScopes?: string[];
  extraScopes?: 'refuse' | 'narrow';
  /** The EHR has another redirect URI on file and says so on the redirect, as invalid_request. */
  invalidRedirectUri?: boolean;
  /** The token endpoint refuses every refresh token (the user's EHR session ended): 400 invalid_grant. */
  refuseRefresh?: boolean;
  /** The token endpoint refuses the code exchange with this status and error (e.g. 401 invalid_client). */
  tokenError?: { status: number; error: string; description?: string };

  /** The patient picked in a standalone launch that asked for launch/patient; default healthy-1. */
  standalonePatient?: string;
  /** `appContext` in the token response of an EHR launch. */
  appContext?: string;
  /** `locale` in the token response of an EHR launch (the user's language in the EHR). */
  locale?: string;
  allowOpenServer?: boolean;
  /** `onlineAccess` written to smart-config.json (default true, as the app ships). */
  onlineAccess?: boolean;
  localLabCodes?: { system: string; code: string; biomarker: string; unit?: string }[];
  /** Largest page the FHIR server returns whatever `_count` asks (default 200). */
  maxPageSize?: number;
  /** Access-token lifetime in seconds (default 3600). */
  tokenLifetime?: number;
}

export interface FhirResource {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

export interface AuthorizeRecord {
  params: Record<string, string>;
  /** `error` of the redirect, or `code` when a code was issued; `rejected` when answered 400 without redirect. */
  outcome: string;
}

export interface CodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  patient: string | undefined;
  launch: string | undefined;
  state: string;
  issuedAt: number;
  used: boolean;
}

export interface TokenRequestRecord {
  params: Record<string, string>;
  contentType: string | undefined;
  status: number;
  error?: string;
  /** Whether base64url(sha256(code_verifier)) equalled the code's challenge (undefined: no code found). */
  verifierMatched?: boolean;
  accessToken?: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  authorization: string | undefined;
}

export interface SmartServer {
  url: string;
  fhirBase: string;
  /** The app's registered redirect URI. */
  redirectUri: string;
  /** Standalone launch: no parameters, the app uses its standaloneIssuer. */
  standaloneUrl: string;
  /** Registers an EHR launch id for a patient and returns the app's launch URL with iss and launch. */
  launchUrl(patientId: string): string;
  codesIssued: CodeRecord[];
  tokenRequests: TokenRequestRecord[];
  authorizeRequests: AuthorizeRecord[];
  /** Every request the server answered (static, auth and FHIR). */
  requests: RequestRecord[];
  /** The scope written to smart-config.json. */
  scope: string;
  /** Moves the server's clock forward (access tokens expire by it). */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

interface TokenRecord {
  patient: string | undefined;
  scope: string;
  expiresAt: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Search parameters the FHIR server understands, per type (anything else is a 400, to catch surprises). */
const SEARCH_PARAMS: Record<string, string[]> = {
  Observation: ['patient', 'subject', 'code', 'category'],
  MedicationRequest: ['patient', 'subject', 'status'],
  Condition: ['patient', 'subject', 'clinical-status'],
  Immunization: ['patient', 'status'],
};
const CONTROL_PARAMS = ['_count', '_offset'];

export function base64url(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function s256(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

function loadResources(paths: string[], extra: FhirResource[]): Map<string, FhirResource> {
  const store = new Map<string, FhirResource>();
  const add = (resource: FhirResource) => {
    if (!resource.id) return;
    store.set(`${resource.resourceType}/${resource.id}`, resource);
  };
  for (const path of paths) {
    const bundle = JSON.parse(readFileSync(path, 'utf8')) as { entry?: { resource?: FhirResource }[] };
    for (const entry of bundle.entry ?? []) if (entry.resource) add(entry.resource);
  }
  for (const resource of extra) add(resource);
  return store;
}

function reference(resource: FhirResource, element: string): string | undefined {
  const value = resource[element] as { reference?: string } | undefined;
  return value?.reference;
}

/** The patient a resource belongs to (Patient compartment). */
function patientOf(resource: FhirResource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const ref = reference(resource, 'subject') ?? reference(resource, 'patient');
  const m = ref ? /(?:^|\/)Patient\/([^/]+)$/.exec(ref) : null;
  return m?.[1];
}

function matchesToken(codings: { system?: string; code?: string }[] | undefined, tokens: string[]): boolean {
  return tokens.some((token) => {
    const bar = token.indexOf('|');
    const system = bar >= 0 ? token.slice(0, bar) : undefined;
    const code = bar >= 0 ? token.slice(bar + 1) : token;
    return (codings ?? []).some(
      (c) => c.code === code && (system === undefined || (system === '' ? !c.system : c.system === system)),
    );
  });
}

function codingsOf(value: unknown): { system?: string; code?: string }[] {
  if (Array.isArray(value)) return value.flatMap(codingsOf);
  const concept = value as { coding?: { system?: string; code?: string }[] } | undefined;
  return concept?.coding ?? [];
}

/** Whether the granted scopes allow an interaction ('r' read, 's' search) on a type (SMART v2 and v1). */
export function scopeAllows(scope: string, resourceType: string, interaction: 'r' | 's'): boolean {
  return scope.split(/\s+/).some((s) => {
    const m = /^(patient|user)\/([A-Za-z]+|\*)\.([a-z*]+)(?:\?.*)?$/.exec(s);
    if (!m) return false;
    const [, , type, perms = ''] = m;
    if (type !== resourceType && type !== '*') return false;
    if (perms === 'read' || perms === '*') return true;
    if (!/^c?r?u?d?s?$/.test(perms)) return false; // v2 permissions must be in cruds order
    return perms.includes(interaction);
  });
}

function operationOutcome(code: string, diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSmartServer(options: SmartServerOptions = {}): Promise<SmartServer> {
  const distDir = resolve(options.distDir ?? DIST_APP);
  const store = loadResources(options.fixtures ?? DEFAULT_FIXTURES, options.resources ?? []);
  const scope = options.scope ?? appScope();
  const maxPageSize = options.maxPageSize ?? 200;
  const tokenLifetime = options.tokenLifetime ?? 3600;
  const launches = new Map<string, { patient: string }>();
  const codes = new Map<string, CodeRecord>();
  const tokens = new Map<string, TokenRecord>();
  const refreshTokens = new Map<string, { clientId: string; patient: string | undefined; scope: string }>();
  let skew = 0;
  const now = () => Date.now() + skew;
  const codesIssued: CodeRecord[] = [];
  const tokenRequests: TokenRequestRecord[] = [];
  const authorizeRequests: AuthorizeRecord[] = [];
  const requests: RequestRecord[] = [];
  let url = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(text);
  };
  const fhirSend = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    send(res, status, body, { 'content-type': 'application/fhir+json; charset=utf-8', ...headers });

  const smartConfiguration = () => ({
    issuer: `${url}/fhir`,
    authorization_endpoint: `${url}/auth/authorize`,
    token_endpoint: `${url}/auth/token`,
    token_endpoint_auth_methods_supported: ['none'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    scopes_supported: [
      'openid',
      'fhirUser',
      'launch',
      'launch/patient',
      'online_access',
      'patient/*.rs',
      'patient/Patient.r',
      'patient/Observation.rs',
      'patient/MedicationRequest.rs',
      'patient/Condition.rs',
      'patient/Immunization.rs',
      'patient/ServiceRequest.rs',
    ],
    capabilities: [
      'launch-ehr',
      'launch-standalone',
      'client-public',
      'context-ehr-patient',
      'context-standalone-patient',
      'context-banner',
      'permission-patient',
      'permission-v2',
    ],
    code_challenge_methods_supported: ['S256'],
  });

  const capabilityStatement = () => ({
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    implementation: { description: 'ImmunoSteward e2e FHIR server', url: `${url}/fhir` },
    rest: [
      {
        mode: 'server',
        security: {
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
              ],
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: `${url}/auth/authorize` },
                { url: 'token', valueUri: `${url}/auth/token` },
              ],
            },
          ],
        },
        resource: [
          { type: 'Patient', interaction: [{ code: 'read' }] },
          ...Object.entries(SEARCH_PARAMS).map(([type, params]) => ({
            type,
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: params.map((name) => ({
              name,
              type: name === 'patient' || name === 'subject' ? 'reference' : 'token',
            })),
          })),
        ],
      },
    ],
  });

  const authorize = (res: ServerResponse, query: URLSearchParams) => {
    const params = Object.fromEntries(query);
    const record: AuthorizeRecord = { params, outcome: 'pending' };
    authorizeRequests.push(record);
    const redirectUri = `${url}/app/index.html`;
    // Without a verified client and redirect URI there is nowhere safe to redirect to (RFC 6749 §4.1.2.1).
    if (options.invalidRedirectUri && params.client_id === CLIENT_ID && params.redirect_uri === redirectUri) {
      record.outcome = 'invalid_request';
      const target = new URL(redirectUri);
      target.searchParams.set('error', 'invalid_request');
      target.searchParams.set(
        'error_description',
        `Invalid redirect_uri "${redirectUri}": it is not registered for client "${CLIENT_ID}".`,
      );
      if (params.state) target.searchParams.set('state', params.state);
      res.writeHead(302, { location: target.href, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (params.client_id !== CLIENT_ID || params.redirect_uri !== redirectUri) {
      record.outcome = 'rejected';
      send(res, 400, { error: 'invalid_request', error_description: 'unknown client_id or redirect_uri' });
      return;
    }
    const redirect = (extra: Record<string, string>) => {
      const target = new URL(redirectUri);
      for (const [k, v] of Object.entries(extra)) target.searchParams.set(k, v);
      if (params.state) target.searchParams.set('state', params.state);
      res.writeHead(302, { location: target.href, 'cache-control': 'no-store' });
      res.end();
    };
    const fail = (error: string, description: string) => {
      record.outcome = error;
      redirect({ error, error_description: description });
    };
    if (params.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code');
    if (!params.state) return fail('invalid_request', 'state is required');
    if (params.aud !== `${url}/fhir`) return fail('invalid_request', `aud must be ${url}/fhir`);
    if (params.code_challenge_method !== 'S256' || !params.code_challenge) {
      return fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method S256');
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) return fail('invalid_request', 'malformed code_challenge');
    const requested = (params.scope ?? '').split(/\s+/).filter(Boolean);
    let patient: string | undefined;
    if (params.launch !== undefined) {
      const launch = launches.get(params.launch);
      if (!launch) return fail('invalid_request', 'unknown launch');
      if (!requested.includes('launch')) return fail('invalid_scope', 'an EHR launch must ask for the launch scope');
      patient = launch.patient;
    } else if (requested.includes('launch/patient')) {
      patient = options.standalonePatient ?? 'healthy-1';
    }
    if (options.authorizeError) {
      const { error, description, uri } = options.authorizeError;
      record.outcome = error;
      return redirect({
        error,
        ...(description ? { error_description: description } : {}),
        ...(uri ? { error_uri: uri } : {}),
      });
    }
    const registered = options.clientScopes;
    const extra = registered ? requested.filter((s) => !registered.includes(s)) : [];
    if (extra.length > 0 && options.extraScopes !== 'narrow') {
      const quote = (list: string[]) => list.map((s) => `"${s}"`);
      const allowed = quote(registered ?? []);
      return fail(
        'invalid_scope',
        `Scopes ${quote(extra).join(', ')} could not be granted. Your client is allowed to request ${allowed.slice(0, -1).join(', ')} and ${allowed.at(-1)}.`,
      );
    }
    const dropped = new Set([...(options.dropScopes ?? []), ...extra]);
    const granted = requested.filter((s) => !dropped.has(s)).join(' ');
    const code = base64url(randomBytes(32));
    const issued: CodeRecord = {
      code,
      clientId: params.client_id,
      redirectUri: params.redirect_uri,
      codeChallenge: params.code_challenge,
      scope: granted,
      patient,
      launch: params.launch,
      state: params.state,
      issuedAt: now(),
      used: false,
    };
    codes.set(code, issued);
    codesIssued.push(issued);
    record.outcome = 'code';
    redirect({ code });
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const contentType = req.headers['content-type'];
    const body = await readBody(req);
    const params = Object.fromEntries(new URLSearchParams(body));
    const record: TokenRequestRecord = { params, contentType, status: 0 };
    tokenRequests.push(record);
    const error = (status: number, code: string, description: string) => {
      record.status = status;
      record.error = code;
      send(res, status, { error: code, error_description: description }, { pragma: 'no-cache' });
    };
    if (!contentType?.startsWith('application/x-www-form-urlencoded')) {
      return error(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
    }
    if (params.grant_type === 'refresh_token') return refresh(res, params, record, error);
    if (params.grant_type !== 'authorization_code')
      return error(400, 'unsupported_grant_type', 'authorization_code or refresh_token only');
    const issued = params.code ? codes.get(params.code) : undefined;
    if (!issued) return error(400, 'invalid_grant', 'unknown code');
    const verifier = params.code_verifier ?? '';
    record.verifierMatched = /^[A-Za-z0-9._~-]{43,128}$/.test(verifier) && s256(verifier) === issued.codeChallenge;
    if (issued.used) return error(400, 'invalid_grant', 'code already used');
    issued.used = true; // single use, whatever the outcome
    if (now() - issued.issuedAt > 60_000) return error(400, 'invalid_grant', 'code expired');
    if (params.client_id !== issued.clientId) return error(400, 'invalid_grant', 'client_id does not match the code');
    if (params.redirect_uri !== issued.redirectUri) return error(400, 'invalid_grant', 'redirect_uri does not match');
    if (!record.verifierMatched) return error(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    if (options.tokenError) {
      const { status, error: code, description } = options.tokenError;
      return error(status, code, description ?? code);
    }
    grant(res, record, issued.clientId, issued.patient, issued.scope, {
      ...(issued.patient ? { patient: issued.patient } : {}),
      need_patient_banner: true,
      ...(issued.launch && options.appContext !== undefined ? { appContext: options.appContext } : {}),
      ...(issued.launch && options.locale !== undefined ? { locale: options.locale } : {}),
    });
  };

  /** A new access token (and, for online_access or offline_access, a new refresh token). */
  const grant = (
    res: ServerResponse,
    record: TokenRequestRecord,
    clientId: string,
    patient: string | undefined,
    scope: string,
    context: Record<string, unknown>,
  ) => {
    const accessToken = base64url(randomBytes(32));
    tokens.set(accessToken, { patient, scope, expiresAt: now() + tokenLifetime * 1000 });
    const refreshToken = /\b(online|offline)_access\b/.test(scope) ? base64url(randomBytes(32)) : undefined;
    if (refreshToken) refreshTokens.set(refreshToken, { clientId, patient, scope });
    record.status = 200;
    record.accessToken = accessToken;
    send(
      res,
      200,
      {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: tokenLifetime,
        scope,
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
        ...context,
      },
      { pragma: 'no-cache' },
    );
  };

  /** grant_type=refresh_token: single use (each refresh returns the next one); client_id checked when sent. */
  const refresh = (
    res: ServerResponse,
    params: Record<string, string>,
    record: TokenRequestRecord,
    error: (status: number, code: string, description: string) => void,
  ) => {
    const held = params.refresh_token ? refreshTokens.get(params.refresh_token) : undefined;
    if (!held || !params.refresh_token) return error(400, 'invalid_grant', 'unknown refresh_token');
    refreshTokens.delete(params.refresh_token);
    if (options.refuseRefresh) return error(400, 'invalid_grant', 'the user’s EHR session has ended');
    if (params.client_id !== undefined && params.client_id !== held.clientId) {
      return error(400, 'invalid_grant', 'client_id does not match the refresh_token');
    }
    return grant(res, record, held.clientId, held.patient, held.scope, {
      ...(held.patient ? { patient: held.patient } : {}),
    });
  };

  const search = (res: ServerResponse, type: string, query: URLSearchParams, granted: TokenRecord) => {
    const allowed = SEARCH_PARAMS[type];
    if (!allowed) return fhirSend(res, 404, operationOutcome('not-supported', `search on ${type} is not supported`));
    for (const name of query.keys()) {
      if (!allowed.includes(name) && !CONTROL_PARAMS.includes(name)) {
        return fhirSend(res, 400, operationOutcome('not-supported', `unknown search parameter ${name} on ${type}`));
      }
    }
    const patientParam = query.get('patient') ?? query.get('subject');
    const patientId = patientParam?.replace(/^Patient\//, '');
    if (!patientId) return fhirSend(res, 400, operationOutcome('required', 'patient is required'));
    if (granted.patient !== patientId) {
      return fhirSend(res, 403, operationOutcome('forbidden', `the token is for another patient`));
    }
    const codes = query.get('code')?.split(',').filter(Boolean);
    const categories = query.get('category')?.split(',').filter(Boolean);
    const statuses = query.get('status')?.split(',').filter(Boolean);
    const matches = [...store.values()].filter((r) => {
      if (r.resourceType !== type || patientOf(r) !== patientId) return false;
      if (codes && !matchesToken(codingsOf(r.code), codes)) return false;
      if (categories && !matchesToken(codingsOf(r.category), categories)) return false;
      if (statuses && !statuses.includes(String(r.status))) return false;
      return true;
    });
    const count = Math.min(Math.max(Number(query.get('_count') ?? 50) || 50, 1), maxPageSize);
    const offset = Math.max(Number(query.get('_offset') ?? 0) || 0, 0);
    const page = matches.slice(offset, offset + count);
    const link = (at: number) => {
      const q = new URLSearchParams(query);
      q.set('_count', String(count));
      q.set('_offset', String(at));
      return `${url}/fhir/${type}?${q}`;
    };
    fhirSend(res, 200, {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      link: [
        { relation: 'self', url: link(offset) },
        ...(offset + count < matches.length ? [{ relation: 'next', url: link(offset + count) }] : []),
      ],
      entry: page.map((resource) => ({
        fullUrl: `${url}/fhir/${resource.resourceType}/${resource.id}`,
        resource,
        search: { mode: 'match' },
      })),
    });
  };

  const fhir = (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => {
    if (path === '/.well-known/smart-configuration') return send(res, 200, smartConfiguration());
    if (path === '/metadata') return fhirSend(res, 200, capabilityStatement());
    if (req.method !== 'GET') return fhirSend(res, 405, operationOutcome('not-supported', 'read-only server'));
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const granted = auth?.[1] ? tokens.get(auth[1]) : undefined;
    if (!granted || granted.expiresAt < now()) {
      return fhirSend(res, 401, operationOutcome('login', 'a valid bearer token is required'), {
        'www-authenticate': 'Bearer realm="fhir", error="invalid_token"',
      });
    }
    const m = /^\/([A-Z][A-Za-z]+)(?:\/([A-Za-z0-9\-.]{1,64}))?\/?$/.exec(path);
    if (!m?.[1]) return fhirSend(res, 404, operationOutcome('not-found', `no route ${path}`));
    const [, type, id] = m;
    if (!scopeAllows(granted.scope, type, id ? 'r' : 's')) {
      return fhirSend(res, 403, operationOutcome('forbidden', `the granted scopes do not cover ${type}`));
    }
    if (!id) return search(res, type, query, granted);
    const resource = store.get(`${type}/${id}`);
    if (!resource) return fhirSend(res, 404, operationOutcome('not-found', `${type}/${id} not found`));
    if (patientOf(resource) !== granted.patient) {
      return fhirSend(res, 403, operationOutcome('forbidden', 'the token is for another patient'));
    }
    fhirSend(res, 200, resource);
  };

  const statik = (res: ServerResponse, path: string) => {
    if (path === '/smart-config.json') {
      return send(res, 200, {
        clientId: CLIENT_ID,
        scope,
        allowedIssuers: [`${url}/fhir`],
        standaloneIssuer: `${url}/fhir`,
        allowOpenServer: options.allowOpenServer ?? false,
        onlineAccess: options.onlineAccess ?? true,
        localLabCodes: options.localLabCodes ?? [],
      });
    }
    const relative = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
    const file = normalize(join(distDir, relative));
    if (!file.startsWith(distDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return send(res, 404, 'not found');
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    res.end(readFileSync(file));
  };

  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', url);
    const path = target.pathname;
    res.on('finish', () =>
      requests.push({
        method: req.method ?? '',
        path: path + target.search,
        status: res.statusCode,
        authorization: req.headers.authorization,
      }),
    );
    const handle = async () => {
      if (path === '/fhir' || path.startsWith('/fhir/'))
        return fhir(req, res, path.slice('/fhir'.length), target.searchParams);
      if (path === '/auth/authorize' && req.method === 'GET') return authorize(res, target.searchParams);
      if (path === '/auth/token' && req.method === 'POST') return token(req, res);
      if (path.startsWith('/app/') && (req.method === 'GET' || req.method === 'HEAD')) {
        return statik(res, path.slice('/app'.length));
      }
      send(res, 404, 'not found');
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: 'server_error', error_description: String(error) });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    fhirBase: `${url}/fhir`,
    redirectUri: `${url}/app/index.html`,
    standaloneUrl: `${url}/app/launch.html`,
    launchUrl(patientId: string) {
      const id = randomUUID();
      launches.set(id, { patient: patientId });
      const launch = new URL(`${url}/app/launch.html`);
      launch.searchParams.set('iss', `${url}/fhir`);
      launch.searchParams.set('launch', id);
      return launch.href;
    },
    codesIssued,
    tokenRequests,
    authorizeRequests,
    requests,
    scope,
    advanceClock(ms: number) {
      skew += ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
