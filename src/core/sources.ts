import type { Source } from './citation.js';
import { DRUG_SOURCES } from './drugs/drug-sources.js';
import { MONITORING_SOURCES } from './drugs/monitoring-sources.js';

/**
 * Sources behind every code, range, threshold and rule in the knowledge base. Keys are cited by
 * catalog entries and findings. `citation` is what a clinician sees (the primary document);
 * `provenance` is where the team read the fact (audit only). Code-source keys S1–S9 follow the
 * verification legend of the project's clinical reference.
 */
const list: Source[] = [
  {
    id: 'S1',
    kind: 'code-system',
    citation: 'CDC CDSi supporting data v4.64 (live virus conflicts, contraindication observations)',
    provenance:
      'CDSi v4.64 as packaged in fhir-fli/cicada@f331ed1 (cicada/lib/generated_files/schedule_supporting_data.dart and ' +
      'the per-antigen files); original Excel under cicada_generator/lib/Version_4.64-508/Excel/',
  },
  {
    id: 'S2',
    kind: 'code-system',
    citation: 'CDC CVX code list as of 2025-09-03',
    provenance:
      'HL7/fhir-shc-vaccination-ig@eb70d85:input/fsh/value_sets.fsh (ValueSet immunization-all-cvx; leaves out CVX 01–09)',
  },
  {
    id: 'S4',
    kind: 'code-system',
    citation: 'WHO Collaborating Centre for Drug Statistics Methodology, ATC/DDD Index (codes as listed on 2025-08-19)',
    provenance:
      'Third-party scrape of the WHOCC index: vanhungtran/atcddd@3036cac:WHO_ATC_codes_2025-08-19.csv (6,883 codes)',
    url: 'https://atcddd.fhi.no/atc_ddd_index/',
  },
  {
    id: 'S5',
    kind: 'code-system',
    citation: 'NMDP CIBMTR reporting implementation guide: LOINC CBC value sets and RxNorm ingredient codes',
    provenance:
      'nmdp-ig/cibmtr-reporting-ig@d15ab17: build/fsh-generated/resources/ValueSet-*-blood-vs.json (LOINC), ' +
      'build/input/fsh/terminology/medications/med-form2400-*.fsh and build/input-cache/txcache/rxnorm.cache (RxNorm)',
  },
  {
    id: 'S6',
    kind: 'code-system',
    citation: 'HL7 PDDI-CDS implementation guide: RxNorm codes for warfarin, corticosteroids and aspirin',
    provenance:
      'HL7/PDDI-CDS@018be88: txCache/0.2.0/rxnorm.cache, input/images/artifacts/warfarin-nsaids/valueset-bundle.xml',
  },
  {
    id: 'S7',
    kind: 'code-system',
    citation: 'eHealth Suisse mandatory external-quality-control laboratory list (LOINC, 2015)',
    provenance:
      'eHealth Connector org/ehealth_connector/cda/ch/lab/lrqc/enums/LabObsList.java (dated 20150101); repository not pinned down',
  },
  {
    id: 'S8',
    kind: 'code-system',
    citation: 'Logica COVID-19 underlying-condition SNOMED CT value sets (v0.1/v0.2)',
    provenance: 'logicahealth/covid-19@0b75e3f:fsh/fsh-source/CV19-ValueSets.fsh',
  },
  {
    id: 'S9',
    kind: 'code-system',
    citation: 'Code seen in two or more independent public FHIR artefacts (weaker evidence)',
    provenance: 'Exact-string search of public code; the repositories were not pinned down',
  },
  {
    id: 'HL7-VULCAN-SOA',
    kind: 'code-system',
    citation:
      'HL7 Vulcan Schedule of Activities implementation guide, LOINC ObservationDefinitions (LOINC 2.74): ALT ' +
      '1742-6, AST 1920-8, calcium 17861-6, platelets 26515-7',
    provenance:
      'HL7/Vulcan-schedule-ig@1814964:input/fsh/observationdefinitions/LOINC-1742-6-, LOINC-1920-8-, ' +
      'LOINC-17861-6- and LOINC-26515-7-ObservationDefinition.fsh',
  },
  {
    id: 'NAPKON-GECCOPLUS',
    kind: 'code-system',
    citation:
      'NAPKON GECCO+ FHIR implementation guide (Charité – Universitätsmedizin Berlin), value set Laboratory ' +
      'Diagnostics: thyrotropin in serum or plasma 3016-3',
    provenance: 'BIH-CEI/napkon-geccoplus@2fe0f8d:input/fsh/geccoplus/vs-laboratory-diagnostics.fsh',
  },
  {
    id: 'HL7CH-EPREG',
    kind: 'code-system',
    citation:
      'HL7 Switzerland CH EPREG implementation guide, laboratory result example: urate in serum or plasma 3084-1',
    provenance: 'hl7ch/ch-epreg@64bafdc:input/fsh/examples/ObservationLab/UC1-Urate.fsh',
  },
  {
    id: 'UZ-DHP-LAB-LOINC',
    kind: 'code-system',
    citation:
      'Uzbekistan Digital Health Platform FHIR implementation guide (Uzinfocom), concept map of laboratory ' +
      'analytes to LOINC: copper in serum or plasma (moles/volume) 14665-4',
    provenance:
      'uzinfocom-org/digital-health-ig@7ed81cc:input/fsh/terminology/ObservationLabAnalytesCodesCM.fsh ' +
      '(ConceptMap lab-analytes-to-loinc, local code lab-312; the same map gives AST 1920-8 for lab-311 and zinc ' +
      '5763-8 for lab-341)',
  },
  {
    id: 'UCSF-610',
    short: 'UCSF adult ranges',
    kind: 'laboratory',
    citation: 'UCSF Clinical Laboratories manual, test 610: lymphocyte subset panel adult reference ranges',
  },
  {
    id: 'PMC321350',
    kind: 'study',
    citation: 'Adult lymphocyte subset reference values, Table 3 (sex-specific ranges), PMC321350',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC321350/',
  },
  {
    id: 'ASCO-IDSA-2018',
    short: 'ASCO/IDSA 2018',
    kind: 'guideline',
    citation:
      'Taplitz RA et al. Antimicrobial prophylaxis for adult patients with cancer-related immunosuppression: ASCO ' +
      'and IDSA clinical practice guideline update. J Clin Oncol 2018;36(30):3043–3054 (neutropenia: ANC below ' +
      '1,500 cells/µL; severe below 500 cells/µL)',
    provenance:
      'Neutropenia grades read in the pennutrition.com glossary citing Taplitz, J Clin Oncol 36:3043 (the earlier ' +
      'citation text named it "Outpatient management of fever and neutropenia", which is a different ASCO/IDSA ' +
      'guideline); bibliographic details checked on PubMed 30179565 and ace.asco.org/guidelines/32801',
    url: 'https://doi.org/10.1200/JCO.18.00374',
  },
  {
    id: 'PATIENT-INFO-NEUTROPENIA',
    kind: 'review',
    citation: 'Patient.info Professional reference article "Neutropenia" (UK): adult neutrophil range 2.5–7.5 ×10⁹/L',
    provenance:
      'https://patient.info/doctor/neutropenia (secondary professional summary; no primary range source found)',
  },
  {
    id: 'CDC-HIV-2014',
    short: 'CDC 2014',
    kind: 'guideline',
    citation:
      'CDC. Revised surveillance case definition for HIV infection — United States, 2014. MMWR Recomm Rep ' +
      '2014;63(RR-3): stage 3 (AIDS) when CD4 count is below 200 cells/µL or below 14 % of lymphocytes',
    provenance:
      'Stage table first read in the CDC 2008 case definition as reproduced at old.bansdoc.gov.bd and the UW HIV ' +
      'case 2; kept in the 2014 MMWR',
    url: 'https://www.cdc.gov/mmwr/preview/mmwrhtml/rr6303a1.htm',
  },
  {
    id: 'CDC-1994-PAEDIATRIC-HIV',
    short: 'CDC 1994',
    kind: 'guideline',
    citation:
      'CDC. 1994 Revised classification system for HIV infection in children less than 13 years of age, MMWR 1994;43(RR-12): severe immunosuppression at CD4 count < 750 cells/µL under 12 months, < 500 cells/µL at 1–5 years, < 200 cells/µL at 6–12 years, or CD4 < 15 %',
    url: 'http://www.cdc.gov/mmwr/preview/mmwrhtml/00032890.htm',
  },
  {
    id: 'ACIP-MMR-2013',
    short: 'ACIP 2013',
    kind: 'guideline',
    citation:
      'McLean et al. Prevention of measles, rubella, congenital rubella syndrome, and mumps, 2013: summary recommendations of ACIP, MMWR 2013;62(RR-4): with HIV, MMR and varicella vaccines only after CD4 ≥ 15 % (and, above age 5, CD4 count ≥ 200 cells/µL) for ≥ 6 months',
    url: 'https://www.cdc.gov/mmwr/preview/mmwrhtml/rr6204a1.htm',
  },
  {
    id: 'IDSA-2013-HIV',
    short: 'IDSA 2013',
    kind: 'guideline',
    citation:
      'Rubin et al. 2013 IDSA clinical practice guideline for vaccination of the immunocompromised host, Clin Infect Dis 2014;58:e44, recs 65–68 (HIV): no live vaccine with severe immunosuppression, CD4 < 15 % at any age or CD4 count < 200 cells/µL from age 14',
  },
  {
    id: 'JOLLIFF-IGG',
    short: 'Jolliff',
    kind: 'review',
    citation:
      'Jolliff et al. adult immunoglobulin reference values (IgG 639–1,349 mg/dL), as cited in Agarwal S, ' +
      'Cunningham-Rundles C. Ann Allergy Asthma Immunol 2007',
    provenance: 'Agarwal & Cunningham-Rundles 2007 read in a scribd copy',
  },
  {
    id: 'IOM-2011-VITD',
    short: 'IOM 2011',
    kind: 'guideline',
    citation:
      'Institute of Medicine. Dietary Reference Intakes for Calcium and Vitamin D. National Academies Press, 2011: ' +
      'serum 25-hydroxyvitamin D below 12 ng/mL (30 nmol/L) risk of deficiency; 20 ng/mL (50 nmol/L) or more ' +
      'sufficient for nearly all people; above 50 ng/mL (125 nmol/L) may be cause for concern',
    provenance:
      'Values read in the USPSTF evidence review NBK525404, Appendix A Table 1 ' +
      '(https://www.ncbi.nlm.nih.gov/books/NBK525404/table/app_1/), which reproduces the IOM cut-offs',
  },
  {
    id: 'HOTZ-2003-ZINC',
    short: 'Hotz 2003',
    kind: 'study',
    citation:
      'Hotz et al. Am J Clin Nutr 2003;78:756: lower cut-offs of serum zinc (morning, fasting) women 70 µg/dL, ' +
      'men 74 µg/dL',
    provenance: 'Summary at yourhealthbase.com (a142g)',
  },
  {
    id: 'MACFARQUHAR-2010',
    short: 'MacFarquhar 2010',
    kind: 'study',
    citation:
      'MacFarquhar et al. Acute selenium toxicity, Arch Intern Med 2010 ' +
      '(serum selenium upper reference 125 µg/L or less in one laboratory)',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3225252/',
  },
  {
    id: 'PEDIATR-REV-2022-EOSINOPHILIA',
    short: 'Pediatr Rev 2022',
    kind: 'review',
    citation:
      'Eosinophilia. Pediatrics in Review 2022;43(8):476: the absolute eosinophil count is normally below 450/µL; ' +
      'eosinophilia is most often defined as a count above 500/µL (0.5 ×10⁹/L)',
    provenance: 'Abstract at publications.aap.org (pediatricsinreview 43/8/476); the full text was not read',
    url: 'https://publications.aap.org/pediatricsinreview/article-abstract/43/8/476/188575/Eosinophilia',
  },
  {
    id: 'STATPEARLS-LYMPHOCYTOSIS',
    short: 'StatPearls',
    kind: 'review',
    citation:
      'StatPearls: Lymphocytosis (NCBI Bookshelf NBK549819, 2021): lymphocytosis is an absolute lymphocyte count ' +
      'above 4,000/µL in adults',
    provenance:
      'Abstract (PMID 31747226) read at journalclub.wustl.edu; the same threshold in Williams Hematology, chapter ' +
      '"Lymphocytosis and lymphocytopenia" (accessmedicine.mhmedical.com, book 358)',
    url: 'https://www.ncbi.nlm.nih.gov/books/NBK549819/',
  },
  {
    id: 'UNVERIFIED-TYPICAL',
    short: 'typical adult range, unverified',
    kind: 'laboratory',
    citation: 'Typical adult laboratory range, not verified against a primary source: prefer the laboratory range',
  },
];

/** Every source, in declaration order (the drug and monitoring-plan sources after the code and laboratory ones). */
export const ALL_SOURCES: readonly Source[] = [...list, ...DRUG_SOURCES, ...MONITORING_SOURCES];

export const SOURCES: ReadonlyMap<string, Source> = new Map(ALL_SOURCES.map((s) => [s.id, s]));

export function sourceCitation(id: string): string {
  return SOURCES.get(id)?.citation ?? id;
}
