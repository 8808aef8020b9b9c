import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { ALL_CATALOGS } from '../../../src/core/messages/catalogs.js';
import { fastRenderer } from '../../../src/core/messages/fast-render.js';
import { type Locale, type MessageValues, translator } from '../../../src/core/messages/translator.js';

/**
 * The fast renderer writes every catalog message, in every language, exactly as intl-messageformat
 * does: each select option and plural category taken in turn, strings and numbers as arguments.
 */

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

/** Each argument's kind and, for selects, the option keys. */
function argumentsOf(ast: Element[]) {
  const found = new Map<string, { kind: 'text' | 'select' | 'plural'; keys: string[] }>();
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      if (e.value && e.type === 1 && !found.has(e.value)) found.set(e.value, { kind: 'text', keys: [] });
      if (e.value && e.type === 5) found.set(e.value, { kind: 'select', keys: Object.keys(e.options ?? {}) });
      if (e.value && e.type === 6) found.set(e.value, { kind: 'plural', keys: [] });
      for (const option of Object.values(e.options ?? {})) walk(option.value);
    }
  };
  walk(ast);
  return found;
}

const PLURAL_VALUES = [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 1.5];

/** A base assignment, then each argument varied alone over its options (selects) or numbers (plurals). */
function valueSets(args: ReturnType<typeof argumentsOf>): MessageValues[] {
  const base: MessageValues = {};
  for (const [name, a] of args) {
    base[name] = a.kind === 'select' ? (a.keys.find((k) => k !== 'other') ?? 'other') : a.kind === 'plural' ? 2 : 'x';
  }
  const sets: MessageValues[] = [base];
  for (const [name, a] of args) {
    const variants =
      a.kind === 'select'
        ? [...a.keys, 'not-an-option']
        : a.kind === 'plural'
          ? PLURAL_VALUES
          : ['«CD4 330 cells/µL»', 1234.5, 0, ''];
    for (const v of variants) sets.push({ ...base, [name]: v });
  }
  return sets;
}

describe('fast message rendering', () => {
  for (const [locale, catalog] of Object.entries(ALL_CATALOGS) as [Locale, Record<string, string>][]) {
    it(`renders every ${locale} message as intl-messageformat does`, () => {
      let fast = 0;
      let compared = 0;
      for (const [key, text] of Object.entries(catalog)) {
        const format = new IntlMessageFormat(text, locale);
        const render = fastRenderer(format.getAst(), locale);
        if (!render) continue;
        fast++;
        for (const values of valueSets(argumentsOf(format.getAst() as unknown as Element[]))) {
          let expected: string | undefined;
          try {
            expected = format.format(values) as string;
          } catch {
            expected = undefined;
          }
          const got = render(values);
          // Where the library raises an error, the fast path must step aside (undefined) so it still does.
          if (expected === undefined) expect(got, `${locale} ${key} ${JSON.stringify(values)}`).toBeUndefined();
          else expect(got, `${locale} ${key} ${JSON.stringify(values)}`).toBe(expected);
          compared++;
        }
      }
      // Nearly every message is text, arguments, selects and plurals: the fast path must cover them.
      expect(fast / Object.keys(catalog).length).toBeGreaterThan(0.95);
      expect(compared).toBeGreaterThan(Object.keys(catalog).length);
    });
  }

  it('leaves a missing value to intl-messageformat, which names it', () => {
    const t = translator('en');
    expect(() => t.t('duration.days', {})).toThrow(/days/);
  });
});
