import { describe, expect, it } from 'vitest';
import { biomarkerById } from '../../../src/core/biomarkers/catalog.js';
import { buildProfile, type ImmuneProfile } from '../../../src/core/biomarkers/profile.js';
import { readResources } from '../../../src/core/fhir/parse.js';
import { selectPatient } from '../../../src/core/fhir/patient.js';
import { FIXTURE_NOW, loadResources } from '../../helpers/fixtures.js';
import { labObservation } from '../../helpers/orders.js';

function profileOf(fixture: string, options: Partial<Parameters<typeof buildProfile>[1]> = {}): ImmuneProfile {
  const set = loadResources(fixture);
  const selection = selectPatient(set);
  if ('error' in selection) throw new Error(selection.error);
  const profile = buildProfile(set.observations, {
    now: FIXTURE_NOW,
    ...(selection.patient ? { patient: selection.patient } : {}),
    ...options,
  });
  profile.issues.unshift(...set.issues);
  return profile;
}

function series(profile: ImmuneProfile, id: string) {
  const s = profile.series.find((x) => x.biomarker.id === id);
  if (!s) throw new Error(`no series for ${id}`);
  return s;
}

describe('immune profile of the post-COVID patient', () => {
  const profile = profileOf('patient-post-covid.json');

  it('converts g/L immunoglobulins to mg/dL and keeps the original', () => {
    const igg = series(profile, 'igg').latest;
    expect(igg.value).toBe(1150);
    expect(igg.unit).toBe('mg/dL');
    expect([igg.originalValue, igg.originalUnit]).toEqual([11.5, 'g/L']);
    expect(igg.interpretation).toBe('normal');
  });

  it('converts 10*9/L and lab text "x10^9/L" counts to /uL', () => {
    const alc = series(profile, 'lymphocytes');
    expect(alc.history.map((m) => m.value)).toEqual([600, 800, 1200]);
    expect(alc.history[1]?.originalUnit).toBe('x10^9/L');
  });

  it('converts nmol/L vitamin D and umol/L zinc with molecular weights', () => {
    const vitd = series(profile, 'vitamin-d').latest;
    expect(vitd.value).toBeCloseTo(18.03, 2);
    expect(vitd.unit).toBe('ng/mL');
    expect(vitd.interpretation).toBe('low');
    const zinc = series(profile, 'zinc').latest;
    expect(zinc.value).toBeCloseTo(64.07, 2);
    expect(zinc.deficit?.source).toBe('HOTZ-2003-ZINC');
    expect(zinc.deficit?.value).toBe(70); // female cut-off
  });

  it('derives absolute CD4 and CD8 from percent × same-day lymphocytes, and then the ratio', () => {
    const cd4 = series(profile, 'cd4').history.find((m) => m.day === '2024-12-10');
    expect(cd4?.value).toBe(132);
    expect(cd4?.derived?.inputs).toEqual(['Observation/pc-cd4-pct-2024-12-10', 'Observation/pc-lymph-abs-2024-12-10']);
    expect(cd4?.deficit?.source).toBe('CDC-HIV-2014');
    const ratio = series(profile, 'cd4-cd8-ratio').history.find((m) => m.day === '2024-12-10');
    expect(ratio?.value).toBe(0.73);
    expect(ratio?.derived?.method).toBe('CD4 ÷ CD8');
  });

  it('keeps a reported ratio instead of deriving one the same day', () => {
    const ratios = series(profile, 'cd4-cd8-ratio').history.filter((m) => m.day === '2025-06-05');
    expect(ratios).toHaveLength(1);
    expect(ratios[0]?.derived).toBeUndefined();
    expect(ratios[0]?.value).toBe(0.76);
  });

  it('derives the 2026 ratio from reported absolute counts', () => {
    const ratio = series(profile, 'cd4-cd8-ratio').latest;
    expect(ratio.day).toBe('2026-09-20');
    expect(ratio.value).toBe(1.03);
  });

  it('ignores entered-in-error results', () => {
    const cd4 = series(profile, 'cd4');
    expect(cd4.latest.sourceId).toBe('Observation/pc-cd4-2026-09-20');
    expect(cd4.history.some((m) => m.sourceId.includes('pc-cd4-eie'))).toBe(false);
  });

  it('fits trends by least squares over the recent values, printed per year for long series', () => {
    const cd4 = series(profile, 'cd4');
    expect(cd4.previous?.value).toBe(190);
    // 132, 190, 310 cells/µL on days 0, 177, 649: the fitted slope, not the last two values.
    const xs = [0, 177, 649];
    const ys = [132, 190, 310];
    const mx = xs.reduce((a, b) => a + b) / 3;
    const my = ys.reduce((a, b) => a + b) / 3;
    const slope =
      xs.reduce((a, x, i) => a + (x - mx) * ((ys[i] as number) - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    expect(cd4.trend).toMatchObject({ direction: 'up', periodDays: 365, points: 3, spanDays: 649 });
    expect(cd4.trend?.changePer30Days).toBeCloseTo(slope * 30, 6);
  });

  it('calls a trend stable when the printed change is small, whichever way the last two values moved', () => {
    const flat = buildProfile(
      readResources([
        labObservation('a', '24467-3', 'CD4', 800, '/uL', '2026-06-01'),
        labObservation('b', '24467-3', 'CD4', 760, '/uL', '2026-07-01'),
        labObservation('c', '24467-3', 'CD4', 790, '/uL', '2026-08-01'),
        labObservation('d', '24467-3', 'CD4', 805, '/uL', '2026-09-01'),
      ]).observations,
      { now: FIXTURE_NOW },
    );
    const trend = flat.series[0]?.trend;
    expect(trend?.direction).toBe('stable');
    expect(trend?.periodDays).toBe(30);
    // Values closer together than two weeks carry no rate at all.
    const close = buildProfile(
      readResources([
        labObservation('a', '24467-3', 'CD4', 100, '/uL', '2026-09-01'),
        labObservation('b', '24467-3', 'CD4', 900, '/uL', '2026-09-05'),
      ]).observations,
      { now: FIXTURE_NOW },
    );
    expect(close.series[0]?.trend).toBeUndefined();
  });

  it("lets the lab's own reference range win over the catalog", () => {
    const iga = series(profile, 'iga').latest;
    expect(iga.value).toBe(50);
    expect(iga.referenceRange).toEqual({ low: 70, high: 400, origin: 'observation' });
    expect(iga.interpretation).toBe('low');
  });

  it('keeps preliminary results and marks them', () => {
    const crp = series(profile, 'crp').latest;
    expect(crp.preliminary).toBe(true);
    expect(crp.status).toBe('preliminary');
  });

  it('turns malformed and value-less Observations into data-quality issues', () => {
    expect(profile.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'pc-bad-value', path: 'Observation.valueQuantity.value' }),
        expect.objectContaining({ id: 'pc-bad-code', path: 'Observation.code' }),
        expect.objectContaining({
          id: 'pc-il6-2026-10-30',
          path: 'Observation.dataAbsentReason',
          problem: 'no value (not-performed)',
        }),
      ]),
    );
    expect(profile.series.some((s) => s.biomarker.id === 'igm')).toBe(false);
  });

  it('stratifies by compartment with a readable summary', () => {
    const byId = Object.fromEntries(profile.compartments.map((c) => [c.compartment, c]));
    // CD4 310 cells/µL is below the lab's range but above the deficit cut-off (200): not a deficit.
    expect(byId['adaptive-T']?.status).toBe('low');
    expect(byId['adaptive-T']?.summary).toBe(
      'Adaptive T: below the lab range — ALC 1.2 ×10⁹/L, 20 Sep 2026 — below the lab range (1.34–3.86 ×10⁹/L); ' +
        'CD4 count 310 cells/µL, 20 Sep 2026 — below the lab range (440–1,496 cells/µL)',
    );
    expect(byId['adaptive-B']?.status).toBe('low');
    expect(byId['adaptive-B']?.summary).toContain('IgA 0.5 g/L, 20 Sep 2026 — below the lab range (0.7–4 g/L)');
    // Zinc crosses its deficit threshold, which the line names with its source.
    expect(byId.nutritional?.status).toBe('deficit');
    expect(byId.nutritional?.summary).toContain('(deficit; Hotz 2003)');
    expect(byId.regulatory?.status).toBe('unknown');
  });
});

