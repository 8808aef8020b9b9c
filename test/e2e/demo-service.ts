import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoFhirServer } from '../../cds-hooks/demo/fhir-server.js';
import { DEMO_ISSUER, loadOrCreateDemoIssuer } from '../../cds-hooks/demo/issuer.js';
import { FIXTURE_NOW, fixturePath } from '../helpers/fixtures.js';
import { startService } from '../helpers/service.js';
import { freePort } from './browser.js';
import { DIST_APP } from './smart-server.js';

/**
 * The service with the embedded demo (FHIR server at the fixtures' date, demo issuer, built app)
 * listening on a free loopback port, as `npm start` runs it, for the browser suites.
 */
export async function startDemoService(options: { launchUrl?: boolean; adminTokenSha256?: string } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const fhir = await DemoFhirServer.create(fixturePath('demo'), `${url}/fhir`, FIXTURE_NOW);
  const issuer = await loadOrCreateDemoIssuer(mkdtempSync(join(tmpdir(), 'immunosteward-key-')));
  const smartConfig = {
    clientId: 'immunosteward-demo',
    scope: 'launch openid fhirUser patient/*.rs',
    allowedIssuers: [`${url}/fhir`],
    allowOpenServer: true,
  };
  const service = await startService(
    {
      server: { publicUrl: url },
      fhir: { allowedServers: [`${url}/fhir`], timeoutMs: 5_000, deadlineMs: 10_000 },
      auth: { trustedIssuers: [{ iss: DEMO_ISSUER, jwks: { keys: [issuer.publicJwk] } }] },
      ...(options.launchUrl ? { app: { launchUrl: `${url}/app/launch.html` } } : {}),
    },
    undefined,
    {
      appDir: DIST_APP,
      demo: { fhir, smartConfig, issuer },
      ...(options.adminTokenSha256 ? { adminTokenSha256: options.adminTokenSha256 } : {}),
    },
  );
  await service.app.listen({ port, host: '127.0.0.1' });
  return { url, service, close: () => service.app.close() };
}
