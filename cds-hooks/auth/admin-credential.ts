import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteConfig } from '../../src/core/config/schema.js';
import { ConfigFileError } from '../config/file.js';

/** The admin credential: a token whose SHA-256 opens `/admin`; the token itself is never logged. */

export const ADMIN_TOKEN_ENV = 'IMMUNOSTEWARD_ADMIN_TOKEN';
const MIN_LENGTH = 16;
const DEMO_FILE = 'admin-token';

export function sha256Hex(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The digest of IMMUNOSTEWARD_ADMIN_TOKEN, when set; too short a token is a configuration error. */
function adminTokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const token = env[ADMIN_TOKEN_ENV];
  if (token === undefined || token === '') return undefined;
  if (token.length < MIN_LENGTH) {
    throw new ConfigFileError(ADMIN_TOKEN_ENV, [
      { path: ADMIN_TOKEN_ENV, message: `must be at least ${MIN_LENGTH} characters` },
    ]);
  }
  return sha256Hex(token);
}

/** The embedded demo's admin token: created once in the data directory (mode 0600). */
function loadOrCreateDemoAdminToken(dataDir: string): { file: string; sha256: string } {
  const file = join(dataDir, DEMO_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { file, sha256: sha256Hex(readFileSync(file, 'utf8').trim()) };
}

/**
 * The admin credential in force and where it comes from: IMMUNOSTEWARD_ADMIN_TOKEN, else
 * `admin.tokenSha256`, else (embedded demo only) a token created in the data directory.
 */
export function adminCredential(
  env: NodeJS.ProcessEnv,
  config: SiteConfig,
  demoDataDir: string | undefined,
): { sha256: string; source: string } | undefined {
  const fromEnv = adminTokenFromEnv(env);
  if (fromEnv) return { sha256: fromEnv, source: ADMIN_TOKEN_ENV };
  if (config.admin.tokenSha256) return { sha256: config.admin.tokenSha256, source: 'admin.tokenSha256' };
  if (!demoDataDir) return undefined;
  const demo = loadOrCreateDemoAdminToken(demoDataDir);
  return { sha256: demo.sha256, source: `the token in ${demo.file}` };
}
