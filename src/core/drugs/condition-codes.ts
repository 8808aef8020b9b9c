import type { ConditionCategory } from './types.js';

/**
 * Condition codes → the categories the rules reason about (malignancy, myeloid neoplasm, autoimmune, HIV…).
 * SNOMED CT codes come from the clinical reference §4 (CDC CDSi observations S1; Logica COVID-19 value sets S8;
 * S9 for codes seen in several public files), ICD-10 prefixes from the WHO ICD-10 2019 tabular list and the
 * ICD-10-CM codes used by CDSi (S1). Prefer subsumption through a terminology server where one is available:
 * these flat lists are the fallback.
 */

export interface ConditionCode {
  category: ConditionCategory;
  system: string;
  code: string;
  display: string;
  match: 'exact' | 'prefix';
  source: string;
  verified: boolean;
}

export const SNOMED = 'http://snomed.info/sct';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';

const sct = (category: ConditionCategory, code: string, display: string, source: string, verified = true) => ({
  category,
  system: SNOMED,
  code,
  display,
  match: 'exact' as const,
  source,
  verified,
});

/** The same WHO ICD-10 category as a prefix row under both the WHO and the US ICD-10-CM system URIs. */
const icd = (category: ConditionCategory, code: string, display: string, systems = [ICD10, ICD10CM]) =>
  systems.map((system) => ({
    category,
    system,
    code,
    display,
    match: 'prefix' as const,
    source: 'WHO-ICD10-2019',
    verified: true,
  }));

/** ICD-10-CM codes used by the CDSi immunocompromise observations (S1). */
const cdsiCm = (category: ConditionCategory, code: string, display: string) => ({
  category,
  system: ICD10CM,
  code,
  display,
  match: 'exact' as const,
  source: 'S1',
  verified: true,
});

