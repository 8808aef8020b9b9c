import { describe, expect, it } from 'vitest';
import { tidy } from '../../../src/core/biomarkers/tidy.js';
import { conversionFactor, normalizeUnit } from '../../../src/core/biomarkers/units.js';

describe('normalizeUnit', () => {
  it.each([
    ['cells/uL', '/uL'],
    ['{cells}/uL', '/uL'],
    ['cells/mm3', '/uL'],
    ['x10^9/L', '10*9/L'],
    ['10^9/L', '10*9/L'],
    ['x10E3/uL', '10*3/uL'],
    ['K/uL', '10*3/uL'],
    ['g/l', 'g/L'],
    ['mg/dl', 'mg/dL'],
    ['µg/dL', 'ug/dL'],
    ['mcg/dL', 'ug/dL'],
    ['umol/l', 'umol/L'],
    ['IU/mL', '[IU]/mL'],
    ['kIU/L', 'k[IU]/L'],
    ['pg/ml', 'pg/mL'],
    ['%', '%'],
  ])('maps lab text %s to UCUM %s', (raw, ucum) => {
    expect(normalizeUnit(raw)).toBe(ucum);
  });

  it('treats ratio and INR annotations as unitless', () => {
    expect(normalizeUnit('{ratio}')).toBe('');
    expect(normalizeUnit('{INR}')).toBe('');
    expect(normalizeUnit(undefined)).toBe('');
  });

  it('rejects strings that are not units', () => {
    expect(normalizeUnit('bananas per week')).toBeNull();
  });
});

describe('conversionFactor', () => {
  it('converts the units labs send to canonical units', () => {
    expect(tidy(11.5 * (conversionFactor('g/L', 'mg/dL') ?? Number.NaN))).toBe(1150);
    expect(tidy(0.4 * (conversionFactor('10*9/L', '/uL') ?? Number.NaN))).toBe(400);
    expect(tidy(1.1 * (conversionFactor('10*3/uL', '/uL') ?? Number.NaN))).toBe(1100);
    expect(tidy(150 * (conversionFactor('k[IU]/L', '[IU]/mL') ?? Number.NaN))).toBe(150);
  });

  it('converts substance to mass with the molecular weight', () => {
    // 25-OH vitamin D: 1 ng/mL = 2.496 nmol/L
    expect(tidy(50 * (conversionFactor('nmol/L', 'ng/mL', 400.64) ?? Number.NaN))).toBeCloseTo(20.032, 3);
    expect(tidy(95 * (conversionFactor('ng/mL', 'nmol/L', 400.64) ?? Number.NaN))).toBeCloseTo(237.12, 2);
    // zinc: 10.7 umol/L ≈ 70 ug/dL
    expect(tidy(10.707 * (conversionFactor('umol/L', 'ug/dL', 65.38) ?? Number.NaN))).toBeCloseTo(70, 1);
    expect(tidy(70 * (conversionFactor('ug/dL', 'umol/L', 65.38) ?? Number.NaN))).toBeCloseTo(10.707, 3);
  });

  it('tidies values too large to scale without turning them into Infinity', () => {
    expect(tidy(1e300)).toBe(1e300);
    expect(tidy(-Number.MAX_VALUE)).toBe(-Number.MAX_VALUE);
  });

  it('refuses incommensurable units and mass↔mol without a molecular weight', () => {
    expect(conversionFactor('mg/dL', '/uL')).toBeNull();
    expect(conversionFactor('nmol/L', 'ng/mL')).toBeNull();
  });
});
