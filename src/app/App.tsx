import type Client from 'fhirclient/lib/Client';
import { useEffect, useMemo, useState } from 'react';
import { patientDisplayName } from '../core/fhir/patient-name.js';
import type { Patient } from '../core/fhir/schemas.js';
import type { Analysis } from './analysis.js';
import { loadPanel, type PanelName, type PanelState, panelQueries } from './data/panels.js';
import type { RuntimeConfig } from './runtime-config.js';
import { type AppError, describeError } from './smart/errors.js';
import { BiomarkerTable } from './views/BiomarkerTable.js';
import { ErrorScreen } from './views/ErrorScreen.js';
import { FindingsList } from './views/FindingsList.js';
import { MedicationTimeline } from './views/MedicationTimeline.js';
import { Panel } from './views/Panel.js';
import { PatientBanner } from './views/PatientBanner.js';
import { ProfileSummary } from './views/ProfileSummary.js';

const PANELS: PanelName[] = ['patient', 'observations', 'medications', 'conditions', 'immunizations'];

/** Where the app was opened from a CDS card: the order and rule to focus. */
export interface Focus {
  rule?: string;
  order?: string;
  view?: string;
}

export interface AppProps {
  client: Client;
  config: RuntimeConfig;
  now?: Date;
}

function readFocus(client: Client): Focus | undefined {
  const raw = client.getState('tokenResponse.appContext') as unknown;
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = JSON.parse(raw) as Focus;
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The physician's view: banner, immune profile, biomarkers, immunomodulators, findings. */
export function App({ client, config, now }: AppProps) {
  const patientId = client.patient.id;
  // An open server (demo, no OAuth) grants no scope: nothing is restricted, so the requested scope applies.
  const openServer = !client.getState('tokenResponse.access_token');
  const scope =
    (client.getState('tokenResponse.scope') as string | undefined) ?? (openServer ? config.scope : undefined);
  const showBanner = client.getState('tokenResponse.need_patient_banner') !== false;
  const focus = useMemo(() => readFocus(client), [client]);
  const [panels, setPanels] = useState<Record<PanelName, PanelState>>(
    () => Object.fromEntries(PANELS.map((p) => [p, { status: 'loading' }])) as Record<PanelName, PanelState>,
  );
  const [analysis, setAnalysis] = useState<Analysis | undefined>();
  const [analysisError, setAnalysisError] = useState<AppError | undefined>();

  useEffect(() => {
    if (!patientId) return;
    const controller = new AbortController();
    const queries = panelQueries(patientId, config.localLabCodes);
    for (const panel of PANELS) {
      void loadPanel(client, panel, queries[panel], scope, controller.signal).then((state) => {
        if (!controller.signal.aborted) setPanels((previous) => ({ ...previous, [panel]: state }));
      });
    }
    return () => controller.abort();
  }, [client, patientId, scope, config.localLabCodes]);

  const settled = PANELS.every((p) => panels[p].status !== 'loading');
  useEffect(() => {
    if (!settled || !patientId) return;
    let cancelled = false;
    const resources = PANELS.flatMap((p) => {
      const state = panels[p];
      return state.status === 'ready' ? state.resources : [];
    });
    import('./analysis.js')
      .then(({ analyse }) =>
        analyse(resources, { patientId, now: now ?? new Date(), localLabCodes: config.localLabCodes }),
      )
      .then(
        (result) => !cancelled && setAnalysis(result),
        (error: unknown) => !cancelled && setAnalysisError(describeError(error)),
      );
    return () => {
      cancelled = true;
    };
  }, [settled, panels, patientId, now, config.localLabCodes]);

  const patientState = panels.patient;
  const patient =
    patientState.status === 'ready' ? (patientState.resources[0] as Record<string, unknown> | undefined) : undefined;

  useEffect(() => {
    const name = patientDisplayName(patient as Patient | undefined);
    document.title = name ? `${name} — ImmunoSteward` : 'ImmunoSteward';
  }, [patient]);

  if (!patientId) {
    return (
      <ErrorScreen
        error={{
          kind: 'session',
          title: 'No patient selected',
          message: 'Open ImmunoSteward from a patient chart.',
          relaunch: true,
        }}
      />
    );
  }
  // A failed analysis is each panel's error: none may keep saying "analysing".
  const failed = (state: PanelState): PanelState =>
    analysisError && state.status === 'ready' ? { status: 'error', error: analysisError } : state;
  const labs = failed(panels.observations);
  const meds = failed(panels.medications);
  return (
    <div className="app">
      {showBanner && <PatientBanner state={patientState} />}
      <main className="content">
        <h1 className="visually-hidden">Immune profile</h1>
        {/* Findings concern current immunomodulators: without the orders they are unknown, not "none". */}
        <Panel title="Findings" state={meds.status === 'ready' && !settled ? { status: 'loading' } : meds}>
          {analysis && <FindingsList findings={analysis.findings} focus={focus} />}
        </Panel>
        <Panel title="Immune profile" state={labs}>
          {analysis && <ProfileSummary profile={analysis.profile} />}
        </Panel>
        <Panel title="Biomarkers" state={labs}>
          {analysis && <BiomarkerTable profile={analysis.profile} />}
        </Panel>
        <Panel title="Immunomodulators and interacting drugs" state={meds}>
          {analysis && <MedicationTimeline orders={analysis.orders} nowMs={analysis.nowMs} />}
        </Panel>
      </main>
    </div>
  );
}
