import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

/**
 * The embedded demo's EHR identity: an ES384 key pair created on first start and kept in the
 * data directory, so the demo (and `immunosteward demo-token`) can sign CDS Hooks JWTs that go
 * through the real verification path. Trusted only by the embedded demo configuration.
 */

export const DEMO_ISSUER = 'urn:immunosteward:demo-ehr';
export const DEMO_TENANT = 'demo';
const FILE = 'demo-issuer.private.jwk.json';

export interface DemoIssuer {
  iss: string;
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

export async function loadOrCreateDemoIssuer(dataDir: string): Promise<DemoIssuer> {
  const file = join(dataDir, FILE);
  if (existsSync(file)) {
    const privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    const { d: _d, ...publicJwk } = privateJwk;
    return { iss: DEMO_ISSUER, kid: privateJwk.kid as string, publicJwk, privateJwk };
  }
  const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES384', use: 'sig' };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
  chmodSync(file, 0o600);
  return { iss: DEMO_ISSUER, kid, publicJwk, privateJwk };
}

/** A CDS Hooks JWT from the demo EHR for one endpoint URL, valid five minutes. */
export async function signDemoToken(issuer: DemoIssuer, audience: string): Promise<string> {
  const key = await importJWK(issuer.privateJwk, 'ES384');
  return new SignJWT({ tenant: DEMO_TENANT })
    .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: issuer.kid })
    .setIssuer(issuer.iss)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(key);
}
