// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { assessmentToCard } from '../../cds-hooks/cards/render.js';
import { DemoFhirServer } from '../../cds-hooks/demo/fhir-server.js';
import { App } from '../../src/app/App.js';
import { Admin } from '../../src/app/admin/Admin.js';
import type { Analytics } from '../../src/app/admin/api.js';
import { analyse } from '../../src/app/analysis.js';
import { pageTranslator, showIn } from '../../src/app/language.js';
import { CardView } from '../../src/app/playground/CardView.js';
import { Playground } from '../../src/app/playground/Playground.js';
import { AuthorizationError, redirectRefusal } from '../../src/app/smart/authorization.js';
import { describeError, loadFailure, SetupError } from '../../src/app/smart/errors.js';
import { ErrorScreen } from '../../src/app/views/ErrorScreen.js';
import { Panel } from '../../src/app/views/Panel.js';
import { defaultSiteConfig } from '../../src/core/config/schema.js';
import { ALL_CATALOGS } from '../../src/core/messages/catalogs.js';
import { installCatalog, type Locale } from '../../src/core/messages/translator.js';
import { ALL_SOURCES } from '../../src/core/sources.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';
import { medicationRequest } from '../helpers/orders.js';
import { config, makeClient, NOW, resetServerState, server, state } from './fhir-server.js';

/**
 * No English on a page shown in Russian or Uzbek: every view is rendered in each language with its
 * real catalog, and its text — minus what is copied from FHIR (names, drugs as ordered, condition
 * texts), the citations of sources and each language's own name in the switch — holds no English word.
 */

const LANGUAGES = ['ru', 'uz'] as const satisfies readonly Locale[];

/** Words that are English and neither Russian nor Uzbek. */
const ENGLISH = new Set(
  (
    'the and with of is are was were not no for from this that these to be by on at or as an it its ' +
    'what do does evidence sources source loading results result order orders ordered patient patients ' +
    'finding findings retry none unknown days weeks since until last current expired session ' +
    'could read access sign signing card cards override comment reason feedback rule rules ' +
    'course courses due overdue review plan done baseline running ended today'
  ).split(' '),
);

/** Text copied from records and sources, removed before the check (longest first). */
const DATA: string[] = [];

function collectStrings(value: unknown): void {
  if (typeof value === 'string') {
    if (/\p{L}{3}/u.test(value)) DATA.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collectStrings(v);
  }
}

/** The English words of the rendered page, with where they stand. */
function englishIn(locale: Locale, root: ParentNode = document.body): string[] {
  const parts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    // Codes and raw JSON are technical; an element in another language says so (the switch's names).
    if (parent?.closest('code, pre, script, style')) continue;
    const lang = parent?.closest('[lang]')?.getAttribute('lang');
    if (lang && lang !== locale) continue;
    parts.push(node.textContent ?? '');
  }
  for (const el of root.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) parts.push(el.getAttribute(attr) ?? '');
  }
  let text = parts.join(' \n ');
  // Whole words only: a record's `intent: "order"` is not the "order" of "order-sign".
  for (const data of [...DATA].sort((a, b) => b.length - a.length)) {
    const escaped = data.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`(?<![\\p{L}-])${escaped}(?![\\p{L}-])`, 'gu'), ' ');
  }
  const found: string[] = [];
  for (const match of text.matchAll(/[\p{L}ʻʼ’'-]+/gu)) {
    if (ENGLISH.has(match[0].toLowerCase())) {
      const at = match.index ?? 0;
      found.push(`${match[0]} in “${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ')}”`);
    }
  }
  return found;
}

const WAIT = { timeout: 8000 };
// (jsdom's URL cannot resolve file: URLs, so the fixtures' folder is named by path.)
const FIXTURES = resolve(import.meta.dirname, '../fixtures');
const loadFixture = (name: string): unknown => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'));

let demo: DemoFhirServer;

beforeAll(async () => {
  for (const locale of LANGUAGES) {
    const catalog = ALL_CATALOGS[locale];
    if (!catalog) throw new Error(`no ${locale} catalog in ALL_CATALOGS`);
    installCatalog(locale, catalog);
  }
  server.listen({ onUnhandledRequest: 'error' });
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
  demo = await DemoFhirServer.create(resolve(FIXTURES, 'demo'), 'https://demo.test/fhir', FIXTURE_NOW);
  for (const name of [
    'patient-healthy.json',
    'demo/vitamin-d-excess.json',
    'demo/methotrexate-mmr.json',
    'demo/peginterferon-monitoring.json',
    'demo/thymus-endpoint.json',
  ]) {
    collectStrings(loadFixture(name));
  }
  collectStrings(demo.orders);
  collectStrings(demo.patients.map((p) => p.name));
  collectStrings(HEALTHY_ORDERS);
  for (const source of ALL_SOURCES) DATA.push(source.citation, ...(source.short ? [source.short] : []));
});
afterEach(async () => {
  cleanup();
  resetServerState();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  await showIn('en');
});
afterAll(() => server.close());

const HEALTHY_ORDERS = [
  medicationRequest({
    id: 'vitd-1',
    patient: 'healthy-1',
    text: 'Colecalciferol 2000 IU',
    authoredOn: '2026-06-01',
  }),
  medicationRequest({
    id: 'draft-lysate',
    patient: 'healthy-1',
    status: 'draft',
    text: 'Broncho-munal 3.5 mg capsules',
    boundsDays: 10,
  }),
];

/** Answers the page's `fetch` calls by path. */
function stubFetch(routes: Record<string, unknown>) {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const path = new URL(String(input), 'https://demo.test').pathname;
    const body = routes[path];
    if (body === undefined) return new Response('not found', { status: 404 });
    return Response.json(body);
  });
}

