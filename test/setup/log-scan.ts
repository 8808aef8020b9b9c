import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll } from 'vitest';
import { type LeakMatch, leakNeedles, logCapture, registeredSecrets, scanLogLines } from '../helpers/log-capture.js';

/**
 * After each test file (perf-security §3.6 D1): every log line the file captured is scanned for
 * the secrets it registered (JWTs), JWT-shaped strings, Bearer credentials, unredacted
 * `authorization`/`access_token` fields, the access tokens the tests send and the names and
 * identifiers of the fixture patients. Any match fails the file; the figures go to
 * test-results/log-scan/<file>.json.
 */

// The repository root: vitest runs from it (import.meta.url is not a file URL under jsdom).
const ROOT = process.cwd();
const REPORT_DIR = join(ROOT, 'test-results', 'log-scan');
/** Leaks listed in the failure message; the report file has them all. */
const LISTED = 20;

// biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructuring pattern for the hook context.
afterAll(({}, suite) => {
  logCapture.flush();
  const file = relative(ROOT, suite.file.filepath);
  const lines = logCapture.lines;
  const secrets = registeredSecrets();
  const needles = lines.length === 0 ? [] : leakNeedles();
  const matches = scanLogLines(lines, needles);
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(
    join(REPORT_DIR, `${relative('test', file).replaceAll('/', '.')}.json`),
    `${JSON.stringify({ file, lines: lines.length, secrets: secrets.length, needles: needles.length, matches }, null, 2)}\n`,
  );
  if (lines.length > 0) {
    const phi = matches.filter((m) => m.kind === 'patient-name' || m.kind === 'patient-identifier').length;
    console.log(
      `log scan: ${lines.length} log lines scanned, ${matches.length - phi} secrets, ${phi} PHI tokens (${file})`,
    );
  }
  if (matches.length > 0) throw new Error(failureMessage(file, lines.length, matches));
});

function failureMessage(file: string, lines: number, matches: LeakMatch[]): string {
  const listed = matches
    .slice(0, LISTED)
    .map((m) => `  line ${m.line}, column ${m.column}: ${m.kind} (${m.label})${m.field ? ` in "${m.field}"` : ''}`);
  const more = matches.length > LISTED ? [`  … and ${matches.length - LISTED} more`] : [];
  return [`log scan: ${matches.length} leak(s) in ${lines} log lines of ${file}:`, ...listed, ...more].join('\n');
}
