import type { IntlMessageFormat } from 'intl-messageformat';

/**
 * A message's parsed form (intl-messageformat's own AST) rendered by plain string building, for
 * the elements nearly every catalog message is made of: text, `{arg}`, `select`, `plural` and `#`.
 * intl-messageformat builds a list of parts per call and merges it; on a record with dozens of
 * findings that was a tenth of an order-sign call (measured). Same output, same rules: a message
 * with any other element (number, date, time, tag), or a value that is neither string nor number,
 * is left to intl-messageformat (`undefined`), which also raises its errors (a missing value, a
 * select with no matching option).
 */

type Ast = ReturnType<IntlMessageFormat['getAst']>;
/** A message's values, as the translator passes them. */
type Values = Readonly<Record<string, unknown>>;
type Element = Ast[number];

// The parser's element types (TYPE in @formatjs/icu-messageformat-parser).
const LITERAL = 0;
const ARGUMENT = 1;
const SELECT = 5;
const PLURAL = 6;
const POUND = 7;

export type FastRender = (values: Values | undefined) => string | undefined;

/** A renderer for the message, or undefined when it holds an element this renderer leaves to the library. */
export function fastRenderer(ast: Ast, locale: string): FastRender | undefined {
  if (!supported(ast)) return undefined;
  const plurals = new Map<string, Intl.PluralRules>();
  let numbers: Intl.NumberFormat | undefined;
  const pluralRules = (type: 'cardinal' | 'ordinal') => {
    let rules = plurals.get(type);
    if (!rules) {
      rules = new Intl.PluralRules(locale, { type });
      plurals.set(type, rules);
    }
    return rules;
  };
  const render = (els: Ast, values: Values | undefined, pluralValue: number | undefined): string | undefined => {
    let out = '';
    for (const el of els) {
      if (el.type === LITERAL) {
        out += el.value;
        continue;
      }
      if (el.type === POUND) {
        if (typeof pluralValue === 'number') {
          numbers ??= new Intl.NumberFormat(locale);
          out += numbers.format(pluralValue);
        }
        continue;
      }
      if (!values || !(el.value in values)) return undefined;
      const value = values[el.value];
      if (el.type === ARGUMENT) {
        if (typeof value === 'string' || typeof value === 'number') out += String(value);
        else if (value) return undefined;
        continue;
      }
      if (el.type === SELECT) {
        const key = String(value);
        const option = optionFor(el.options, key) ?? el.options.other;
        if (!option) return undefined;
        // As intl-messageformat: a select passes no plural value to its branches.
        const inner = render(option.value, values, undefined);
        if (inner === undefined) return undefined;
        out += inner;
        continue;
      }
      if (el.type === PLURAL) {
        if (typeof value !== 'number') return undefined;
        const exact = `=${value}`;
        const offset = el.offset || 0;
        const option =
          optionFor(el.options, exact) ??
          optionFor(el.options, pluralRules(el.pluralType ?? 'cardinal').select(value - offset)) ??
          el.options.other;
        if (!option) return undefined;
        const inner = render(option.value, values, value - offset);
        if (inner === undefined) return undefined;
        out += inner;
        continue;
      }
      return undefined;
    }
    return out;
  };
  return (values) => render(ast, values, undefined);
}

function optionFor<T>(options: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(options, key) ? options[key] : undefined;
}

function supported(els: readonly Element[]): boolean {
  return els.every((el) => {
    if (el.type === LITERAL || el.type === ARGUMENT || el.type === POUND) return true;
    if (el.type === SELECT || el.type === PLURAL) return Object.values(el.options).every((o) => supported(o.value));
    return false;
  });
}