describe('immune profile after chemotherapy', () => {
  const profile = profileOf('patient-chemo-neutropenia.json', {
    localLabCodes: [{ system: 'https://lab.example.org/codes', code: 'B-CD19-ABS', biomarker: 'cd19' }],
  });

  it('reads panel components as separate measurements', () => {
    expect(series(profile, 'cd3').latest).toMatchObject({
      value: 600,
      sourceId: 'Observation/chemo-lymph-subsets-2026-10-20#component[0]',
    });
    expect(series(profile, 'cd4').latest.value).toBe(250);
    expect(series(profile, 'cd8').latest.value).toBe(310);
  });

  it("respects the lab's interpretation codes", () => {
    expect(series(profile, 'neutrophils').latest).toMatchObject({
      value: 400,
      interpretation: 'critical-low',
      interpretationOrigin: 'observation',
    });
    expect(series(profile, 'igg').latest).toMatchObject({ value: 420, interpretation: 'low' });
    expect(series(profile, 'igg').latest.deficit?.note).toBe('below the lower reference limit');
  });

  it('maps local lab codes through site configuration', () => {
    expect(series(profile, 'cd19').latest).toMatchObject({
      value: 45,
      matchedBy: { via: 'local', code: 'B-CD19-ABS' },
      interpretation: 'low',
    });
  });

  it('reports a string value without a unit instead of guessing one', () => {
    expect(profile.issues).toContainEqual(
      expect.objectContaining({ id: 'chemo-neut-abs-2026-10-20', problem: 'value has no unit (expected /uL)' }),
    );
  });

  it('marks stale values and never counts them as normal', () => {
    const iga = series(profile, 'iga');
    expect(iga.stale).toBe(true);
    expect(iga.latest.interpretation).toBe('unknown');
    const adaptiveB = profile.compartments.find((c) => c.compartment === 'adaptive-B');
    expect(adaptiveB?.staleMarkers).toEqual(expect.arrayContaining(['iga', 'igm']));
    expect(adaptiveB?.evidence.every((m) => m.day >= '2026-10-20')).toBe(true);
  });

  it('flags vitamin D above 50 ng/mL as excess with its source', () => {
    const vitd = series(profile, 'vitamin-d').latest;
    expect(vitd.excess?.source).toBe('IOM-2011-VITD');
    expect(profile.compartments.find((c) => c.compartment === 'nutritional')?.status).toBe('excess');
  });

  it('without the local mapping the local code is simply not read', () => {
    const plain = profileOf('patient-chemo-neutropenia.json');
    expect(plain.series.some((s) => s.biomarker.id === 'cd19')).toBe(false);
  });

  it('a shorter staleness window turns current values stale', () => {
    const strict = profileOf('patient-chemo-neutropenia.json', { staleAfterDays: 5 });
    expect(strict.compartments.every((c) => c.status === 'unknown')).toBe(true);
    expect(strict.compartments.find((c) => c.compartment === 'innate')?.summary).toContain(
      'WBC and ANC too old to count as current (latest 21 Oct 2026)',
    );
  });
});