describe.each(LANGUAGES)('every view in %s', (locale) => {
  it('the app on a record with findings, opened from a card on a draft order', async () => {
    await showIn(locale);
    state.extra = HEALTHY_ORDERS;
    render(
      <App
        client={makeClient({
          appContext: JSON.stringify({ rule: 'booster-not-indicated', order: 'MedicationRequest/draft-lysate' }),
        })}
        config={config}
        onLanguage={() => undefined}
        now={NOW}
      />,
    );
    await waitFor(() => {
      expect(document.querySelector('[aria-busy="true"]')).toBeNull();
      expect(document.querySelectorAll('.finding').length).toBeGreaterThan(0);
    }, WAIT);
    expect(document.documentElement.lang).toBe(locale);
    expect(englishIn(locale).join('\n')).toBe('');
  });

  it('the app on the vitamin D excess scenario, and with data that did not arrive', async () => {
    await showIn(locale);
    state.extra = [loadFixture('demo/vitamin-d-excess.order.json') as Record<string, unknown>];
    state.failures = { Condition: 'network', Immunization: 500 };
    render(
      <App
        client={makeClient({
          patient: 'vitamin-d-excess',
          appContext: JSON.stringify({ order: 'MedicationRequest/vitamin-d-excess-draft' }),
        })}
        config={config}
        onLanguage={() => undefined}
        now={NOW}
      />,
    );
    await waitFor(() => {
      expect(document.querySelector('[aria-busy="true"]')).toBeNull();
      expect(document.querySelector('.page-incomplete')).not.toBeNull();
    }, WAIT);
    expect(englishIn(locale).join('\n')).toBe('');
  });

  it('the Courses view: overdue tests, a renewal after the deficit resolved, the plans and their sources', async () => {
    await showIn(locale);
    state.extra = [loadFixture('demo/thymus-endpoint.order.json') as Record<string, unknown>];
    for (const [patient, appContext] of [
      ['peginterferon-monitoring', { view: 'courses' }],
      ['thymus-endpoint', { view: 'courses', order: 'MedicationRequest/thymus-endpoint-draft' }],
    ] as const) {
      render(
        <App
          client={makeClient({ patient, appContext: JSON.stringify(appContext) })}
          config={config}
          onLanguage={() => undefined}
          now={NOW}
        />,
      );
    }
    await waitFor(() => {
      expect(document.querySelector('[aria-busy="true"]')).toBeNull();
      expect(document.querySelectorAll('.course-card')).toHaveLength(2);
      expect(document.querySelectorAll('.plan-row')).toHaveLength(3);
      expect(document.querySelectorAll('.course-finding .markdown').length).toBeGreaterThan(1);
      expect(document.querySelectorAll('figure.trend-chart')).toHaveLength(2);
    }, WAIT);
    expect(englishIn(locale).join('\n')).toBe('');
  });

  it('the error pages and the panels’ failures', async () => {
    await showIn(locale);
    const refusal = redirectRefusal(new URLSearchParams({ error: 'invalid_scope', error_description: 'EHR words' }));
    DATA.push('EHR words');
    const errors = [
      describeError(new Error('smart-config.json: HTTP 404')),
      describeError({ status: 401 }),
      describeError({ status: 403 }),
      describeError({ status: 500 }),
      describeError(new TypeError('Failed to fetch')),
      describeError(new SetupError(pageTranslator().t('app.setup.noIssuer'))),
      describeError(
        new AuthorizationError(refusal ?? { code: 'x' }, {
          clientId: 'c',
          redirectUri: 'https://app.test/index.html',
          scope: 'launch openid',
        }),
      ),
      describeError(new AuthorizationError({ code: 'access_denied' }, undefined)),
    ];
    for (const error of errors) render(<ErrorScreen error={error} onRetry={() => undefined} />);
    for (const failure of [
      { kind: 'not-granted' as const },
      loadFailure(Object.assign(new Error('x'), { status: 401 })),
      loadFailure(Object.assign(new Error('x'), { status: 403 })),
      loadFailure(Object.assign(new Error('x'), { status: 404 })),
      loadFailure(Object.assign(new Error('x'), { status: 503 })),
      loadFailure(new TypeError('Failed to fetch')),
    ]) {
      render(<Panel title="" source="observations" state={{ status: 'failed', failure }} onRetry={() => undefined} />);
    }
    render(<Panel title="" source="medications" state={{ status: 'analysis-failed' }} onRetry={() => undefined} />);
    render(<Panel title="" source="conditions" state={{ status: 'loading' }} />);
    expect(englishIn(locale).join('\n')).toBe('');
  });

  it('the admin page with analytics', async () => {
    await showIn(locale);
    sessionStorage.setItem('immunosteward-admin-token', 'token');
    const analytics: Analytics = {
      query: { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
      rules: [
        {
          rule: 'booster-not-indicated',
          tenant: null,
          shown: 12,
          accepted: 5,
          overridden: 4,
          overrideRate: 4 / 9,
          topReasons: [{ code: 'clinical-judgement', display: null, count: 3 }],
          comments: 1,
          suggestionsAccepted: 5,
        },
      ],
      services: [
        {
          service: 'immunosteward-order-sign',
          invocations: 40,
          p50Ms: 12,
          p95Ms: 40,
          p99Ms: null,
          status412: 1,
          status4xx: 0,
          status5xx: 0,
        },
      ],
    } as Analytics;
    stubFetch({ '/admin/api/analytics': analytics });
    render(<Admin onLanguage={() => undefined} />);
    await waitFor(() => expect(document.querySelectorAll('table')).toHaveLength(2), WAIT);
    expect(englishIn(locale).join('\n')).toBe('');
  });

  it('the playground with the demo’s orders, and a card as the service writes it in that language', async () => {
    await showIn(locale);
    stubFetch({ '/demo/patients': demo.patients.map(({ id, name }) => ({ id, name })), '/demo/orders': demo.orders });
    render(<Playground onLanguage={() => undefined} />);
    await waitFor(() => expect(document.querySelectorAll('input[type="checkbox"]').length).toBeGreaterThan(0), WAIT);
    const order = demo.orders.find((o) => o.patient === 'methotrexate-mmr');
    if (!order) throw new Error('no methotrexate-mmr order');
    const bundle = loadFixture('demo/methotrexate-mmr.json') as { entry: { resource: unknown }[] };
    const analysis = analyse(
      bundle.entry.map((e) => e.resource),
      {
        patientId: 'methotrexate-mmr',
        now: FIXTURE_NOW,
        linkedOrder: { reference: `ServiceRequest/${order.id}`, resources: [order.resource] },
      },
    );
    expect(analysis.assessments.length).toBeGreaterThan(0);
    const t = pageTranslator();
    const cardContext = {
      config: defaultSiteConfig(),
      t,
      patientId: 'methotrexate-mmr',
      drafts: new Map([[`ServiceRequest/${order.id}`, order.resource]]),
      missing: [t.t('app.data.immunizations')],
    };
    for (const assessment of analysis.assessments) {
      render(
        <CardView
          card={assessmentToCard(assessment, cardContext)}
          patientId="methotrexate-mmr"
          onApply={() => undefined}
          onError={() => undefined}
        />,
      );
    }
    for (const button of screen.getAllByRole('button', { name: t.t('playground.override') })) button.click();
    await waitFor(() => expect(document.querySelectorAll('fieldset.pg-override').length).toBeGreaterThan(0));
    expect(englishIn(locale).join('\n')).toBe('');
  });
});

describe('the check itself', () => {
  it('finds English words on a page said to be Russian, and skips what is marked as another language', () => {
    render(
      <p>
        The EHR answered <span lang="en">with an error</span>
      </p>,
    );
    document.documentElement.lang = 'ru';
    expect(englishIn('ru')).toEqual(['The in “The EHR answered ”']);
  });
});
