import FHIR from 'fhirclient';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { translator } from '../core/messages/translator.js';
import { App } from './App.js';
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
 */
const params = new URLSearchParams(window.location.search);
const root = createRoot(document.getElementById('root') as HTMLElement);

async function start() {
  const config = await loadRuntimeConfig();
  if (params.has('fhirServiceUrl') || params.has('patientId')) {
    if (!config.allowOpenServer) throw new SetupError(translator().t('app.setup.openServerRefused'));
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
  return { client, config };
}

start().then(
  ({ client, config }) =>
    root.render(
      <StrictMode>
        <App client={client} config={config} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<ErrorScreen error={describeError(error)} />),
);
