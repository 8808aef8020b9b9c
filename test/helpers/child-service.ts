import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { logCapture } from './log-capture.js';

/**
 * The built service (`node dist/cds-hooks/cli/main.js serve`) as a child process, for the tests that
 * need a real process: kill -9, signals, restarts. Its output goes to the log scan; `output()`
 * is what it printed so far. `stopChildren()` kills what a test left running.
 */

const ROOT = process.cwd();
const CLI = join(ROOT, 'dist', 'cds-hooks', 'cli', 'main.js');
const children = new Set<ChildProcess>();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  child: ChildProcess;
  /** Resolves once the process has exited and its output has been read to the end. */
  closed: Promise<Exit>;
  /** Everything the process wrote to stdout so far. */
  output(): string;
}

/** `immunosteward serve` on the configuration file; resolves when it listens. */
export async function spawnService(configFile: string): Promise<ServiceProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:node (npm test does)`);
  const env: NodeJS.ProcessEnv = { ...process.env, IMMUNOSTEWARD_CONFIG: configFile };
  delete env.PORT;
  const child = spawn(process.execPath, [CLI, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const closed = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  let stdout = '';
  let stderr = '';
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      logCapture.record(chunk);
      stdout += chunk;
      if (stdout.includes('"msg":"ImmunoSteward is listening"')) resolve();
    });
    void closed.then((exit) =>
      reject(new Error(`the service exited (${exit.code ?? exit.signal}) before listening:\n${stderr.slice(-2000)}`)),
    );
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    logCapture.record(chunk);
  });
  await listening;
  return { child, closed, output: () => stdout };
}

/** Kills (SIGKILL) every child still running and waits for it. */
export async function stopChildren(): Promise<void> {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const closed = once(child, 'close');
    child.kill('SIGKILL');
    await closed;
  }
  children.clear();
}
