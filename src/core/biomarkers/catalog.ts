/**
 * The immune biomarker catalog: which LOINC codes ImmunoSteward reads, in which compartment each
 * marker sits, its canonical UCUM unit, fallback adult reference range and deficit/excess
 * thresholds. Every number names its source (see ../sources.ts) and whether it was verified;
 * ranges that the clinical reference could not verify are left out: the lab's own
 * `Observation.referenceRange` is then the only range used.
 */

export const COMPARTMENTS = ['innate', 'adaptive-T', 'adaptive-B', 'regulatory', 'nutritional'] as const;
export type Compartment = (typeof COMPARTMENTS)[number];
/**
 * `monitoring` markers (INR, platelets, liver tests, TSH, calcium, uric acid) are safety values for
 * the rules and the monitoring plans, not part of the immune strata.
 */
export type BiomarkerGroup = Compartment | 'monitoring';

export interface LoincCode {
  code: string;
  display: string;
  /** Code-source key from the clinical reference (S5, S7, S9...). */
  source: string;
  verified: boolean;
}

/** Ages in completed years: from `fromYears` (inclusive) to `belowYears` (exclusive). */
export interface AgeBand {
  fromYears?: number;
  belowYears?: number;
}

export interface Threshold {
  value: number;
  source: string;
  verified: boolean;
  /** Restricts the threshold to one administrative sex when the source gives sex-specific values. */
  sex?: 'male' | 'female';
  /** Restricts the threshold to an age band; without one it is an adult value (see appliesAtAge). */
  ages?: AgeBand;
  note?: string;
}

export interface CatalogRange {
  low?: number;
  high?: number;
  sex?: 'male' | 'female';
  ages?: AgeBand;
  source: string;
  verified: boolean;
}

export interface BiomarkerDefinition {
  id: string;
  display: string;
  /** Short standard name for tables, summaries and cards ("CD4 count", "CD4 %", "IgG"). */
  short: string;
  group: BiomarkerGroup;
  loinc: LoincCode[];
  /** Canonical UCUM unit every value is converted to. */
  unit: string;
  /** Grams per mole, for mass ↔ substance conversions (nmol/L ↔ ng/mL). */
  molecularWeight?: number;
  /**
   * UCUM units a lab writes for this marker's unit that UCUM itself tells apart: `[IU]/L` for the
   * enzyme unit U/L of an aminotransferase, `mU/L` for the mIU/L of TSH.
   */
  sameUnits?: Record<string, string>;
  ranges: CatalogRange[];
  /** Below this value the marker is evidence of an immune deficit (rules use it). */
  deficitBelow?: Threshold[];
  /** Below this value the patient is severely immunosuppressed for live vaccines (HIV guidance). */
  liveVaccineSevereBelow?: Threshold[];
  /** Below the applicable reference range counts as a deficit (IgG below the LLN). */
  deficitBelowRange?: { source: string; verified: boolean };
  /** Above this value the marker shows excess (e.g. 25(OH)D > 50 ng/mL). */
  excessAbove?: Threshold[];
  criticalBelow?: Threshold[];
  /** Whether the marker decides its compartment's status (percent differentials do not). */
  decisive: boolean;
  /** For percent subsets: the absolute marker derived from percent × lymphocyte count. */
  absoluteOf?: string;
  note?: string;
}

const loinc = (code: string, display: string, source: string, verified = true): LoincCode => ({
  code,
  display,
  source,
  verified,
});

const cellsPerUl = '/uL';

/** Labs write the enzyme unit (µmol/min) as IU: "IU/L" on an ALT report is U/L. */
const ENZYME_UNITS: Record<string, string> = { '[IU]/L': 'U/L' };

/** CDC 1994 paediatric classification, severe immunosuppression by age (children under 13). */
const PAEDIATRIC_CD4_BANDS: Threshold[] = [
  { value: 750, ages: { belowYears: 1 }, note: 'under 12 months' },
  { value: 500, ages: { fromYears: 1, belowYears: 6 }, note: 'at age 1–5 years' },
  { value: 200, ages: { fromYears: 6, belowYears: 13 }, note: 'at age 6–12 years' },
].map((b) => ({ ...b, source: 'CDC-1994-PAEDIATRIC-HIV', verified: true }));

