import type { BiomarkerDefinition } from './catalog.js';

/**
 * The unit and precision a result is shown in: how many fraction digits each unit (and marker)
 * gets. No UCUM here: the app's views format results without loading it.
 */

export interface DisplayUnit {
  /** UCUM code of the unit shown. */
  ucum: string;
  /** Multiply a canonical value by this to show it. */
  factor: number;
  decimals: number;
  /** Fraction digits always written (a count of 1.0 ×10⁹/L, as a CBC reads). */
  minDecimals: number;
  /** Whether this is the unit the lab sent the result in. */
  fromLab: boolean;
}

/** Fraction digits by display unit; a marker may need more (an ALC of 0.72 ×10⁹/L). */
const DECIMALS_BY_UNIT: Record<string, number> = {
  '10*9/L': 1,
  '10*3/uL': 1,
  '/uL': 0,
  '%': 1,
  'g/L': 1,
  'mg/dL': 0,
  'mg/L': 1,
  'ng/mL': 0,
  'nmol/L': 0,
  'umol/L': 1,
  'mmol/L': 2,
  'U/L': 0,
  'm[IU]/L': 2,
  'u[IU]/mL': 2,
  'pg/mL': 1,
  'ug/L': 0,
  'ug/dL': 0,
  '[IU]/mL': 0,
  '{INR}': 1,
  '{ratio}': 2,
};
const DECIMALS_BY_MARKER: Record<string, Record<string, number>> = {
  lymphocytes: { '10*9/L': 2 },
  monocytes: { '10*9/L': 2 },
  eosinophils: { '10*9/L': 2 },
  platelets: { '10*9/L': 0, '10*3/uL': 0 },
  calcium: { 'mg/dL': 1 },
  'uric-acid': { 'umol/L': 0, 'mg/dL': 1 },
};

/** Fraction digits a marker's values get in a unit. */
export function decimalsOf(marker: BiomarkerDefinition, ucum: string): number {
  return DECIMALS_BY_MARKER[marker.id]?.[ucum] ?? DECIMALS_BY_UNIT[ucum] ?? 2;
}

/** The marker's canonical unit as shown, when no measurement says otherwise. */
export function canonicalDisplay(marker: BiomarkerDefinition): DisplayUnit {
  return { ucum: marker.unit, factor: 1, decimals: decimalsOf(marker, marker.unit), minDecimals: 0, fromLab: false };
}
