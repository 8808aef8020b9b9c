import type Client from 'fhirclient/lib/Client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { patientDisplayName } from '../core/fhir/patient-name.js';
import type { Patient } from '../core/fhir/schemas.js';
import type { Locale } from '../core/messages/translator.js';
import type { Analysis } from './analysis.js';
import { loadOrder, loadPanel, type PanelName, type PanelState, panelQueries } from './data/panels.js';
import { pageTranslator } from './language.js';
import type { RuntimeConfig } from './runtime-config.js';
import { BiomarkerTable, preloadBiomarkerTable } from './views/BiomarkerTable.js';
import { Courses, preloadCourses } from './views/courses/Courses.js';
import { ErrorScreen } from './views/ErrorScreen.js';
import { FindingsList, preloadFindingsList } from './views/FindingsList.js';
import { Glyph } from './views/Glyph.js';
import { LanguageSwitch } from './views/LanguageSwitch.js';
import { failureText } from './views/LoadFailureNotice.js';
import { MarkdownView } from './views/MarkdownView.js';
import { MedicationTimeline, preloadMedicationTimeline } from './views/MedicationTimeline.js';
import { Panel, type PanelView } from './views/Panel.js';
import { PatientBanner } from './views/PatientBanner.js';
import { ProfileSummary, preloadProfileSummary } from './views/ProfileSummary.js';
import { fetchedOnce } from './views/preloadable.js';
import { type AppView, ViewNav } from './views/ViewNav.js';

const PANELS: PanelName[] = ['patient', 'observations', 'medications', 'conditions', 'immunizations'];
/** Data the findings rest on besides the orders: without them a finding may be missing. */
const FINDINGS_INPUTS: PanelName[] = ['observations', 'conditions', 'immunizations'];
/** Data the courses rest on besides the orders: results (indication, end point, tests) and diagnoses. */
const COURSE_INPUTS: PanelName[] = ['observations', 'conditions'];

/** Where the app was opened from a CDS card: the order and rule to focus. */
export interface Focus {
  rule?: string;
  order?: string;
  view?: string;
}

export interface AppProps {
  client: Client;
  config: RuntimeConfig;
  /** The reader switched the page's language. */
  onLanguage: (locale: Locale) => void;
  now?: Date;
}

/**
 * The card's `appContext`: a JSON string in the token response (SMART EHR launch; the demo's
 * open-server launch puts it there too). Anything else, or malformed, is no focus.
 */
export function readFocus(raw: unknown): Focus | undefined {
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const focus: Focus = {};
  for (const key of ['rule', 'order', 'view'] as const) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length > 0 && value.length <= 200) focus[key] = value;
  }
  // A view alone is a focus only when it is one the page can open (a card about a course).
  return focus.rule || focus.order || focus.view === 'courses' ? focus : undefined;
}

/** What the launch granted: the patient, the scope, whether to show the banner, the card's focus. */
function launchContext(client: Client, config: RuntimeConfig) {
  // An open server (demo, no OAuth) grants no scope: nothing is restricted, so the requested scope applies.
  const openServer = !client.getState('tokenResponse.access_token');
  return {
    patientId: client.patient.id,
    scope: (client.getState('tokenResponse.scope') as string | undefined) ?? (openServer ? config.scope : undefined),
    showBanner: client.getState('tokenResponse.need_patient_banner') !== false,
    focus: readFocus(client.getState('tokenResponse.appContext')),
  };
}

/**
 * The analysis code (the core, its knowledge base and UCUM tables: the largest chunk), fetched
 * and compiled while the launch completes and the FHIR queries run, rather than after they answer
 * (it was the launch's last step). A failed fetch is forgotten so that the next attempt fetches again.
 */
export const loadAnalysisCode = fetchedOnce(() => import('./analysis.js'));

/** Fetches the code the profile is drawn with (the analysis and the views' chunks) beside the launch. */
export function preloadProfileCode(): void {
  const views = [
    preloadProfileSummary,
    preloadBiomarkerTable,
    preloadMedicationTimeline,
    preloadFindingsList,
    MarkdownView.preload,
    preloadCourses,
  ];
  for (const load of [loadAnalysisCode, ...views]) {
    // A failure is reported where the code is awaited (the analysis, the view's Suspense).
    load().catch(() => undefined);
  }
}

function initialPanels(): Record<PanelName, PanelState> {
  return Object.fromEntries(PANELS.map((p) => [p, { status: 'loading' }])) as Record<PanelName, PanelState>;
}

