import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import { outcome } from '../../src/contract/operation-outcome.js';
import { installAllCatalogs } from '../../src/core/messages/catalogs.js';
import { LOCALE_NAMES } from '../../src/core/messages/lazy.js';
import { isLocale, LOCALES, type Locale, negotiateLocale, translator } from '../../src/core/messages/translator.js';
import { MemoryReplayCache } from '../auth/replay-cache.js';
import { type BulkServerOptions, DEFAULT_BULK_OPTIONS } from './bulk-export.js';
import { bulkRoutes } from './bulk-routes.js';
import { demoExportSource } from './bulk-source.js';
import type { DemoFhirServer } from './fhir-server.js';
import { type DemoIssuer, signDemoToken } from './issuer.js';

/**
 * The embedded demo's routes: the read-only FHIR server, the app configuration that lets the
 * app open a demo patient without an EHR (open-server launch), and the landing page — in the
 * language of `?lang=`, else the browser's (`Accept-Language`), else English; its links pass the
 * language on to the app, the playground and the admin page.
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The landing page's styles: inline, allowed by their hash in the page's CSP (no other style runs). */
const LANDING_CSS = `
:root{--ink:#1a1f2b;--muted:#4a5363;--paper:#fff;--canvas:#f3f5f8;--line:#c9d0da;--accent:#1f4e9c;--accent-soft:#e6effb}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.5;color:var(--ink);background:var(--canvas)}
body{margin:0;min-width:320px;overflow-wrap:break-word}
a{color:var(--accent);text-underline-offset:2px}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;background:#eceff3;padding:0 4px;border-radius:3px}
.hero{background:var(--paper);border-bottom:1px solid var(--line)}
.wrap{max-width:1200px;margin:0 auto;padding:24px 20px}
.brand{display:flex;align-items:center;gap:12px}
.brand svg{width:40px;height:40px;flex:none}
h1{margin:0;font-size:1.75rem;line-height:1.2}
.lede{max-width:72ch;margin:12px 0 0;font-size:1.05rem}
.setup{max-width:72ch;margin:8px 0 0;color:var(--muted);font-size:.95rem}
h2{font-size:1.25rem;margin:8px 0 4px}
.hint{margin:0 0 16px;color:var(--muted)}
.patients{list-style:none;margin:0;padding:0;display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(min(100%,340px),1fr))}
.patient{background:var(--paper);border:1px solid var(--line);border-top:4px solid var(--accent);border-radius:6px;padding:14px 16px;display:flex;flex-direction:column;gap:6px}
.patient h3{margin:0;font-size:1.05rem;display:flex;flex-wrap:wrap;gap:4px 8px;align-items:baseline}
.patient p{margin:0}
.try{color:var(--muted);font-size:.95rem}
.try strong{color:var(--ink)}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:auto;padding-top:6px}
.actions a{display:inline-block;padding:5px 12px;border:1px solid var(--accent);border-radius:4px;text-decoration:none;font-weight:600}
.actions a.primary{background:var(--accent);color:#fff}
.actions a:hover{background:var(--accent-soft)}
.actions a.primary:hover{background:#163a75}
.more{list-style:none;margin:0;padding:0;display:grid;gap:8px}
.languages{display:flex;flex-wrap:wrap;gap:4px 14px;margin:0 0 12px;padding:0;list-style:none;font-size:.95rem}
.languages a[aria-current]{color:var(--ink);font-weight:600;text-decoration:none}
.docs{color:var(--muted)}
footer{border-top:1px solid var(--line);background:var(--paper)}
`;
const LANDING_CSS_HASH = `'sha256-${createHash('sha256').update(LANDING_CSS).digest('base64')}'`;

/** The page's policy: nothing runs, only its own inline styles and the app's favicon. */
export const LANDING_CSP = `default-src 'none'; style-src ${LANDING_CSS_HASH}; img-src 'self'; base-uri 'none'; form-action 'none'`;

const LOGO =
  '<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><path d="M16 2 4 6.5V15c0 7.4 5.1 13.2 12 15 6.9-1.8 12-7.6 12-15V6.5z" fill="#1f4e9c"/><path d="M14 9h4v5h5v4h-5v5h-4v-5H9v-4h5z" fill="#fff"/></svg>';

/** The page's language: `?lang=` when it names one, else the browser's first supported, else English. */
export function landingLocale(lang: unknown, acceptLanguage: string | undefined): Locale {
  return isLocale(lang) ? lang : (negotiateLocale(acceptLanguage) ?? 'en');
}

/** Every language, each named in itself; the page's own marked current. */
function languageChoice(locale: Locale): string {
  const t = translator(locale);
  const links = LOCALES.map(
    (l) =>
      `<li><a href="/?lang=${l}" hreflang="${l}" lang="${l}"${l === locale ? ' aria-current="true"' : ''}>${escapeHtml(LOCALE_NAMES[l])}</a></li>`,
  ).join('');
  return `<nav aria-label="${escapeHtml(t.t('app.language'))}"><ul class="languages">${links}</ul></nav>`;
}