export const CONDITION_CODES: readonly ConditionCode[] = [
  // Malignancy (incl. leukaemia, lymphoma, myeloma, MDS and secondary malignancy).
  sct('malignancy', '363346000', 'Malignant neoplastic disease (disorder)', 'S1'),
  sct('malignancy', '128462008', 'Secondary malignant neoplastic disease (disorder)', 'S8'),
  sct('malignancy', '93143009', 'Leukemia, disease (disorder)', 'S1'),
  sct('malignancy', '399600009', 'Lymphoma (finding)', 'S1'),
  sct('malignancy', '118600007', 'Malignant lymphoma (disorder)', 'S8'),
  sct('malignancy', '109989006', 'Multiple myeloma (disorder)', 'S8'),
  sct('malignancy', '109995007', 'Myelodysplastic syndrome (disorder)', 'S8'),
  sct('malignancy', '91861009', 'Acute myeloid leukemia (disorder)', 'S9', false),
  sct('malignancy', '92818009', 'Chronic myeloid leukemia (disorder)', 'S9', false),
  // Myeloid neoplasms (G-CSF rule C3): MDS from S8; AML and CML seen in several public FHIR files only.
  sct('myeloid-neoplasm', '109995007', 'Myelodysplastic syndrome (disorder)', 'S8'),
  sct('myeloid-neoplasm', '91861009', 'Acute myeloid leukemia (disorder)', 'S9', false),
  sct('myeloid-neoplasm', '92818009', 'Chronic myeloid leukemia (disorder)', 'S9', false),
  // Autoimmune disorders.
  sct('autoimmune', '85828009', 'Autoimmune disease (disorder)', 'S9'),
  sct('autoimmune', '55464009', 'Systemic lupus erythematosus (disorder)', 'S8'),
  sct('autoimmune', '200936003', 'Lupus erythematosus (disorder)', 'S8'),
  sct('autoimmune', '69896004', 'Rheumatoid arthritis (disorder)', 'S8'),
  sct('autoimmune', '24700007', 'Multiple sclerosis (disorder)', 'S8'),
  sct('autoimmune', '156370009', 'Psoriatic arthritis (disorder)', 'S8'),
  sct('autoimmune', '9631008', 'Ankylosing spondylitis (disorder)', 'S8'),
  sct('autoimmune', '89155008', 'Systemic sclerosis (disorder)', 'S8'),
  sct('autoimmune', '396230008', 'Dermatomyositis (disorder)', 'S8'),
  sct('autoimmune', '31384009', 'Polymyositis (disorder)', 'S8'),
  sct('autoimmune', '31996006', 'Vasculitis (disorder)', 'S8'),
  sct('autoimmune', '195353004', 'Granulomatosis with polyangiitis (disorder)', 'S8'),
  sct('autoimmune', '310701003', 'Behçet syndrome (disorder)', 'S8'),
  sct('autoimmune', '34000006', "Crohn's disease (disorder)", 'S8'),
  sct('autoimmune', '64766004', 'Ulcerative colitis (disorder)', 'S8'),
  sct('autoimmune', '408335007', 'Autoimmune hepatitis (disorder)', 'S8'),
  sct('autoimmune', '46635009', 'Type 1 diabetes mellitus (disorder)', 'S8'),
  sct('autoimmune', '21983002', 'Hashimoto thyroiditis (disorder)', 'S8'),
  sct('autoimmune', '353295004', "Graves' disease (disorder)", 'S8'),
  sct('autoimmune', '91637004', 'Myasthenia gravis (disorder)', 'S8'),
  sct('autoimmune', '410502007', 'Juvenile idiopathic arthritis (disorder)', 'S8'),
  // Multiple sclerosis (also autoimmune, above): interferon beta and glatiramer are indicated for it.
  sct('multiple-sclerosis', '24700007', 'Multiple sclerosis (disorder)', 'S8'),
  // HIV.
  sct('hiv', '86406008', 'Human immunodeficiency virus infection (disorder)', 'S1'),
  sct('hiv', '62479008', 'Acquired immune deficiency syndrome (disorder)', 'S1'),
  // Immunodeficiency.
  sct('immunodeficiency', '234532001', 'Immunodeficiency disorder (disorder)', 'S8'),
  sct('immunodeficiency', '124950009', 'Deficiency of immunoglobulin (disorder)', 'S1'),
  sct('immunodeficiency', '123785006', 'IgG subclass deficiency (disorder)', 'S1'),
  sct('immunodeficiency', '190979003', 'Selective IgA deficiency (disorder)', 'S1'),
  sct('immunodeficiency', '23238000', 'Common variable agammaglobulinemia (disorder)', 'S8'),
  sct('immunodeficiency', '31323000', 'Severe combined immunodeficiency disease (disorder)', 'S1'),
  sct('immunodeficiency', '24743004', 'Complement deficiency disease (disorder)', 'S1'),
  sct('immunodeficiency', '707147002', 'Asplenia (disorder)', 'S1'),
  // Transplant.
  sct('transplant', '234336002', 'Hemopoietic stem cell transplant (procedure)', 'S1'),
  sct('transplant', '313039003', 'Solid organ transplant (procedure)', 'S1'),
  // Immunosuppressed / immunocompromised.
  sct('immunosuppressed', '370388006', 'Patient immunocompromised (finding)', 'S1'),
  sct('immunosuppressed', '370391006', 'Patient immunosuppressed (finding)', 'S8'),
  sct('immunosuppressed', '86553008', 'Immunosuppressive therapy (procedure)', 'S1'),
  // Neutropenia.
  sct('neutropenia', '165517008', 'Neutropenia (finding)', 'S8'),
  // Chronic viral hepatitis (read in S8's gastrointestinal/hepatic condition value set).
  sct('chronic-viral-hepatitis', '61977001', 'Chronic type B viral hepatitis (disorder)', 'S8'),
  sct('chronic-viral-hepatitis', '128302006', 'Chronic hepatitis C (disorder)', 'S8'),

  // ICD-10: every category starting with C is a malignant neoplasm (C00–C97).
  ...icd('malignancy', 'C', 'Malignant neoplasms (C00–C97)'),
  ...icd('myeloid-neoplasm', 'C92', 'Myeloid leukaemia (C92)'),
  ...icd('myeloid-neoplasm', 'C93', 'Monocytic leukaemia (C93)'),
  // C94 also holds "other specified leukaemias" (C94.7), not all of them myeloid.
  ...icd('myeloid-neoplasm', 'C94', 'Other leukaemias of specified cell type (C94)'),
  ...icd('myeloid-neoplasm', 'D46', 'Myelodysplastic syndromes (D46)'),
  // HIV disease: B20–B24 in WHO ICD-10; ICD-10-CM uses B20 only.
  ...icd('hiv', 'B20', 'HIV disease (B20)'),
  ...icd('hiv', 'B21', 'HIV disease (B21)', [ICD10]),
  ...icd('hiv', 'B22', 'HIV disease (B22)', [ICD10]),
  ...icd('hiv', 'B23', 'HIV disease (B23)', [ICD10]),
  ...icd('hiv', 'B24', 'HIV disease (B24)', [ICD10]),
  ...icd('autoimmune', 'M32', 'Systemic lupus erythematosus (M32)'),
  ...icd('autoimmune', 'M05', 'Rheumatoid arthritis (M05)'),
  ...icd('autoimmune', 'M06', 'Rheumatoid arthritis (M06)'),
  ...icd('autoimmune', 'G35', 'Multiple sclerosis (G35)'),
  ...icd('multiple-sclerosis', 'G35', 'Multiple sclerosis (G35)'),
  ...icd('chronic-viral-hepatitis', 'B18', 'Chronic viral hepatitis (B18)'),
  // Lymphoproliferative neoplasms of the block C81–C96: lymphomas (C81–C86), immunoproliferative (C88),
  // plasma-cell (C90), lymphoid leukaemia (C91).
  ...icd('lymphoproliferative', 'C81', 'Hodgkin lymphoma (C81)'),
  ...icd('lymphoproliferative', 'C82', 'Follicular lymphoma (C82)'),
  ...icd('lymphoproliferative', 'C83', 'Non-follicular lymphoma (C83)'),
  ...icd('lymphoproliferative', 'C84', 'Mature T/NK-cell lymphomas (C84)'),
  ...icd('lymphoproliferative', 'C85', 'Other and unspecified types of non-Hodgkin lymphoma (C85)'),
  ...icd('lymphoproliferative', 'C86', 'Other specified types of T/NK-cell lymphoma (C86)'),
  ...icd('lymphoproliferative', 'C88', 'Malignant immunoproliferative diseases (C88)'),
  ...icd('lymphoproliferative', 'C90', 'Multiple myeloma and malignant plasma cell neoplasms (C90)'),
  ...icd('lymphoproliferative', 'C91', 'Lymphoid leukaemia (C91)'),
  ...icd('thyroid-dysfunction', 'E03', 'Other hypothyroidism (E03)'),
  ...icd('thyroid-dysfunction', 'E05', 'Thyrotoxicosis [hyperthyroidism] (E05)'),
  ...icd('thyroid-dysfunction', 'E06', 'Thyroiditis (E06)'),
  // The Helminthiases block, B65–B83. No SNOMED CT helminth code could be verified: ICD-10 only.
  ...Array.from({ length: 83 - 65 + 1 }, (_, i) => `B${65 + i}`).flatMap((code) =>
    icd('helminthiasis', code, `Helminthiases (B65–B83): ${code}`),
  ),
  // ICD-10-CM codes used by CDSi.
  cdsiCm('immunodeficiency', 'D84.9', 'Immunodeficiency, unspecified'),
  cdsiCm('immunodeficiency', 'D84.821', 'Immunodeficiency due to drugs'),
  cdsiCm('immunosuppressed', 'D84.821', 'Immunodeficiency due to drugs'),
  cdsiCm('immunodeficiency', 'D83.9', 'Common variable immunodeficiency'),
  cdsiCm('malignancy', 'C80.0', 'Malignancy (CDSi code)'),
  cdsiCm('malignancy', 'C80.1', 'Malignancy (CDSi code)'),
];

const isIcd = (system: string) => system === ICD10 || system === ICD10CM;

/** ICD-10 codes are compared without the dot and case-insensitively ('C92.1' = 'c921'). */
function normalize(system: string, code: string): string {
  const trimmed = code.trim();
  return isIcd(system) ? trimmed.replace(/\./g, '').toUpperCase() : trimmed;
}

/** Every category a coded condition falls into (empty when the code is unknown). */
export function conditionCategories(system: string, code: string): ConditionCategory[] {
  const wanted = normalize(system, code);
  const found = new Set<ConditionCategory>();
  for (const row of CONDITION_CODES) {
    if (row.system !== system) continue;
    const key = normalize(row.system, row.code);
    if (row.match === 'exact' ? wanted === key : wanted.startsWith(key)) found.add(row.category);
  }
  return [...found];
}
