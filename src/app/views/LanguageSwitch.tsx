import { useId } from 'react';
import { LOCALE_NAMES } from '../../core/messages/lazy.js';
import { LOCALES, type Locale } from '../../core/messages/translator.js';
import { pageLocale, pageTranslator } from '../language.js';

/** The page's language, changeable: each language named in itself (and marked so for screen readers). */
export function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => void }) {
  const t = pageTranslator();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t.t('app.language')}</label>
      <select id={id} value={pageLocale()} onChange={(e) => onChange(e.target.value as Locale)}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}
