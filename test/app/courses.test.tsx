// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.js';
import { config, makeClient, NOW, resetServerState, server, state } from './fhir-server.js';

/**
 * The Courses view on the demo's course-stewardship patients, read from the test FHIR server as
 * the app reads an EHR's: peginterferon with an overdue blood count and TSH, a thymalin renewal
 * after the lymphopenia resolved, a bacterial lysate followed by eosinophilia, a finished
 * peginterferon course; and what the view says when data did not arrive. Now is the fixtures'
 * anchor, 1 Nov 2026 09:00 Tashkent.
 */

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // jsdom has no canvas: the charts fall back to their tables, as a browser without canvas would.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});
afterEach(() => {
  cleanup();
  resetServerState();
});
afterAll(() => server.close());

const WAIT = { timeout: 8000 };
const PEGASYS = 'Pegasys (peginterferon alfa-2a) 180 mcg/0.5 mL prefilled syringe';

function draftOrder(slug: string): Record<string, unknown> {
  const path = resolve(import.meta.dirname, '../fixtures/demo', `${slug}.order.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function renderApp(patient: string, appContext?: Record<string, string>) {
  return render(
    <App
      client={makeClient({ patient, ...(appContext ? { appContext: JSON.stringify(appContext) } : {}) })}
      config={config}
      onLanguage={() => undefined}
      now={NOW}
    />,
  );
}

/** Waits for the page to settle, then opens the Courses view from the page's navigation. */
async function openCourses(): Promise<HTMLElement> {
  const nav = await screen.findByRole('navigation', { name: 'Views' }, WAIT);
  fireEvent.click(within(nav).getByRole('button', { name: 'Courses' }));
  return coursesPanel();
}

async function coursesPanel(): Promise<HTMLElement> {
  await waitFor(() => {
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
    expect(document.querySelector('.courses-view, .notice--error, .notice--incomplete')).not.toBeNull();
  }, WAIT);
  return screen.getByRole('region', { name: 'Courses' });
}

function attention(panel: HTMLElement): HTMLElement {
  return within(panel).getByRole('region', { name: 'Needs attention today' });
}

function courseCard(panel: HTMLElement, name: string): HTMLElement {
  return within(panel).getByRole('article', { name });
}

/** The monitoring plan's row of a test: its cells' text by column heading. */
function planRow(card: HTMLElement, test: string): Record<string, string> {
  const table = within(card).getByRole('table', { name: /^Monitoring tests of/ });
  const headings = within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent ?? '');
  const row = within(table).getByRole('rowheader', { name: test }).closest('tr') as HTMLTableRowElement;
  return Object.fromEntries([...row.cells].map((cell, i) => [headings[i], (cell.textContent ?? '').trim()]));
}

/** The caption of a course's end-point chart, once its lazy chunk has rendered. */
async function chartCaption(card: HTMLElement): Promise<string> {
  let caption: string | undefined;
  await waitFor(() => {
    caption = card.querySelector('figure.trend-chart figcaption')?.textContent ?? undefined;
    expect(caption).toBeDefined();
  }, WAIT);
  return caption as string;
}

describe('the Courses view', () => {
  it('peginterferon with overdue blood counts, liver tests and TSH: overdue with the due dates, the plan’s source, the chart with the course shaded', async () => {
    renderApp('peginterferon-monitoring');
    const panel = await openCourses();
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).getByRole('button', { name: 'Courses' }).getAttribute('aria-current')).toBe('page');
    // The view replaces the profile's panels; it does not stack under them.
    expect(screen.queryByRole('region', { name: 'Findings' })).toBeNull();

    const today = within(attention(panel)).getAllByRole('listitem');
    expect(today.map((li) => li.textContent?.trim())).toEqual([
      `Warning ${PEGASYS}, since 24 Jul 2026: Peginterferon alfa-2a: CBC, liver tests, and TSH overdue — order them now`,
    ]);

    const card = courseCard(panel, PEGASYS);
    expect(within(card).getByText('running')).toBeTruthy();
    expect(within(card).getByText('Review date: 25 Jun 2027 (planned end)')).toBeTruthy();
    expect(within(card).getByText('Diagnosis: Chronic hepatitis C, genotype 1b, F1 fibrosis')).toBeTruthy();
    expect(within(card).getByText('day 100 of the course')).toBeTruthy();

    const cbc = planRow(card, 'CBC');
    expect(cbc.State).toBe('overdue');
    expect(cbc.Due).toBe('18 Oct 2026');
    expect(cbc['Last result']).toMatch(/, 18 Sep 2026$/);
    const tsh = planRow(card, 'TSH');
    expect(tsh).toMatchObject({ State: 'overdue', Due: '16 Oct 2026' });
    expect(tsh['Last result']).toMatch(/^TSH 1\.9 mIU\/L, 20 Jul 2026$/);
    expect(planRow(card, 'liver tests')).toMatchObject({ State: 'overdue', Due: '18 Oct 2026' });
    expect(within(card).getByText(/^Source: US Department of Veterans Affairs/)).toBeTruthy();

    // The course's finding, with what to do, inside its card.
    const findings = within(card).getByRole('region', { name: 'Findings on this course' });
    expect(within(findings).getByText('Monitoring test of a course overdue')).toBeTruthy();

    // The end point: no deficit started the course, so the first generic marker with results is charted.
    expect(await chartCaption(card)).toMatch(
      /^Neutrophils, absolute \(ANC\): \d+ results, .*, the course \(24 Jul 2026 → 1 Nov 2026\) shaded as a column$/,
    );

    const timeline = within(panel).getByRole('region', { name: 'Timeline' });
    const rows = within(timeline).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([`${PEGASYS}24 Jul 2026 → 25 Jun 2027 · running`]);
  });

  it('opened from a card on a thymalin renewal: the course is focused, the end point shown, the deficit at the start named', async () => {
    state.extra = [draftOrder('thymus-endpoint')];
    renderApp('thymus-endpoint', {
      view: 'courses',
      rule: 'endpoint-reached',
      order: 'MedicationRequest/thymus-endpoint-draft',
    });
    const panel = await coursesPanel();
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).getByRole('button', { name: 'Courses' }).getAttribute('aria-current')).toBe('page');

    const [card, ...others] = within(panel).getAllByRole('article');
    expect(others).toEqual([]);
    await waitFor(() => expect(document.activeElement).toBe(card));
    const courseCardEl = card as HTMLElement;
    expect(within(courseCardEl).getByText('being renewed')).toBeTruthy();
    expect(within(courseCardEl).getByText(/^Being renewed: /)).toBeTruthy();
    expect(within(courseCardEl).getByText('Deficit: ALC 0.8 ×10⁹/L, 24 Sep 2026')).toBeTruthy();
    const findings = within(courseCardEl).getByRole('region', { name: 'Findings on this course' });
    expect(within(findings).getByText('Deficit that justified the course has resolved')).toBeTruthy();
    // The finding's detail (markdown, its own chunk): the result that shows the resolution.
    await waitFor(() => expect(findings.textContent).toContain('ALC 1.6 ×10⁹/L, 27 Oct 2026'), WAIT);

    const today = within(attention(panel)).getAllByRole('listitem');
    expect(today).toHaveLength(1);
    expect(today[0]?.getAttribute('data-rule')).toBe('endpoint-reached');
    expect(today[0]?.textContent).toMatch(/since 28 Sep 2026: /);

    // The deficit that justified the course is the one charted, with the course's span.
    expect(await chartCaption(courseCardEl)).toMatch(
      /^Lymphocytes, absolute \(ALC\): \d+ results, .*the course \(28 Sep 2026 → 28 Oct 2026\) shaded as a column$/,
    );
  });

  it('a bacterial lysate followed by eosinophilia: the adverse signal on the course and in today’s summary', async () => {
    renderApp('lysate-eosinophilia');
    const panel = await openCourses();
    const today = within(attention(panel)).getAllByRole('listitem');
    // Only the course rules speak here: "no deficit" stays in the findings of the profile view.
    expect(today.map((li) => li.getAttribute('data-rule'))).toEqual(['immune-adverse-signal']);
    expect(today[0]?.textContent).toContain('new eosinophilia after the start');

    const [card] = within(panel).getAllByRole('article');
    const findings = within(card as HTMLElement).getByRole('region', { name: 'Findings on this course' });
    expect(within(findings).getByText('Possible immune adverse reaction after an immunostimulant')).toBeTruthy();
    await waitFor(() => expect(findings.textContent).toContain('0.9 ×10⁹/L, 20 Oct 2026'), WAIT);
    expect(
      within(card as HTMLElement).getByText('No deficit, indicating diagnosis or therapy was documented at the start.'),
    ).toBeTruthy();
  });

  it('says “nothing due today” only when every input arrived, and otherwise what is not known', async () => {
    renderApp('hepatitis-peginterferon');
    let panel = await openCourses();
    expect(within(attention(panel)).getByText('Nothing due today on the current courses.')).toBeTruthy();
    const card = courseCard(panel, PEGASYS);
    expect(within(card).getByText('ended')).toBeTruthy();
    // A finished course's tests are as of its end, and it is not said to have "nothing due".
    expect(within(card).getByText(/^As of the end of the course, 26 Oct 2026/)).toBeTruthy();
    expect(within(card).queryByRole('region', { name: 'Findings on this course' })).toBeNull();
    cleanup();

    state.failures = { Condition: 500 };
    renderApp('hepatitis-peginterferon');
    panel = await openCourses();
    expect(within(panel).getByText(/^These courses may be incomplete: diagnoses could not be read/)).toBeTruthy();
    expect(
      within(attention(panel)).getByText('Whether anything is due today is not known: diagnoses could not be read.'),
    ).toBeTruthy();
    expect(within(panel).queryByText('Nothing due today on the current courses.')).toBeNull();
  });

  it('without the medication orders: the courses cannot be listed, never “no courses”', async () => {
    state.failures = { MedicationRequest: 'network' };
    renderApp('peginterferon-monitoring');
    const panel = await openCourses();
    expect(
      within(panel).getByText(
        'The courses cannot be listed: medication orders could not be read. This does not mean there are none.',
      ),
    ).toBeTruthy();
    expect(within(panel).queryByText('No immunocorrective courses in the medication record.')).toBeNull();
    expect(within(panel).queryByText('Nothing due today on the current courses.')).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('on a narrow screen the monitoring plan is a list of tests, each with its state in words', async () => {
    const matchMedia = window.matchMedia;
    window.matchMedia = ((query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as unknown as typeof window.matchMedia;
    try {
      renderApp('peginterferon-monitoring');
      const panel = await openCourses();
      const card = courseCard(panel, PEGASYS);
      expect(within(card).queryByRole('table', { name: /^Monitoring tests of/ })).toBeNull();
      const plan = within(card).getByRole('list', { name: `Monitoring tests of ${PEGASYS}` });
      const tests = within(plan).getAllByRole('listitem');
      expect(tests.map((li) => li.querySelector('.plan-test')?.textContent)).toEqual(['CBC', 'liver tests', 'TSH']);
      expect(tests[2]?.textContent).toContain('overdue');
      expect(tests[2]?.textContent).toContain('16 Oct 2026');
    } finally {
      window.matchMedia = matchMedia;
    }
  });
});
