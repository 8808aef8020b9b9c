import { BIOMARKERS } from '../src/core/biomarkers/catalog.js';

/**
 * Realistic lab Observations for benchmarks: every catalog code, the units labs send (10*9/L,
 * g/L, nmol/L, {cells}/uL, %), lab reference ranges on a share of them, interpretation codes,
 * a few panels — spread over the years, one draw day every few days.
 */

const UNITS: Record<string, { unit: string; scale: number }> = {
  '/uL': { unit: '10*9/L', scale: 0.001 },
  'mg/dL': { unit: 'g/L', scale: 0.01 },
  'ng/mL': { unit: 'nmol/L', scale: 2.496 },
  'ug/dL': { unit: 'umol/L', scale: 0.153 },
};

const TYPICAL: Record<string, number> = { '/uL': 900, '%': 30, 'mg/dL': 800, 'mg/L': 4, 'ng/mL': 28, 'ug/dL': 80 };

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function makeObservations(count: number, patientId = 'bench-1'): Record<string, unknown>[] {
  const codes = BIOMARKERS.flatMap((b) => b.loinc.map((l) => ({ marker: b, code: l.code, display: l.display })));
  const out: Record<string, unknown>[] = new Array(count);
  const start = Date.UTC(2010, 0, 1);
  for (let i = 0; i < count; i++) {
    const { marker, code, display } = codes[i % codes.length] as (typeof codes)[number];
    const day = new Date(start + Math.floor(i / codes.length) * 3 * 86_400_000);
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const base = TYPICAL[marker.unit] ?? 10;
    const value = base * (0.6 + ((i * 7919) % 100) / 125);
    const labUnit = i % 2 === 0 ? UNITS[marker.unit] : undefined;
    const quantity = labUnit
      ? {
          value: Math.round(value * labUnit.scale * 1000) / 1000,
          unit: labUnit.unit,
          system: 'http://unitsofmeasure.org',
          code: labUnit.unit,
        }
      : {
          value: Math.round(value * 100) / 100,
          unit: marker.unit,
          system: 'http://unitsofmeasure.org',
          code: marker.unit,
        };
    const obs: Record<string, unknown> = {
      resourceType: 'Observation',
      id: `obs-${i}`,
      meta: { lastUpdated: `${date}T10:00:00+05:00` },
      status: i % 97 === 0 ? 'preliminary' : 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'laboratory',
              display: 'Laboratory',
            },
          ],
        },
      ],
      code: { coding: [{ system: 'http://loinc.org', code, display }], text: marker.display },
      subject: { reference: `Patient/${patientId}` },
      encounter: { reference: `Encounter/enc-${date}` },
      effectiveDateTime: `${date}T08:20:00+05:00`,
      issued: `${date}T14:05:00+05:00`,
      performer: [{ reference: 'Organization/lab-1', display: 'City Clinical Laboratory' }],
      valueQuantity: quantity,
    };
    if (i % 3 === 0) {
      obs.referenceRange = [
        {
          low: { ...quantity, value: quantity.value * 0.5 },
          high: { ...quantity, value: quantity.value * 1.6 },
        },
      ];
    }
    if (i % 11 === 0) {
      obs.interpretation = [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
              code: 'N',
              display: 'Normal',
            },
          ],
        },
      ];
    }
    out[i] = obs;
  }
  return out;
}
