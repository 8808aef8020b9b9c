import type { MonitoringPlan, MonitoringTest } from './types.js';

/**
 * The monitoring plans of the knowledge base: which tests a running immunocorrective course needs
 * and how often, each from a label or guideline (`opinion: false`) or from a POLICY-MONITORING-*
 * expert opinion that states its reasoning (`opinion: true`). Sources: monitoring-sources.ts.
 * Order matters where plans overlap: a condition-specific plan comes before its class's general one.
 *
 * No plan, deliberately: the short-acting CSFs other than filgrastim (lenograstim, molgramostim,
 * sargramostim) and the long-acting ones other than pegfilgrastim, whose label texts were not read;
 * interferon gamma and local (intranasal, rectal) interferons; thymus peptides, bacterial lysates,
 * interferon inducers and the other boosters, whose labels set no tests. What those courses need is
 * the deficit marker that justified them, re-measured at the end: a reassessment, not a schedule.
 */

/** The blood count a plan asks for: any of its markers satisfies it; ANC is the test a card suggests. */
const cbc = (baseline: boolean, schedule: MonitoringTest['schedule']): MonitoringTest => ({
  id: 'cbc',
  markers: ['neutrophils', 'wbc', 'platelets'],
  baseline,
  schedule,
});

const liver = (baseline: boolean, schedule: MonitoringTest['schedule']): MonitoringTest => ({
  id: 'liver',
  markers: ['alt', 'ast'],
  baseline,
  schedule,
});

/** Interferon beta: 1 month, quarterly to the end of year 1, then every 6 months (the KKNMS 6–12, at its shorter end). */
const IFN_BETA_SCHEDULE: MonitoringTest['schedule'] = [
  { untilDay: 30, everyDays: 30 },
  { untilDay: 365, everyDays: 90 },
  { everyDays: 180 },
];

export const MONITORING_PLANS: readonly MonitoringPlan[] = [
  {
    id: 'filgrastim-cbc',
    agents: ['filgrastim'],
    tests: [cbc(true, [{ everyDays: 4 }])],
    source: 'FILGRASTIM-PI-MONITORING',
    opinion: false,
    note: 'Twice a week is read as every 3–4 days: a count is due by day 4 after the previous one.',
  },
  {
    id: 'pegfilgrastim-cbc',
    agents: ['pegfilgrastim'],
    tests: [cbc(true, [{ everyDays: 14 }])],
    source: 'POLICY-MONITORING-PEGFILGRASTIM',
    opinion: true,
  },
  {
    id: 'interferon-alfa-hepatitis',
    classes: ['interferon-alfa'],
    when: { conditions: ['chronic-viral-hepatitis'] },
    tests: [
      cbc(true, [{ untilDay: 28, everyDays: 14 }, { everyDays: 30 }]),
      liver(true, [{ everyDays: 30 }]),
      { id: 'tsh', markers: ['tsh'], baseline: true, schedule: [{ everyDays: 84 }] },
    ],
    source: 'VA-HCV-2006-MONITORING',
    opinion: false,
    note:
      'Blood count at weeks 2 and 4, then monthly; ALT at month 1, then monthly, with the blood count (the shorter ' +
      'end of "monthly or every two months" and "every 1–2 months"); TSH every 12 weeks. The table is written for ' +
      'hepatitis C; hepatitis B courses follow it.',
  },
  {
    id: 'interferon-alfa',
    classes: ['interferon-alfa'],
    tests: [
      cbc(true, [{ everyDays: 30 }]),
      liver(true, [{ everyDays: 30 }]),
      { id: 'tsh', markers: ['tsh'], baseline: true, schedule: [{ everyDays: 84 }] },
    ],
    source: 'POLICY-MONITORING-IFN-ALFA',
    opinion: true,
  },
  {
    id: 'interferon-beta',
    classes: ['interferon-beta'],
    tests: [cbc(true, IFN_BETA_SCHEDULE), liver(true, IFN_BETA_SCHEDULE)],
    source: 'KKNMS-IFN-BETA-MONITORING',
    opinion: false,
    note: 'The KKNMS table also asks for TSH "periodically", without an interval: not scheduled here.',
  },
  {
    id: 'levamisole-cbc',
    agents: ['levamisole'],
    // A single anthelmintic dose is a one-day course: no blood counts for it.
    when: { minCourseDays: 1 },
    tests: [cbc(true, [{ everyDays: 7 }])],
    source: 'POLICY-MONITORING-LEVAMISOLE',
    opinion: true,
  },
  {
    id: 'inosine-pranobex-uric-acid',
    agents: ['inosine-pranobex'],
    // Beyond the usual 5–14-day course of the product information.
    when: { minCourseDays: 14 },
    tests: [{ id: 'uric-acid', markers: ['uric-acid'], baseline: true, schedule: [{ everyDays: 30 }] }],
    source: 'POLICY-MONITORING-INOSINE-PRANOBEX',
    opinion: true,
  },
  {
    id: 'vitamin-d-high-dose',
    agents: ['colecalciferol', 'ergocalciferol'],
    // The agents' dose limit: the adult tolerable upper intake level.
    when: { dosePerDayAbove: { value: 4000, unit: '[IU]' } },
    tests: [
      { id: 'calcium', markers: ['calcium'], baseline: true, schedule: [{ everyDays: 84 }] },
      { id: 'vitamin-d', markers: ['vitamin-d'], baseline: true, schedule: [{ everyDays: 84 }] },
    ],
    source: 'POLICY-MONITORING-VITAMIN-D',
    opinion: true,
  },
  {
    id: 'zinc-copper',
    classes: ['zinc'],
    when: { minCourseDays: 56, dosePerDayAbove: { value: 40, unit: 'mg' } },
    tests: [{ id: 'copper', markers: ['copper'], baseline: false, schedule: [{ everyDays: 56 }] }],
    source: 'POLICY-MONITORING-ZINC-COPPER',
    opinion: true,
  },
];

const byId = new Map(MONITORING_PLANS.map((p) => [p.id, p]));

export function monitoringPlanById(id: string): MonitoringPlan | undefined {
  return byId.get(id);
}
