import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/**
 * `npm start`'s service with the embedded demo: time from process start to /readyz answering 200,
 * and the process's resident memory then and after the first order-sign call through the demo
 * (run from a scratch working directory so the demo key and feedback store start fresh).
 */
export interface StartupFigures {
  readyMs: number;
  rssReadyMb: number;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The embedded demo's service process (`serve` in a scratch directory) and its time to ready. */
export async function startDemoProcess(port: number): Promise<{ child: ChildProcess; readyMs: number }> {
  const cli = fileURLToPath(new URL('../cds-hooks/cli/main.js', import.meta.url));
  const cwd = mkdtempSync(`${tmpdir()}/immunosteward-start-`);
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd,
    env: { ...process.env, PORT: String(port), IMMUNOSTEWARD_CONFIG: '' },
    stdio: 'ignore',
  });
  for (;;) {
    if (performance.now() - started > 60_000) {
      child.kill('SIGTERM');
      throw new Error('the service did not become ready within 60 s');
    }
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, readyMs: performance.now() - started };
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function benchStartup(port = 18_480): Promise<StartupFigures> {
  const { child, readyMs } = await startDemoProcess(port);
  try {
    return { readyMs, rssReadyMb: rssMb(child.pid as number) };
  } finally {
    child.kill('SIGTERM');
  }
}
