import { describe, expect, it } from 'vitest';
import { BIOMARKERS, COMPARTMENTS, catalogLoincCodes } from '../../../src/core/biomarkers/catalog.js';
import { formatQuantity, formatRange, readResult } from '../../../src/core/biomarkers/display.js';
import { buildProfile } from '../../../src/core/biomarkers/profile.js';
import { readResources } from '../../../src/core/fhir/parse.js';
import { installAllCatalogs } from '../../../src/core/messages/catalogs.js';
import { translator } from '../../../src/core/messages/translator.js';
import { SOURCES } from '../../../src/core/sources.js';

const now = new Date('2026-11-01T00:00:00Z');

function observationFor(code: string, display: string, unit: string, value: number) {
  const ucumCode = unit === '{ratio}' || unit === '{INR}' ? unit : unit;
  return {
    resourceType: 'Observation',
    id: `obs-${code}`,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code, display }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-10-01T08:00:00Z',
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: ucumCode },
  };
}

describe('biomarker catalog', () => {
  it('has at least 25 markers covering every compartment', () => {
    expect(BIOMARKERS.length).toBeGreaterThanOrEqual(25);
    for (const compartment of COMPARTMENTS) {
      expect(BIOMARKERS.some((b) => b.group === compartment)).toBe(true);
    }
  });

  it('gives every marker, code, range and threshold a known source', () => {
    for (const marker of BIOMARKERS) {
      expect(marker.loinc.length, marker.id).toBeGreaterThan(0);
      for (const code of marker.loinc) expect(SOURCES.has(code.source), `${marker.id} ${code.code}`).toBe(true);
      for (const range of marker.ranges) expect(SOURCES.has(range.source), marker.id).toBe(true);
      for (const t of [
        ...(marker.deficitBelow ?? []),
        ...(marker.excessAbove ?? []),
        ...(marker.criticalBelow ?? []),
      ]) {
        expect(SOURCES.has(t.source), marker.id).toBe(true);
      }
    }
  });

  it('maps each LOINC code to exactly one marker', () => {
    const codes = BIOMARKERS.flatMap((b) => b.loinc.map((l) => l.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect(catalogLoincCodes().sort()).toEqual([...codes].sort());
  });

  it.each(BIOMARKERS.flatMap((b) => b.loinc.map((l) => [l.code, b.id, b.unit, l.display] as const)))(
    'LOINC %s resolves to %s',
    (code, id, unit, display) => {
      // 14635-7 is reported in moles: give it a molar value to exercise the conversion.
      const obs =
        code === '14635-7' ? observationFor(code, display, 'nmol/L', 75) : observationFor(code, display, unit, 42);
      const set = readResources({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: obs }] });
      const profile = buildProfile(set.observations, { now });
      expect(profile.series).toHaveLength(1);
      expect(profile.series[0]?.biomarker.id).toBe(id);
      expect(profile.series[0]?.latest.unit).toBe(unit);
      expect(profile.issues).toEqual([]);
    },
  );
});

/** A laboratory result as a LIS sends it: LOINC code, value with its UCUM code or only its text, the lab's range. */
function labResult(
  id: string,
  code: string,
  value: number,
  unit: { text: string; code?: string },
  range?: { low?: number; high?: number },
) {
  const quantity = (v: number) => ({
    value: v,
    unit: unit.text,
    ...(unit.code ? { system: 'http://unitsofmeasure.org', code: unit.code } : {}),
  });
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-10-01T08:00:00+05:00',
    valueQuantity: quantity(value),
    ...(range
      ? {
          referenceRange: [
            {
              ...(range.low === undefined ? {} : { low: quantity(range.low) }),
              ...(range.high === undefined ? {} : { high: quantity(range.high) }),
            },
          ],
        }
      : {}),
  };
}

const adult = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1980-04-12' };
const child = { resourceType: 'Patient', id: 'p1', gender: 'male', birthDate: '2022-03-01' };

function profileOf(observations: unknown[], patient: Record<string, unknown> = adult) {
  const set = readResources({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [patient, ...observations].map((resource) => ({ resource })),
  });
  return buildProfile(set.observations, { now, patient: set.patients[0] as never });
}

function latest(profile: ReturnType<typeof profileOf>, id: string) {
  const s = profile.series.find((x) => x.biomarker.id === id);
  if (!s) throw new Error(`no series for ${id}`);
  return s;
}

