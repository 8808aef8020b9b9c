import { fhir } from './population.js';

/**
 * Seven patients whose measures are computed by hand in test/cds-hooks/population/measures/
 * (as of 2026-07-01, go-live 2026-04-01, the site's maximum for low-molecular immunomodulators
 * 30 days). Pidotimod L03AX05 and isoprinosine J05AX05 are low-molecular immunomodulators,
 * levamisole P02CE01 is its own class.
 */
export const HAND_AS_OF = Date.parse('2026-07-01T00:00:00Z');
export const HAND_GO_LIVE = '2026-04-01';
export const HAND_MAX_DAYS = { 'low-molecular-immunomodulator': 30 };

const PIDOTIMOD = ['L03AX05', 'Imunorix (pidotimod) 800 mg'] as const;

export const HAND_POPULATION = [
  // A: normal ALC 3 weeks before; pidotimod 10 days from 2 Feb → not indicated, normal labs.
  [
    fhir.patient('pop-a'),
    fhir.alc('pop-a', '2026-01-20', 2.0),
    fhir.order('pop-a', 'pop-a-pido', ...PIDOTIMOD, '2026-02-02', 10),
    fhir.encounter('pop-a', '2026-02-02', '2026-02-02', 'Pulmonology'),
  ],
  // B: ALC 0.6 (a deficit); isoprinosine 15 days from 4 May during a stay of 1–10 May → indicated.
  [
    fhir.patient('pop-b'),
    fhir.alc('pop-b', '2026-04-28', 0.6),
    fhir.order('pop-b', 'pop-b-iso', 'J05AX05', 'Isoprinosine 500 mg', '2026-05-04', 15),
    fhir.encounter('pop-b', '2026-05-01', '2026-05-10', 'Internal medicine'),
  ],
  // C: no labs; pidotimod with no end, still active → not indicated, unknown labs; unbounded.
  [
    fhir.patient('pop-c'),
    fhir.order('pop-c', 'pop-c-pido', ...PIDOTIMOD, '2026-05-10', undefined, 'active'),
    fhir.encounter('pop-c', '2026-05-10', '2026-05-10', 'Pulmonology'),
  ],
  // D: on warfarin; levamisole 3 days from 1 June, normal ALC → not indicated, normal labs; anticoagulant interaction.
  [
    fhir.patient('pop-d', '1950-02-01'),
    fhir.alc('pop-d', '2026-05-20', 2.1),
    fhir.order('pop-d', 'pop-d-warfarin', 'B01AA03', 'Warfarin 5 mg', '2025-06-01', undefined, 'active'),
    fhir.order('pop-d', 'pop-d-levamisole', 'P02CE01', 'Levamisole 150 mg', '2026-06-01', 3),
    fhir.encounter('pop-d', '2026-06-01', '2026-06-01', 'Cardiology'),
  ],
  // E: no immunostimulant; a stay of 10–14 January (days present only).
  [fhir.patient('pop-e'), fhir.encounter('pop-e', '2026-01-10', '2026-01-14', 'Internal medicine')],
  // F: three 10-day pidotimod courses with normal labs; the third, in May, is repeated (two in 365 days).
  [
    fhir.patient('pop-f'),
    fhir.alc('pop-f', '2025-08-25', 2.2),
    fhir.alc('pop-f', '2026-01-02', 2.2),
    fhir.alc('pop-f', '2026-05-01', 2.2),
    fhir.order('pop-f', 'pop-f-pido-1', ...PIDOTIMOD, '2025-09-01', 10),
    fhir.order('pop-f', 'pop-f-pido-2', ...PIDOTIMOD, '2026-01-05', 10),
    fhir.order('pop-f', 'pop-f-pido-3', ...PIDOTIMOD, '2026-05-04', 10),
    fhir.encounter('pop-f', '2025-09-01', '2025-09-01', 'Pulmonology'),
    fhir.encounter('pop-f', '2026-01-05', '2026-01-05', 'Pulmonology'),
    fhir.encounter('pop-f', '2026-05-04', '2026-05-04', 'Pulmonology'),
  ],
  // G: pidotimod 45 days from 20 April with normal labs → not indicated, normal labs; over the 30-day maximum.
  [
    fhir.patient('pop-g'),
    fhir.alc('pop-g', '2026-04-15', 2.0),
    fhir.order('pop-g', 'pop-g-pido', ...PIDOTIMOD, '2026-04-20', 45),
    fhir.encounter('pop-g', '2026-04-20', '2026-04-20', 'Pulmonology'),
  ],
];
