// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelState } from '../../src/app/data/panels.js';
import { describeError } from '../../src/app/smart/errors.js';
import { ErrorScreen } from '../../src/app/views/ErrorScreen.js';
import { MedicationTimeline } from '../../src/app/views/MedicationTimeline.js';
import { Panel } from '../../src/app/views/Panel.js';
import { PatientBanner } from '../../src/app/views/PatientBanner.js';
import type { RecognizedOrder } from '../../src/core/drugs/orders.js';
import { patient } from '../helpers/orders.js';

afterEach(cleanup);

const DAY = 86_400_000;
const NOW_MS = Date.parse('2026-11-01T09:00:00+05:00');

describe('Panel', () => {
  it('shows a busy skeleton while loading', () => {
    render(<Panel title="Biomarkers" state={{ status: 'loading' }} />);
    const region = screen.getByRole('region', { name: 'Biomarkers' });
    expect(region.getAttribute('aria-busy')).toBe('true');
    expect(within(region).getByText('Loading…')).toBeTruthy();
  });

  it('renders its children when ready', () => {
    render(
      <Panel title="Biomarkers" state={{ status: 'ready', resources: [] }}>
        <p>content</p>
      </Panel>,
    );
    const region = screen.getByRole('region', { name: 'Biomarkers' });
    expect(region.getAttribute('aria-busy')).toBe('false');
    expect(within(region).getByText('content')).toBeTruthy();
  });

  it('says which resource it may not read, as a status', () => {
    render(<Panel title="Medications" state={{ status: 'unauthorized', resourceType: 'MedicationRequest' }} />);
    expect(screen.getByRole('status').textContent).toContain(
      'Not authorised to read MedicationRequest — ask your EHR administrator to grant the scope',
    );
  });

  it('shows the mapped error as an alert, with a relaunch hint when relaunching helps', () => {
    const state: PanelState = { status: 'error', error: describeError(Object.assign(new Error('x'), { status: 401 })) };
    render(<Panel title="Biomarkers" state={state} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Your session has expired');
    expect(alert.textContent).toContain('Relaunch from the EHR');
    cleanup();
    render(
      <Panel title="Biomarkers" state={{ status: 'error', error: describeError(new TypeError('Failed to fetch')) }} />,
    );
    expect(screen.getByRole('alert').textContent).toContain('The EHR could not be reached');
    expect(screen.getByRole('alert').textContent).not.toContain('Relaunch');
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
});

describe('PatientBanner', () => {
  it('shows name, gender, birth date with age and MRN', () => {
    render(<PatientBanner state={{ status: 'ready', resources: [patient] }} />);
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Malika Rahimova')).toBeTruthy();
    expect(within(banner).getByText('Female')).toBeTruthy();
    expect(within(banner).getByText(/^1980-04-12 \(\d+ y\)$/)).toBeTruthy();
    expect(within(banner).getByText('MRN-900001')).toBeTruthy();
  });

  it('has loading, unauthorised and error states', () => {
    const { rerender } = render(<PatientBanner state={{ status: 'loading' }} />);
    expect(within(screen.getByRole('banner')).getByText('Loading patient…')).toBeTruthy();
    rerender(<PatientBanner state={{ status: 'unauthorized', resourceType: 'Patient' }} />);
    expect(screen.getByRole('status').textContent).toContain('Not authorised to read Patient');
    rerender(<PatientBanner state={{ status: 'error', error: describeError({ status: 500 }) }} />);
    expect(screen.getByRole('alert').textContent).toContain('The EHR answered 500.');
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
    expect(a.textContent).toMatch(/Current.*Bacterial lysates · weak evidence · status active/);
    expect(a.textContent).toContain('day 12 of 14');
    const b = screen.getByText('Open-ended B').closest('li') as HTMLElement;
    expect(b.textContent).toContain('day 5, no end date');
    const c = screen.getByText('Finished C').closest('li') as HTMLElement;
    expect(c.textContent).toMatch(/Past.*status completed/);
    expect(c.textContent).toContain('10 days planned');
    const groups = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual(['Current', 'Past']);
  });

  it('has an empty state', async () => {
    render(<MedicationTimeline orders={[]} nowMs={NOW_MS} />);
    expect(await screen.findByText(/No immunomodulators or interacting drugs/)).toBeTruthy();
  });
});
