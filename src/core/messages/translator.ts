import { IntlMessageFormat } from 'intl-messageformat';
import { EN, type MessageKey } from './en/index.js';
import { type FastRender, fastRenderer } from './fast-render.js';

export type { MessageKey };

/** The languages ImmunoSteward writes: English, Russian, Uzbek (Latin script). */
export const LOCALES = ['en', 'ru', 'uz'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export type Catalog = Readonly<Record<MessageKey, string>>;
export type MessageValues = Record<string, string | number | Date>;

/**
 * The catalogs at hand. English always; the others are installed by whoever needs them — the
 * service and the CLI all at start (`catalogs.ts`), the app the one language it shows (lazily).
 */
const CATALOGS: Partial<Record<Locale, Catalog>> = { en: EN };

export function installCatalog(locale: Locale, catalog: Catalog): void {
  CATALOGS[locale] = catalog;
  translators.delete(locale);
}

export function hasCatalog(locale: Locale): boolean {
  return CATALOGS[locale] !== undefined;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported language for a list of BCP 47 tags in preference order (an
 * `Accept-Language` header, `ui_locales`, `navigator.languages`): exact or primary-subtag match,
 * q-values honoured, `*` and unknown tags skipped. Undefined when none is supported.
 */
export function negotiateLocale(preferences: string | readonly string[] | undefined): Locale | undefined {
  if (!preferences) return undefined;
  const ranked =
    typeof preferences === 'string'
      ? preferences
          .split(',')
          .map((part, i) => {
            const [tag = '', ...params] = part.trim().split(';');
            const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
            const weight = q ? Number(q.slice(2)) : 1;
            return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, i };
          })
          .filter((p) => p.tag !== '' && p.weight > 0)
          .sort((a, b) => b.weight - a.weight || a.i - b.i)
          .map((p) => p.tag)
      : preferences;
  for (const tag of ranked) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return undefined;
}

const DAY_MS = 86_400_000;
/** Languages whose dates and lists are written from the catalog, the same in Node and every browser. */
const OWN_FORMATS: ReadonlySet<Locale> = new Set(['uz']);
/** Formatted days kept per translator (about 27 years of distinct days). */
const MAX_CACHED_DAYS = 10_000;

/**
 * Formats catalog messages, numbers and dates in one locale. Every physician-facing sentence is a
 * whole catalog message with its values; nothing is assembled from fragments.
 */
export class Translator {
  private readonly compiled = new Map<MessageKey, { format: IntlMessageFormat; fast: FastRender | undefined }>();
  private readonly numbers = new Map<number, Intl.NumberFormat>();
  private readonly dates: Intl.DateTimeFormat;
  private readonly lists: Intl.ListFormat;
  private readonly formattedDays = new Map<number, string>();
  private readonly names = new Map<string, Map<string, string>>();
  private readonly hasDateData: boolean;
  private readonly hasListData: boolean;

  constructor(
    readonly locale: Locale,
    private readonly catalog: Catalog = CATALOGS[locale] ?? EN,
  ) {
    this.dates = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    this.lists = new Intl.ListFormat(locale, { type: 'conjunction' });
    this.hasDateData = !OWN_FORMATS.has(locale);
    this.hasListData = !OWN_FORMATS.has(locale);
  }

  t(key: MessageKey, values?: MessageValues): string {
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const text = this.catalog[key];
      if (text === undefined) throw new Error(`no message "${key}" in the ${this.locale} catalog`);
      const format = new IntlMessageFormat(text, this.locale);
      compiled = { format, fast: fastRenderer(format.getAst(), this.locale) };
      this.compiled.set(key, compiled);
    }
    return compiled.fast?.(values) ?? (compiled.format.format(values) as string);
  }

  has(key: string): key is MessageKey {
    return key in this.catalog;
  }

  /**
   * A knowledge-base name in this language (`marker.cd4` → "CD4 count"), else `fallback`, the
   * knowledge base's own; kept per translator (names are few and asked for on every finding).
   */
  name(prefix: string, id: string, fallback: string): string {
    let names = this.names.get(prefix);
    if (!names) {
      names = new Map();
      this.names.set(prefix, names);
    }
    let text = names.get(id);
    if (text === undefined) {
      const key = `${prefix}.${id}`;
      text = this.has(key) ? this.t(key) : fallback;
      names.set(id, text);
    }
    return text;
  }

  /** A number with at most `decimals` fraction digits, grouped as the locale writes it. */
  number(value: number, decimals = 0, minDecimals = 0): string {
    const key = decimals * 10 + minDecimals;
    let format = this.numbers.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.locale, {
        maximumFractionDigits: decimals,
        minimumFractionDigits: Math.min(minDecimals, decimals),
      });
      this.numbers.set(key, format);
    }
    return format.format(value);
  }

  /** A calendar day ("3 Dec 2026", "3 дек. 2026") from epoch milliseconds or a `YYYY-MM-DD…` string. */
  date(when: number | string): string {
    const ms = typeof when === 'number' ? when : Date.parse(when.length === 10 ? `${when}T00:00:00Z` : when);
    if (!Number.isFinite(ms)) return String(when);
    // Records repeat the same days: each is formatted once (Intl is slow on a hot path).
    const day = Math.floor(ms / DAY_MS);
    let text = this.formattedDays.get(day);
    if (text === undefined) {
      text = this.formatDay(ms);
      if (this.formattedDays.size >= MAX_CACHED_DAYS) this.formattedDays.clear();
      this.formattedDays.set(day, text);
    }
    return text;
  }

  private formatDay(ms: number): string {
    // Browsers without this language's calendar data (Chromium has none for Uzbek, though it
    // claims the locale) write "2026 M10 5": the day is written numerically, as charts there do.
    if (!this.hasDateData) {
      const d = new Date(ms);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
    }
    // Russian charts write "3 дек. 2026", without the "г." Intl adds.
    if (this.locale === 'ru') return this.dates.format(ms).replace(/\s*г\.$/, '');
    if (this.locale !== 'en') return this.dates.format(ms);
    // English as clinicians write it in a chart: day, short month, year ("15 Sep 2026").
    const parts = this.dates.formatToParts(ms);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('day')} ${part('month')} ${part('year')}`;
  }

  /** "a, b and c" ("a, b va c"), with the catalog's "and" where Intl has no data for the language. */
  list(items: readonly string[]): string {
    if (this.hasListData || items.length < 2) return this.lists.format(items);
    return `${items.slice(0, -1).join(', ')} ${this.t('list.and')} ${items[items.length - 1]}`;
  }

  /** A unit as clinicians write it (UCUM `10*9/L` → `×10⁹/L`); unknown units as sent, braces removed. */
  unit(ucum: string | undefined): string {
    if (!ucum) return '';
    const key = `unit.${ucum === '{cells}/uL' ? '/uL' : ucum}`;
    if (this.has(key)) return this.t(key);
    return ucum
      .replace(/\{[^}]*\}/g, '')
      .replace(/\[([^\]]*)\]/g, '$1')
      .replace(/^u/, 'µ');
  }

  /** Whole days ("90 days"): course lengths compared with each other stay in one unit. */
  days(days: number): string {
    return this.t('duration.days', { days: Math.round(days) });
  }

  /** Whole days below three weeks, else weeks when they divide evenly ("10 days", "24 weeks"). */
  duration(days: number): string {
    const whole = Math.round(days);
    if (whole >= 21 && whole % 7 === 0) return this.t('duration.weeks', { weeks: whole / 7 });
    return this.t('duration.days', { days: whole });
  }
}

const translators = new Map<Locale, Translator>();

/**
 * The shared translator of a locale (formats are compiled once per process); English when that
 * language's catalog is not installed.
 */
export function translator(locale: Locale = DEFAULT_LOCALE): Translator {
  const available = CATALOGS[locale] ? locale : DEFAULT_LOCALE;
  let t = translators.get(available);
  if (!t) {
    t = new Translator(available);
    translators.set(available, t);
  }
  return t;
}
