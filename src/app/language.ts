import type { ReactNode } from 'react';
import type { Root } from 'react-dom/client';
import { loadLocale } from '../core/messages/lazy.js';
import {
  DEFAULT_LOCALE,
  isLocale,
  type Locale,
  negotiateLocale,
  type Translator,
  translator,
} from '../core/messages/translator.js';

/**
 * The language a page shows, one per page at a time: its catalog is loaded before the first render
 * and `<html lang>` follows. A switch re-renders the page in the new language and is remembered
 * for the tab's session.
 */

/** The reader's choice on this tab: a language switch, or a link's `?lang=` (the landing page's). */
const CHOICE_KEY = 'immunosteward-language';

let current: Locale = DEFAULT_LOCALE;

/** The page's language. */
export function pageLocale(): Locale {
  return current;
}

/** The translator of the page's language: every view writes through it. */
export function pageTranslator(): Translator {
  return translator(current);
}

/**
 * Loads the catalog of `locale` and makes it the page's language. A catalog that cannot be loaded
 * (its chunk did not arrive) leaves the page in the language it has: a readable page, never a
 * broken one. Resolves to the language shown.
 */
export async function showIn(locale: Locale): Promise<Locale> {
  try {
    await loadLocale(locale);
    current = locale;
  } catch {
    // kept: the language already shown
  }
  document.documentElement.lang = current;
  return current;
}

/** The reader's choice: `?lang=` on the address (then remembered), else the one remembered. */
export function chosenLocale(search: string, storage: Storage): Locale | undefined {
  const asked = new URLSearchParams(search).get('lang');
  if (isLocale(asked)) {
    storage.setItem(CHOICE_KEY, asked);
    return asked;
  }
  const kept = storage.getItem(CHOICE_KEY);
  return isLocale(kept) ? kept : undefined;
}

/** A switch: remembered for the session, then shown. */
export function switchLanguage(locale: Locale, storage: Storage): Promise<Locale> {
  storage.setItem(CHOICE_KEY, locale);
  return showIn(locale);
}

/**
 * The languages an EHR named for the launch: the token response's `locale` (a BCP 47 tag some
 * EHRs return with the launch context) and `ui_locales` (space-separated, as OpenID Connect writes it).
 */
export function ehrLanguages(...values: unknown[]): string[] {
  return values.flatMap((v) => (typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : []));
}

/**
 * The page's language: the reader's choice, else the EHR's for this launch, else the site's
 * (`smart-config.json` `language`), else the browser's, else English.
 */
export function pickLocale(sources: {
  chosen?: Locale | undefined;
  ehr?: readonly string[] | undefined;
  site?: Locale | null | undefined;
  browser?: readonly string[] | undefined;
}): Locale {
  return (
    sources.chosen ?? negotiateLocale(sources.ehr) ?? sources.site ?? negotiateLocale(sources.browser) ?? DEFAULT_LOCALE
  );
}

/**
 * Renders a page, and again from scratch after each switch of language: `page` keys its view by
 * `pageLocale()`, so every text (and what was computed in words) is made anew.
 */
export function renderInLanguage(root: Root, page: (onLanguage: (locale: Locale) => void) => ReactNode): void {
  const render = () => root.render(page((locale) => void switchLanguage(locale, sessionStorage).then(render)));
  render();
}
