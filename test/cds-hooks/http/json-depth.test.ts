import fc from 'fast-check';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { jsonBodyParser, scanJson } from '../../../cds-hooks/http/json-depth.js';

/** Depth of a parsed value: every object and array is one level. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

/** Fastify's own JSON parser with prototype poisoning refused: what the service used alone before the single pass. */
const fastifyParser = Fastify().getDefaultJsonParser('error', 'error');

type Outcome = { error: string } | { value: string };

function outcomeOf(parser: typeof fastifyParser) {
  return (text: string): Outcome => {
    let outcome: Outcome | undefined;
    // neither parser reads the request
    parser(null as never, text, (error, value) => {
      outcome = error
        ? { error: (error as { code?: string }).code ?? error.message }
        : { value: JSON.stringify(value) };
    });
    return outcome as Outcome;
  };
}

const MAX_DEPTH = 64;
const ours = outcomeOf(jsonBodyParser(MAX_DEPTH, fastifyParser));
const fastifys = outcomeOf(fastifyParser);

/** Keys an attacker writes: the two prototype names, plain and escaped, and near misses. */
const KEYS = [
  '"__proto__"',
  '"constructor"',
  '"prototype"',
  '"\\u005f_proto__"',
  '"__pro\\u0074o__"',
  '"\\u005F\\u005F\\u0070\\u0072\\u006F\\u0074\\u006F\\u005F\\u005F"',
  '"\\u0063onstructor"',
  '"constructo\\u0072"',
  '"__PROTO__"',
  '"Constructor"',
  '"_proto_"',
  '"constructors"',
  '"\\"__proto__\\""',
];

/** JSON texts whose objects may carry those keys, at any depth, spaced or not. */
const { text } = fc.letrec<{ text: string; member: string }>((tie) => ({
  text: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
    fc.array(tie('member'), { maxLength: 4 }).map((members) => `{${members.join(',')}}`),
    fc.array(tie('text'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  ),
  member: fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...KEYS),
        fc.string().map((s) => JSON.stringify(s)),
      ),
      fc.constantFrom(':', ' : ', ':\n'),
      tie('text'),
    )
    .map(([key, colon, value]) => `${key}${colon}${value}`),
}));

describe('JSON nesting depth and prototype keys, one pass before parsing', () => {
  it('counts the depth of the parsed value, whatever the strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(scanJson(text, max) === 'too-deep').toBe(depthOf(value) > max);
      }),
      { seed: 20261125, numRuns: 2000 },
    );
  });

  it('skips brackets inside strings, escaped quotes and backslashes included', () => {
    expect(scanJson('{"a":"[[[[{{{{"}', 1)).toBe('plain');
    expect(scanJson('{"a":"\\"[[[["}', 1)).toBe('plain');
    expect(scanJson('{"a":"\\\\","b":[[1]]}', 2)).toBe('too-deep');
    expect(scanJson('[[[', 2)).toBe('too-deep');
  });

  it('sends every text with a string that reads __proto__ or constructor, escaped or not, the careful way', () => {
    expect(scanJson('{"__proto__":{"x":1}}', MAX_DEPTH)).toBe('prototype-keys');
    expect(scanJson('{"a":{"\\u0063onstructor":{"prototype":{}}}}', MAX_DEPTH)).toBe('prototype-keys');
    expect(scanJson('{"resourceType":"Observation","effectiveDateTime":"2026-11-01"}', MAX_DEPTH)).toBe('plain');
  });

  it('accepts and refuses exactly what fastify’s parser does, with the same values and error codes', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('', '\uFEFF', ' '), fc.nat(), fc.boolean(), (body, prefix, cut, truncate) => {
        const input = prefix + (truncate ? body.slice(0, cut % (body.length + 1)) : body);
        // within the depth limit both parse; beyond it ours answers IS_JSON_TOO_DEEP first
        if (scanJson(input, MAX_DEPTH) === 'too-deep') return;
        expect(ours(input)).toEqual(fastifys(input));
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });

  it('refuses prototype poisoning and keeps a plain `constructor` key', () => {
    const invalid = { error: 'FST_ERR_CTP_INVALID_JSON_BODY' };
    expect(ours('{"a":{"__proto__":{"polluted":true}}}')).toEqual(invalid);
    expect(ours('{"\\u005f_proto__":{"polluted":true}}')).toEqual(invalid);
    expect(ours('{"constructor":{"prototype":{"polluted":true}}}')).toEqual(invalid);
    expect(ours('{"constructor":"x"}')).toEqual({ value: '{"constructor":"x"}' });
    expect(ours('\uFEFF{"a":1}')).toEqual({ value: '{"a":1}' });
    expect(ours('')).toEqual({ error: 'FST_ERR_CTP_EMPTY_JSON_BODY' });
    expect(ours('[[1]]'.padStart(200, '['))).toEqual({ error: 'IS_JSON_TOO_DEEP' });
  });
});
