import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Secrets and PHI hygiene of the logs (perf-security §3.6 D1): every log line a test file produces
 * is kept here with the secrets the file used; `test/setup/log-scan.ts` scans them after the file.
 */

/** Shorter strings (e.g. the given name "Bob", an access token "t") would match by accident. */
export const MIN_NEEDLE_LENGTH = 4;

/** Log lines in the order they were written. */
export class LogCapture {
  readonly lines: string[] = [];
  private partial = '';

  /** A pino destination that keeps every line. */
  readonly destination = {
    write: (chunk: string) => {
      this.record(chunk);
    },
  };

  /** Text that may hold several lines or end mid-line (a child process's stdout). */
  record(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim() !== '') this.lines.push(line);
  }

  /** Keeps a last line that had no newline. */
  flush(): void {
    if (this.partial.trim() !== '') this.lines.push(this.partial);
    this.partial = '';
  }
}

/** What the current test file logged (vitest isolates modules per test file). */
export const logCapture = new LogCapture();

const secrets = new Set<string>();

/** A value that must never appear in a log line (JWTs, access tokens, keys). */
export function registerSecret(value: string): void {
  if (value.length >= MIN_NEEDLE_LENGTH) secrets.add(value);
}

export function registeredSecrets(): string[] {
  return [...secrets];
}

export type LeakKind =
  | 'secret'
  | 'access-token'
  | 'jwt'
  | 'bearer-credential'
  | 'authorization-header'
  | 'patient-name'
  | 'patient-identifier';

/** A string to look for; `label` says where it came from without repeating it. */
export interface Needle {
  value: string;
  kind: LeakKind;
  label: string;
}

/** Where a leak was found; never the leaked value itself. */
export interface LeakMatch {
  /** 1-based line number in the scanned lines. */
  line: number;
  column: number;
  kind: LeakKind;
  label: string;
  /** The JSON key the value was written under, when the line is JSON. */
  field?: string;
}

const SHAPES: { kind: LeakKind; label: string; pattern: RegExp }[] = [
  { kind: 'jwt', label: 'JWT-shaped string', pattern: /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/g },
  { kind: 'bearer-credential', label: 'Bearer credential', pattern: /\bBearer\s+[\w.~+/-]+=*/gi },
  {
    kind: 'access-token',
    label: 'unredacted access_token field',
    pattern: /"access_?token"\s*:\s*(?!"\[redacted\]")[^\s,}]/gi,
  },
  {
    kind: 'authorization-header',
    label: 'unredacted authorization field',
    pattern: /"authorization"\s*:\s*(?!"\[redacted\]")[^\s,}]/gi,
  },
];

/** PHI is matched as a whole word: "Amir" does not match inside "Amirov", nor an MRN inside a longer one. */
const PHI_KINDS = new Set<LeakKind>(['patient-name', 'patient-identifier']);
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Finds every needle and every secret-shaped string in the lines. Needles are indexed by their
 * first characters, so a suite's thousands of JWTs cost one map lookup per character of log, not
 * one `includes` per secret and line.
 */
export function scanLogLines(lines: readonly string[], needles: readonly Needle[]): LeakMatch[] {
  const index = new Map<string, Needle[]>();
  for (const needle of needles) {
    if (needle.value.length < MIN_NEEDLE_LENGTH) continue;
    const key = needle.value.slice(0, MIN_NEEDLE_LENGTH);
    const bucket = index.get(key);
    if (bucket) bucket.push(needle);
    else index.set(key, [needle]);
  }
  const matches: LeakMatch[] = [];
  lines.forEach((text, i) => {
    const found = (column: number, kind: LeakKind, label: string) => {
      const field = fieldBefore(text, column);
      matches.push({ line: i + 1, column: column + 1, kind, label, ...(field ? { field } : {}) });
    };
    for (const { kind, label, pattern } of SHAPES) {
      for (const m of text.matchAll(pattern)) found(m.index, kind, label);
    }
    for (let c = 0; c + MIN_NEEDLE_LENGTH <= text.length; c++) {
      const bucket = index.get(text.slice(c, c + MIN_NEEDLE_LENGTH));
      if (!bucket) continue;
      for (const needle of bucket) {
        if (!text.startsWith(needle.value, c)) continue;
        if (PHI_KINDS.has(needle.kind) && !isWholeWord(text, c, needle.value.length)) continue;
        found(c, needle.kind, needle.label);
      }
    }
  });
  return matches.sort((a, b) => a.line - b.line || a.column - b.column);
}

function isWholeWord(text: string, start: number, length: number): boolean {
  const before = text[start - 1];
  const after = text[start + length];
  return !(before && WORD_CHAR.test(before)) && !(after && WORD_CHAR.test(after));
}

/** The nearest `"key":` before the column, to say where a leak sits without quoting it. */
function fieldBefore(text: string, column: number): string | undefined {
  const keys = [...text.slice(0, column).matchAll(/"([^"\\]{1,64})"\s*:/g)];
  return keys.at(-1)?.[1];
}

// The repository root: vitest runs from it (import.meta.url is not a file URL under jsdom).
const ROOT = process.cwd();
const TEST_DIR = join(ROOT, 'test');
const FIXTURES = join(TEST_DIR, 'fixtures');

let known: Needle[] | undefined;

/**
 * Everything no log line may contain: the registered secrets, the access tokens the tests send
 * (`access_token: '…'` literals in test sources, `access_token` values in fixtures) and the names
 * and identifiers of every Patient in the fixtures.
 */
export function leakNeedles(): Needle[] {
  known ??= [...accessTokenLiterals(), ...fixtureNeedles()].filter((n) => n.value.length >= MIN_NEEDLE_LENGTH);
  return [
    ...registeredSecrets().map((value, i) => ({
      value,
      kind: 'secret' as const,
      label: `registered secret #${i + 1}`,
    })),
    ...known,
  ];
}

function accessTokenLiterals(): Needle[] {
  const needles: Needle[] = [];
  for (const path of filesUnder(TEST_DIR, /\.tsx?$/).filter((p) => !p.startsWith(FIXTURES))) {
    for (const m of readFileSync(path, 'utf8').matchAll(/access_token['"]?\s*:\s*(['"`])([^'"`\n]+)\1/g)) {
      needles.push({ value: m[2] as string, kind: 'access-token', label: `access_token in ${relative(ROOT, path)}` });
    }
  }
  return needles;
}

function fixtureNeedles(): Needle[] {
  const needles: Needle[] = [];
  const visit = (value: unknown, label: string): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, label);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (record.resourceType === 'Patient') {
      for (const name of (record.name ?? []) as { given?: string[]; family?: string }[]) {
        for (const given of name.given ?? []) needles.push({ value: given, kind: 'patient-name', label });
        if (name.family) needles.push({ value: name.family, kind: 'patient-name', label });
      }
      for (const id of (record.identifier ?? []) as { value?: string }[]) {
        if (id.value) needles.push({ value: id.value, kind: 'patient-identifier', label });
      }
    }
    if (typeof record.access_token === 'string')
      needles.push({ value: record.access_token, kind: 'access-token', label });
    for (const v of Object.values(record)) visit(v, label);
  };
  for (const path of filesUnder(FIXTURES, /\.jsonl?$/)) {
    const text = readFileSync(path, 'utf8');
    const documents = path.endsWith('.jsonl') ? text.split('\n').filter((l) => l.trim() !== '') : [text];
    for (const document of documents) visit(parseJson(document), `fixture ${relative(ROOT, path)}`);
  }
  return needles;
}

/** Some spec excerpts in the fixtures are fragments, not JSON: they hold no Patient resources. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && name.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
