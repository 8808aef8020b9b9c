// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.js';
import { drugs, medicationRequest } from '../helpers/orders.js';
import { config, FULL_SCOPE, makeClient, NOW, resetServerState, server, state } from './fhir-server.js';

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // jsdom has no canvas (and says so on stderr): answer as a browser without 2D canvas would.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});
afterEach(() => {
  cleanup();
  resetServerState();
  document.title = '';
});
afterAll(() => server.close());

const WAIT = { timeout: 8000 };

/** Orders of healthy-1: a current bounded lysate, a current unbounded vitamin D, a finished pidotimod. */
function healthyOrders() {
  return [
    medicationRequest({
      id: 'lysate-1',
      patient: 'healthy-1',
      text: 'Бронхо-мунал 7 мг капсулы',
      boundsDays: 14,
      boundsPeriod: { start: '2026-10-21' },
      authoredOn: '2026-10-21',
    }),
    medicationRequest({
      id: 'vitd-1',
      patient: 'healthy-1',
      codings: drugs.colecalciferol,
      dose: { value: 2000, unit: '[iU]' },
      authoredOn: '2026-06-01',
    }),
    medicationRequest({
      id: 'pidotimod-old',
      patient: 'healthy-1',
      status: 'completed',
      codings: drugs.pidotimod,
      boundsDays: 10,
      boundsPeriod: { start: '2026-03-01' },
    }),
  ];
}

/** The languages the reader switched to. */
const switched: string[] = [];

function renderApp(options: Parameters<typeof makeClient>[0] = {}) {
  return render(
    <App client={makeClient(options)} config={config} onLanguage={(locale) => switched.push(locale)} now={NOW} />,
  );
}

/** A panel by its heading (role queries over the whole page are slow in jsdom). */
function panel(name: string): HTMLElement {
  const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent === name);
  const section = heading?.closest('section');
  if (!section) throw new Error(`no panel ${name}`);
  expect(section.getAttribute('aria-labelledby')).toBe(heading?.id);
  return section;
}

/** A biomarker table row by its marker name. */
function row(table: HTMLElement, marker: string | RegExp): HTMLTableRowElement {
  const header = [...table.querySelectorAll('th[scope="row"]')].find((th) =>
    typeof marker === 'string' ? th.textContent === marker : marker.test(th.textContent ?? ''),
  );
  const tr = header?.closest('tr');
  if (!tr) throw new Error(`no row ${marker}`);
  return tr;
}

/** The page's "incomplete" notice, if any. */
function incomplete(): string | undefined {
  return document.querySelector('.page-incomplete')?.textContent ?? undefined;
}

/** A table by its caption. */
function table(scope: ParentNode, caption: RegExp): HTMLTableElement | undefined {
  return [...scope.querySelectorAll('table')].find((t) => caption.test(t.caption?.textContent ?? ''));
}

async function findTable(caption: RegExp): Promise<HTMLTableElement> {
  let found: HTMLTableElement | undefined;
  await waitFor(() => {
    found = table(document, caption);
    expect(found).toBeDefined();
  }, WAIT);
  return found as HTMLTableElement;
}

function trendButton(short: string): HTMLButtonElement {
  const button = document.querySelector<HTMLButtonElement>(`button[aria-label="Show trend of ${short}"]`);
  if (!button) throw new Error(`no trend button for ${short}`);
  return button;
}

/** Waits until every panel has loaded and the analysis has rendered. */
async function settled() {
  await waitFor(() => {
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
    expect(document.querySelectorAll('.skeleton')).toHaveLength(0);
  }, WAIT);
}

