import { type Catalog, hasCatalog, installCatalog, type Locale } from './translator.js';

/**
 * The languages a page can show, each named in itself (a language switch lists them so): English
 * is built in, the others are loaded when a page shows them.
 */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', ru: 'Русский', uz: 'Oʻzbekcha' };

/** Each catalog is its own chunk in the app's build: a page downloads only the language it shows. */
const LOADERS: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<Catalog>>> = {
  ru: () => import('./ru/index.js').then((m) => m.RU),
  uz: () => import('./uz/index.js').then((m) => m.UZ),
};

/** Installs the catalog of `locale` (once); English is always there. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en' || hasCatalog(locale)) return;
  installCatalog(locale, await LOADERS[locale]());
}