describe('immune profile of a healthy adult', () => {
  const profile = profileOf('patient-healthy.json');

  it('shows every compartment with results as normal', () => {
    const states = Object.fromEntries(profile.compartments.map((c) => [c.compartment, c.status]));
    expect(states).toEqual({
      innate: 'normal',
      'adaptive-T': 'normal',
      'adaptive-B': 'normal',
      regulatory: 'unknown',
      nutritional: 'normal',
    });
    expect(profile.issues).toEqual([]);
  });

  it('uses the catalog range with its provenance when the lab sends none', () => {
    const cd4 = series(profile, 'cd4').latest;
    expect(cd4.referenceRange).toEqual({ low: 440, high: 1496, origin: 'catalog', source: 'UCSF-610', verified: true });
    expect(biomarkerById('cd4')?.ranges[0]?.source).toBe('UCSF-610');
  });
});

describe('immune profile of values past what a double holds', () => {
  it('reports a value that overflows on conversion and derives nothing from overflowing inputs', () => {
    const [day1, day2, day3] = ['2026-09-01', '2026-09-02', '2026-09-03'].map((d) => `${d}T08:00:00+05:00`) as [
      string,
      string,
      string,
    ];
    const set = readResources([
      // 1e300 % of 1e300 /uL overflows: no derived absolute CD4.
      labObservation('alc-huge', '731-0', 'Lymphocytes', 1e300, '/uL', day1),
      labObservation('cd4-pct-huge', '8123-2', 'CD4 %', 1e300, '%', day1),
      // 5 ÷ 5e-324 overflows: no derived CD4/CD8 ratio.
      labObservation('cd4', '24467-3', 'CD4', 5, '/uL', day2),
      labObservation('cd8-tiny', '14135-8', 'CD8', 5e-324, '/uL', day2),
      // 1e306 ×10⁹/L is 1e309 /uL: Infinity, which would read as a normal count.
      labObservation('alc-overflow', '731-0', 'Lymphocytes', 1e306, '10*9/L', day3),
    ]);
    const profile = buildProfile(set.observations, { now: FIXTURE_NOW });
    expect(profile.issues).toContainEqual(
      expect.objectContaining({ id: 'alc-overflow', problem: 'value 1e+306 10*9/L is out of range' }),
    );
    expect(profile.series.map((s) => s.biomarker.id).sort()).toEqual(['cd4', 'cd4-pct', 'cd8', 'lymphocytes']);
    const values = profile.series.flatMap((s) => s.history.map((m) => `${s.biomarker.id} ${m.value}`));
    expect(values.sort()).toEqual(['cd4 5', 'cd4-pct 1e+300', 'cd8 5e-324', 'lymphocytes 1e+300']);
  });
});
