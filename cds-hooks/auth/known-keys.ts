import { constants, KeyObject, verify, type webcrypto } from 'node:crypto';
import { type JWTPayload, type JWTVerifyOptions, UnsecuredJWT } from 'jose';

/**
 * The synchronous path of JWT verification, for keys jose has already accepted: node:crypto
 * checks the signature, jose's own claims validation (`UnsecuredJWT.decode`, its only synchronous
 * one) checks the claims. It only ever accepts: whatever it cannot vouch for (a header parameter
 * it does not know, a signature or claim that fails) goes to jose's `jwtVerify`, which decides and
 * says why. jose's verification is asynchronous (WebCrypto on the thread pool); this path keeps a
 * call's authentication within one tick and saves what the round trip costs.
 */

/** node:crypto's digest and options for each accepted JWS algorithm (RFC 7518 §3). */
const SIGNATURES: Record<string, { digest: string; options: object }> = {
  RS256: { digest: 'sha256', options: {} },
  RS384: { digest: 'sha384', options: {} },
  RS512: { digest: 'sha512', options: {} },
  PS384: { digest: 'sha384', options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 } },
  ES256: { digest: 'sha256', options: { dsaEncoding: 'ieee-p1363' } },
  ES384: { digest: 'sha384', options: { dsaEncoding: 'ieee-p1363' } },
  ES512: { digest: 'sha512', options: { dsaEncoding: 'ieee-p1363' } },
};

/** Header parameters the synchronous path understands; any other (`crit`, `b64`, `jwk`…) goes to jose. */
const KNOWN_HEADER = new Set(['alg', 'typ', 'kid', 'jku']);

/** The protected header jose's unsecured decoder requires, in front of the payload it then judges. */
const UNSECURED_HEADER = Buffer.from('{"alg":"none"}').toString('base64url');

/** Claims checks as jwtVerify takes them, minus `typ` (a header check the verifier does itself). */
export type ClaimChecks = Omit<JWTVerifyOptions, 'typ' | 'algorithms' | 'crit'>;

/**
 * The payload of `token` when its signature verifies with `key` under `alg` and its claims pass
 * `checks`; undefined otherwise (the caller then asks jose).
 */
export function verifiedSync(
  token: string,
  header: Record<string, unknown>,
  key: KeyObject,
  checks: ClaimChecks,
): JWTPayload | undefined {
  const signature = SIGNATURES[header.alg as string];
  if (!signature || Object.keys(header).some((name) => !KNOWN_HEADER.has(name))) return undefined;
  const [encodedHeader, encodedPayload, encodedSignature] = token.split('.') as [string, string, string];
  // length ≡ 1 (mod 4) is not base64url; jose refuses it where Buffer would drop the last character
  if (encodedSignature.length % 4 === 1) return undefined;
  try {
    const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
    const bytes = Buffer.from(encodedSignature, 'base64url');
    if (!verify(signature.digest, signed, { key, ...signature.options }, bytes)) return undefined;
    return UnsecuredJWT.decode(`${UNSECURED_HEADER}.${encodedPayload}.`, checks).payload;
  } catch {
    return undefined;
  }
}

/**
 * Verified synchronously once their key is known: RSA, under 0.1 ms a signature. ECDSA P-384
 * costs about 0.7 ms (the verify column of the stage table, `npm run bench -- --only service`),
 * which jose's WebCrypto runs on libuv's thread pool beside the event loop; on the loop it cost
 * more than the hop saved (ES384 fell to 75 % of the baseline + core's throughput in that benchmark).
 */
const SYNC_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS384']);

/**
 * The keys jose resolved and verified with, by key source, `alg` and `kid`, as node:crypto
 * KeyObjects. A remote source's keys count only while jose would use its cached set without asking
 * the endpoint (`fresh`, no reload under way) and no asynchronous verification, which may reload
 * the set, started since the key was learnt: a withdrawn key never outlives the set that held it.
 */
export class KnownKeys {
  private readonly keys = new Map<string, { key: KeyObject; epoch: number }>();
  private readonly epochs = new Map<string, number>();

  /** The key for a token's `alg` and `kid` from `source`, if one was learnt and still counts. */
  get(source: string, alg: string, kid: string, remote?: RemoteState): KeyObject | undefined {
    const known = this.keys.get(`${source}\n${alg}\n${kid}`);
    if (!known || known.epoch !== (this.epochs.get(source) ?? 0)) return undefined;
    if (remote && (!remote.fresh || remote.reloading)) return undefined;
    return known.key;
  }

  /**
   * Marks the start of an asynchronous verification against `source`; the function it returns
   * learns the key jose verified with, unless another one started meanwhile or a reload was under way.
   */
  begin(source: string, remote?: RemoteState): LearnKey {
    const epoch = (this.epochs.get(source) ?? 0) + (remote ? 1 : 0);
    this.epochs.set(source, epoch);
    const reloadingAtStart = remote?.reloading === true;
    return (alg, kid, key) => {
      if (reloadingAtStart || remote?.reloading || this.epochs.get(source) !== epoch) return;
      if (key instanceof Uint8Array || !SYNC_ALGORITHMS.has(alg)) return;
      // jose 6 hands back WebCrypto CryptoKeys; node:crypto's sync verify takes KeyObjects
      this.keys.set(`${source}\n${alg}\n${kid}`, { key: KeyObject.from(key), epoch });
    };
  }
}

/** Takes the key jose verified a token of `alg` and `kid` with (jose 6: a WebCrypto CryptoKey). */
type LearnKey = (alg: string, kid: string, key: webcrypto.CryptoKey | Uint8Array) => void;

/** What jose tells of a remote key set's cache (`createRemoteJWKSet`). */
export interface RemoteState {
  readonly fresh: boolean;
  readonly reloading: boolean;
}
