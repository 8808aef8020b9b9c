import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { ALL_CATALOGS } from '../../../src/core/messages/catalogs.js';
import { EN } from '../../../src/core/messages/en/index.js';
import { type Catalog, LOCALES, type Locale, negotiateLocale } from '../../../src/core/messages/translator.js';

/**
 * Every language is a catalog with exactly English's keys, each message valid ICU with English's
 * arguments, plural messages with the plural forms the language needs, and no message left in
 * English (other than the few that are the same words in every language).
 */

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

/** Argument names and, per plural argument, its categories. */
function shape(message: string, locale: string) {
  const args = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (intl-messageformat's AST).
      if ([1, 2, 3, 4, 5, 6].includes(e.type) && e.value) args.add(e.value);
      if (e.type === 6 && e.value) plurals.set(e.value, new Set(Object.keys(e.options ?? {})));
      for (const option of Object.values(e.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as Element[]);
  return { args, plurals };
}

/** The CLDR plural categories a language's messages must cover (beyond exact `=n` cases). */
const PLURAL_FORMS: Record<Locale, string[]> = {
  en: ['one', 'other'],
  ru: ['one', 'few', 'many', 'other'],
  uz: ['one', 'other'],
};

/** The words a message's reader sees: its literal text, options included, never argument names or select keys. */
function literalWords(message: string): string {
  const words: string[] = [];
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      if (e.type === 0 && e.value) words.push(e.value);
      for (const option of Object.values(e.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en').getAst() as unknown as Element[]);
  return words
    .join(' ')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

/**
 * Messages that are the same in every language: patterns with no words, abbreviations and units
 * (IgG, C3, IL-6, 25(OH)D, mg, µg, HTTP, ms) — nothing with a lowercase word of three letters or more.
 */
function sameEverywhere(english: string): boolean {
  const words = literalWords(english);
  return !/\p{Ll}{3,}/u.test(words.replace(/\b(ImmunoSteward|ms|µg|mg)\b/g, ''));
}

const languages = Object.entries(ALL_CATALOGS).filter(([locale]) => locale !== 'en') as [Locale, Catalog][];

describe('message catalogs', () => {
  it('English parses as ICU, every message', () => {
    for (const [key, message] of Object.entries(EN)) expect(() => shape(message, 'en'), key).not.toThrow();
  });

  it('every supported language has a catalog', () => {
    expect(Object.keys(ALL_CATALOGS).sort()).toEqual([...LOCALES].sort());
  });

  for (const [locale, catalog] of languages) {
    describe(locale, () => {
      it('has exactly the English keys', () => {
        expect(Object.keys(catalog).sort()).toEqual(Object.keys(EN).sort());
      });

      it("each message is valid ICU with English's arguments and this language's plural forms", () => {
        for (const [key, english] of Object.entries(EN)) {
          const message = (catalog as Record<string, string>)[key] ?? '';
          const theirs = shape(message, locale);
          const ours = shape(english, 'en');
          expect([...theirs.args].sort(), key).toEqual([...ours.args].sort());
          for (const [arg] of ours.plurals) {
            const categories = theirs.plurals.get(arg) ?? new Set();
            for (const form of PLURAL_FORMS[locale])
              expect(categories.has(form), `${key}: ${arg} needs "${form}"`).toBe(true);
          }
        }
      });

      it('leaves no message in English', () => {
        const untranslated = Object.entries(EN)
          .filter(([key, english]) => !sameEverywhere(english) && (catalog as Record<string, string>)[key] === english)
          .map(([key]) => key);
        expect(untranslated).toEqual([]);
      });
    });
  }
});

describe('choosing the language', () => {
  it('takes the first supported tag by weight, by primary subtag', () => {
    expect(negotiateLocale('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(negotiateLocale('de-DE, uz-Latn-UZ;q=0.7, en;q=0.5')).toBe('uz');
    expect(negotiateLocale('en;q=0.2, uz;q=0.9')).toBe('uz');
    expect(negotiateLocale(['fr', 'ru'])).toBe('ru');
  });

  it('gives nothing for unsupported, empty, zero-weight or malformed preferences', () => {
    expect(negotiateLocale('de, fr;q=0.5, *')).toBeUndefined();
    expect(negotiateLocale('ru;q=0')).toBeUndefined();
    expect(negotiateLocale('')).toBeUndefined();
    expect(negotiateLocale(undefined)).toBeUndefined();
    expect(negotiateLocale(';;,,q=1')).toBeUndefined();
  });
});
