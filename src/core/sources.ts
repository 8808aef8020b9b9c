import type { Source } from './citation.js';
import { DRUG_SOURCES } from './drugs/drug-sources.js';

/**
 * Bibliographic sources behind every code, range, threshold and rule in the knowledge base.
 * Keys are cited by catalog entries and findings; `citation` is what a physician sees.
 * Code-source keys S1–S9 follow the verification legend of the project's clinical reference.
 */
const list: Source[] = [
  {
    id: 'S1',
    citation: 'CDC CDSi supporting data v4.64 (live virus conflicts, contraindication observations)',
  },
  { id: 'S2', citation: 'CDC CVX code list as of 2025-09-03' },
  { id: 'S4', citation: 'WHO ATC/DDD index (scrape dated 2025-08-19)', url: 'https://atcddd.fhi.no/atc_ddd_index/' },
  { id: 'S5', citation: 'NMDP CIBMTR reporting IG: LOINC CBC value sets and RxNorm ingredient codes' },
  { id: 'S6', citation: 'HL7 PDDI-CDS IG: RxNorm terminology cache' },
  { id: 'S7', citation: 'eHealth Suisse external-QC laboratory list (LOINC, 2015)' },
  { id: 'S8', citation: 'Logica COVID-19 underlying-condition SNOMED CT value sets' },
  { id: 'S9', citation: 'Code seen in two or more independent public FHIR artefacts (weaker evidence)' },
  {
    id: 'UCSF-610',
    citation: 'UCSF Clinical Laboratories manual, test 610: lymphocyte subset panel adult reference ranges',
  },
  {
    id: 'PMC321350',
    citation: 'Adult lymphocyte subset reference values, Table 3 (sex-specific ranges), PMC321350',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC321350/',
  },
  {
    id: 'ASCO-IDSA-2018',
    citation:
      'Taplitz et al. Outpatient management of fever and neutropenia: ASCO/IDSA guideline, J Clin Oncol 2018;36:3043 (ANC < 1,500 /uL neutropenia; < 500 /uL severe)',
  },
  {
    id: 'PATIENT-INFO-NEUTROPENIA',
    citation: 'patient.info professional article "Neutropenia": adult neutrophil range 2.5–7.5 ×10⁹/L',
    url: 'https://patient.info/doctor/neutropenia',
  },
  {
    id: 'CDC-HIV-2014',
    citation:
      'CDC revised surveillance case definition for HIV infection, MMWR RR-63(3) 2014: stage 3 when CD4 < 200 /uL or < 14 %',
    url: 'http://www.cdc.gov/mmwr/preview/mmwrhtml/rr6303a1.htm',
  },
  {
    id: 'CDC-1994-PAEDIATRIC-HIV',
    citation:
      'CDC. 1994 Revised classification system for HIV infection in children less than 13 years of age, MMWR 1994;43(RR-12): severe immunosuppression at CD4 count < 750 cells/µL under 12 months, < 500 cells/µL at 1–5 years, < 200 cells/µL at 6–12 years, or CD4 < 15 %',
    url: 'http://www.cdc.gov/mmwr/preview/mmwrhtml/00032890.htm',
  },
  {
    id: 'ACIP-MMR-2013',
    citation:
      'McLean et al. Prevention of measles, rubella, congenital rubella syndrome, and mumps, 2013: summary recommendations of ACIP, MMWR 2013;62(RR-4): with HIV, MMR and varicella vaccines only after CD4 ≥ 15 % (and, above age 5, CD4 count ≥ 200 cells/µL) for ≥ 6 months',
    url: 'https://www.cdc.gov/mmwr/preview/mmwrhtml/rr6204a1.htm',
  },
  {
    id: 'IDSA-2013-HIV',
    citation:
      'Rubin et al. 2013 IDSA clinical practice guideline for vaccination of the immunocompromised host, Clin Infect Dis 2014;58:e44, recs 65–68 (HIV): no live vaccine with severe immunosuppression, CD4 < 15 % at any age or CD4 count < 200 cells/µL from age 14',
  },
  {
    id: 'JOLLIFF-IGG',
    citation:
      'Jolliff et al. adult immunoglobulin reference values, cited in Agarwal & Cunningham-Rundles, Ann Allergy Asthma Immunol 2007 (IgG 639–1,349 mg/dL)',
  },
  {
    id: 'IOM-2011-VITD',
    citation:
      'IOM 2011 Dietary Reference Intakes for calcium and vitamin D, via USPSTF evidence review NBK525404 Appendix A Table 1 (25(OH)D < 12 ng/mL deficiency risk; ≥ 20 sufficient; > 50 may be cause for concern)',
    url: 'https://www.ncbi.nlm.nih.gov/books/NBK525404/table/app_1/',
  },
  {
    id: 'HOTZ-2003-ZINC',
    citation:
      'Hotz et al. Am J Clin Nutr 2003;78:756: serum zinc lower cut-offs (morning, fasting) women 70 ug/dL, men 74 ug/dL',
  },
  {
    id: 'MACFARQUHAR-2010',
    citation:
      'MacFarquhar et al. Acute selenium toxicity, Arch Intern Med 2010 (serum selenium upper reference ≤ 125 ug/L in one laboratory)',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3225252/',
  },
  {
    id: 'UNVERIFIED-TYPICAL',
    citation: 'Typical adult laboratory range, not verified against a primary source: prefer the laboratory range',
  },
];

export const SOURCES: ReadonlyMap<string, Source> = new Map([...list, ...DRUG_SOURCES].map((s) => [s.id, s]));

export function sourceCitation(id: string): string {
  return SOURCES.get(id)?.citation ?? id;
}
