import { EXPERT_OPINION, type Source } from '../citation.js';

const opinion = (reasoning: string) => `${EXPERT_OPINION}: ${reasoning}`;

/**
 * Sources of the monitoring plans (monitoring-plans.ts): the label section or guideline table a
 * plan follows, or, where no document gives the tests and their interval, ImmunoSteward's expert
 * opinion with the facts it rests on. `provenance` says where each text was read and what was not.
 */
export const MONITORING_SOURCES: Source[] = [
  {
    id: 'FILGRASTIM-PI-MONITORING',
    kind: 'label',
    citation: 'Filgrastim prescribing information (Neocyte; Leuco-plus), laboratory monitoring',
    provenance:
      'Says: a complete blood count and platelet count before filgrastim therapy, then twice a week during ' +
      'therapy. Neocyte text at uat.mimsdev.com/philippines/drug/info/neocyte/dosage ("Obtain a complete blood count (CBC) ' +
      'and platelet count before instituting filgrastim therapy. Monitor these parameters two times a week during ' +
      'therapy"); Leuco-plus text at uat.mimsdev.com/thailand/drug/info/leuco-plus/indications ("twice per week ' +
      'during Filgrastim therapy"). The US Neupogen label (section 2.1 per issue 16) is in the library as openFDA ' +
      'set_id 97cc73cc-b5b7-458a-a933-77b00523e193, but its section text could not be read: not verified there.',
  },
  {
    id: 'VA-HCV-2006-MONITORING',
    kind: 'guideline',
    citation:
      'US Department of Veterans Affairs, National Hepatitis C Program: treatment recommendations for patients ' +
      'with chronic hepatitis C, 2006, Table 4 (monitoring of interferon-based therapy)',
    provenance:
      'Says: white cell count with differential, haemoglobin and platelets before treatment, at week 1 or 2, at ' +
      'week 4, then monthly or every two months; serum ALT before treatment, at month 1, then every 1–2 months; ' +
      'TSH before treatment and at least every 12 weeks. Read at hepatitis.va.gov/provider/guidelines/2006HCV-table4.asp. The Intron A label (chronic hepatitis C section, ' +
      'reproduced at 120ty.net) agrees on the blood count: at baseline, weeks 1 and 2, then monthly. The Pegasys ' +
      'label monitoring section was not read.',
    url: 'http://www.hepatitis.va.gov/provider/guidelines/2006HCV-table4.asp',
  },
  {
    id: 'KKNMS-IFN-BETA-MONITORING',
    kind: 'guideline',
    citation:
      'German Competence Network Multiple Sclerosis (KKNMS), laboratory monitoring of interferon beta, in BMC ' +
      'Neurology 2019 (doi 10.1186/s12883-019-1354-y), Table 3',
    provenance:
      'Says: complete and differential blood count with platelets and liver enzymes before treatment, after 1 ' +
      'month, quarterly in the first year, then every 6–12 months. Table 3 of "An update on peginterferon beta-1a management in multiple sclerosis" read at ' +
      'bmcneurol.biomedcentral.com (articles/10.1186/s12883-019-1354-y/tables/3). The Betaseron, Rebif and Avonex ' +
      'label sections ("1, 3 and 6 months") were not read.',
    url: 'https://doi.org/10.1186/s12883-019-1354-y',
  },
  // ── Expert opinion: the plans no document sets, each with its reasoning ────────────────────────────────────
  {
    id: 'POLICY-MONITORING-PEGFILGRASTIM',
    kind: 'expert-opinion',
    citation: opinion(
      'the pegfilgrastim labelling asks for a white cell count at regular intervals during therapy without giving ' +
        'the interval; pegfilgrastim is given once per chemotherapy cycle, not within the 14 days before the next ' +
        'cycle, so ImmunoSteward asks for a blood count before the first dose and every 14 days while the course runs',
    ),
    provenance:
      'Pegfilgrastim biosimilar text (Lupifil-P, uat.mimsdev.com/thailand/drug/info/lupifil-p): "Perform WBC count ' +
      'at regular intervals during therapy"; once per cycle and the 14-day window as in PEGFILGRASTIM-BIOSIMILAR-PI',
  },
  {
    id: 'POLICY-MONITORING-IFN-ALFA',
    kind: 'expert-opinion',
    citation: opinion(
      'the interferon alfa labelling (Intron A, laboratory tests) asks for a blood count with differential and ' +
        'platelets, liver tests and TSH before treatment and periodically, giving an interval only for hepatitis ' +
        'and melanoma; ImmunoSteward asks for the blood count and liver tests every 30 days, the monthly interval ' +
        'of the melanoma maintenance phase, and TSH every 12 weeks, as the hepatitis guidance does',
    ),
    provenance:
      'Intron A label "Laboratory Tests" paragraph reproduced at 120ty.net (bencandy.php?aid=10631, page 18): ' +
      'tests "prior to beginning treatment and then periodically thereafter"; melanoma: "weekly during the ' +
      'induction phase of therapy and monthly during the maintenance phase"',
  },
  {
    id: 'POLICY-MONITORING-LEVAMISOLE',
    kind: 'expert-opinion',
    citation: opinion(
      'agranulocytosis occurred in 2.5–13 % of patients in trials of levamisole as an immunopotentiator (Thompson ' +
        'et al., Blood 1980;56:388) and reverses when the drug is stopped; ImmunoSteward asks for a blood count ' +
        'with differential before a course longer than one day and every 7 days while it runs',
    ),
    provenance:
      'Thompson et al. abstract (ashpublications.net, Blood 56(3):388–396); reversibility in the 1978 review ' +
      '"Adverse reactions to levamisole", Cancer Treat Rep 1978;62:1721. The Ergamisol label (flexyx.com copy, ' +
      'cited by issue 16) was searched for its blood-count schedule, which was not found.',
  },
  {
    id: 'POLICY-MONITORING-INOSINE-PRANOBEX',
    kind: 'expert-opinion',
    citation: opinion(
      'inosine pranobex is broken down to uric acid and may raise serum and urine uric acid; it must not be given ' +
        'during a gout attack or with a raised blood uric acid, and a course usually lasts 5–14 days (Groprinosin, ' +
        'Eloprine and Neotac product information, Poland); ImmunoSteward asks for serum uric acid before a longer ' +
        'course and every 30 days while it runs',
    ),
    provenance:
      'Polish product texts at lekseniora.pl (Groprinosin, Neotac) and leksykon.com.pl (Eloprine): contraindication, ' +
      'transient rise (upper limit 8 mg/dL or 0.42 mmol/L) and caution in gout, hyperuricaemia, urolithiasis and ' +
      'renal impairment; their sentence on long-term treatment was cut off in the copies read',
  },
  {
    id: 'POLICY-MONITORING-VITAMIN-D',
    kind: 'expert-opinion',
    citation: opinion(
      'above the adult tolerable upper intake level of vitamin D, 4,000 IU a day, hypercalcaemia becomes a risk, ' +
        'and serum 25-hydroxyvitamin D above 50 ng/mL may be cause for concern (Institute of Medicine 2011); ' +
        'ImmunoSteward asks for serum calcium and 25-hydroxyvitamin D before a course above that level and every ' +
        '12 weeks while it continues',
    ),
    provenance:
      'IOM-DRI-UL-VITD (upper level, p. 443) and IOM-2011-VITD (25(OH)D cut-offs); no monitoring interval in either',
  },
  {
    id: 'POLICY-MONITORING-ZINC-COPPER',
    kind: 'expert-opinion',
    citation: opinion(
      'zinc taken above the adult tolerable upper intake level (40 mg a day, Institute of Medicine 2001) for long ' +
        'can cause copper deficiency, with anaemia and neutropenia; ImmunoSteward asks for serum copper once such ' +
        'a course passes 8 weeks, and every 8 weeks while it continues',
    ),
    provenance:
      'IOM-DRI-UL-ZINC (upper level) and clinical reference §3 row N6 (copper deficiency; "check copper if ' +
      'prolonged"); the 8 weeks are ImmunoSteward policy, no document gives them',
  },
];
