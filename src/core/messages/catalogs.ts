import { EN } from './en/index.js';
import { RU } from './ru/index.js';
import { type Catalog, installCatalog, type Locale } from './translator.js';
import { UZ } from './uz/index.js';

/** Every language's catalog, for the service and the CLI (the app loads only the one it shows). */
export const ALL_CATALOGS: Readonly<Record<Locale, Catalog>> = { en: EN, ru: RU, uz: UZ };

/** Installs every catalog: the service answers in whichever language a call asks for. */
export function installAllCatalogs(): void {
  for (const [locale, catalog] of Object.entries(ALL_CATALOGS) as [Locale, Catalog][]) installCatalog(locale, catalog);
}
