// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError, loadFailure } from '../../src/app/smart/errors.js';
import { ErrorScreen } from '../../src/app/views/ErrorScreen.js';
import { MedicationTimeline } from '../../src/app/views/MedicationTimeline.js';
import { Panel } from '../../src/app/views/Panel.js';
import { PatientBanner } from '../../src/app/views/PatientBanner.js';
import type { RecognizedOrder } from '../../src/core/drugs/orders.js';
import type { Patient } from '../../src/core/fhir/schemas.js';
import { patient } from '../helpers/orders.js';

afterEach(cleanup);

const DAY = 86_400_000;
const NOW_MS = Date.parse('2026-11-01T09:00:00+05:00');

describe('Panel', () => {
  it('shows a busy skeleton while loading', () => {
    render(<Panel title="Biomarkers" source="observations" state={{ status: 'loading' }} />);
    const region = screen.getByRole('region', { name: 'Biomarkers' });
    expect(region.getAttribute('aria-busy')).toBe('true');
    expect(within(region).getByText('Loading…')).toBeTruthy();
  });

  it('renders its children when ready', () => {
    render(
      <Panel title="Biomarkers" source="observations" state={{ status: 'ready', resources: [] }}>
        <p>content</p>
      </Panel>,
    );
    const region = screen.getByRole('region', { name: 'Biomarkers' });
    expect(region.getAttribute('aria-busy')).toBe('false');
    expect(within(region).getByText('content')).toBeTruthy();
  });

  it('names the data it may not read and the scope to ask for, as a status', () => {
    render(
      <Panel title="Medications" source="medications" state={{ status: 'failed', failure: { kind: 'not-granted' } }} />,
    );
    expect(screen.getByRole('status').textContent).toContain(
      'The EHR did not grant ImmunoSteward access to medication orders — ask your EHR administrator to grant the MedicationRequest scope.',
    );
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('a 401 says the session expired and to relaunch; a network failure offers Retry, which calls back', () => {
    render(
      <Panel
        title="Biomarkers"
        source="observations"
        state={{ status: 'failed', failure: loadFailure(Object.assign(new Error('x'), { status: 401 })) }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Your session expired');
    expect(alert.textContent).toContain(
      'ImmunoSteward could not read laboratory results: your session with the EHR expired.',
    );
    expect(alert.textContent).toContain('Relaunch ImmunoSteward from the patient’s chart to continue.');
    expect(alert.textContent).not.toMatch(/scope/);
    cleanup();
    let retried = 0;
    render(
      <Panel
        title="Biomarkers"
        source="observations"
        state={{ status: 'failed', failure: loadFailure(new TypeError('Failed to fetch')) }}
        onRetry={() => retried++}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'The EHR’s FHIR server could not be reached; the profile below is incomplete — check the connection and retry.',
    );
    expect(screen.getByRole('alert').textContent).not.toContain('Relaunch');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retried).toBe(1);
  });
});

describe('loadFailure', () => {
  it('maps statuses and network errors to what the physician can do', () => {
    const http = (status: number) => loadFailure(Object.assign(new Error(`HTTP ${status}`), { status }));
    expect(http(401)).toEqual({ kind: 'expired' });
    expect(http(403)).toEqual({ kind: 'forbidden' });
    expect(http(404)).toEqual({ kind: 'not-found' });
    expect(http(503)).toEqual({ kind: 'server', status: 503 });
    expect(loadFailure(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
    expect(loadFailure(undefined)).toEqual({ kind: 'server' });
    expect(loadFailure({ response: { status: 502 } })).toEqual({ kind: 'server', status: 502 });
  });

  it('a failed refresh of the access token is an expired session, not a server error', () => {
    const tokenUri = 'https://ehr.test/auth/token';
    const refused = { status: 400, response: { status: 400, url: tokenUri } };
    expect(loadFailure(refused, tokenUri)).toEqual({ kind: 'expired' });
    expect(loadFailure(refused, 'https://ehr.test/other')).toEqual({ kind: 'server', status: 400 });
    // fhirclient holds a refresh token the EHR granted no online_access or offline_access for.
    const noScope = new Error('Unable to refresh. No offline_access or online_access scope found.');
    expect(loadFailure(noScope, tokenUri)).toEqual({ kind: 'expired' });
  });
});

describe('ErrorScreen', () => {
  it('shows title, message and relaunch hint, never a stack trace', () => {
    const error = new Error('state abc not found');
    error.stack = 'Error: state abc not found\n    at ready (fhirclient.js:1:1)';
    render(<ErrorScreen error={describeError(error)} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Your session has ended' })).toBeTruthy();
    expect(alert.textContent).toContain('Relaunch ImmunoSteward from the EHR');
    expect(alert.textContent).not.toContain('fhirclient.js');
  });

  it('says what a configuration error is and whom to ask, never a raw status alone', () => {
    render(<ErrorScreen error={describeError(new Error('smart-config.json: HTTP 404'))} />);
    expect(screen.getByRole('alert').textContent).toMatch(
      /not set up for this EHR.*Ask your EHR administrator.*smart-config\.json: HTTP 404/,
    );
    cleanup();
    render(<ErrorScreen error={describeError({ status: 500 })} />);
    expect(screen.getByRole('alert').textContent).toContain('The EHR answered with an error (500) — try again.');
  });
});

describe('PatientBanner', () => {
  it('shows name, gender, birth date with age and MRN', () => {
    render(<PatientBanner patient={patient as Patient} />);
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Malika Rahimova')).toBeTruthy();
    expect(within(banner).getByText('Female')).toBeTruthy();
    expect(within(banner).getByText(/^12 Apr 1980 \(\d+ y\)$/)).toBeTruthy();
    expect(within(banner).getByText('MRN-900001')).toBeTruthy();
  });

  it('shows a placeholder until the record arrives, and a partial birth date as recorded', () => {
    const { rerender } = render(<PatientBanner patient={undefined} />);
    expect(within(screen.getByRole('banner')).getByText('Loading patient…')).toBeTruthy();
    rerender(<PatientBanner patient={{ ...(patient as Patient), birthDate: '1980' }} />);
    expect(within(screen.getByRole('banner')).getByText(/^1980 \(\d+ y\)$/)).toBeTruthy();
  });
});

function order(
  partial: Partial<RecognizedOrder> & Pick<RecognizedOrder, 'reference' | 'display' | 'course'>,
): RecognizedOrder {
  return {
    resourceType: 'MedicationRequest',
    status: 'active',
    agents: [
      {
        drugClass: {
          id: 'bacterial-lysates',
          display: 'Bacterial lysates',
          atcPrefixes: [],
          roles: ['booster'],
          evidence: 'weak',
          routeRelevance: 'systemic',
          sources: [],
        },
        via: 'name',
        matched: 'x',
      },
    ],
    vaccines: [],
    roles: new Set(['booster']),
    systemic: true,
    resource: { resourceType: 'MedicationRequest' } as RecognizedOrder['resource'],
    ...partial,
  };
}

describe('MedicationTimeline', () => {
  it('shows the day of a bounded course, "no end date" for an open one, and past courses', async () => {
    const orders = [
      order({
        reference: 'MedicationRequest/a',
        display: 'Lysate A',
        course: { startMs: NOW_MS - 11 * DAY, endMs: NOW_MS + 3 * DAY, bounded: true, plannedDays: 14 },
      }),
      order({
        reference: 'MedicationRequest/b',
        display: 'Open-ended B',
        course: { startMs: NOW_MS - 4 * DAY, bounded: false },
      }),
      order({
        reference: 'MedicationRequest/c',
        display: 'Finished C',
        status: 'completed',
        course: { startMs: NOW_MS - 60 * DAY, endMs: NOW_MS - 50 * DAY, bounded: true, plannedDays: 10 },
      }),
    ];
    render(<MedicationTimeline orders={orders} nowMs={NOW_MS} />);
    const a = (await screen.findByText('Lysate A')).closest('li') as HTMLElement;
    expect(a.textContent).toMatch(/Current.*Bacterial lysates · weak evidence · active order/);
    expect(a.textContent).toContain('day 12 of 14');
    const b = screen.getByText('Open-ended B').closest('li') as HTMLElement;
    expect(b.textContent).toContain('day 5, no end date');
    const c = screen.getByText('Finished C').closest('li') as HTMLElement;
    expect(c.textContent).toMatch(/Past.*· completed/);
    expect(c.textContent).toContain('10 days planned');
    const groups = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual(['Current', 'Past']);
  });

  it('has an empty state', async () => {
    render(<MedicationTimeline orders={[]} nowMs={NOW_MS} />);
    expect(await screen.findByText(/No immunomodulators or interacting drugs/)).toBeTruthy();
  });
});
