import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { MemoryReplayCache } from '../../cds-hooks/auth/replay-cache.js';
import { buildServer } from '../../cds-hooks/http/server.js';
import { createLogger } from '../../cds-hooks/logger.js';
import { SqliteFeedbackStore } from '../../cds-hooks/store/sqlite.js';
import { type SiteConfig, type SiteConfigInput, siteConfigSchema } from '../../src/core/config/schema.js';
import { fixturePath } from './fixtures.js';
import { logCapture, registerSecret } from './log-capture.js';

/** A test deployment of the service: known public URL, trusted test EHR, in-memory store. */

export const BASE = 'https://cds.example.org';
export const EHR_ISS = 'https://ehr.example.org';
export const FHIR_BASE = 'https://ehr.example.org/fhir';
export const SANDBOX_ISS = 'https://sandbox.cds-hooks.org';
export const SANDBOX_JKU = 'https://sandbox.cds-hooks.org/.well-known/jwks.json';

type KeyPair = { privateKey: CryptoKey; publicJwk: JWK; kid: string };

let keys: Promise<Record<'ES384' | 'RS384' | 'ES256' | 'other', KeyPair>> | undefined;

async function pair(alg: 'ES384' | 'RS384' | 'ES256', kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return {
    privateKey: privateKey as CryptoKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
    kid,
  };
}

/** Test EHR keys (generated once per test file): ES384, RS384, ES256 and an untrusted one. */
export function testKeys() {
  keys ??= (async () => ({
    ES384: await pair('ES384', 'ehr-es384'),
    RS384: await pair('RS384', 'ehr-rs384'),
    ES256: await pair('ES256', 'ehr-es256'),
    other: await pair('ES384', 'ehr-es384'),
  }))();
  return keys;
}

export function sandboxJwks(): { keys: JWK[] } {
  return JSON.parse(readFileSync(fixturePath('cds-hooks/sandbox-jwks.json'), 'utf8'));
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev)
        ? merge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

export async function testConfig(overrides: SiteConfigInput = {}): Promise<SiteConfig> {
  const k = await testKeys();
  const base: SiteConfigInput = {
    server: { publicUrl: BASE },
    auth: {
      trustedIssuers: [
        {
          iss: EHR_ISS,
          jwks: { keys: [k.ES384.publicJwk, k.RS384.publicJwk, k.ES256.publicJwk] },
          tenant: 'hospital-a',
        },
        { iss: SANDBOX_ISS, jwks: sandboxJwks(), jkuAllowed: [SANDBOX_JKU] },
      ],
    },
    fhir: { allowedServers: [FHIR_BASE], timeoutMs: 300, deadlineMs: 800 },
    feedback: { store: ':memory:' },
    logging: { level: 'silent' },
  };
  return siteConfigSchema.parse(merge(base as Record<string, unknown>, overrides as Record<string, unknown>));
}

export interface SignOptions {
  alg?: 'ES384' | 'RS384' | 'ES256';
  iss?: string;
  /** Sign with the untrusted key that reuses a trusted kid. */
  wrongKey?: boolean;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** Seconds relative to now. */
  iat?: number;
  exp?: number;
  omit?: ('jti' | 'exp' | 'iat' | 'aud' | 'kid')[];
}

export async function sign(audience: string, o: SignOptions = {}): Promise<string> {
  const k = await testKeys();
  const alg = o.alg ?? 'ES384';
  const key = o.wrongKey ? k.other : k[alg];
  const nowS = Math.floor(Date.now() / 1000);
  const omit = new Set(o.omit ?? []);
  const payload: Record<string, unknown> = { ...(o.claims ?? {}) };
  if (!omit.has('jti')) payload.jti = randomUUID();
  const jwt = new SignJWT(payload).setProtectedHeader({
    alg,
    typ: 'JWT',
    ...(omit.has('kid') ? {} : { kid: key.kid }),
    ...(o.header ?? {}),
  } as never);
  jwt.setIssuer(o.iss ?? EHR_ISS);
  if (!omit.has('aud')) jwt.setAudience(audience);
  if (!omit.has('iat')) jwt.setIssuedAt(nowS + (o.iat ?? 0));
  if (!omit.has('exp')) jwt.setExpirationTime(nowS + (o.exp ?? 300));
  const token = await jwt.sign(key.privateKey);
  // The log scan fails the test file if the token, or its signature alone, is ever logged.
  registerSecret(token);
  registerSecret(token.split('.')[2] as string);
  return token;
}

export async function startService(
  overrides: SiteConfigInput = {},
  logDestination?: { write(s: string): void },
  extra: Pick<Parameters<typeof buildServer>[0], 'appDir' | 'demo' | 'adminTokenSha256' | 'now'> = {},
) {
  const config = await testConfig(overrides);
  const store = new SqliteFeedbackStore(':memory:');
  // Every line also goes to the log capture that test/setup/log-scan.ts scans after the file.
  const logger = logDestination
    ? createLogger('info', {
        write(line: string) {
          logDestination.write(line);
          logCapture.destination.write(line);
        },
      })
    : createLogger('debug', logCapture.destination);
  const app = await buildServer({ config, store, logger, replay: new MemoryReplayCache(), ...extra });
  const call = async (serviceId: string, body: unknown, token?: string | null, contentType = 'application/json') => {
    const url = `/cds-services/${serviceId}`;
    const auth = token === null ? undefined : (token ?? (await sign(`${BASE}${url}`)));
    return app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': contentType, ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  };
  const feedback = async (serviceId: string, body: unknown, token?: string | null) => {
    const url = `/cds-services/${serviceId}/feedback`;
    const auth = token === null ? undefined : (token ?? (await sign(`${BASE}${url}`)));
    return app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      payload: JSON.stringify(body),
    });
  };
  return { app, store, config, call, feedback };
}

/** An order-sign request for a fixture patient with full prefetch. */
export function orderSignRequest(
  record: { resourceType: string; entry?: { resource: Record<string, unknown> }[] },
  drafts: unknown[],
  patientId: string,
) {
  const resources = (record.entry ?? []).map((e) => e.resource);
  const of = (type: string) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.filter((r) => r.resourceType === type).map((resource) => ({ resource })),
  });
  return {
    hook: 'order-sign',
    hookInstance: randomUUID(),
    fhirServer: FHIR_BASE,
    context: {
      userId: 'Practitioner/dr-1',
      patientId,
      draftOrders: { resourceType: 'Bundle', type: 'collection', entry: drafts.map((resource) => ({ resource })) },
    },
    prefetch: {
      patient: resources.find((r) => r.resourceType === 'Patient') ?? null,
      observations: of('Observation'),
      medications: of('MedicationRequest'),
      conditions: of('Condition'),
      immunizations: of('Immunization'),
    },
  };
}
