import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { serverError, TransientError } from './errors.js';
import { deadlineError, type Guard, networkReason } from './guard.js';
import { failureOf, retryAfterMs } from './http-body.js';
import type { Authorizer } from './kickoff.js';
import { ContentError, NdjsonCheck } from './ndjson-check.js';

/**
 * One manifest file streamed to `<name>.part` in the output directory and renamed to `<name>`
 * when complete and checked. A cut transfer (a broken connection, a stall, a last line cut in
 * half) resumes from the last complete line with `Range: bytes=<n>-`; a server that ignores the
 * range sends the whole file again. A 401 gets a new token and one more try. A rerun finds the
 * `.part` file and resumes it.
 */

export interface DownloadContext {
  guard: Guard;
  /** The token source when the manifest says `requiresAccessToken`. */
  auth?: Authorizer;
  outDir: string;
  maxFileBytes: number;
  maxLineBytes: number;
  transientRetries: number;
  /** Called with every chunk's size; throws to stop (the export's byte budget). */
  onBytes: (bytes: number) => void;
  /** Resources checked, as they arrive (negative when a file starts over). */
  onResources: (change: number) => void;
}

export interface DownloadedFile {
  name: string;
  bytes: number;
  resources: number;
}

/** Size and line count of a `.part` file (complete lines only: the checker writes nothing else). */
async function partState(file: string): Promise<{ bytes: number; lines: number }> {
  let bytes: number;
  try {
    bytes = (await stat(file)).size;
  } catch {
    return { bytes: 0, lines: 0 };
  }
  let lines = 0;
  let lastNewline = -1;
  let position = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
      lines++;
      lastNewline = position + at;
    }
    position += chunk.byteLength;
  }
  // A crash between two writes can leave a partial line: drop it.
  if (lastNewline + 1 !== bytes) await truncate(file, lastNewline + 1);
  return { bytes: lastNewline + 1, lines };
}

class Retry extends Error {}

export async function downloadFile(
  context: DownloadContext,
  entry: { type: string; url: string },
  name: string,
): Promise<DownloadedFile> {
  const { guard } = context;
  const url = guard.url(entry.url, `the manifest's ${entry.type} file`);
  const what = `${entry.type} file ${name}`;
  const final = join(context.outDir, name);
  const part = `${final}.part`;
  await mkdir(dirname(final), { recursive: true });
  let { bytes: offset, lines } = await partState(part);
  // The resources of this file reported so far, kept equal to what the disk holds.
  let reported = 0;
  const report = (total: number) => {
    context.onResources(total - reported);
    reported = total;
  };
  report(lines);
  let retries = 0;
  let newToken = false;
  for (;;) {
    const idle = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(new Error('stalled')), guard.requestTimeoutMs);
    };
    touch();
    try {
      const headers: Record<string, string> = { accept: 'application/fhir+ndjson' };
      if (offset > 0) headers.range = `bytes=${offset}-`;
      if (context.auth) headers.authorization = `Bearer ${await context.auth.accessToken()}`;
      const response = await guard.fetch(url, { headers }, what, idle.signal).catch((error: unknown) => {
        throw error instanceof TransientError ? new Retry(error.message) : error;
      });
      if (response.status === 401 && context.auth && !newToken) {
        void response.body?.cancel().catch(() => undefined);
        context.auth.invalidate();
        newToken = true;
        continue;
      }
      if (response.status === 416 && offset > 0) {
        void response.body?.cancel().catch(() => undefined);
        await rm(part, { force: true });
        offset = 0;
        lines = 0;
        report(0);
        continue;
      }
      if (response.status === 429 || response.status >= 500) {
        void response.body?.cancel().catch(() => undefined);
        throw new Retry(`HTTP ${response.status}`, { cause: retryAfterMs(response.headers.get('retry-after')) });
      }
      if (response.status !== 200 && response.status !== 206) throw await failureOf(response, what);
      const resumed = response.status === 206 && offset > 0;
      if (resumed && !response.headers.get('content-range')?.startsWith(`bytes ${offset}-`)) {
        void response.body?.cancel().catch(() => undefined);
        throw serverError(`${what}: the server answered another range than bytes=${offset}-`);
      }
      if (!resumed && offset > 0) {
        // The server ignored the range: the whole file again.
        offset = 0;
        lines = 0;
        report(0);
      }
      if (!response.body) throw serverError(`${what}: empty answer`);
      const check = new NdjsonCheck(entry.type, lines, {
        maxLineBytes: context.maxLineBytes,
        maxBytes: context.maxFileBytes - offset,
        onBytes: (n) => {
          touch();
          context.onBytes(n);
        },
        onResource: () => report(reported + 1),
      });
      try {
        await pipeline(
          Readable.fromWeb(response.body as never),
          check,
          createWriteStream(part, { flags: offset > 0 ? 'a' : 'w' }),
        );
      } catch (error) {
        if (error instanceof ContentError) {
          await rm(part, { force: true });
          report(0);
          throw serverError(`${what}: ${error.message}`);
        }
        if (guard.signal.aborted) throw deadlineError(guard.signal);
        // What reached the disk is whole lines: resume after them.
        const kept = await partState(part);
        offset = kept.bytes;
        lines = kept.lines;
        report(lines);
        throw new Retry(`transfer broken (${networkReason(error)})`);
      }
      if (check.truncated) {
        ({ bytes: offset, lines } = await partState(part));
        report(lines);
        throw new Retry(check.truncated);
      }
      await rename(part, final);
      return { name, bytes: offset + check.received, resources: lines + check.resources };
    } catch (error) {
      if (!(error instanceof Retry)) throw error;
      if (retries >= context.transientRetries)
        throw serverError(`${what}: ${error.message}, ${retries} retries spent (population.bulk.transientRetries)`);
      retries++;
      const delay = typeof error.cause === 'number' ? error.cause : Math.min(2 ** retries * 250, 10_000);
      try {
        await sleep(delay, undefined, { signal: guard.signal });
      } catch {
        throw deadlineError(guard.signal);
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
