import FHIR from 'fhirclient';
import { translator } from '../core/messages/translator.js';
import { issuerAllowed, loadRuntimeConfig } from './runtime-config.js';
import { describeError, SetupError } from './smart/errors.js';
import { requestedScope } from './smart/scopes.js';

/**
 * SMART launch: EHR launch (`iss` + `launch` on the URL) or standalone (the configured issuer).
 * PKCE is required, the state key has 122 random bits, the redirect URI is the exact absolute URL
 * of the app page, and the flow completes in the EHR's frame.
 *
 * The demo's open-server launch (`fhirServiceUrl` + `patientId`, only where the site allows it)
 * may carry a CDS card's `appContext` on the URL: it is kept where a SMART EHR launch delivers it,
 * in the token response, so the app reads one place.
 */
async function launch(): Promise<void> {
  const t = translator();
  const status = document.getElementById('launch') as HTMLElement;
  status.textContent = t.t('app.launch.connecting');
  try {
    const config = await loadRuntimeConfig();
    const params = new URLSearchParams(window.location.search);
    const openServer = params.has('fhirServiceUrl') || params.has('patientId');
    if (openServer && !config.allowOpenServer) throw new SetupError(t.t('app.setup.openServerRefused'));
    const iss = params.get('iss') ?? config.standaloneIssuer ?? undefined;
    if (!params.has('fhirServiceUrl')) {
      if (!iss) throw new SetupError(t.t('app.setup.noIssuer'));
      if (!issuerAllowed(config, iss)) throw new SetupError(t.t('app.setup.issuerRefused', { issuer: iss }));
    }
    const standalone = !params.has('launch');
    const appContext = params.get('appContext');
    await FHIR.oauth2.authorize({
      clientId: config.clientId,
      scope: requestedScope(config, standalone),
      redirectUri: new URL('index.html', window.location.href).href,
      pkceMode: 'required',
      completeInTarget: true,
      stateKey: crypto.randomUUID(),
      // EHR launch: fhirclient takes iss and launch from the URL; standalone: from the site configuration.
      ...(standalone && !params.has('fhirServiceUrl') && iss ? { iss } : {}),
      ...(openServer && appContext ? { fakeTokenResponse: { appContext } } : {}),
    });
  } catch (error) {
    const { title, message } = describeError(error);
    status.textContent = t.t('app.launch.failed', { reason: `${title}: ${message}` });
    status.setAttribute('role', 'alert');
  }
}

void launch();
