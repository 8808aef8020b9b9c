import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

/**
 * The PostgreSQL server of the store tests (vitest globalSetup plus `freshDatabase()` for test
 * files). `IMMUNOSTEWARD_TEST_POSTGRES_URL` names an existing server whose role may create
 * databases. Otherwise a throwaway cluster is made from the local server binaries in a temp dir,
 * on a free port, the first time a test file asks for a database (runs without such a file do not
 * pay for it), and is stopped and removed at the end of the run. Each test file gets its own
 * database, so files never see each other's rows.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** An existing server (IMMUNOSTEWARD_TEST_POSTGRES_URL), or '' for the throwaway cluster. */
    postgresUrl: string;
    /** Where the throwaway cluster lives, once a test file has started it. */
    postgresDir: string;
  }
}

const INSTALL_HINT =
  "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's `postgresql` package " +
  '(apt-get install postgresql) or set IMMUNOSTEWARD_TEST_POSTGRES_URL to a server on which the tests may create databases.';
const DIR_PREFIX = 'immunosteward-pg-';

/** The directory holding initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/N/bin. */
function serverBinaries(): string {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const onPath = (process.env.PATH ?? '').split(delimiter).find((dir) => dir !== '' && has(dir));
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'))
    .find(has);
  if (!newest) throw new Error(INSTALL_HINT);
  return newest;
}

/** initdb refuses to run as root: as root, the cluster belongs to and runs as `postgres`. */
const asRoot = () => process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
  if (asRoot()) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' });
  else execFileSync(bin, args, { stdio: 'pipe' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

function stopCluster(dir: string): void {
  try {
    if (existsSync(join(dir, 'data', 'postmaster.pid'))) {
      run(join(serverBinaries(), 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Clusters left by a run that was killed before its teardown (its vitest process is gone). */
function removeAbandonedClusters(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(DIR_PREFIX))) {
    const dir = join(tmpdir(), name);
    const owner = Number(existsSync(join(dir, 'owner')) ? readFileSync(join(dir, 'owner'), 'utf8') : Number.NaN);
    if (Number.isInteger(owner) && !alive(owner)) stopCluster(dir);
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.IMMUNOSTEWARD_TEST_POSTGRES_URL ?? '';
  project.provide('postgresUrl', external);
  if (external) {
    project.provide('postgresDir', '');
    return;
  }
  removeAbandonedClusters();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  writeFileSync(join(dir, 'owner'), String(process.pid));
  project.provide('postgresDir', dir);
  return () => stopCluster(dir);
}

/** Written whole or not at all: another test file may be polling for it. */
function publish(dir: string, name: string, text: string): void {
  writeFileSync(join(dir, `${name}.tmp`), text);
  renameSync(join(dir, `${name}.tmp`), join(dir, name));
}

/** initdb and start the cluster in `dir`; its URL is published as `dir/url` for the other files. */
async function startCluster(dir: string): Promise<string> {
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  try {
    const bin = serverBinaries();
    if (asRoot()) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, id('-u'), id('-g'));
    }
    run(join(bin, 'initdb'), [
      ...['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'],
      ...['--no-sync', '--no-instructions'],
    ]);
    const port = await freePort();
    // Throwaway data: durability off for speed; the unix socket stays inside the temp dir.
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', settings, 'start']);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    publish(dir, 'url', url);
    return url;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
    const message = `${(error as Error).message}\n${stderr}${serverLog}`.trim();
    // The other test files waiting for the cluster fail with the same message at once.
    publish(dir, 'error', message);
    throw new Error(message);
  }
}

/** The server's URL, starting the throwaway cluster if no test file has yet (one file at a time). */
async function serverUrl(): Promise<string> {
  const external = inject('postgresUrl');
  if (external) return external;
  const dir = inject('postgresDir');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (existsSync(join(dir, 'url'))) return readFileSync(join(dir, 'url'), 'utf8');
    if (existsSync(join(dir, 'error'))) throw new Error(readFileSync(join(dir, 'error'), 'utf8'));
    try {
      mkdirSync(join(dir, 'starting'));
    } catch {
      await sleep(100);
      continue;
    }
    return startCluster(dir);
  }
  throw new Error('the test PostgreSQL cluster was not started within 120 s by another test file');
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server (call from a test file). */
export async function freshDatabase(): Promise<TestDatabase> {
  const adminUrl = await serverUrl();
  const name = `immunosteward_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
