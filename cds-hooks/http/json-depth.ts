/**
 * One pass over a JSON text before parsing: its nesting depth, counted so that a hostile body
 * (10⁵ nested arrays) is refused cheaply instead of building a deep object graph that recursive
 * code later overflows on, and whether any string in it could be a prototype-poisoning key
 * (`__proto__`, `constructor`, escaped or not). Brackets inside strings do not count; strings are
 * skipped with `indexOf` (most of a FHIR body is string content, so this halves the cost of a
 * character loop). Returns as soon as `max` is exceeded; an unterminated string ends the scan
 * (JSON.parse refuses the text anyway).
 */
export type JsonScan = 'too-deep' | 'prototype-keys' | 'plain';

export function scanJson(text: string, max: number): JsonScan {
  let depth = 0;
  let suspect = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (end === -1) break;
      if (!suspect && mayBePrototypeName(text, i, end)) suspect = isPrototypeName(text, i, end);
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return 'too-deep';
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return suspect ? 'prototype-keys' : 'plain';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor']);

/** Index of the quote that closes the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

const UNDERSCORE = 0x5f;
const LOWER_C = 0x63;

/**
 * A cheap first look: a string as long as one of the two names and starting with its letter, or
 * long enough to hold them escaped (`\u005f`: up to 6 characters a letter) and starting with `_`,
 * `c` or an escape. Dates, codes and URLs fail it without a copy being made.
 */
function mayBePrototypeName(text: string, open: number, end: number): boolean {
  const length = end - open - 1;
  const first = text.charCodeAt(open + 1);
  if (length === 9) return first === UNDERSCORE;
  if (length === 11) return first === LOWER_C;
  return length >= 14 && length <= 66 && (first === UNDERSCORE || first === LOWER_C || first === BACKSLASH);
}

/** Whether the string literal between the quotes at `open` and `end` reads `__proto__` or `constructor`. */
function isPrototypeName(text: string, open: number, end: number): boolean {
  const raw = text.slice(open + 1, end);
  if (!raw.includes('\\')) return PROTOTYPE_NAMES.has(raw);
  try {
    return PROTOTYPE_NAMES.has(JSON.parse(`"${raw}"`) as string);
  } catch {
    // not a valid string literal: JSON.parse refuses the whole text on the careful path
    return true;
  }
}

type Done = (error: Error | null, body?: unknown) => void;
type BodyParser<R> = (request: R, body: string, done: Done) => void;

/**
 * The JSON body parser: too deep → 400 `IS_JSON_TOO_DEEP`; no string that could be a
 * prototype-poisoning key → plain JSON.parse; otherwise, and whenever JSON.parse fails, the
 * `careful` parser (fastify's: BOM, empty body, poisoning and syntax errors answered as before).
 */
export function jsonBodyParser<R>(maxDepth: number, careful: BodyParser<R>): BodyParser<R> {
  return (request, body, done) => {
    const scan = scanJson(body, maxDepth);
    if (scan === 'too-deep') {
      done(Object.assign(new Error('too deep'), { statusCode: 400, code: 'IS_JSON_TOO_DEEP' }), undefined);
      return;
    }
    if (scan === 'plain') {
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        careful(request, body, done);
        return;
      }
      done(null, value);
      return;
    }
    careful(request, body, done);
  };
}
