import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importJWK, type JWK, SignJWT } from 'jose';
import { type BulkClientKeys, publicKeySet } from '../../cds-hooks/demo/backend-auth.js';
import type { BulkServerOptions } from '../../cds-hooks/demo/bulk-export.js';
import { DemoFhirServer } from '../../cds-hooks/demo/fhir-server.js';
import { buildServer } from '../../cds-hooks/http/server.js';
import { createLogger } from '../../cds-hooks/logger.js';
import { SqliteFeedbackStore } from '../../cds-hooks/store/sqlite.js';
import { freePort } from './child-service.js';
import { fixturePath } from './fixtures.js';
import { logCapture, registerSecret } from './log-capture.js';
import { testConfig } from './service.js';

/**
 * The demo's Bulk Data server on 127.0.0.1 over real HTTP: every demo scenario, `patients` synthetic
 * ones, the test client `immunosteward-population` (test/fixtures/bulk) registered. For the Bulk
 * client's tests as much as the server's.
 */

export const BULK_CLIENT: BulkClientKeys = JSON.parse(
  readFileSync(fixturePath('bulk/client.private.jwks.json'), 'utf8'),
);

export interface BulkDemo {
  origin: string;
  fhirBase: string;
  tokenUrl: string;
  /** A client assertion signed with the test client's key of `alg` (claims overridable). */
  assertion(options?: AssertionOptions): Promise<string>;
  /** An access token for `scope` (default system/*.rs). */
  token(scope?: string): Promise<string>;
  close(): Promise<void>;
}

export interface AssertionOptions {
  alg?: 'RS384' | 'ES384';
  claims?: Record<string, unknown>;
  /** Seconds from now. */
  exp?: number;
  kid?: string;
  /** Sign with this key instead of the registered one. */
  key?: JWK;
}

let fhir: Promise<DemoFhirServer> | undefined;

export async function startBulkDemo(options: Partial<BulkServerOptions> = {}): Promise<BulkDemo> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = await testConfig({ server: { publicUrl: origin, rateLimit: { enabled: false } } });
  fhir ??= DemoFhirServer.create(fixturePath('demo'), 'http://localhost/fhir');
  const app = await buildServer({
    config,
    store: new SqliteFeedbackStore(':memory:'),
    logger: createLogger('debug', logCapture.destination),
    demo: {
      fhir: await fhir,
      smartConfig: {},
      bulk: {
        clients: { [BULK_CLIENT.client_id]: publicKeySet(BULK_CLIENT) },
        options: { patients: 40, retryAfterSeconds: 1, ...options },
      },
    },
  });
  await app.listen({ port, host: '127.0.0.1' });
  const tokenUrl = `${origin}/demo/bulk/token`;
  const assertion = async (o: AssertionOptions = {}) => {
    const alg = o.alg ?? 'ES384';
    const jwk = o.key ?? (BULK_CLIENT.keys.find((k) => k.alg === alg) as JWK);
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: BULK_CLIENT.client_id,
      sub: BULK_CLIENT.client_id,
      aud: tokenUrl,
      exp: now + (o.exp ?? 240),
      jti: randomUUID(),
      ...o.claims,
    };
    const jwt = await new SignJWT(claims)
      .setProtectedHeader({ alg, typ: 'JWT', kid: o.kid ?? (jwk.kid as string) })
      .sign(await importJWK(jwk, alg));
    registerSecret(jwt);
    return jwt;
  };
  const token = async (scope = 'system/*.rs') => {
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tokenForm(await assertion(), scope),
    });
    const body = (await res.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
    registerSecret(body.access_token);
    return body.access_token;
  };
  const close = async () => {
    const closing = app.close();
    // fetch keeps connections alive in its pool; they would hold the server open past the test.
    app.server.closeAllConnections();
    await closing;
  };
  return { origin, fhirBase: `${origin}/fhir`, tokenUrl, assertion, token, close };
}

export function tokenForm(assertion: string, scope = 'system/*.rs'): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
}