describe('App', () => {
  it('shows a skeleton in every panel and the banner until the FHIR server answers', async () => {
    state.delays = { Patient: 150, Observation: 150, MedicationRequest: 150, Condition: 150, Immunization: 150 };
    renderApp();
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Loading patient…')).toBeTruthy();
    for (const name of ['Findings', 'Immune profile', 'Biomarkers', 'Immunomodulators and interacting drugs']) {
      const region = panel(name);
      expect(region.getAttribute('aria-busy')).toBe('true');
      expect(region.querySelector('.skeleton')).not.toBeNull();
    }
    expect(document.querySelector('table')).toBeNull();
    await within(banner).findByText('Jasur Toshmatov', {}, WAIT);
    await settled();
  });

  it('renders the banner, immune profile, biomarker table, medication timeline and findings from FHIR data', async () => {
    state.extra = healthyOrders();
    renderApp();
    const banner = screen.getByRole('banner');
    expect(await within(banner).findByText('Jasur Toshmatov', {}, WAIT)).toBeTruthy();
    expect(within(banner).getByText('Male')).toBeTruthy();
    expect(within(banner).getByText(/20 May 1990 \(\d+ y\)/)).toBeTruthy();
    expect(within(banner).getByText('MRN-300902')).toBeTruthy();
    await settled();
    expect(document.title).toContain('Jasur Toshmatov');

    // Immune profile: one line per compartment, status in words.
    const lines = within(panel('Immune profile')).getAllByRole('listitem');
    expect(lines.map((li) => li.querySelector('.compartment-label')?.textContent)).toEqual([
      'Innate',
      'Adaptive T',
      'Adaptive B',
      'Regulatory/inflammatory',
      'Nutritional',
    ]);
    expect(lines[1]?.textContent).toMatch(
      /Adaptive T\s*Within the lab range.*CD4 count 900 cells\/µL, 1 Sept? 2026 — within the lab range/,
    );
    expect(lines[3]?.textContent).toMatch(/Unknown/);
    // Units as clinicians write them, never UCUM.
    expect(panel('Immune profile').textContent).not.toMatch(/\/uL|10\*9/);

    // Biomarkers: a captioned table, one row per marker.
    const biomarkers = table(panel('Biomarkers'), /Immune biomarkers/) as HTMLTableElement;
    const cd4 = row(biomarkers, 'CD4 T helper cells, absolute');
    expect(cd4?.textContent).toMatch(
      /900 cells\/µL.*440–1,496 cells\/µL \(adult reference\).*within the lab range.*1 Sept? 2026/,
    );
    const iga = row(biomarkers, 'Immunoglobulin A');
    expect(iga?.textContent).toMatch(/70–400 mg\/dL \(lab\)/);
    expect(biomarkers.textContent).not.toMatch(/\{cells\}|10\*9|\/uL\b/);
    const ratio = row(biomarkers, 'CD4/CD8 ratio');
    expect(ratio?.textContent).toContain('derived');

    // Medication timeline: current with "day n of m" and "no end date", past.
    const meds = panel('Immunomodulators and interacting drugs');
    const lysate = within(meds).getByText('Бронхо-мунал 7 мг капсулы').closest('li') as HTMLElement;
    expect(lysate.textContent).toMatch(/Current.*Bacterial lysates.*weak evidence/);
    expect(lysate.textContent).toContain('21 Oct 2026 → 4 Nov 2026');
    expect(lysate.textContent).toContain('day 12 of 14');
    const vitd = within(meds).getByText('colecalciferol').closest('li') as HTMLElement;
    expect(vitd.textContent).toContain('no end date');
    const past = within(meds).getByText('pidotimod').closest('li') as HTMLElement;
    expect(past.textContent).toMatch(/Past.*10 days planned/);

    // Findings on the current immunomodulators, rendered from the core's analysis.
    const findings = panel('Findings');
    expect(within(findings).getByText(/no immune deficit on current labs/, { selector: 'h3' })).toBeTruthy();
    expect(within(findings).getByText(/Colecalciferol: no end date/, { selector: 'h3' })).toBeTruthy();
  });

  it('expands a trend chart on demand, with a data table when the canvas cannot draw', async () => {
    renderApp({ patient: 'pc-1' });
    await settled();
    const button = trendButton('CD4 count');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const history = await findTable(/CD4 T helper cells, absolute over time/);
    // 2025-06-05 and 2026-09-20 reported, 2024-12-10 derived; the entered-in-error value is ignored.
    expect(within(history).getAllByRole('row')).toHaveLength(1 + 3);
    expect(history.textContent).not.toContain('50 /uL');
    fireEvent.click(button);
    expect(table(document, /over time/)).toBeUndefined();
  });

  it('states stale markers and preliminary results', async () => {
    renderApp({ patient: 'chemo-1' });
    await settled();
    const profile = panel('Immune profile');
    expect(within(profile).getByText(/Stale \(older than 180 days/).textContent).toContain('IgA');
    const biomarkers = table(panel('Biomarkers'), /Immune biomarkers/) as HTMLTableElement;
    const igm = row(biomarkers, 'Immunoglobulin M');
    expect(igm?.textContent).toMatch(/stale \(\d+ days\)/);
    const anc = row(biomarkers, /ANC/);
    expect(anc?.textContent).toContain('critically low');
    expect(anc?.textContent).toMatch(/below 1\.5 ×10⁹\/L \(deficit; /);
    cleanup();
    renderApp({ patient: 'pc-1' });
    await settled();
    const crp = row(table(document, /Immune biomarkers/) as HTMLTableElement, 'C-reactive protein');
    expect(crp?.textContent).toContain('preliminary');
  });

  it('shows empty states when there are no orders and no findings', async () => {
    renderApp();
    await settled();
    expect(within(panel('Findings')).getByText(/No findings on the current immunomodulators/)).toBeTruthy();
    expect(
      within(panel('Immunomodulators and interacting drugs')).getByText(/No immunomodulators or interacting drugs/),
    ).toBeTruthy();
  });

  it('without the MedicationRequest scope says so in that panel while the biomarkers still render', async () => {
    state.extra = healthyOrders();
    renderApp({ scope: FULL_SCOPE.replace(' patient/MedicationRequest.rs', '') });
    await settled();
    const meds = panel('Immunomodulators and interacting drugs');
    expect(within(meds).getByRole('status').textContent).toContain(
      'The EHR did not grant ImmunoSteward access to medication orders — ask your EHR administrator to grant the MedicationRequest scope.',
    );
    expect(table(panel('Biomarkers'), /Immune biomarkers/)).toBeDefined();
    expect(state.requests.some((url) => url.includes('/MedicationRequest'))).toBe(false);
    // Without the orders, findings on them are unknown, not "none".
    expect(within(panel('Findings')).getByRole('status').textContent).toContain('access to medication orders');
    expect(within(panel('Findings')).queryByText(/No findings/)).toBeNull();
    expect(incomplete()).toContain('This profile is incomplete: medication orders could not be read.');
  });

  it('a 404 for the Patient is an error page, with no profile drawn from data that never arrived', async () => {
    state.extra = healthyOrders();
    renderApp({ patient: 'no-such-patient' });
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toContain('Patient not found');
    expect(alert.textContent).toContain('open ImmunoSteward again from the patient’s chart');
    expect(alert.textContent).not.toMatch(/404|answered/);
    await waitFor(() => expect(state.requests.filter((u) => u.includes('/Immunization')).length).toBe(1), WAIT);
    expect(document.querySelector('section.panel')).toBeNull();
    expect(document.body.textContent).not.toMatch(/No findings|Unknown|no results/);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('a 403 for the Patient is an error page naming the scope, not an empty profile', async () => {
    state.failures = { Patient: 403 };
    renderApp();
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(alert.textContent).toContain('No access to the patient record');
    expect(alert.textContent).toContain('ask your EHR administrator to grant the Patient scope');
    expect(document.querySelector('section.panel')).toBeNull();
  });

  it('a 401 for the Patient (the token expired; fhirclient forgets it) is the expiry page, never "no patient"', async () => {
    state.failures = { Patient: 401 };
    const client = makeClient({ accessToken: 'expired-token' });
    render(<App client={client} config={config} onLanguage={() => undefined} now={NOW} />);
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(within(alert).getByRole('heading', { level: 1 }).textContent).toContain('Your session expired');
    expect(alert.textContent).toContain('Your session expired — relaunch ImmunoSteward from the patient’s chart.');
    // fhirclient cleared the session on the 401; the page still knows it was a patient's.
    expect(client.getState('tokenResponse.access_token')).toBeUndefined();
    await waitFor(() => expect(state.requests.filter((u) => u.includes('/Immunization')).length).toBe(1), WAIT);
    expect(document.body.textContent).not.toMatch(/No patient selected|scope|administrator/);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('a 500 for the Patient is an error page with Retry, which then shows the profile', async () => {
    state.failures = { Patient: 500 };
    renderApp();
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(alert.textContent).toContain('Could not read the patient record');
    expect(document.querySelector('section.panel')).toBeNull();
    state.failures = {};
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await within(screen.getByRole('banner')).findByText('Jasur Toshmatov', {}, WAIT);
    await settled();
    expect(incomplete()).toBeUndefined();
  });

  it.each([
    [
      401,
      'Your session expired',
      'Relaunch ImmunoSteward from the patient’s chart to continue.',
      /scope|administrator/,
    ],
    [403, 'No access to laboratory results', 'ask your EHR administrator to grant the Observation scope', /relaunch/i],
  ])(
    'a %i on Observation shows that panel’s error and an incomplete profile; the others render',
    async (status, title, todo, never) => {
      state.failures = { Observation: status };
      state.extra = healthyOrders();
      renderApp();
      await settled();
      for (const name of ['Immune profile', 'Biomarkers']) {
        const notice = panel(name).querySelector('.notice') as HTMLElement;
        expect(notice.textContent).toContain(title);
        expect(notice.textContent).toContain(todo);
        expect(notice.textContent).not.toMatch(never);
        expect(notice.textContent).not.toMatch(/\b40[13]\b/);
        // Never "Unknown — no results" from labs that never arrived.
        expect(panel(name).textContent).not.toMatch(/Unknown|no results|No immune biomarker/);
      }
      expect(incomplete()).toContain('This profile is incomplete: laboratory results could not be read.');
      expect(panel('Findings').textContent).toContain(
        'These findings rest on incomplete data: laboratory results could not be read',
      );
      expect(document.querySelector('header.banner')?.textContent).toContain('Jasur Toshmatov');
      expect(
        within(panel('Immunomodulators and interacting drugs')).getByText('Бронхо-мунал 7 мг капсулы'),
      ).toBeTruthy();
    },
  );

  it('a 500 on Observation fails the lab panels only, says the profile is incomplete, and Retry recovers', async () => {
    state.failures = { Observation: 500 };
    state.extra = healthyOrders();
    renderApp();
    await settled();
    for (const name of ['Immune profile', 'Biomarkers']) {
      const alert = within(panel(name)).getByRole('alert');
      expect(alert.textContent).toContain('Could not read laboratory results');
      expect(alert.textContent).toContain(
        'The EHR’s FHIR server did not answer (error 500); the profile below is incomplete — retry.',
      );
      expect(alert.textContent).not.toMatch(/at \w+ \(|Error:/);
    }
    expect(incomplete()).toContain('laboratory results could not be read');
    expect(document.querySelector('header.banner')?.textContent).toContain('Jasur Toshmatov');
    expect(within(panel('Immunomodulators and interacting drugs')).getByText('Бронхо-мунал 7 мг капсулы')).toBeTruthy();
    expect(document.querySelector('table')).toBeNull();
    state.failures = {};
    fireEvent.click(within(panel('Biomarkers')).getByRole('button', { name: 'Retry' }));
    await findTable(/Immune biomarkers/);
    await settled();
    expect(incomplete()).toBeUndefined();
  });

  it('a network error on Condition says the findings and the profile are incomplete', async () => {
    state.failures = { Condition: 'network' };
    state.extra = healthyOrders();
    renderApp();
    await settled();
    expect(incomplete()).toContain('This profile is incomplete: diagnoses could not be read.');
    expect(panel('Findings').textContent).toContain(
      'These findings rest on incomplete data: diagnoses could not be read',
    );
    expect(within(panel('Findings')).getByText(/Colecalciferol: no end date/, { selector: 'h3' })).toBeTruthy();
    expect(table(panel('Biomarkers'), /Immune biomarkers/)).toBeDefined();
    cleanup();
    resetServerState();
    state.failures = { Observation: 'network' };
    renderApp();
    await settled();
    expect(within(panel('Biomarkers')).getByRole('alert').textContent).toContain(
      'The EHR’s FHIR server could not be reached; the profile below is incomplete — check the connection and retry.',
    );
  });

  it('below 720 px shows marker cards: value in the lab’s unit, date, the lab flag with its range, and the thresholds crossed', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({
      matches: query === '(max-width: 720px)',
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as unknown as typeof window.matchMedia;
    try {
      renderApp({ patient: 'vitamin-d-excess' });
      await settled();
      const biomarkers = panel('Biomarkers');
      expect(biomarkers.querySelector('table')).toBeNull();
      const cards = within(biomarkers).getAllByRole('listitem');
      const vitaminD = cards.find((c) => /25-hydroxy/i.test(c.querySelector('h3')?.textContent ?? '')) as HTMLElement;
      expect(vitaminD.textContent).toMatch(/68 ng\/mL/);
      expect(vitaminD.textContent).toMatch(/taken 5 Oct 2026/);
      expect(vitaminD.textContent).toContain('within the lab range (30–100 ng/mL)');
      expect(vitaminD.textContent).toMatch(/above 50 ng\/mL \(possible excess; /);
      expect(vitaminD.textContent).not.toMatch(/Normal/);
      expect(within(vitaminD).getByRole('button', { name: /Show trend of/ })).toBeTruthy();
      const nutritional = within(panel('Immune profile'))
        .getAllByRole('listitem')
        .find((li) => li.textContent?.startsWith('Nutritional')) as HTMLElement;
      expect(nutritional.textContent).toMatch(/Excess.*68 ng\/mL/);
    } finally {
      window.matchMedia = original;
    }
  });

  it('ends the banner with a language switch, each language named in itself, that reports the choice', async () => {
    renderApp();
    await settled();
    const select = within(document.querySelector('header.banner') as HTMLElement).getByRole('combobox', {
      name: 'Language',
    }) as HTMLSelectElement;
    expect(select.value).toBe('en');
    expect([...select.options].map((o) => [o.value, o.lang, o.textContent])).toEqual([
      ['en', 'en', 'English'],
      ['ru', 'ru', 'Русский'],
      ['uz', 'uz', 'Oʻzbekcha'],
    ]);
    switched.splice(0);
    fireEvent.change(select, { target: { value: 'uz' } });
    expect(switched).toEqual(['uz']);
  });

  it('hides the banner when the EHR shows its own, and still titles the page with the patient', async () => {
    renderApp({ needPatientBanner: false });
    await settled();
    expect(document.querySelector('header')).toBeNull();
    // The language switch stays, above the panels.
    expect(screen.getByRole('combobox', { name: 'Language' })).toBeTruthy();
    await waitFor(() => expect(document.title).toContain('Jasur Toshmatov'));
  });

  it('opens on the finding a CDS card pointed to (appContext)', async () => {
    state.extra = healthyOrders();
    renderApp({ appContext: JSON.stringify({ rule: 'course-unbounded', order: 'MedicationRequest/vitd-1' }) });
    await settled();
    const focused = document.querySelector('.finding--focused') as HTMLElement;
    expect(focused?.dataset.rule).toBe('course-unbounded');
    expect(document.activeElement).toBe(focused);
  });

  it('opened from a card on a draft order, reads that order, shows its finding first and focuses it', async () => {
    state.extra = [
      ...healthyOrders(),
      medicationRequest({
        id: 'draft-lysate',
        patient: 'healthy-1',
        status: 'draft',
        text: 'Бронхо-мунал 3,5 мг капсулы',
        boundsDays: 10,
      }),
    ];
    renderApp({
      appContext: JSON.stringify({
        view: 'findings',
        rule: 'booster-not-indicated',
        order: 'MedicationRequest/draft-lysate',
        cardUuid: 'c-1',
      }),
    });
    await settled();
    expect(state.requests.some((u) => u.endsWith('/MedicationRequest/draft-lysate'))).toBe(true);
    const focused = document.querySelector('.finding--focused') as HTMLElement;
    expect(focused?.dataset.order).toBe('MedicationRequest/draft-lysate');
    expect(focused?.dataset.rule).toBe('booster-not-indicated');
    expect(document.activeElement).toBe(focused);
    expect(within(panel('Findings')).getAllByRole('article')[0]).toBe(focused);
    expect(screen.getAllByRole('article', { name: /Order: Бронхо-мунал 3,5 мг капсулы/ })).toContain(focused);
  });

  it('says so when the order a card names cannot be read, and still shows the record’s findings', async () => {
    state.extra = healthyOrders();
    renderApp({
      appContext: JSON.stringify({ rule: 'live-vaccine-immunocompromised', order: 'ServiceRequest/mmr-1' }),
    });
    await settled();
    const findings = panel('Findings');
    expect(findings.textContent).toContain('ImmunoSteward could not read the order the card was about');
    expect(within(findings).getByText(/Colecalciferol: no end date/, { selector: 'h3' })).toBeTruthy();
    expect(document.querySelector('.finding--focused')).toBeNull();
    // Without the ServiceRequest scope the order is not even asked for.
    expect(state.requests.some((u) => u.includes('/ServiceRequest'))).toBe(false);
  });

  it('has no axe violations when fully loaded (colour contrast is not computable in jsdom)', {
    timeout: 20_000,
  }, async () => {
    state.extra = healthyOrders();
    const { container } = renderApp({ patient: 'healthy-1' });
    await settled();
    await waitFor(() => expect(document.querySelector('.markdown strong')).not.toBeNull(), WAIT);
    fireEvent.click(trendButton('CD4 count'));
    await findTable(/over time/);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
