import { readdirSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryReplayCache } from '../../../cds-hooks/auth/replay-cache.js';
import { assessmentToCard } from '../../../cds-hooks/cards/render.js';
import { Runtime } from '../../../cds-hooks/http/runtime.js';
import type { Card } from '../../../src/contract/cds-hooks.js';
import { defaultSiteConfig, validateSiteConfig } from '../../../src/core/config/schema.js';
import { DRUG_AGENTS } from '../../../src/core/drugs/knowledge-base.js';
import { ALL_CATALOGS, installAllCatalogs } from '../../../src/core/messages/catalogs.js';
import { type Locale, translator } from '../../../src/core/messages/translator.js';
import { assessOrders } from '../../../src/core/rules/assessment.js';
import type { Finding } from '../../../src/core/rules/types.js';
import { ALL_SOURCES } from '../../../src/core/sources.js';
import { FIXTURE_NOW, fixturePath, loadFixture } from '../../helpers/fixtures.js';
import { BASE, EHR_ISS, orderSignRequest, sign, startService, testConfig, testKeys } from '../../helpers/service.js';

/**
 * The language of the cards (CDS Hooks has none, so the service chooses): the caller's tenant's
 * `language`, else its issuer's, else the request's `Accept-Language`, else the site's. Every demo
 * scenario's cards are then wholly in that language, but for what the request itself says (drug
 * names as ordered, condition texts) and the citations of the sources.
 */

type Bundle = { resourceType: string; entry?: { resource: Record<string, unknown> }[] };
type Json = Record<string, unknown>;

const SLUGS = readdirSync(fixturePath('demo'))
  .filter((f) => f.endsWith('.order.json'))
  .map((f) => f.replace(/\.order\.json$/, ''))
  .sort();
const NEUTRAL = loadFixture('demo/neutral-orders.json') as Json[];
const record = (slug: string) => loadFixture(`demo/${slug}.json`) as Bundle;
const basket = (slug: string) => [
  loadFixture(`demo/${slug}.order.json`) as Json,
  ...NEUTRAL.map((o, i) => ({ ...o, id: `neutral-${i}`, subject: { reference: `Patient/${slug}` } })),
];
const scenario = (slug: string) => orderSignRequest(record(slug), basket(slug), slug);

const OTHER_ISS = 'https://other-ehr.example.org';
const SERVICE = 'immunosteward-order-sign';

/**
 * English words no Russian or Uzbek card has, outside what it copies from the request. Word edges are
 * letters in any script: Uzbek's oʻ/gʻ (U+02BB) and ʼ (U+02BC) are letters, so "toʻxtating" holds no "to".
 */
const ENGLISH =
  /(?<!\p{L})(the|and|with|is|are|was|of|for|to|not|no|or|what to do|evidence|sources?|orders?|results?|before|after|within|without|since|should|this|that|has|have|more|concerns?|remove|limit|course|days?|weeks?|months?|current|below|above|range|deficit|stale|expert|opinion|immune|profile|available)(?!\p{L})/iu;
const CYRILLIC = /[\u0400-\u04FF]/;

/**
 * Names a card keeps in their own language: the drugs' international names and the sources' short
 * citations ("ASCO/IDSA 2018").
 */
const NAMES = [...DRUG_AGENTS.map((a) => a.name), ...ALL_SOURCES.flatMap((s) => [s.citation, s.short ?? ''])];

/**
 * Every `text` and `display` the request carries (what a card may copy as it was sent) and the
 * names above, longest first.
 */
