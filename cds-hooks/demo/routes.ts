import type { FastifyPluginAsync } from 'fastify';
import { outcome } from '../../src/contract/operation-outcome.js';
import type { DemoFhirServer } from './fhir-server.js';
import { type DemoIssuer, signDemoToken } from './issuer.js';

/**
 * The embedded demo's routes: the read-only FHIR server, the app configuration that lets the
 * app open a demo patient without an EHR (open-server launch), and the landing page.
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function landingPage(fhir: DemoFhirServer, base: string): string {
  const rows = fhir.patients
    .map((p) => {
      const open = `${base}/app/launch.html?fhirServiceUrl=${encodeURIComponent(`${base}/fhir`)}&patientId=${encodeURIComponent(p.id)}`;
      const playground = `${base}/app/playground.html?patient=${encodeURIComponent(p.id)}`;
      return `<li><strong>${escapeHtml(p.name)}</strong> <code>${escapeHtml(p.id)}</code> — <a href="${escapeHtml(open)}">Open in app</a> · <a href="${escapeHtml(playground)}">Try an order</a></li>`;
    })
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>ImmunoSteward demo</title></head>
  <body>
    <main>
      <h1>ImmunoSteward demo</h1>
      <p>Synthetic patients on an in-process FHIR server (<code>${escapeHtml(base)}/fhir</code>), the SMART app, and the CDS Hooks service (<code>${escapeHtml(base)}/cds-services</code>).</p>
      <h2>Patients</h2>
      <ul>
      ${rows}
      </ul>
    </main>
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
}

export const demoRoutes: FastifyPluginAsync<DemoRoutesOptions> = async (app, demo) => {
  const base = demo.base;
  app.get('/', async (_request, reply) =>
    reply
      .header('content-security-policy', "default-src 'none'; base-uri 'none'; form-action 'none'")
      .type('text/html; charset=utf-8')
      .send(landingPage(demo.fhir, base)),
  );
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
    const result = await demo.fhir.get(request.params['*'], request.query);
    return reply.code(result.status).type('application/fhir+json').send(result.body);
  });
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    app.route({
      method,
      url: '/fhir/*',
      handler: async (_request, reply) =>
        reply.code(405).send(outcome('not-supported', 'the demo FHIR server is read-only')),
    });
  }
};
