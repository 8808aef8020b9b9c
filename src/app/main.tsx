import FHIR from 'fhirclient';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { translator } from '../core/messages/translator.js';
import { App } from './App.js';
import { loadRuntimeConfig } from './runtime-config.js';
import { describeError, SetupError } from './smart/errors.js';
import { ErrorScreen } from './views/ErrorScreen.js';
import './styles.css';

/**
 * The app page. `ready()` runs once, at module scope (never inside a React effect, which StrictMode
 * runs twice): it completes the code exchange and strips code and state from the URL.
 */
const params = new URLSearchParams(window.location.search);
const root = createRoot(document.getElementById('root') as HTMLElement);

async function start() {
  const config = await loadRuntimeConfig();
  if (params.has('fhirServiceUrl') || params.has('patientId')) {
    if (!config.allowOpenServer) throw new SetupError(translator().t('app.setup.openServerRefused'));
  }
  if (params.has('error')) {
    // The authorization server refused: keep the reason, drop error, code and state from the URL.
    window.history.replaceState(null, '', window.location.pathname);
    throw new Error(params.get('error') ?? 'authorization error');
  }
  const client = await FHIR.oauth2.ready();
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
