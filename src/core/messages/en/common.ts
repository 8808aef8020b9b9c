/** Words shared by every face: severities, compartments, units as clinicians write them. */
export const common = {
  'indicator.critical': 'Critical',
  'indicator.warning': 'Warning',
  'indicator.info': 'Info',

  'compartment.innate': 'Innate',
  'compartment.adaptive-T': 'Adaptive T',
  'compartment.adaptive-B': 'Adaptive B',
  'compartment.regulatory': 'Regulatory/inflammatory',
  'compartment.nutritional': 'Nutritional',

  // Units: UCUM code → how a clinician writes it. An absolute count is always cells.
  'unit./uL': 'cells/µL',
  'unit.10*9/L': '×10⁹/L',
  'unit.%': '%',
  'unit.mg/dL': 'mg/dL',
  'unit.g/L': 'g/L',
  'unit.mg/L': 'mg/L',
  'unit.ng/mL': 'ng/mL',
  'unit.nmol/L': 'nmol/L',
  'unit.pg/mL': 'pg/mL',
  'unit.ug/L': 'µg/L',
  'unit.ug/dL': 'µg/dL',
  'unit.[IU]/mL': 'IU/mL',
  'unit.{ratio}': '',
  'unit.{INR}': '',
  'unit.mg': 'mg',
  'unit.ug': 'µg',
  'unit.g': 'g',
  'unit.[IU]': 'IU',

  'quantity.value': '{comparator}{value}{unit, select, none {} other { {unit}}}',
  'quantity.range': '{low}–{high}{unit, select, none {} other { {unit}}}',
  'quantity.rangeBelow': '< {high}{unit, select, none {} other { {unit}}}',
  'quantity.rangeAbove': '> {low}{unit, select, none {} other { {unit}}}',

  'result.value': '{marker} {quantity}',
  'result.described': '{result}, {date} — {flag}{thresholds, select, none {} other {; {thresholds}}}',
  'result.flagWithRange': '{flag} ({range})',
  'result.belowDeficit': 'below {threshold} (deficit; {source})',
  'result.aboveExcess': 'above {threshold} (possible excess; {source})',

  'duration.days': '{days, plural, one {# day} other {# days}}',
  'duration.weeks': '{weeks, plural, one {# week} other {# weeks}}',

  'interpretation.critical-low': 'critically low',
  'interpretation.low': 'below the lab range',
  'interpretation.normal': 'within the lab range',
  'interpretation.high': 'above the lab range',
  'interpretation.critical-high': 'critically high',
  'interpretation.abnormal': 'abnormal',
  'interpretation.unknown': 'no lab range',
} as const;
