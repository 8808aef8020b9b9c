import { readFileSync } from 'node:fs';

/**
 * The public CDS Hooks sandbox (https://sandbox.cds-hooks.org) as the embedded demo may trust it.
 * Development only: the sandbox's signing key is published in its repository, so anyone can sign
 * a token as the sandbox. Its public JWK Set is kept in the test fixtures.
 */

export const SANDBOX_ORIGIN = 'https://sandbox.cds-hooks.org';
export const SANDBOX_ISS = 'https://sandbox.cds-hooks.org';
export const SANDBOX_JKU = 'https://sandbox.cds-hooks.org/.well-known/jwks.json';
/** The tenant the sandbox's calls and feedback are counted under at /admin (its tokens name none). */
export const SANDBOX_TENANT = 'cds-hooks-sandbox';

/** The sandbox as a trusted issuer: its inline key set (never fetched), the `jku` it names allowed. */
export function sandboxTrustedIssuer(jwksFile: string) {
  return {
    iss: SANDBOX_ISS,
    jwks: JSON.parse(readFileSync(jwksFile, 'utf8')) as { keys: Record<string, unknown>[] },
    jkuAllowed: [SANDBOX_JKU],
    tenant: SANDBOX_TENANT,
  };
}