function patientCard(p: { id: string; name: string }, base: string, locale: Locale): string {
  const t = translator(locale);
  const text = (key: string) => (t.has(key) ? escapeHtml(t.t(key)) : undefined);
  const open = `${base}/app/launch.html?fhirServiceUrl=${encodeURIComponent(`${base}/fhir`)}&patientId=${encodeURIComponent(p.id)}&lang=${locale}`;
  const playground = `${base}/app/playground.html?patient=${encodeURIComponent(p.id)}&lang=${locale}`;
  const story = text(`landing.patient.${p.id}.story`);
  const tryIt = text(`landing.patient.${p.id}.try`);
  return `<li class="patient">
          <h3>${escapeHtml(p.name)} <code>${escapeHtml(p.id)}</code></h3>
          ${story ? `<p>${story}</p>` : ''}
          ${tryIt ? `<p class="try"><strong>${escapeHtml(t.t('landing.patient.try'))}</strong> ${tryIt}</p>` : ''}
          <p class="actions"><a class="primary" href="${escapeHtml(open)}">${escapeHtml(t.t('landing.openApp'))}</a> <a href="${escapeHtml(playground)}">${escapeHtml(t.t('landing.tryOrder'))}</a></p>
        </li>`;
}

export function landingPage(fhir: DemoFhirServer, base: string, locale: Locale = 'en'): string {
  const t = translator(locale);
  const e = (key: Parameters<typeof t.t>[0], values?: Parameters<typeof t.t>[1]) => escapeHtml(t.t(key, values));
  const cards = fhir.patients.map((p) => patientCard(p, base, locale)).join('\n        ');
  return `<!doctype html>
<html lang="${locale}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${e('landing.title')}</title>
    <link rel="icon" type="image/svg+xml" href="/app/favicon.svg">
    <style>${LANDING_CSS}</style>
  </head>
  <body>
    <header class="hero">
      <div class="wrap">
        ${languageChoice(locale)}
        <div class="brand">${LOGO}<h1>${e('landing.title')}</h1></div>
        <p class="lede">${e('landing.lede')}</p>
        <p class="setup">${e('landing.setup', { fhir: `${base}/fhir`, cds: `${base}/cds-services` })}</p>
      </div>
    </header>
    <main class="wrap">
      <h2>${e('landing.patients')}</h2>
      <p class="hint">${e('landing.patients.hint')}</p>
      <ul class="patients">
        ${cards}
      </ul>
    </main>
    <footer>
      <div class="wrap">
        <h2>${e('landing.more')}</h2>
        <ul class="more">
          <li><a href="/app/playground.html?lang=${locale}">${e('landing.link.playground')}</a> — ${e('landing.link.playground.about')}</li>
          <li><a href="/admin?lang=${locale}">${e('landing.link.admin')}</a> — ${e('landing.link.admin.about')}</li>
          <li><a href="/cds-services">${e('landing.link.discovery')}</a> — ${e('landing.link.discovery.about')}</li>
        </ul>
        <p class="docs">${e('landing.docs')}</p>
      </div>
    </footer>
  </body>
</html>
`;
}

export interface DemoRoutesOptions {
  fhir: DemoFhirServer;
  smartConfig: Record<string, unknown>;
  base: string;
  /** Signs the playground's CDS Hooks calls, which then go through the real verification path. */
  issuer?: DemoIssuer;
  /** Bulk Data export with Backend Services tokens, for these clients (client_id → public keys). */
  bulk?: { clients: Record<string, JSONWebKeySet>; options?: Partial<BulkServerOptions> };
}

export const demoRoutes: FastifyPluginAsync<DemoRoutesOptions> = async (app, demo) => {
  const base = demo.base;
  // The landing page is written in whichever language a visitor asks for.
  installAllCatalogs();
  app.get<{ Querystring: { lang?: string } }>('/', async (request, reply) => {
    const locale = landingLocale(request.query.lang, request.headers['accept-language']);
    return reply
      .header('content-security-policy', LANDING_CSP)
      .header('content-language', locale)
      .header('vary', 'Accept-Language')
      .type('text/html; charset=utf-8')
      .send(landingPage(demo.fhir, base, locale));
  });
  app.get('/app/smart-config.json', async () => demo.smartConfig);
  app.get('/demo/patients', async () => demo.fhir.patients.map(({ id, name }) => ({ id, name })));
  app.get('/demo/orders', async () => demo.fhir.orders);
  app.post<{ Body: { audience?: unknown } }>('/demo/token', async (request, reply) => {
    const audience = request.body?.audience;
    // Only tokens for this service's own CDS endpoints.
    if (!demo.issuer || typeof audience !== 'string' || !audience.startsWith(`${base}/cds-services`)) {
      return reply
        .code(400)
        .send(outcome('invalid', `audience must be an endpoint under ${base}/cds-services`, 'audience'));
    }
    return { token: await signDemoToken(demo.issuer, audience) };
  });
  app.get<{ Params: { '*': string }; Querystring: Record<string, string> }>('/fhir/*', async (request, reply) => {
    const path = request.params['*'];
    // The order being signed stays readable by its id, as an EHR keeps a pending order: a card's
    // link opens the app on it.
    const pending = demo.fhir.orders.find((o) => `${String(o.resource.resourceType)}/${o.id}` === path);
    if (pending) return reply.type('application/fhir+json').send(pending.resource);
    const result = await demo.fhir.get(path, request.query);
    return reply.code(result.status).type('application/fhir+json').send(result.body);
  });
  if (demo.bulk) {
    const options = { ...DEFAULT_BULK_OPTIONS, ...demo.bulk.options };
    await app.register(bulkRoutes, {
      base,
      source: demoExportSource(demo.fhir, options.patients),
      clients: demo.bulk.clients,
      replay: new MemoryReplayCache(),
      options,
    });
  }
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    app.route({
      method,
      url: '/fhir/*',
      handler: async (_request, reply) =>
        reply.code(405).send(outcome('not-supported', 'the demo FHIR server is read-only')),
    });
  }
};
