import { describe, expect, it } from 'vitest';
import { BIOMARKERS, COMPARTMENTS, catalogLoincCodes } from '../../../src/core/biomarkers/catalog.js';
import { buildProfile } from '../../../src/core/biomarkers/profile.js';
import { readResources } from '../../../src/core/fhir/parse.js';
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
