// @vitest-environment jsdom
import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chosenLocale,
  ehrLanguages,
  pageLocale,
  pageTranslator,
  pickLocale,
  renderInLanguage,
  showIn,
} from '../../src/app/language.js';
import { runtimeConfigSchema } from '../../src/app/runtime-config.js';
import { LanguageSwitch } from '../../src/app/views/LanguageSwitch.js';
import { hasCatalog } from '../../src/core/messages/translator.js';

afterEach(async () => {
  cleanup();
  sessionStorage.clear();
  await showIn('en');
});

describe('the page’s language', () => {
  it('is the reader’s choice, else the EHR’s, else the site’s, else the browser’s, else English', () => {
    const browser = ['de-DE', 'uz-Latn-UZ', 'en'];
    expect(pickLocale({ chosen: 'en', ehr: ['ru-RU'], site: 'uz', browser })).toBe('en');
    expect(pickLocale({ ehr: ['fr', 'ru-RU'], site: 'uz', browser: ['en'] })).toBe('ru');
    expect(pickLocale({ ehr: ['fr'], site: 'ru', browser })).toBe('ru');
    expect(pickLocale({ ehr: [], site: null, browser })).toBe('uz');
    expect(pickLocale({ browser: ['de', 'fr'] })).toBe('en');
    expect(pickLocale({})).toBe('en');
  });

  it('the site names one of the app’s languages in smart-config.json, or none (null, the default)', () => {
    const site = (language?: unknown) => runtimeConfigSchema.safeParse({ clientId: 'c', scope: 's', language });
    expect(site().data?.language).toBeNull();
    expect(site('uz').data?.language).toBe('uz');
    expect(site('fr').success).toBe(false);
    expect(site('ru-RU').success).toBe(false);
  });

  it('reads the EHR’s `locale` and space-separated `ui_locales`, nothing else', () => {
    expect(ehrLanguages('ru-RU', 'uz en')).toEqual(['ru-RU', 'uz', 'en']);
    expect(ehrLanguages(undefined, 42, { locale: 'ru' })).toEqual([]);
  });

  it('a link’s `?lang=` is the choice, remembered for the session; an unknown one is not', () => {
    expect(chosenLocale('?patient=x&lang=uz', sessionStorage)).toBe('uz');
    expect(chosenLocale('', sessionStorage)).toBe('uz');
    expect(chosenLocale('?lang=fr', sessionStorage)).toBe('uz');
    sessionStorage.clear();
    expect(chosenLocale('?lang=fr', sessionStorage)).toBeUndefined();
  });

  it('is shown once its catalog is loaded, and `<html lang>` follows', async () => {
    expect(await showIn('ru')).toBe('ru');
    expect(hasCatalog('ru')).toBe(true);
    expect(pageLocale()).toBe('ru');
    expect(pageTranslator().locale).toBe('ru');
    expect(document.documentElement.lang).toBe('ru');
  });

  it('a switch renders the page again in the new language and remembers it for the session', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    let renders = 0;
    await act(async () => {
      renderInLanguage(root, (onLanguage) => {
        renders++;
        return <LanguageSwitch key={pageLocale()} onChange={onLanguage} />;
      });
    });
    const select = host.querySelector('select') as HTMLSelectElement;
    expect(select.value).toBe('en');
    fireEvent.change(select, { target: { value: 'uz' } });
    await waitFor(() => expect(renders).toBe(2));
    expect((host.querySelector('select') as HTMLSelectElement).value).toBe('uz');
    expect(document.documentElement.lang).toBe('uz');
    expect(chosenLocale('', sessionStorage)).toBe('uz');
    act(() => root.unmount());
    host.remove();
  });
});