/** The physician's view: banner, immune profile, biomarkers, immunomodulators, findings. */
export function App({ client, config, onLanguage, now }: AppProps) {
  const t = pageTranslator();
  // Read once: when the session expires (a 401), fhirclient forgets the token response, and the
  // page must go on knowing whose record it shows and what was granted — never "no patient".
  const { patientId, scope, showBanner, focus } = useMemo(() => launchContext(client, config), [client, config]);
  const [panels, setPanels] = useState<Record<PanelName, PanelState>>(initialPanels);
  const [analysis, setAnalysis] = useState<Analysis | undefined>();
  const [analysisFailed, setAnalysisFailed] = useState(false);
  const [view, setView] = useState<AppView>(focus?.view === 'courses' ? 'courses' : 'profile');
  const controllers = useRef(new Map<PanelName, AbortController>());
  // The order a card's link names: a draft being signed is not in the medication history.
  const linkedReference = focus?.order;
  const [linkedOrder, setLinkedOrder] = useState<PanelState | undefined>(() =>
    linkedReference ? { status: 'loading' } : undefined,
  );
  useEffect(() => {
    if (!linkedReference) return;
    const controller = new AbortController();
    void loadOrder(client, linkedReference, scope, controller.signal).then((state) => {
      if (!controller.signal.aborted) setLinkedOrder(state);
    });
    return () => controller.abort();
  }, [client, linkedReference, scope]);

  const load = useCallback(
    (panel: PanelName) => {
      if (!patientId) return;
      controllers.current.get(panel)?.abort();
      const controller = new AbortController();
      controllers.current.set(panel, controller);
      setPanels((previous) => ({ ...previous, [panel]: { status: 'loading' } }));
      const queries = panelQueries(patientId, config.localLabCodes)[panel];
      void loadPanel(client, panel, queries, scope, controller.signal).then((state) => {
        if (!controller.signal.aborted) setPanels((previous) => ({ ...previous, [panel]: state }));
      });
    },
    [client, patientId, scope, config.localLabCodes],
  );

  useEffect(() => {
    const running = controllers.current;
    for (const panel of PANELS) load(panel);
    return () => {
      for (const controller of running.values()) controller.abort();
    };
  }, [load]);

  const settled = PANELS.every((p) => panels[p].status !== 'loading') && linkedOrder?.status !== 'loading';
  useEffect(() => {
    if (!settled || !patientId) return;
    let cancelled = false;
    setAnalysisFailed(false);
    const resources = PANELS.flatMap((p) => {
      const state = panels[p];
      return state.status === 'ready' ? state.resources : [];
    });
    loadAnalysisCode()
      .then(({ analyse }) =>
        analyse(resources, {
          patientId,
          now: now ?? new Date(),
          localLabCodes: config.localLabCodes,
          ...(linkedReference
            ? {
                linkedOrder: {
                  reference: linkedReference,
                  resources: linkedOrder?.status === 'ready' ? linkedOrder.resources : [],
                },
              }
            : {}),
        }),
      )
      .then(
        (result) => !cancelled && setAnalysis(result),
        () => !cancelled && setAnalysisFailed(true),
      );
    return () => {
      cancelled = true;
    };
  }, [settled, panels, patientId, now, config.localLabCodes, linkedReference, linkedOrder]);

  const patientState = panels.patient;
  const patient =
    patientState.status === 'ready'
      ? (patientState.resources.find((r) => (r as { resourceType?: unknown }).resourceType === 'Patient') as
          | Patient
          | undefined)
      : undefined;

  useEffect(() => {
    const name = patientDisplayName(patient);
    document.title = name ? t.t('app.titleWithPatient', { name }) : t.t('app.title');
  }, [patient, t]);

  if (!patientId) {
    return (
      <ErrorScreen
        error={{ title: t.t('app.error.noPatient.title'), message: t.t('app.error.noPatient.message'), relaunch: true }}
      />
    );
  }
  // Without the patient record there is no profile to show: an error page, never an empty profile.
  if (patientState.status === 'failed' || (patientState.status === 'ready' && !patient)) {
    const text = failureText(
      'patient',
      patientState.status === 'failed' ? patientState.failure : { kind: 'not-found' },
    );
    return <ErrorScreen error={text} onRetry={text.retry ? () => load('patient') : undefined} />;
  }

  const missing = PANELS.filter((p) => panels[p].status === 'failed').map((p) => t.t(`app.data.${p}`));
  const findingsMissing = FINDINGS_INPUTS.filter((p) => panels[p].status === 'failed').map((p) => t.t(`app.data.${p}`));
  const coursesMissing = COURSE_INPUTS.filter((p) => panels[p].status === 'failed').map((p) => t.t(`app.data.${p}`));
  const findingsNotes = [
    findingsMissing.length > 0 ? t.t('app.findings.incomplete', { missing: t.list(findingsMissing) }) : undefined,
    analysis?.linkedOrder === 'unavailable' ? t.t('app.findings.linkedOrderUnavailable') : undefined,
  ].filter((n) => n !== undefined);
  // A failed analysis is each panel's error: none may keep saying "analysing".
  const analysed = (state: PanelState): PanelView =>
    analysisFailed && state.status === 'ready' ? { status: 'analysis-failed' } : state;
  const labs = analysed(panels.observations);
  const meds = analysed(panels.medications);
  // The analysis runs again once the data is read again (its chunk may also have failed to load).
  const retryAnalysis = () => {
    for (const p of PANELS) load(p);
  };
  const retriable = PANELS.filter((p) => {
    const state = panels[p];
    return state.status === 'failed' && (state.failure.kind === 'server' || state.failure.kind === 'network');
  });
  const retryFailed = () => {
    for (const p of retriable) load(p);
  };
  const retryFor = (panel: PanelName) => (analysisFailed ? retryAnalysis : () => load(panel));
  const languageSwitch = <LanguageSwitch onChange={onLanguage} />;
  return (
    <div className="app">
      {showBanner ? (
        <PatientBanner patient={patient} aside={languageSwitch} />
      ) : (
        <div className="language-bar">{languageSwitch}</div>
      )}
      <main className="content">
        <h1 className="visually-hidden">{t.t('app.heading')}</h1>
        {missing.length > 0 && (
          <div className="notice notice--incomplete page-incomplete" role="status">
            <p>
              <Glyph name="warning" /> {t.t('app.incomplete', { missing: t.list(missing) })}
            </p>
            {retriable.length > 0 && (
              <button type="button" className="button-link notice-retry" onClick={retryFailed}>
                {t.t('app.load.retry')}
              </button>
            )}
          </div>
        )}
        <ViewNav view={view} onChange={setView} />
        {view === 'courses' ? (
          <Panel
            title={t.t('app.panel.courses')}
            source="medications"
            state={meds.status === 'ready' && !settled ? { status: 'loading' } : meds}
            onRetry={retryFor('medications')}
            note={
              coursesMissing.length > 0 ? t.t('app.courses.incomplete', { missing: t.list(coursesMissing) }) : undefined
            }
            failureNote={t.t('app.courses.unavailable', { missing: t.t('app.data.medications') })}
          >
            {analysis && (
              <Courses
                courses={analysis.courses}
                profile={analysis.profile}
                nowMs={analysis.nowMs}
                missing={coursesMissing}
                focusOrder={focus?.view === 'courses' ? focus.order : undefined}
              />
            )}
          </Panel>
        ) : (
          <>
            {/* Findings concern current immunomodulators: without the orders they are unknown, not "none". */}
            <Panel
              title={t.t('app.panel.findings')}
              source="medications"
              state={meds.status === 'ready' && !settled ? { status: 'loading' } : meds}
              onRetry={retryFor('medications')}
              note={findingsNotes.length > 0 ? findingsNotes.join(' ') : undefined}
            >
              {analysis && <FindingsList assessments={analysis.assessments} focus={focus} />}
            </Panel>
            <Panel
              title={t.t('app.panel.profile')}
              source="observations"
              state={labs}
              onRetry={retryFor('observations')}
            >
              {analysis && <ProfileSummary profile={analysis.profile} />}
            </Panel>
            <Panel
              title={t.t('app.panel.biomarkers')}
              source="observations"
              state={labs}
              onRetry={retryFor('observations')}
            >
              {analysis && <BiomarkerTable profile={analysis.profile} />}
            </Panel>
            <Panel
              title={t.t('app.panel.medications')}
              source="medications"
              state={meds}
              onRetry={retryFor('medications')}
            >
              {analysis && <MedicationTimeline orders={analysis.orders} nowMs={analysis.nowMs} />}
            </Panel>
          </>
        )}
      </main>
    </div>
  );
}