export const BIOMARKERS: readonly BiomarkerDefinition[] = [
  // ── Innate ────────────────────────────────────────────────────────────────
  {
    id: 'wbc',
    display: 'Leukocytes (WBC)',
    short: 'WBC',
    group: 'innate',
    loinc: [
      loinc('6690-2', 'Leukocytes [#/volume] in Blood by Automated count', 'S5'),
      loinc('26464-8', 'Leukocytes [#/volume] in Blood', 'S5'),
      loinc('804-5', 'Leukocytes [#/volume] in Blood by Manual count', 'S7'),
    ],
    unit: cellsPerUl,
    ranges: [{ low: 4000, high: 11000, source: 'UNVERIFIED-TYPICAL', verified: false }],
    decisive: true,
  },
  {
    id: 'neutrophils',
    display: 'Neutrophils, absolute (ANC)',
    short: 'ANC',
    group: 'innate',
    loinc: [
      loinc('751-8', 'Neutrophils [#/volume] in Blood by Automated count', 'S5'),
      loinc('26499-4', 'Neutrophils [#/volume] in Blood', 'S5'),
    ],
    unit: cellsPerUl,
    ranges: [{ low: 2500, high: 7500, source: 'PATIENT-INFO-NEUTROPENIA', verified: true }],
    deficitBelow: [{ value: 1500, source: 'ASCO-IDSA-2018', verified: true, note: 'neutropenia' }],
    criticalBelow: [{ value: 500, source: 'ASCO-IDSA-2018', verified: true, note: 'severe neutropenia' }],
    decisive: true,
  },
  {
    id: 'neutrophils-pct',
    display: 'Neutrophils %',
    short: 'Neutrophils %',
    group: 'innate',
    loinc: [
      loinc('770-8', 'Neutrophils/100 leukocytes in Blood by Automated count', 'S5'),
      loinc('26511-6', 'Neutrophils/100 leukocytes in Blood', 'S5'),
    ],
    unit: '%',
    ranges: [],
    decisive: false,
  },
  {
    id: 'monocytes',
    display: 'Monocytes, absolute',
    short: 'Monocytes',
    group: 'innate',
    loinc: [
      loinc('742-7', 'Monocytes [#/volume] in Blood by Automated count', 'S5'),
      loinc('26484-6', 'Monocytes [#/volume] in Blood', 'S5'),
    ],
    unit: cellsPerUl,
    ranges: [{ low: 200, high: 1000, source: 'UNVERIFIED-TYPICAL', verified: false }],
    decisive: true,
  },
  {
    id: 'monocytes-pct',
    display: 'Monocytes %',
    short: 'Monocytes %',
    group: 'innate',
    loinc: [
      loinc('5905-5', 'Monocytes/100 leukocytes in Blood by Automated count', 'S5'),
      loinc('26485-3', 'Monocytes/100 leukocytes in Blood', 'S5'),
    ],
    unit: '%',
    ranges: [],
    decisive: false,
  },
  {
    id: 'eosinophils',
    display: 'Eosinophils, absolute',
    short: 'Eosinophils',
    group: 'innate',
    loinc: [
      loinc('711-2', 'Eosinophils [#/volume] in Blood by Automated count', 'S5'),
      loinc('26449-9', 'Eosinophils [#/volume] in Blood', 'S5'),
    ],
    unit: cellsPerUl,
    ranges: [],
    excessAbove: [{ value: 500, source: 'PEDIATR-REV-2022-EOSINOPHILIA', verified: true, note: 'eosinophilia' }],
    decisive: true,
    note: 'No verified fallback range: the laboratory range is used.',
  },
  {
    id: 'eosinophils-pct',
    display: 'Eosinophils %',
    short: 'Eosinophils %',
    group: 'innate',
    loinc: [
      loinc('713-8', 'Eosinophils/100 leukocytes in Blood by Automated count', 'S5'),
      loinc('26450-7', 'Eosinophils/100 leukocytes in Blood', 'S5'),
    ],
    unit: '%',
    ranges: [],
    decisive: false,
  },
  {
    id: 'nk',
    display: 'NK cells (CD16+CD56+), absolute',
    short: 'NK count',
    group: 'innate',
    loinc: [loinc('20402-4', 'CD16+CD56+ cells [#/volume] in Blood', 'S7')],
    unit: cellsPerUl,
    ranges: [{ low: 160, high: 544, source: 'UCSF-610', verified: true }],
    decisive: true,
  },
  {
    id: 'nk-pct',
    display: 'NK cells (CD16+CD56+) %',
    short: 'NK %',
    group: 'innate',
    loinc: [loinc('18267-5', 'CD16+CD56+ cells/100 cells in Blood', 'S7')],
    unit: '%',
    ranges: [{ low: 3, high: 29, source: 'UCSF-610', verified: true }],
    decisive: false,
    absoluteOf: 'nk',
  },
  {
    id: 'c3',
    display: 'Complement C3',
    short: 'C3',
    group: 'innate',
    loinc: [loinc('4485-9', 'Complement C3 [Mass/volume] in Serum or Plasma', 'S9')],
    unit: 'mg/dL',
    ranges: [],
    decisive: true,
    note: 'No verified fallback range: the laboratory range is used.',
  },
  {
    id: 'c4',
    display: 'Complement C4',
    short: 'C4',
    group: 'innate',
    loinc: [loinc('4498-2', 'Complement C4 [Mass/volume] in Serum or Plasma', 'S9')],
    unit: 'mg/dL',
    ranges: [],
    decisive: true,
    note: 'No verified fallback range: the laboratory range is used.',
  },
  {
    id: 'crp',
    display: 'C-reactive protein',
    short: 'CRP',
    group: 'innate',
    loinc: [loinc('1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma', 'S7')],
    unit: 'mg/L',
    ranges: [],
    decisive: true,
    note: 'Acute-phase reactant. No verified fallback range: the laboratory range is used.',
  },
  {
    id: 'hs-crp',
    display: 'C-reactive protein, high sensitivity',
    short: 'hs-CRP',
    group: 'innate',
    loinc: [loinc('30522-7', 'C reactive protein [Mass/volume] in Serum or Plasma by High sensitivity method', 'S7')],
    unit: 'mg/L',
    ranges: [],
    decisive: false,
  },
  // ── Adaptive T ────────────────────────────────────────────────────────────
  {
    id: 'lymphocytes',
    display: 'Lymphocytes, absolute (ALC)',
    short: 'ALC',
    group: 'adaptive-T',
    loinc: [
      loinc('731-0', 'Lymphocytes [#/volume] in Blood by Automated count', 'S5'),
      loinc('26474-7', 'Lymphocytes [#/volume] in Blood', 'S5'),
    ],
    unit: cellsPerUl,
    ranges: [
      { low: 1147, high: 3727, sex: 'male', source: 'PMC321350', verified: true },
      { low: 1342, high: 3859, sex: 'female', source: 'PMC321350', verified: true },
    ],
    deficitBelow: [
      {
        value: 1000,
        source: 'UNVERIFIED-TYPICAL',
        verified: false,
        note: 'lymphopenia (common working threshold)',
      },
    ],
    excessAbove: [{ value: 4000, source: 'STATPEARLS-LYMPHOCYTOSIS', verified: true, note: 'lymphocytosis (adults)' }],
    decisive: true,
    note: 'Total lymphocytes (T, B and NK); placed with adaptive T, the largest subset.',
  },
  {
    id: 'lymphocytes-pct',
    display: 'Lymphocytes %',
    short: 'Lymphocytes %',
    group: 'adaptive-T',
    loinc: [
      loinc('736-9', 'Lymphocytes/100 leukocytes in Blood by Automated count', 'S5'),
      loinc('26478-8', 'Lymphocytes/100 leukocytes in Blood', 'S5'),
    ],
    unit: '%',
    ranges: [],
    decisive: false,
  },
  {
    id: 'cd3',
    display: 'CD3 T cells, absolute',
    short: 'CD3 count',
    group: 'adaptive-T',
    loinc: [loinc('8122-4', 'CD3 cells [#/volume] in Blood', 'S7')],
    unit: cellsPerUl,
    ranges: [{ low: 715, high: 2431, source: 'UCSF-610', verified: true }],
    decisive: true,
  },
  {
    id: 'cd3-pct',
    display: 'CD3 T cells %',
    short: 'CD3 %',
    group: 'adaptive-T',
    loinc: [loinc('8124-0', 'CD3 cells/100 cells in Blood', 'S7')],
    unit: '%',
    ranges: [{ low: 55, high: 88, source: 'UCSF-610', verified: true }],
    decisive: false,
    absoluteOf: 'cd3',
  },
  {
    id: 'cd4',
    display: 'CD4 T helper cells, absolute',
    short: 'CD4 count',
    group: 'adaptive-T',
    loinc: [loinc('24467-3', 'CD3+CD4+ (T4 helper) cells [#/volume] in Blood', 'S7')],
    unit: cellsPerUl,
    ranges: [{ low: 440, high: 1496, source: 'UCSF-610', verified: true }],
    deficitBelow: [
      { value: 200, source: 'CDC-HIV-2014', verified: true, note: 'CD4 < 200 /uL' },
      ...PAEDIATRIC_CD4_BANDS,
    ],
    liveVaccineSevereBelow: [
      { value: 200, ages: { fromYears: 14 }, source: 'IDSA-2013-HIV', verified: true },
      { value: 200, ages: { fromYears: 6, belowYears: 14 }, source: 'ACIP-MMR-2013', verified: true },
      ...PAEDIATRIC_CD4_BANDS.filter((b) => (b.ages?.belowYears ?? 0) <= 6),
    ],
    decisive: true,
  },
  {
    id: 'cd4-pct',
    display: 'CD4 T helper cells %',
    short: 'CD4 %',
    group: 'adaptive-T',
    loinc: [loinc('8123-2', 'CD3+CD4+ (T4 helper) cells/100 cells in Blood', 'S7')],
    unit: '%',
    ranges: [{ low: 24, high: 64, source: 'UCSF-610', verified: true }],
    deficitBelow: [{ value: 14, source: 'CDC-HIV-2014', verified: true, note: 'CD4 < 14 %' }],
    liveVaccineSevereBelow: [
      { value: 15, source: 'IDSA-2013-HIV', verified: true, note: 'at any age (also ACIP 2013)' },
    ],
    decisive: true,
    absoluteOf: 'cd4',
  },
  {
    id: 'cd8',
    display: 'CD8 T cells, absolute',
    short: 'CD8 count',
    group: 'adaptive-T',
    loinc: [loinc('14135-8', 'CD3+CD8+ (T8 suppressor cells) cells [#/volume] in Blood', 'S7')],
    unit: cellsPerUl,
    ranges: [{ low: 270, high: 918, source: 'UCSF-610', verified: true }],
    decisive: true,
  },
  {
    id: 'cd8-pct',
    display: 'CD8 T cells %',
    short: 'CD8 %',
    group: 'adaptive-T',
    loinc: [loinc('8101-8', 'CD3+CD8+ (T8 suppressor cells) cells/100 cells in Blood', 'S7')],
    unit: '%',
    ranges: [{ low: 14, high: 40, source: 'UCSF-610', verified: true }],
    decisive: false,
    absoluteOf: 'cd8',
  },
  {
    id: 'cd4-cd8-ratio',
    display: 'CD4/CD8 ratio',
    short: 'CD4/CD8',
    group: 'adaptive-T',
    loinc: [
      loinc('54218-3', 'CD3+CD4+ (T4 helper) cells/CD3+CD8+ (T8 suppressor cells) cells [# Ratio] in Blood', 'S7'),
    ],
    unit: '{ratio}',
    ranges: [{ low: 0.7, high: 3.9, source: 'UCSF-610', verified: true }],
    decisive: true,
  },
  // ── Adaptive B ────────────────────────────────────────────────────────────
  {
    id: 'cd19',
    display: 'CD19 B cells, absolute',
    short: 'CD19 count',
    group: 'adaptive-B',
    loinc: [loinc('8116-6', 'CD19 cells [#/volume] in Blood', 'S7')],
    unit: cellsPerUl,
    ranges: [{ low: 140, high: 476, source: 'UCSF-610', verified: true }],
    decisive: true,
  },
  {
    id: 'cd19-pct',
    display: 'CD19 B cells %',
    short: 'CD19 %',
    group: 'adaptive-B',
    loinc: [loinc('8117-4', 'CD19 cells/100 cells in Blood', 'S7')],
    unit: '%',
    ranges: [{ low: 6, high: 22, source: 'UCSF-610', verified: true }],
    decisive: false,
    absoluteOf: 'cd19',
  },
  {
    id: 'igg',
    display: 'Immunoglobulin G',
    short: 'IgG',
    group: 'adaptive-B',
    loinc: [loinc('2465-3', 'IgG [Mass/volume] in Serum or Plasma', 'S7')],
    unit: 'mg/dL',
    ranges: [{ low: 639, high: 1349, source: 'JOLLIFF-IGG', verified: true }],
    deficitBelowRange: { source: 'JOLLIFF-IGG', verified: true },
    decisive: true,
  },
  {
    id: 'iga',
    display: 'Immunoglobulin A',
    short: 'IgA',
    group: 'adaptive-B',
    loinc: [loinc('2458-8', 'IgA [Mass/volume] in Serum or Plasma', 'S7')],
    unit: 'mg/dL',
    ranges: [],
    decisive: true,
  },
  {
    id: 'igm',
    display: 'Immunoglobulin M',
    short: 'IgM',
    group: 'adaptive-B',
    loinc: [loinc('2472-9', 'IgM [Mass/volume] in Serum or Plasma', 'S7')],
    unit: 'mg/dL',
    ranges: [],
    decisive: true,
  },
  {
    id: 'ige',
    display: 'Immunoglobulin E, total',
    short: 'IgE',
    group: 'adaptive-B',
    loinc: [loinc('19113-0', 'IgE [Units/volume] in Serum or Plasma', 'S7')],
    unit: '[IU]/mL',
    ranges: [],
    decisive: false,
  },
  ...[1, 2, 3, 4].map(
    (n): BiomarkerDefinition => ({
      id: `igg${n}`,
      display: `IgG subclass ${n}`,
      short: `IgG${n}`,
      group: 'adaptive-B',
      loinc: [
        loinc(
          ['2466-1', '2467-9', '2468-7', '2469-5'][n - 1] as string,
          `IgG subclass ${n} [Mass/volume] in Serum`,
          'S9',
        ),
      ],
      unit: 'mg/dL',
      ranges: [],
      decisive: true,
    }),
  ),
  // ── Regulatory / inflammatory (cytokines: context only, never hard triggers) ──
  {
    id: 'il6',
    display: 'Interleukin 6',
    short: 'IL-6',
    group: 'regulatory',
    loinc: [loinc('26881-3', 'Interleukin 6 [Mass/volume] in Serum or Plasma', 'S9')],
    unit: 'pg/mL',
    ranges: [],
    decisive: true,
    note: 'Cytokine assays are poorly standardised: shown as context, never a rule trigger.',
  },
  {
    id: 'il10',
    display: 'Interleukin 10',
    short: 'IL-10',
    group: 'regulatory',
    loinc: [loinc('26848-2', 'Interleukin 10 [Mass/volume] in Serum or Plasma', 'S9', false)],
    unit: 'pg/mL',
    ranges: [],
    decisive: true,
    note: 'LOINC code unverified (one source). Context only.',
  },
  {
    id: 'ifng',
    display: 'Interferon gamma',
    short: 'IFN-γ',
    group: 'regulatory',
    loinc: [loinc('27415-9', 'Interferon gamma [Mass/volume] in Serum or Plasma', 'S9', false)],
    unit: 'pg/mL',
    ranges: [],
    decisive: true,
    note: 'LOINC code unverified (one source); not the IGRA tuberculosis test. Context only.',
  },
  // ── Nutritional ───────────────────────────────────────────────────────────
  {
    id: 'vitamin-d',
    display: '25-hydroxyvitamin D',
    short: '25(OH)D',
    group: 'nutritional',
    loinc: [
      loinc('62292-8', '25-Hydroxyvitamin D2+25-Hydroxyvitamin D3 [Mass/volume] in Serum or Plasma', 'S9'),
      loinc(
        '83070-3',
        '25-Hydroxyvitamin D2+25-Hydroxyvitamin D3 [Mass/volume] in Serum or Plasma by Immunoassay',
        'S9',
      ),
      loinc('1989-3', 'Calcidiol [Mass/volume] in Serum or Plasma', 'S7'),
      loinc('14635-7', 'Calcidiol [Moles/volume] in Serum or Plasma', 'S7'),
    ],
    unit: 'ng/mL',
    molecularWeight: 400.64,
    ranges: [{ low: 20, high: 50, source: 'IOM-2011-VITD', verified: true }],
    deficitBelow: [{ value: 12, source: 'IOM-2011-VITD', verified: true, note: 'risk of deficiency' }],
    excessAbove: [{ value: 50, source: 'IOM-2011-VITD', verified: true, note: 'may be cause for concern' }],
    decisive: true,
    note: '1989-3 and 14635-7 measure 25-OH-D3 only.',
  },
  {
    id: 'zinc',
    display: 'Zinc, serum',
    short: 'Zinc',
    group: 'nutritional',
    loinc: [loinc('5763-8', 'Zinc [Mass/volume] in Serum or Plasma', 'S9')],
    unit: 'ug/dL',
    molecularWeight: 65.38,
    ranges: [
      { low: 74, sex: 'male', source: 'HOTZ-2003-ZINC', verified: true },
      { low: 70, sex: 'female', source: 'HOTZ-2003-ZINC', verified: true },
    ],
    deficitBelow: [
      { value: 74, sex: 'male', source: 'HOTZ-2003-ZINC', verified: true, note: 'morning fasting cut-off' },
      { value: 70, sex: 'female', source: 'HOTZ-2003-ZINC', verified: true, note: 'morning fasting cut-off' },
    ],
    decisive: true,
  },
  {
    id: 'selenium',
    display: 'Selenium, serum',
    short: 'Selenium',
    group: 'nutritional',
    loinc: [loinc('5724-0', 'Selenium [Mass/volume] in Serum or Plasma', 'S9', false)],
    unit: 'ug/L',
    molecularWeight: 78.971,
    ranges: [{ high: 125, source: 'MACFARQUHAR-2010', verified: true }],
    excessAbove: [{ value: 125, source: 'MACFARQUHAR-2010', verified: true }],
    decisive: true,
    note: 'LOINC code unverified (one source): map the laboratory code locally if it differs.',
  },
  {
    id: 'copper',
    display: 'Copper, serum',
    short: 'Copper',
    group: 'nutritional',
    loinc: [
      loinc('5631-7', 'Copper [Mass/volume] in Serum or Plasma', 'S9'),
      loinc('14665-4', 'Copper [Moles/volume] in Serum or Plasma', 'UZ-DHP-LAB-LOINC'),
    ],
    unit: 'ug/dL',
    molecularWeight: 63.546,
    ranges: [],
    decisive: true,
    note:
      'Checked in long zinc courses. 5631-7 seen in two third-party files only (a LOINC-derived catalogue, a lab ' +
      'mapping). No verified fallback range: the laboratory range is used.',
  },
  // ── Monitoring ────────────────────────────────────────────────────────────
  {
    id: 'inr',
    display: 'INR',
    short: 'INR',
    group: 'monitoring',
    loinc: [
      loinc('6301-6', 'INR in Platelet poor plasma by Coagulation assay', 'S9'),
      loinc('34714-6', 'INR in Blood by Coagulation assay', 'S7'),
    ],
    unit: '{INR}',
    ranges: [],
    decisive: false,
    note: 'Therapy-specific target: read with the anticoagulant order.',
  },
  {
    id: 'platelets',
    display: 'Platelets',
    short: 'Platelets',
    group: 'monitoring',
    loinc: [
      loinc('777-3', 'Platelets [#/volume] in Blood by Automated count', 'S5'),
      loinc('26515-7', 'Platelets [#/volume] in Blood', 'HL7-VULCAN-SOA'),
    ],
    unit: cellsPerUl,
    ranges: [],
    decisive: false,
    note: 'Safety count of the CBC (CSFs, interferons). No verified fallback range: the laboratory range is used.',
  },
  {
    id: 'alt',
    display: 'Alanine aminotransferase (ALT)',
    short: 'ALT',
    group: 'monitoring',
    loinc: [
      loinc('1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'HL7-VULCAN-SOA'),
    ],
    unit: 'U/L',
    sameUnits: ENZYME_UNITS,
    ranges: [],
    decisive: false,
    note: 'Liver test of interferon courses. No verified fallback range: the laboratory range is used.',
  },
  {
    id: 'ast',
    display: 'Aspartate aminotransferase (AST)',
    short: 'AST',
    group: 'monitoring',
    loinc: [
      loinc('1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'HL7-VULCAN-SOA'),
    ],
    unit: 'U/L',
    sameUnits: ENZYME_UNITS,
    ranges: [],
    decisive: false,
    note: 'Liver test of interferon courses. No verified fallback range: the laboratory range is used.',
  },
  {
    id: 'tsh',
    display: 'Thyroid-stimulating hormone (TSH)',
    short: 'TSH',
    group: 'monitoring',
    loinc: [loinc('3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', 'NAPKON-GECCOPLUS')],
    unit: 'm[IU]/L',
    // TSH is calibrated in international units; "mU/L" on a report means mIU/L.
    sameUnits: { 'mU/L': 'm[IU]/L', 'uU/mL': 'u[IU]/mL' },
    ranges: [],
    decisive: false,
    note: 'Thyroid test of interferon alfa courses. No verified fallback range: the laboratory range is used.',
  },
  {
    id: 'calcium',
    display: 'Calcium, serum total',
    short: 'Calcium',
    group: 'monitoring',
    loinc: [
      loinc('17861-6', 'Calcium [Mass/volume] in Serum or Plasma', 'HL7-VULCAN-SOA'),
      loinc('2000-8', 'Calcium [Moles/volume] in Serum or Plasma', 'S9'),
    ],
    unit: 'mmol/L',
    molecularWeight: 40.078,
    ranges: [],
    decisive: false,
    note:
      'Checked in high-dose vitamin D courses. 2000-8 seen in two third-party FHIR files only (a German data-element ' +
      'profile, a questionnaire). No verified fallback range: the laboratory range is used.',
  },
  {
    id: 'uric-acid',
    display: 'Uric acid, serum',
    short: 'Uric acid',
    group: 'monitoring',
    loinc: [
      loinc('3084-1', 'Urate [Mass/volume] in Serum or Plasma', 'HL7CH-EPREG'),
      loinc('14933-6', 'Urate [Moles/volume] in Serum or Plasma', 'S9'),
    ],
    unit: 'umol/L',
    molecularWeight: 168.11,
    ranges: [],
    decisive: false,
    note:
      'Checked in inosine pranobex courses. 14933-6 seen in two third-party files only (a German lab example, a ' +
      'LOINC table extract). No verified fallback range: the laboratory range is used.',
  },
];

const byId = new Map(BIOMARKERS.map((b) => [b.id, b]));
const byLoinc = new Map<string, BiomarkerDefinition>();
for (const marker of BIOMARKERS) {
  for (const code of marker.loinc) byLoinc.set(code.code, marker);
}

/** From this age a patient is judged against adult values. */
export const ADULT_FROM_YEARS = 18;

/** Cell counts (ANC, ALC, CD4/CD8/CD19/NK counts...) whose normal values depend on age. */
export function isAbsoluteCount(marker: BiomarkerDefinition): boolean {
  return marker.unit === cellsPerUl;
}

/**
 * Whether a range or threshold applies at an age. A banded entry applies within its band. An
 * unbanded entry holds adult values: never applied to a child's absolute count (children are not
 * small adults), applied at any age to other markers. Unknown age: the entries that cover adults.
 */
export function appliesAtAge(
  marker: BiomarkerDefinition,
  entry: { ages?: AgeBand },
  ageYears: number | undefined,
): boolean {
  const band = entry.ages;
  if (ageYears === undefined) return band?.belowYears === undefined;
  if (band) return (band.fromYears ?? 0) <= ageYears && (band.belowYears === undefined || ageYears < band.belowYears);
  return ageYears >= ADULT_FROM_YEARS || !isAbsoluteCount(marker);
}

export function biomarkerById(id: string): BiomarkerDefinition | undefined {
  return byId.get(id);
}

export function biomarkerByLoinc(code: string): BiomarkerDefinition | undefined {
  return byLoinc.get(code);
}

/** Every LOINC code of the catalog: the app and the prefetch templates query by these. */
export function catalogLoincCodes(): string[] {
  return [...byLoinc.keys()];
}