function requestTexts(body: unknown): string[] {
  const found = new Set<string>(NAMES.filter((n) => n !== ''));
  const walk = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      if (key === 'text' || key === 'display') found.add(value);
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(body);
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * What the card says in its own words: summary, detail, suggestion labels, override reasons and the
 * link label, without the sources paragraph, link targets, FHIR references, markdown escapes and the
 * texts copied from the request.
 */
function ownWords(card: Card, locale: Locale, copied: readonly string[]): string {
  const sourcesLabel = translator(locale).t('detail.sources', { sources: '' }).trim();
  const detail = (card.detail ?? '')
    .split('\n\n')
    .filter((paragraph) => !paragraph.startsWith(sourcesLabel))
    .join('\n\n');
  let text = [
    card.summary,
    detail,
    ...(card.suggestions ?? []).map((s) => s.label),
    ...(card.overrideReasons ?? []).map((r) => r.display ?? ''),
    ...(card.links ?? []).map((l) => l.label),
  ]
    .join('\n')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\\([\\`*_[\]|~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\b[A-Z][A-Za-z]+\/[A-Za-z0-9.-]+/g, ' ');
  // Case-insensitively: a name may open a sentence.
  for (const copy of copied) text = text.replace(new RegExp(copy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' ');
  return text;
}

/** A card wholly in `locale`: no English word of its own, Cyrillic in Russian, Latin Uzbek in Uzbek. */
function expectWhollyIn(locale: 'ru' | 'uz', card: Card, copied: readonly string[], slug: string): void {
  const words = ownWords(card, locale, copied);
  const english = ENGLISH.exec(words);
  expect(english?.[0], `${slug}: English "${english?.[0]}" in ${JSON.stringify(words)}`).toBeUndefined();
  // The card's own headings are the catalog's, not English's.
  const whatToDo = translator(locale).t('detail.whatToDo', { action: '' }).trim();
  expect(whatToDo).not.toBe(translator('en').t('detail.whatToDo', { action: '' }).trim());
  expect(card.detail, slug).toContain(whatToDo);
  if (locale === 'ru') expect(words, slug).toMatch(CYRILLIC);
  // Uzbek is written in the Latin script.
  else expect(words, slug).not.toMatch(CYRILLIC);
}

/** An order-sign call at the scenarios' anchor date (the service's clock and the JWT agree on it). */
async function signAt(
  svc: Awaited<ReturnType<typeof startService>>,
  body: unknown,
  options: { acceptLanguage?: string; claims?: Record<string, unknown>; iss?: string; service?: string } = {},
) {
  const shift = Math.round((FIXTURE_NOW.getTime() - Date.now()) / 1000);
  const url = `/cds-services/${options.service ?? SERVICE}`;
  const token = await sign(`${BASE}${url}`, {
    iat: shift,
    exp: shift + 300,
    ...(options.claims ? { claims: options.claims } : {}),
    ...(options.iss ? { iss: options.iss } : {}),
  });
  return svc.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(options.acceptLanguage ? { 'accept-language': options.acceptLanguage } : {}),
    },
    payload: JSON.stringify(body),
  });
}

describe('every demo scenario in the language chosen for the call', () => {
  let svc: Awaited<ReturnType<typeof startService>>;
  const lines: string[] = [];

  beforeAll(async () => {
    svc = await startService(
      { tenants: { 'clinic-uz': { language: 'uz' } } },
      { write: (line: string) => lines.push(line) },
      { now: () => FIXTURE_NOW },
    );
  });
  afterAll(async () => {
    await svc.app.close();
  });

  it('the Russian and Uzbek catalogs are installed by the service', () => {
    expect(Object.keys(ALL_CATALOGS).sort()).toEqual(['en', 'ru', 'uz']);
    expect(translator('ru').locale).toBe('ru');
    expect(translator('uz').locale).toBe('uz');
  });

  it.each(SLUGS)('%s: Accept-Language ru gives cards wholly in Russian', async (slug) => {
    const body = scenario(slug);
    const res = await signAt(svc, body, { acceptLanguage: 'ru-RU,ru;q=0.9,en;q=0.8' });
    expect(res.statusCode, slug).toBe(200);
    const { cards } = res.json() as { cards: Card[] };
    const english = await signAt(svc, body);
    // The same cards as in English, only in other words.
    expect(cards.map((c) => [c.indicator, c.source.topic.code])).toEqual(
      (english.json() as { cards: Card[] }).cards.map((c) => [c.indicator, c.source.topic.code]),
    );
    for (const card of cards) expectWhollyIn('ru', card, requestTexts(body), slug);
  });

  it.each(SLUGS)('%s: a tenant configured uz gets Uzbek whatever the header says', async (slug) => {
    const body = scenario(slug);
    const res = await signAt(svc, body, { acceptLanguage: 'ru', claims: { tenant: 'clinic-uz' } });
    expect(res.statusCode, slug).toBe(200);
    for (const card of (res.json() as { cards: Card[] }).cards) expectWhollyIn('uz', card, requestTexts(body), slug);
  });

  it.each(SLUGS)('%s: the patient-view summary card in Russian too', async (slug) => {
    const { context, ...rest } = scenario(slug);
    const body = { ...rest, hook: 'patient-view', context: { userId: context.userId, patientId: context.patientId } };
    const res = await signAt(svc, body, { acceptLanguage: 'ru', service: 'immunosteward-patient-view' });
    expect(res.statusCode, slug).toBe(200);
    for (const card of (res.json() as { cards: Card[] }).cards) {
      const words = ownWords(card, 'ru', requestTexts(body));
      expect(ENGLISH.exec(words)?.[0], `${slug}: ${JSON.stringify(words)}`).toBeUndefined();
      expect(words, slug).toMatch(CYRILLIC);
    }
  });

  it('logs the language of each call and what chose it, never the patient', async () => {
    lines.length = 0;
    await signAt(svc, scenario('hiv-cd4'), { acceptLanguage: 'ru' });
    await signAt(svc, scenario('hiv-cd4'), { acceptLanguage: 'ru', claims: { tenant: 'clinic-uz' } });
    const calls = lines.map((l) => JSON.parse(l) as Json).filter((l) => l.msg === 'cds call');
    expect(calls.map((c) => [c.language, c.languageFrom])).toEqual([
      ['ru', 'accept-language'],
      ['uz', 'tenant'],
    ]);
    expect(lines.join('\n')).not.toContain('hiv-cd4');
  });

  it('discovery and error answers stay in English', async () => {
    const discovery = await svc.app.inject({ url: '/cds-services', headers: { 'accept-language': 'ru' } });
    expect(JSON.stringify(discovery.json())).not.toMatch(CYRILLIC);
    const invalid = await signAt(svc, { hook: 'order-sign' }, { acceptLanguage: 'ru' });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.stringify(invalid.json())).not.toMatch(CYRILLIC);
  });
});

describe('choosing the language: tenant, then issuer, then Accept-Language, then the site', () => {
  let runtime: Runtime;
  const caller = (iss: string, tenant?: string) => ({ iss, jti: 'j', ...(tenant ? { tenant } : {}) });

  beforeAll(async () => {
    const k = await testKeys();
    const config = await testConfig({
      auth: {
        trustedIssuers: [
          { iss: EHR_ISS, jwks: { keys: [k.ES384.publicJwk] }, tenant: 'hospital-a', language: 'ru' },
          { iss: OTHER_ISS, jwks: { keys: [k.ES384.publicJwk] } },
        ],
      },
      tenants: { 'clinic-uz': { language: 'uz' }, 'clinic-plain': { app: { linkType: 'absolute' } } },
    });
    runtime = new Runtime(config, new MemoryReplayCache(), () => FIXTURE_NOW);
  });

  it("the tenant's language comes before the issuer's and the header", () => {
    expect(runtime.languageFor(caller(EHR_ISS, 'clinic-uz'), 'en')).toEqual({ locale: 'uz', from: 'tenant' });
    expect(runtime.languageFor(caller(OTHER_ISS, 'clinic-uz'), 'ru')).toEqual({ locale: 'uz', from: 'tenant' });
  });

  it("the issuer's language comes before the header, also for a tenant with no language", () => {
    expect(runtime.languageFor(caller(EHR_ISS, 'hospital-a'), 'uz')).toEqual({ locale: 'ru', from: 'issuer' });
    expect(runtime.languageFor(caller(EHR_ISS, 'clinic-plain'), 'uz')).toEqual({ locale: 'ru', from: 'issuer' });
    // A tenant claim that is no configured tenant (nor an Object property) is no tenant.
    expect(runtime.languageFor(caller(EHR_ISS, 'constructor'), 'uz')).toEqual({ locale: 'ru', from: 'issuer' });
  });

  it('then the best supported language of Accept-Language, q-values honoured', () => {
    const other = caller(OTHER_ISS);
    expect(runtime.languageFor(other, 'uz-Latn-UZ,ru;q=0.5')).toEqual({ locale: 'uz', from: 'accept-language' });
    expect(runtime.languageFor(other, 'ru;q=0.4, uz;q=0.9, en;q=0.1')).toEqual({
      locale: 'uz',
      from: 'accept-language',
    });
    expect(runtime.languageFor(other, 'de-DE, fr;q=0.9, ru;q=0.1')).toEqual({ locale: 'ru', from: 'accept-language' });
    expect(runtime.languageFor(other, 'en-GB, ru;q=0.9')).toEqual({ locale: 'en', from: 'accept-language' });
    // Without authentication (auth.disabled) there is no caller: the header decides.
    expect(runtime.languageFor(undefined, 'ru')).toEqual({ locale: 'ru', from: 'accept-language' });
  });

  it("then the site's language: unsupported, zero-weight, malformed or no header", () => {
    const other = caller(OTHER_ISS);
    for (const header of ['de-DE, fr;q=0.8', 'ru;q=0', ';;,q=1', '*', '', undefined]) {
      expect(runtime.languageFor(other, header), String(header)).toEqual({ locale: 'en', from: 'site' });
    }
    const site = new Runtime({ ...runtime.config, language: 'uz' }, new MemoryReplayCache(), () => FIXTURE_NOW);
    expect(site.languageFor(other, 'de')).toEqual({ locale: 'uz', from: 'site' });
    expect(site.languageFor(other, 'ru')).toEqual({ locale: 'ru', from: 'accept-language' });
  });

  it('follows a reload', () => {
    const reloaded = new Runtime(runtime.config, new MemoryReplayCache(), () => FIXTURE_NOW);
    reloaded.reload({ ...runtime.config, tenants: { 'clinic-uz': { language: 'ru' } } });
    expect(reloaded.languageFor(caller(OTHER_ISS, 'clinic-uz'), 'uz')).toEqual({ locale: 'ru', from: 'tenant' });
  });
});

describe('the language keys of the site configuration', () => {
  it('default to English at the site and to nothing for tenants and issuers', async () => {
    const config = await testConfig();
    expect(config.language).toBe('en');
    expect(config.auth.trustedIssuers[0]?.language).toBeUndefined();
  });

  it('accept only en, ru and uz, naming the key path of anything else', () => {
    const result = validateSiteConfig({
      language: 'fr',
      auth: { trustedIssuers: [{ iss: EHR_ISS, jkuAllowed: ['https://ehr.example.org/jwks'], language: 'RU' }] },
      tenants: { childrens: { language: 'uz-Cyrl' } },
    });
    const message = 'not a language ImmunoSteward writes: en, ru, uz';
    expect('errors' in result && result.errors).toEqual([
      { path: 'auth.trustedIssuers[0].language', message },
      { path: 'language', message },
      { path: 'tenants.childrens.language', message },
    ]);
  });
});

describe('plural forms of the card summary in Russian', () => {
  /** A card for one order with `count` findings: the first is the summary, the others "more concerns". */
  function cardWith(count: number): Card {
    installAllCatalogs();
    const t = translator('ru');
    const order = { reference: 'MedicationRequest/m-1', display: 'Полиоксидоний 6 мг', name: 'Полиоксидоний' };
    const findings: Finding[] = Array.from({ length: count }, (_, i) => ({
      ruleId: i === 0 ? 'booster-not-indicated' : 'course-unbounded',
      indicator: 'warning',
      summary: `Полиоксидоний: замечание ${i + 1}`,
      concerns: [`замечание ${i + 1}`],
      action: 'Пересмотрите назначение',
      detail: '',
      evidence: [],
      sources: [],
      order,
      suggestions: [],
    }));
    const [assessment] = assessOrders(findings, t);
    if (!assessment) throw new Error('no assessment');
    return assessmentToCard(assessment, {
      config: defaultSiteConfig(),
      t,
      patientId: 'p-1',
      drafts: new Map(),
      missing: [],
    });
  }

  /** The words the Russian catalog has for `n` more concerns in the plural category `category`. */
  function moreConcerns(category: 'few' | 'many', n: number): string {
    type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };
    const message = ALL_CATALOGS.ru?.['card.summaryMore'];
    if (!message) throw new Error('no Russian catalog');
    const ast = new IntlMessageFormat(message, 'ru').getAst() as unknown as Element[];
    const plural = ast.find((e) => e.type === 6 && e.value === 'more');
    // 0: literal text, 7: the plural's "#".
    return (plural?.options?.[category]?.value ?? [])
      .map((e) => (e.type === 0 ? e.value : e.type === 7 ? String(n) : ''))
      .join('');
  }

  it('2 more concerns take the "few" form, 5 the "many" form', () => {
    const two = cardWith(3).summary;
    const five = cardWith(6).summary;
    expect(new Intl.PluralRules('ru').select(2)).toBe('few');
    expect(new Intl.PluralRules('ru').select(5)).toBe('many');
    expect(two).toContain(moreConcerns('few', 2).trim());
    expect(five).toContain(moreConcerns('many', 5).trim());
    expect(two.replace('2', '#')).not.toBe(five.replace('5', '#'));
    expect(two).toMatch(CYRILLIC);
    expect(two).not.toMatch(/\bmore concerns?\b/);
  });
});
