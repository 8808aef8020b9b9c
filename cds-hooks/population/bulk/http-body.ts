import { serverError } from './errors.js';

/** Most bytes read of a JSON answer (SMART configuration, token, status, manifest). */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** A small JSON body, refused beyond 16 MiB (a manifest of thousands of files stays far below). */
export async function readJson(response: Response, what: string): Promise<unknown> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const };
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
    if (bytes > MAX_JSON_BYTES) {
      void reader?.cancel().catch(() => undefined);
      throw serverError(`${what}: more than ${MAX_JSON_BYTES} bytes`);
    }
    chunks.push(chunk.value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw serverError(`${what} is not valid JSON`);
  }
}

/** The issues of an OperationOutcome as short lines (severity, code, text), at most `max`. */
export function outcomeLines(outcome: unknown, max = 5): string[] {
  const issues = (outcome as { issue?: unknown })?.issue;
  if (!Array.isArray(issues)) return [];
  return issues.slice(0, max).map((issue: Record<string, unknown>) => {
    const details = (issue.details as { text?: unknown } | undefined)?.text;
    const text = typeof issue.diagnostics === 'string' ? issue.diagnostics : typeof details === 'string' ? details : '';
    return `${String(issue.severity ?? 'error')} ${String(issue.code ?? 'unknown')}${text ? `: ${text.slice(0, 200)}` : ''}`;
  });
}

/** An error answer as one sentence with the OperationOutcome's issues when it sent one. */
export async function failureOf(response: Response, what: string): Promise<Error> {
  const body = await readJson(response, what).catch(() => undefined);
  const issues = outcomeLines(body);
  return serverError(`${what}: HTTP ${response.status}${issues.length ? ` (${issues.join('; ')})` : ''}`);
}

/** Milliseconds a `Retry-After` header asks for, or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
