import FHIR from 'fhirclient';
import { issuerAllowed, loadRuntimeConfig } from './runtime-config.js';

/**
 * SMART launch: EHR launch (`iss` + `launch` on the URL) or standalone (the configured issuer).
 * PKCE is required, the state key has 122 random bits, the redirect URI is the exact absolute URL
 * of the app page, and the flow completes in the EHR's frame.
 */
async function launch(): Promise<void> {
  const status = document.getElementById('launch') as HTMLElement;
  try {
    const config = await loadRuntimeConfig();
    const params = new URLSearchParams(window.location.search);
    if ((params.has('fhirServiceUrl') || params.has('patientId')) && !config.allowOpenServer) {
      throw new Error('fhirServiceUrl and patientId are not allowed for this site (issuer allow-list only)');
    }
    const iss = params.get('iss') ?? config.standaloneIssuer ?? undefined;
    if (!params.has('fhirServiceUrl')) {
      if (!iss) throw new Error('no issuer: launch from the EHR, or set standaloneIssuer in smart-config.json');
      if (!issuerAllowed(config, iss)) throw new Error(`issuer ${iss} is not allowed for this site`);
    }
    const standalone = !params.has('launch');
    await FHIR.oauth2.authorize({
      clientId: config.clientId,
      scope: standalone ? `${config.scope} launch/patient`.replace(/\blaunch\b(?!\/)/, '').trim() : config.scope,
      redirectUri: new URL('index.html', window.location.href).href,
      pkceMode: 'required',
      completeInTarget: true,
      stateKey: crypto.randomUUID(),
      // EHR launch: fhirclient takes iss and launch from the URL; standalone: from the site configuration.
      ...(standalone && !params.has('fhirServiceUrl') && iss ? { iss } : {}),
    });
  } catch (error) {
    status.textContent = `ImmunoSteward could not start: ${error instanceof Error ? error.message : String(error)}`;
    status.setAttribute('role', 'alert');
  }
}

void launch();