installAllCatalogs();

describe('monitoring, safety and allergy markers', () => {
  const en = translator('en');
  const ru = translator('ru');

  it('reads a CBC with eosinophilia and platelets in the units the lab sent', () => {
    const profile = profileOf([
      labResult('eos', '711-2', 0.72, { text: '10^9/L', code: '10*9/L' }, { low: 0.02, high: 0.5 }),
      labResult('eos-pct', '713-8', 9.5, { text: '%', code: '%' }, { low: 0, high: 5 }),
      labResult('plt', '777-3', 245, { text: 'K/uL', code: '10*3/uL' }, { low: 150, high: 400 }),
      labResult('plt-2', '26515-7', 132, { text: '10^9/L', code: '10*9/L' }, { low: 150, high: 400 }),
    ]);
    expect(profile.issues).toEqual([]);
    const eos = latest(profile, 'eosinophils');
    expect([eos.latest.value, eos.latest.unit, eos.latest.interpretation]).toEqual([720, '/uL', 'high']);
    expect(eos.latest.excess?.source).toBe('PEDIATR-REV-2022-EOSINOPHILIA');
    expect(formatQuantity(en, eos.latest, eos.biomarker)).toBe('0.72 ×10⁹/L');
    expect(readResult(en, eos.latest, eos.biomarker).thresholds).toEqual([
      'above 0.5 ×10⁹/L (possible excess; Pediatr Rev 2022)',
    ]);
    const pct = latest(profile, 'eosinophils-pct');
    expect([pct.latest.value, pct.latest.interpretation, pct.biomarker.decisive]).toEqual([9.5, 'high', false]);
    // Two platelet codes, one series: the later result is the latest.
    const plt = latest(profile, 'platelets');
    expect(plt.history.map((m) => m.value)).toEqual([245000, 132000]);
    expect(plt.latest.interpretation).toBe('low');
    expect(formatQuantity(en, plt.history[0] as never, plt.biomarker)).toBe('245 ×10³/µL');
    expect(formatQuantity(ru, plt.latest, plt.biomarker)).toBe('132\u00a0×10⁹/л');
  });

  it('reads liver tests reported in IU/L as U/L, and TSH in mU/L as mIU/L', () => {
    const profile = profileOf([
      labResult('alt', '1742-6', 88, { text: 'IU/L' }, { high: 40 }),
      labResult('ast', '1920-8', 35, { text: 'U/L', code: 'U/L' }, { low: 0, high: 40 }),
      labResult('tsh', '3016-3', 6.8, { text: 'mU/L' }, { low: 0.4, high: 4 }),
    ]);
    expect(profile.issues).toEqual([]);
    const alt = latest(profile, 'alt').latest;
    expect([alt.value, alt.unit, alt.interpretation]).toEqual([88, 'U/L', 'high']);
    expect(formatQuantity(ru, alt, latest(profile, 'alt').biomarker)).toBe('88\u00a0Ед/л');
    expect(latest(profile, 'ast').latest.interpretation).toBe('normal');
    const tsh = latest(profile, 'tsh');
    expect([tsh.latest.value, tsh.latest.unit, tsh.latest.interpretation]).toEqual([6.8, 'm[IU]/L', 'high']);
    expect(formatQuantity(en, tsh.latest, tsh.biomarker)).toBe('6.8 mIU/L');
    expect(formatRange(en, tsh.latest, tsh.biomarker)).toBe('0.4–4 mIU/L');
  });

  it('converts calcium, uric acid and copper between mass and substance with their molecular weights', () => {
    const profile = profileOf([
      labResult('ca-mass', '17861-6', 9.4, { text: 'mg/dL', code: 'mg/dL' }, { low: 8.6, high: 10.2 }),
      labResult('urate-mass', '3084-1', 6.0, { text: 'mg/dl' }),
      labResult('cu-mol', '14665-4', 12.6, { text: 'µmol/L', code: 'umol/L' }, { low: 11, high: 22 }),
    ]);
    expect(profile.issues).toEqual([]);
    const ca = latest(profile, 'calcium');
    expect(ca.latest.unit).toBe('mmol/L');
    expect(ca.latest.value).toBeCloseTo(2.3454, 4); // 9.4 mg/dL ÷ 40.078 g/mol
    expect(ca.latest.interpretation).toBe('normal');
    expect(formatQuantity(en, ca.latest, ca.biomarker)).toBe('9.4 mg/dL');
    const urate = latest(profile, 'uric-acid');
    expect(urate.latest.value).toBeCloseTo(356.9, 1); // 6.0 mg/dL ÷ 168.11 g/mol
    expect(urate.latest.interpretation).toBe('unknown'); // no lab range and no catalog range
    expect(formatQuantity(en, urate.latest, urate.biomarker)).toBe('6 mg/dL');
    const cu = latest(profile, 'copper');
    expect(cu.latest.unit).toBe('ug/dL');
    expect(cu.latest.value).toBeCloseTo(80.07, 2); // 12.6 µmol/L × 63.546 g/mol
    expect(cu.latest.interpretation).toBe('normal');
    expect(formatQuantity(ru, cu.latest, cu.biomarker)).toBe('12,6\u00a0мкмоль/л');
  });

  it('keeps results in the unit a Central Asian lab sends: mmol/L calcium, µmol/L uric acid', () => {
    const profile = profileOf([
      labResult('ca-mol', '2000-8', 2.61, { text: 'mmol/L', code: 'mmol/L' }, { low: 2.15, high: 2.55 }),
      labResult('urate-mol', '14933-6', 420, { text: 'umol/l' }, { low: 150, high: 350 }),
      labResult('cu-mass', '5631-7', 95, { text: 'mcg/dL' }, { low: 70, high: 140 }),
    ]);
    expect(profile.issues).toEqual([]);
    const ca = latest(profile, 'calcium');
    expect([ca.latest.value, ca.latest.interpretation]).toEqual([2.61, 'high']);
    expect(formatQuantity(ru, ca.latest, ca.biomarker)).toBe('2,61\u00a0ммоль/л');
    const urate = latest(profile, 'uric-acid');
    expect([urate.latest.value, urate.latest.interpretation]).toEqual([420, 'high']);
    expect(formatQuantity(translator('uz'), urate.latest, urate.biomarker)).toBe('420 mkmol/l');
    expect(latest(profile, 'copper').latest.value).toBe(95);
  });

  it('reads a raised IgE against the lab range only (no catalog threshold)', () => {
    const profile = profileOf([labResult('ige', '19113-0', 450, { text: 'IU/mL' }, { high: 100 })]);
    const ige = latest(profile, 'ige').latest;
    expect([ige.value, ige.unit, ige.interpretation, ige.excess]).toEqual([450, '[IU]/mL', 'high', undefined]);
  });

  it('flags adult lymphocytosis above 4,000 cells/µL, and never judges a child by it', () => {
    const alc = labResult('alc', '731-0', 5.2, { text: '10^9/L', code: '10*9/L' });
    const grown = latest(profileOf([alc]), 'lymphocytes').latest;
    expect(grown.excess?.source).toBe('STATPEARLS-LYMPHOCYTOSIS');
    expect(profileOf([alc]).compartments.find((c) => c.compartment === 'adaptive-T')?.status).toBe('excess');
    expect(latest(profileOf([alc], child), 'lymphocytes').latest.excess).toBeUndefined();
  });

  it('leaves the immune compartments to immune markers: monitoring results decide none', () => {
    const profile = profileOf([
      labResult('alt', '1742-6', 310, { text: 'U/L', code: 'U/L' }, { high: 40 }),
      labResult('plt', '777-3', 40, { text: '10^9/L', code: '10*9/L' }, { low: 150, high: 400 }),
      labResult('ca', '2000-8', 3.1, { text: 'mmol/L', code: 'mmol/L' }, { high: 2.55 }),
    ]);
    expect(profile.series).toHaveLength(3);
    for (const c of profile.compartments) {
      expect(c.status, c.compartment).toBe('unknown');
      expect(c.evidence).toEqual([]);
    }
  });

  it('cites a code-system source for every LOINC code, and says which codes are unverified', () => {
    for (const marker of BIOMARKERS) {
      for (const code of marker.loinc)
        expect(SOURCES.get(code.source)?.kind, `${marker.id} ${code.code}`).toBe('code-system');
    }
    const unverified = BIOMARKERS.flatMap((b) => b.loinc.filter((l) => !l.verified).map((l) => l.code));
    expect(unverified.sort()).toEqual(['26848-2', '27415-9', '5724-0']);
  });
});
