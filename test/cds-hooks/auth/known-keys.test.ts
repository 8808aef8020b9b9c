import { randomUUID } from 'node:crypto';
import { base64url, CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthError, JwtVerifier } from '../../../cds-hooks/auth/jwt.js';
import { MemoryReplayCache } from '../../../cds-hooks/auth/replay-cache.js';
import { BASE, EHR_ISS, type SignOptions, sign, testConfig, testKeys } from '../../helpers/service.js';

/**
 * The synchronous path (cds-hooks/auth/known-keys.ts) only accepts: once a key has verified a
 * token, every token jose refuses is still refused, for the same reason as by a verifier that
 * has never seen the key (jose's path alone), and every token jose accepts is accepted.
 */

const AUD = `${BASE}/cds-services/immunosteward-order-sign`;

async function verifier() {
  const config = await testConfig({ auth: { algorithms: ['ES384', 'RS384', 'ES256'] } });
  return new JwtVerifier(config.auth, new MemoryReplayCache());
}

/** What a verifier answers: the caller's issuer and tenant, or the refusal's reason. */
async function outcomeOf(v: JwtVerifier, token: string): Promise<string> {
  try {
    const caller = await v.verify(`Bearer ${token}`, AUD);
    return `accepted ${caller.iss} ${caller.tenant ?? ''}`;
  } catch (error) {
    if (error instanceof AuthError) return `refused: ${error.reason}`;
    throw error;
  }
}

/** A token with a critical header parameter jose does not implement (RFC 7515 §4.1.11). */
async function withCriticalHeader(): Promise<string> {
  const { ES384 } = await testKeys();
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: EHR_ISS, aud: AUD, iat: now, exp: now + 300, jti: randomUUID() };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: ES384.kid, crit: ['urn:example:x'], 'urn:example:x': 1 })
    .sign(ES384.privateKey, { crit: { 'urn:example:x': true } });
}

const CLAIM_CASES = [
  ['signed by another key under the trusted kid', { wrongKey: true }],
  ['expired beyond the leeway', { exp: -61 }],
  ['expired within the leeway', { exp: -30 }],
  ['iat beyond the leeway in the future', { iat: 120 }],
  ['iat older than the token lifetime', { iat: -400, exp: 60 }],
  ['nbf in the future', { claims: { nbf: Math.floor(Date.now() / 1000) + 120 } }],
  ['exp not a number', { omit: ['exp'], claims: { exp: 'tomorrow' } }],
  ['another audience', { omit: ['aud'], claims: { aud: `${AUD}/feedback` } }],
  ['no jti', { omit: ['jti'] }],
  ['no exp', { omit: ['exp'] }],
  ['no aud', { omit: ['aud'] }],
] as [string, SignOptions][];

const cases: [string, () => Promise<string>][] = [
  ['valid ES384', () => sign(AUD)],
  ['valid RS384', () => sign(AUD, { alg: 'RS384' })],
  ['valid ES256', () => sign(AUD, { alg: 'ES256' })],
  [
    'aud as an array holding the endpoint',
    () => sign(AUD, { omit: ['aud'], claims: { aud: ['https://other.example.org', AUD] } }),
  ],
  ['an extra header parameter jose ignores', () => sign(AUD, { header: { x5u: 'https://ehr.example.org/x5u' } })],
  ...CLAIM_CASES.map(([name, options]) => [name, () => sign(AUD, options)] as [string, () => Promise<string>]),
  // RSA keys take the synchronous path (ECDSA stays with jose's WebCrypto, known-keys.ts): the same claims with RS384.
  ...CLAIM_CASES.filter(([, options]) => !options.wrongKey).map(
    ([name, options]) =>
      [`${name} (RS384)`, () => sign(AUD, { ...options, alg: 'RS384' })] as [string, () => Promise<string>],
  ),
  [
    'a tampered payload',
    async () => {
      const [h, , s] = (await sign(AUD)).split('.');
      const now = Math.floor(Date.now() / 1000);
      const forged = { iss: EHR_ISS, aud: AUD, iat: now, exp: now + 300, jti: randomUUID(), tenant: 'hospital-b' };
      return `${h}.${base64url.encode(JSON.stringify(forged))}.${s}`;
    },
  ],
  // ES384: 96 bytes, 128 characters; one more is no base64url length (≡ 1 mod 4).
  ['a signature one character longer than base64url allows', async () => `${await sign(AUD)}A`],
  ['a critical header parameter jose does not implement', withCriticalHeader],
];

describe('the synchronous path once a key is known', () => {
  it('answers every token as jose alone does', async () => {
    const warm = await verifier();
    // Every algorithm's key verifies one token first: from then on the known keys are used.
    for (const alg of ['ES384', 'RS384', 'ES256'] as const) {
      expect(await outcomeOf(warm, await sign(AUD, { alg }))).toBe(`accepted ${EHR_ISS} hospital-a`);
    }
    const table: string[] = [];
    for (const [name, make] of cases) {
      const token = await make();
      // A fresh verifier per token: no known key, so jose decides; each has its own replay cache.
      const expected = await outcomeOf(await verifier(), token);
      expect(await outcomeOf(warm, token), name).toBe(expected);
      table.push(`${name}: ${expected}`);
    }
    // The cases are what their names say: jose accepts exactly these.
    expect(table.filter((line) => line.includes(': accepted')).map((line) => line.split(':')[0])).toEqual([
      'valid ES384',
      'valid RS384',
      'valid ES256',
      'aud as an array holding the endpoint',
      'an extra header parameter jose ignores',
      'expired within the leeway',
      'expired within the leeway (RS384)',
    ]);
  });

  it('refuses a replayed token on the synchronous path', async () => {
    const v = await verifier();
    const token = await sign(AUD);
    expect(await outcomeOf(v, await sign(AUD))).toMatch(/^accepted/);
    expect(await outcomeOf(v, token)).toMatch(/^accepted/);
    expect(await outcomeOf(v, token)).toBe('refused: replayed jti');
  });
});
