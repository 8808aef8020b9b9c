import FHIR from 'fhirclient';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Locale } from '../core/messages/translator.js';
import { App, preloadProfileCode } from './App.js';
import {
  chosenLocale,
  ehrLanguages,
  pageLocale,
  pageTranslator,
  pickLocale,
  renderInLanguage,
  showIn,
} from './language.js';
import { loadRuntimeConfig } from './runtime-config.js';
import { AuthorizationError, redirectRefusal, takePendingRequest, tokenRefusal } from './smart/authorization.js';
import { describeError, SetupError } from './smart/errors.js';
import { ErrorScreen } from './views/ErrorScreen.js';
import './styles.css';

/**
 * The app page. `ready()` runs once, at module scope (never inside a React effect, which StrictMode
 * runs twice): it completes the code exchange and strips code and state from the URL. A refusal by
 * the EHR — on the redirect or at the token endpoint — becomes a page saying what the EHR said, who
 * can fix it and whether relaunching helps; only a refusal of a request this tab sent (its state
 * saved in sessionStorage) shows the EHR's text.
 *
 * The page is written in the reader's choice of language, else the EHR's for this launch, else
 * the site's, else the browser's; its catalog is loaded before anything is shown, error pages too.
 */
const params = new URLSearchParams(window.location.search);
const root = createRoot(document.getElementById('root') as HTMLElement);
const chosen = chosenLocale(window.location.search, sessionStorage);
let site: Locale | null = null;

async function start() {
  preloadProfileCode();
  const config = await loadRuntimeConfig();
  site = config.language;
  await showIn(pickLocale({ chosen, site, browser: navigator.languages }));
  if (params.has('fhirServiceUrl') || params.has('patientId')) {
    if (!config.allowOpenServer) throw new SetupError(pageTranslator().t('app.setup.openServerRefused'));
  }
  const refusal = redirectRefusal(params);
  if (refusal) {
    // The authorisation server refused: keep what it said, drop error, code and state from the URL.
    window.history.replaceState(null, '', window.location.pathname);
    throw new AuthorizationError(refusal, takePendingRequest(sessionStorage, params.get('state')));
  }
  // A public client names itself when it refreshes the access token (RFC 6749 §6); some EHRs require it.
  FHIR.oauth2.settings.refreshTokenWithClientId = true;
  const client = await FHIR.oauth2.ready().catch((error: unknown) => {
    // The token endpoint refused the code exchange (invalid_client, invalid_grant, …).
    const refused = tokenRefusal(error);
    throw refused ? new AuthorizationError(refused, takePendingRequest(sessionStorage, params.get('state'))) : error;
  });
  const ehr = ehrLanguages(client.getState('tokenResponse.locale'), client.getState('tokenResponse.ui_locales'));
  await showIn(pickLocale({ chosen, ehr, site, browser: navigator.languages }));
  return { client, config };
}

start().then(
  ({ client, config }) => {
    // After a switch the record is read again: every panel is written anew in the new language.
    renderInLanguage(root, (onLanguage) => (
      <StrictMode>
        <App key={pageLocale()} client={client} config={config} onLanguage={onLanguage} />
      </StrictMode>
    ));
  },
  async (error: unknown) => {
    await showIn(pickLocale({ chosen, site, browser: navigator.languages }));
    root.render(<ErrorScreen error={describeError(error)} />);
  },
);
