import type { Source } from '../citation.js';

/**
 * Sources cited by the drug knowledge base, the condition codes and the rules, beyond the ones in ../sources.ts.
 * Each citation names where the fact was read (clinical reference §2–§4 of the project, or a page found while
 * building the knowledge base); secondary summaries are called so.
 */
export const DRUG_SOURCES: Source[] = [
  {
    id: 'S3',
    citation:
      'HealthIntersections/fhirserver sql/tx_db.sql: older CDC CVX table with full vaccine names (e.g. CVX 143 ' +
      '"Adenovirus, type 4 and type 7, live, oral")',
  },
  {
    id: 'IDSA-2013',
    citation:
      'Rubin et al. 2013 IDSA clinical practice guideline for vaccination of the immunocompromised host, Clin ' +
      'Infect Dis 2014;58:e44 (recs 3–5, 72–73: live vaccines ≥ 4 weeks before immunosuppression, none within 2 ' +
      'weeks of starting it)',
    url: 'https://eguideline.guidelinecentral.com/i/282328/2',
  },
  {
    id: 'PMC3192074',
    citation:
      'ACIP altered-immunocompetence table (PMC3192074): prednisone ≥ 20 mg/day for ≥ 2 weeks, methotrexate > 0.4 ' +
      'mg/kg/week, azathioprine > 3 mg/kg/week, 6-MP > 1.5 mg/kg/week → no live vaccine; recombinant immune ' +
      'mediators and modulators: defer live vaccination ≥ 1 month after discontinuation',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3192074/',
  },
  {
    id: 'FILGRASTIM-PI',
    citation:
      'Filgrastim prescribing information (MIMS Philippines, Neocyte dosage): do not administer in the period 24 ' +
      'hours before through 24 hours after cytotoxic chemotherapy',
    url: 'https://uat.mimsdev.com/philippines/drug/info/neocyte/dosage',
  },
  {
    id: 'FILGRASTIM-INDICATIONS-MIMS',
    citation:
      'Filgrastim label indications (MIMS Thailand, Leuco-plus): non-myeloid malignancies on myelosuppressive ' +
      'chemotherapy; AML induction/consolidation; myeloablative chemotherapy with marrow transplant; ' +
      'progenitor-cell mobilisation; severe chronic neutropenia',
    url: 'https://uat.mimsdev.com/thailand/drug/info/leuco-plus/indications',
  },
  {
    id: 'MEDSCAPE-FILGRASTIM',
    citation:
      'Medscape filgrastim monograph, indications: "to decrease infection incidence… in patients… receiving ' +
      'myelosuppressive anticancer drugs" (G-CSF use is prophylactic)',
  },
  {
    id: 'PEGFILGRASTIM-BIOSIMILAR-PI',
    citation:
      'Pegfilgrastim biosimilar prescribing information (MIMS Thailand, Lupifil-P): not to be used in ' +
      'myelodysplastic syndrome, chronic myelogenous leukaemia and secondary AML; potential for tumour growth ' +
      'stimulatory effects; give ≥ 24 h after chemotherapy',
  },
  {
    id: 'UIC-DIG-FAQ',
    citation:
      'University of Illinois Chicago Drug Information Group FAQ (February 2020): pegfilgrastim at least 24 hours ' +
      'after and 14 days prior to chemotherapy',
  },
  {
    id: 'ERGAMISOL-PI',
    citation:
      'Ergamisol (levamisole) prescribing information text (flexyx.com/T/Tramisol.html): prothrombin time ' +
      'prolonged beyond the therapeutic range with warfarin; higher phenytoin levels with fluorouracil; ' +
      'disulfiram-like reaction with alcohol',
  },
  {
    id: 'GUPTA-2011',
    citation:
      'Gupta et al. Eur J Clin Pharmacol 2011;67:591: peginterferon alfa-2b increased CYP2C8/9 and CYP2D6 ' +
      'activity; peginterferon alfa-2a showed no CYP2C9 effect',
    url: 'https://doi.org/10.1007/s00228-010-0972-5',
  },
  {
    id: 'DRUGS-COM-IFN-ALFA',
    citation:
      'Interferon alfa (AHFS monograph, drugs.com), boxed warning: "may cause or aggravate fatal or ' +
      'life-threatening neuropsychiatric, autoimmune, ischemic, and infectious disorders"; use in chronic HBV ' +
      'infection',
    url: 'http://www.drugs.com/monograph/interferon-alfa.html',
  },
  {
    id: 'DRUGS-COM-IFN-ALFA-2B',
    citation:
      'Interferon alfa-2b (Intron A) patient monograph, drugs.com: used for hairy cell leukaemia, malignant ' +
      'melanoma, follicular lymphoma, AIDS-related Kaposi sarcoma, genital warts, and chronic hepatitis B or C',
    url: 'http://www.drugs.com/mtm/interferon-alfa-2b.html',
  },
  {
    id: 'ACTIMMUNE-PI',
    citation:
      'ACTIMMUNE (interferon gamma-1b) indications, manufacturer HCP site: reduces the frequency and severity of ' +
      'serious infections in chronic granulomatous disease; also delays progression of severe malignant ' +
      'osteopetrosis',
    url: 'https://www.actimmunehcp.com/chronic-granulomatous-disease/why-actimmune',
  },
  {
    id: 'TICE-BCG-LABEL',
    citation:
      'TICE BCG label summaries (renalandurologynews.com/drug/tice-bcg; cancertherapyadvisor.com/drug/tice-bcg): ' +
      'contraindicated if immunosuppressed or with active TB; immunosuppressants, myelosuppressants, radiation and ' +
      'antimicrobial therapy may reduce efficacy',
  },
  {
    id: 'COMMISSION-E-ECHINACEA',
    citation:
      'German Commission E echinacea monograph (Blumenthal 2000), as summarised at guwsmedical.info and ' +
      'alpfmedical.info: not more than 8 weeks of continuous use; not in autoimmune disease, TB, HIV, leukocytosis',
  },
  {
    id: 'ARDJOMAND-WOELKART-2016',
    citation:
      'Ardjomand-Woelkart & Bauer, Planta Med 2016;82:17 (counter-evidence on echinacea safety: contraindication ' +
      'in autoimmune diseases "questionable")',
  },
  {
    id: 'IOM-DRI-UL-VITD',
    citation:
      'IOM 2011 Dietary Reference Intakes for calcium and vitamin D (National Academies Press record 13050, p. ' +
      '443): adult tolerable upper intake level 4,000 IU (100 ug) per day, set from a NOAEL of 10,000 IU/day',
  },
  {
    id: 'IOM-DRI-UL-ZINC',
    citation:
      'IOM Dietary Reference Intakes, zinc: adult tolerable upper intake level 40 mg/day elemental zinc as quoted ' +
      'by a secondary summary (ntro.it.com); the IOM UL table excerpt retrieved (DRI appendix D-2) shows 34 mg/day ' +
      'for ages 14–18 — adult value partially verified',
  },
  {
    id: 'IOM-DRI-UL-SELENIUM',
    citation:
      'IOM Dietary Reference Intakes, selenium: tolerable upper intake limit 400 ug/day, as quoted by MacFarquhar ' +
      'et al., Arch Intern Med 2010 (PMC3225252)',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3225252/',
  },
  {
    id: 'AHA-OMEGA3',
    citation:
      'American Heart Association advice that omega-3 fatty acids above 3 g/day be taken only under medical ' +
      'supervision, as quoted by pharmacist.com ("Omega-3 fatty acids and increased risk of bleeding") and ' +
      'brainhealtheducation.org (secondary sources)',
  },
  {
    id: 'OM85-SMPC-CH',
    citation:
      'Broncho-Vaxom (OM-85) Swiss product information, Dosierung/Anwendung (oddb.org, reg. 00596): prophylaxis ' +
      'cycle of 1 capsule daily on 10 consecutive days a month for 3 consecutive months; not indicated for ' +
      'treating acute infections',
    url: 'https://ch.oddb.org/it/gcc/fachinfo/reg/00596/chapter/usage',
  },
  {
    id: 'INOSINE-PRANOBEX-LEAFLET',
    citation:
      'Isoprinosine (inosine pranobex) manufacturer instructions as summarised at simptomi.bg: acute disease usually ' +
      '5–14 days, continued until 2 days after symptoms resolve and extendable under medical supervision; chronic ' +
      'disease in repeated 5–10-day courses with 8-day breaks; Inuprin leaflet (oladoctor.com): see a doctor if no ' +
      'improvement after 5–14 days',
  },
  {
    id: 'CORTICOSTEROID-EQUIVALENCE',
    citation:
      'Comparison of corticosteroids, Table 1, J Steroids Horm Sci 6:149: equivalent oral/IV doses cortisol ' +
      '(hydrocortisone) 20 mg, prednisone 5 mg, prednisolone 5 mg, methylprednisolone 4 mg, dexamethasone 0.75 mg ' +
      '(the same table as the CRAN cliot steroid conversion calculator, which cites Meikle & Tyler)',
    url: 'https://www.omicsonline.org/articles-images/2157-7536-6-149-t001.html',
  },
  {
    id: 'RXNORM-CANDIDATE',
    citation:
      'RxNorm ingredient code seen only in third-party public code (clinical reference §5 item 1): unverified, ' +
      'resolve with RxNav at build time',
  },
  {
    id: 'WHO-ICD10-2019',
    citation:
      'WHO ICD-10 Version 2019, tabular list (C00–C97 malignant neoplasms; B18 chronic viral hepatitis; B20–B24 ' +
      'HIV disease; D46 myelodysplastic syndromes; G35 multiple sclerosis; M05/M06 rheumatoid arthritis; M32 SLE)',
    url: 'https://icd.who.int/browse10/2019/en',
  },
  {
    id: 'IMMUNOSTEWARD-POLICY',
    citation:
      "ImmunoSteward product policy (clinical-reference 'Product policy'): weak RCT evidence for bacterial " +
      'lysates, low-molecular immunomodulators and peptide immunoregulators; non-CSF boosters in active ' +
      'malignancy warn',
  },
];
