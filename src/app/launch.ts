import FHIR from 'fhirclient';
import type { Locale } from '../core/messages/translator.js';
import { chosenLocale, pageTranslator, pickLocale, showIn } from './language.js';
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
 *
 * The page speaks the reader's choice (`?lang=`, remembered for the app page), else the site's or
 * the browser's language, and asks the EHR's sign-in pages for it too (OpenID Connect `ui_locales`).
 */
async function launch(): Promise<void> {
  const status = document.getElementById('launch') as HTMLElement;
  const chosen = chosenLocale(window.location.search, sessionStorage);
  let site: Locale | null = null;
  try {
    const config = await loadRuntimeConfig();
    site = config.language;
    const locale = await showIn(pickLocale({ chosen, site, browser: navigator.languages }));
    const t = pageTranslator();
    document.title = t.t('app.title');
    status.textContent = t.t('app.launch.connecting');
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
    const redirectUri = new URL('index.html', window.location.href).href;
    const redirect = await FHIR.oauth2.authorize({
      clientId: config.clientId,
      scope: requestedScope(config, standalone),
      redirectUri,
      pkceMode: 'required',
      completeInTarget: true,
      stateKey: crypto.randomUUID(),
      // EHR launch: fhirclient takes iss and launch from the URL; standalone: from the site configuration.
      ...(standalone && !params.has('fhirServiceUrl') && iss ? { iss } : {}),
      ...(openServer && appContext ? { fakeTokenResponse: { appContext } } : {}),
      noRedirect: true,
    });
    if (!redirect) return;
    const target = new URL(redirect);
    // To the EHR's authorisation server, not back to the app (an open server has none).
    if (`${target.origin}${target.pathname}` !== redirectUri) target.searchParams.set('ui_locales', locale);
    window.location.assign(target.href);
  } catch (error) {
    await showIn(pickLocale({ chosen, site, browser: navigator.languages }));
    const t = pageTranslator();
    const { title, message } = describeError(error);
    status.textContent = t.t('app.launch.failed', { reason: `${title}: ${message}` });
    status.setAttribute('role', 'alert');
  }
}

void launch();
