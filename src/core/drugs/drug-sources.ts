import { EXPERT_OPINION, type Source } from '../citation.js';

const opinion = (reasoning: string) => `${EXPERT_OPINION}: ${reasoning}`;

const DAILYMED = 'https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=';

/**
 * Sources cited by the drug knowledge base, the condition codes and the rules, beyond the ones in ../sources.ts.
 * `citation` names the primary document a clinician can look up (label and section, guideline, year) or says plainly
 * that the rule is expert opinion, with its reasoning; `provenance` keeps the page where the fact was read.
 */
export const DRUG_SOURCES: Source[] = [
  {
    id: 'S3',
    kind: 'code-system',
    citation:
      'CDC CVX code set, earlier edition with full vaccine names (e.g. CVX 143 "Adenovirus, type 4 and type 7, ' +
      'live, oral")',
    provenance: 'Older CDC CVX table in the HealthIntersections/fhirserver repository, sql/tx_db.sql',
  },
  {
    id: 'IDSA-2013',
    kind: 'guideline',
    citation:
      'Rubin LG et al. 2013 IDSA clinical practice guideline for vaccination of the immunocompromised host. Clin ' +
      'Infect Dis 2014;58(3):e44–e100, recommendations 3–5 and 72–73: live vaccines at least 4 weeks before ' +
      'immunosuppression and not within 2 weeks of starting it; inactivated vaccines at least 2 weeks before',
    provenance:
      'Recommendations read in the Guideline Central pocket guide (eguideline.guidelinecentral.com/i/282328/2, /15, ' +
      '/17); bibliographic details from idsociety.org',
    url: 'https://www.idsociety.org/practice-guideline/vaccination-of-the-immunocompromised-host/',
  },
  {
    id: 'PMC3192074',
    kind: 'guideline',
    citation:
      'ACIP table of immunosuppressive doses and live vaccines (article PMC3192074): prednisone 20 mg/day or more ' +
      'for 2 weeks or more, methotrexate above 0.4 mg/kg/week, azathioprine above 3 mg/kg/week, mercaptopurine ' +
      'above 1.5 mg/kg/week: no live vaccine; recombinant human immune mediators and immune modulators: defer ' +
      'live vaccination at least 1 month after discontinuation',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3192074/',
  },
  {
    id: 'FILGRASTIM-PI',
    kind: 'label',
    citation:
      'Filgrastim prescribing information (Neocyte, Philippines), Dosage and Administration: do not administer in ' +
      'the period 24 hours before through 24 hours after cytotoxic chemotherapy',
    provenance:
      'MIMS Philippines page for Neocyte, read on a MIMS test host (uat.mimsdev.com/philippines/drug/info/neocyte/' +
      'dosage); the Neupogen patient site says "at least 24 hours before your next dose of chemotherapy". The ' +
      'matching section of the US Neupogen label was not retrieved.',
  },
  {
    id: 'FILGRASTIM-INDICATIONS-MIMS',
    kind: 'label',
    citation:
      'Neupogen (filgrastim) US prescribing information, section 1 Indications and Usage: nonmyeloid malignancies ' +
      'on myelosuppressive chemotherapy; AML induction or consolidation chemotherapy; myeloablative chemotherapy ' +
      'followed by bone marrow transplantation; autologous peripheral blood progenitor cell collection; severe ' +
      'chronic neutropenia',
    provenance:
      'List first read in the Leuco-plus label on a MIMS Thailand test host (uat.mimsdev.com/thailand/drug/info/' +
      'leuco-plus/indications); 1.1–1.3 checked in the openFDA text of US filgrastim labels (Nivestym, Nypozi)',
    url: `${DAILYMED}97cc73cc-b5b7-458a-a933-77b00523e193`,
  },
  {
    id: 'MEDSCAPE-FILGRASTIM',
    kind: 'label',
    citation:
      'Neupogen (filgrastim) US prescribing information, section 1.1: to decrease the incidence of infection, as ' +
      'manifested by febrile neutropenia, in patients with nonmyeloid malignancies receiving myelosuppressive ' +
      'anti-cancer drugs (a prophylactic indication: a normal neutrophil count does not make it non-indicated)',
    provenance:
      'Medscape filgrastim monograph, indications; wording of 1.1 checked in the openFDA text of US filgrastim ' +
      'labels (Nivestym, Releuko, Nypozi)',
    url: `${DAILYMED}97cc73cc-b5b7-458a-a933-77b00523e193`,
  },
  {
    id: 'PEGFILGRASTIM-BIOSIMILAR-PI',
    kind: 'label',
    citation:
      'Pegfilgrastim EU summary of product characteristics, section 4.4 (e.g. Fulphila, EMA, 2020): not to be ' +
      'used in myelodysplastic syndrome, chronic myelogenous leukaemia or secondary AML; G-CSF can promote the ' +
      'growth of myeloid cells in vitro',
    provenance:
      'Lupifil-P (pegfilgrastim biosimilar) label summary on a MIMS Thailand test host (uat.mimsdev.com/thailand/' +
      'drug/info/lupifil-p: "potential for tumor growth stimulatory effects"; give at least 24 h after ' +
      'chemotherapy); section 4.4 text read at rxreasoner.com (Fulphila SmPC, EMA 2020) and MIMS Myanmar',
  },
  {
    id: 'UIC-DIG-FAQ',
    kind: 'label',
    citation:
      'Neulasta (pegfilgrastim) US prescribing information, Dosage and Administration: do not administer between ' +
      '14 days before and 24 hours after cytotoxic chemotherapy',
    provenance:
      'University of Illinois Chicago Drug Information Group FAQ (February 2020): "at least 24 hours after and 14 ' +
      'days prior to chemotherapy"; label wording read in a copy of the older US Neulasta label',
    url: `${DAILYMED}fdfe5d72-6b80-435a-afa4-c5d74dd852ce`,
  },
  {
    id: 'ERGAMISOL-PI',
    kind: 'label',
    citation:
      'Ergamisol (levamisole hydrochloride) prescribing information, drug interactions: prothrombin time ' +
      'prolonged beyond the therapeutic range with warfarin; higher phenytoin levels with fluorouracil; ' +
      'disulfiram-like reaction with alcohol',
    provenance: 'Label text reproduced at flexyx.com/T/Tramisol.html',
  },
  {
    id: 'GUPTA-2011',
    kind: 'study',
    citation:
      'Gupta et al. Eur J Clin Pharmacol 2011;67:591: peginterferon alfa-2b increased CYP2C8/9 and CYP2D6 ' +
      'activity; peginterferon alfa-2a showed no CYP2C9 effect',
    url: 'https://doi.org/10.1007/s00228-010-0972-5',
  },
  {
    id: 'DRUGS-COM-IFN-ALFA',
    kind: 'label',
    citation:
      'Alpha interferon US prescribing information, boxed warning (e.g. Pegasys, peginterferon alfa-2a): alpha ' +
      'interferons "may cause or aggravate fatal or life-threatening neuropsychiatric, autoimmune, ischemic, and ' +
      'infectious disorders"; interferon alfa is indicated in chronic hepatitis B (IntronA EU summary of product ' +
      'characteristics, section 4.1)',
    provenance:
      'Boxed warning first read in the AHFS interferon alfa monograph at drugs.com/monograph/interferon-alfa.html ' +
      'and the PegIntron boxed warning via medilib/Lexicomp; checked in the openFDA text of the Pegasys label and ' +
      'the IntronA EU SmPC (ec.europa.eu community register)',
  },
  {
    id: 'DRUGS-COM-IFN-ALFA-2B',
    kind: 'label',
    citation:
      'Intron A (interferon alfa-2b) US labelled uses: hairy cell leukaemia, malignant melanoma, follicular ' +
      'lymphoma, AIDS-related Kaposi sarcoma, condylomata acuminata, chronic hepatitis B and C',
    provenance:
      'Uses read in the drugs.com patient monograph (drugs.com/mtm/interferon-alfa-2b.html); the US label itself ' +
      'was not retrieved',
  },
  {
    id: 'ACTIMMUNE-PI',
    kind: 'label',
    citation:
      'ACTIMMUNE (interferon gamma-1b) US prescribing information, section 1 Indications and Usage: reducing the ' +
      'frequency and severity of serious infections associated with chronic granulomatous disease; delaying time ' +
      'to disease progression in severe, malignant osteopetrosis',
    provenance:
      'First read on the manufacturer HCP site (actimmunehcp.com/chronic-granulomatous-disease/why-actimmune); ' +
      'checked in the openFDA text of the label',
    url: `${DAILYMED}5d0b1256-1981-4519-94f4-a4a2f98bd8a3`,
  },
  {
    id: 'TICE-BCG-LABEL',
    kind: 'label',
    citation:
      'TICE BCG (BCG live, intravesical) US prescribing information, Contraindications: immunosuppressed patients ' +
      '(congenital or acquired immune deficiency, cancer therapy, immunosuppressive therapy), active tuberculosis; ' +
      'immunosuppressants, myelosuppressants, radiation and antimicrobial therapy may reduce its efficacy',
    provenance:
      'Label summaries at renalandurologynews.com/drug/tice-bcg and cancertherapyadvisor.com/drug/tice-bcg; ' +
      'Contraindications checked in the label text (DailyMed, rxdruglabels.com); the interaction wording was ' +
      'not checked in the label itself',
    url: `${DAILYMED}c9b74876-e665-442b-87ad-b7333bc9a67a`,
  },
  {
    id: 'COMMISSION-E-ECHINACEA',
    kind: 'guideline',
    citation:
      'German Commission E monograph, echinacea (Blumenthal, 2000): not more than 8 weeks of continuous use; not in ' +
      'autoimmune disease, tuberculosis, HIV infection or leukocytosis',
    provenance: 'As summarised at guwsmedical.info and alpfmedical.info',
  },
  {
    id: 'ARDJOMAND-WOELKART-2016',
    kind: 'review',
    citation:
      'Ardjomand-Woelkart & Bauer, Planta Med 2016;82:17 (counter-evidence on echinacea safety: contraindication ' +
      'in autoimmune diseases "questionable")',
  },
  {
    id: 'IOM-DRI-UL-VITD',
    kind: 'guideline',
    citation:
      'Institute of Medicine. Dietary Reference Intakes for Calcium and Vitamin D. National Academies Press, 2011, ' +
      'p. 443: adult tolerable upper intake level 4,000 IU (100 µg) per day, set from a no-observed-adverse-effect ' +
      'level of 10,000 IU/day',
    provenance: 'National Academies Press record 13050, p. 443',
    url: 'http://www.nap.edu/openbook.php?record_id=13050&page=443',
  },
  {
    id: 'IOM-DRI-UL-ZINC',
    kind: 'guideline',
    citation:
      'Institute of Medicine. Dietary Reference Intakes for Vitamin A, Vitamin K, Arsenic, Boron, Chromium, Copper, ' +
      'Iodine, Iron, Manganese, Molybdenum, Nickel, Silicon, Vanadium, and Zinc. National Academies Press, 2001, ' +
      'chapter 12 (Zinc): tolerable upper intake level 34 mg/day at 14–18 years; adult value 40 mg/day elemental ' +
      'zinc not yet checked in the report itself',
    provenance:
      'Adult 40 mg/day quoted by a secondary summary (ntro.it.com, citing the IOM); the 14–18-year value read in ' +
      'a DRI appendix D-2 excerpt (skyscape)',
    url: 'http://www.nap.edu/openbook.php?record_id=10026&page=442',
  },
  {
    id: 'IOM-DRI-UL-SELENIUM',
    kind: 'guideline',
    citation:
      'Institute of Medicine Dietary Reference Intakes, selenium: tolerable upper intake level 400 µg/day, as ' +
      'quoted in MacFarquhar et al., Arch Intern Med 2010',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3225252/',
  },
  {
    id: 'AHA-OMEGA3',
    kind: 'guideline',
    citation:
      'Kris-Etherton PM, Harris WS, Appel LJ. Fish consumption, fish oil, omega-3 fatty acids, and cardiovascular ' +
      'disease. AHA scientific statement, Circulation 2002;106:2747–2757: omega-3 fatty acids above 3 g/day only ' +
      'under medical supervision',
    provenance:
      'The 3 g/day advice quoted by pharmacist.com ("Omega-3 fatty acids and increased risk of bleeding") and ' +
      'brainhealtheducation.org; the sentence was not checked in the statement itself',
    url: 'https://doi.org/10.1161/01.CIR.0000038493.65177.94',
  },
  {
    id: 'OM85-SMPC-CH',
    kind: 'label',
    citation:
      'Broncho-Vaxom (OM-85) Swiss product information, Dosage/Administration: prophylaxis cycle of 1 capsule ' +
      'daily on 10 consecutive days a month for 3 consecutive months; not indicated for treating acute infections',
    provenance: 'Fachinformation at ch.oddb.org/it/gcc/fachinfo/reg/00596/chapter/usage (registration 00596)',
  },
  {
    id: 'INOSINE-PRANOBEX-LEAFLET',
    kind: 'label',
    citation:
      "Isoprinosine (inosine pranobex) manufacturer's package leaflet: acute disease usually 5–14 days, continued " +
      'until 2 days after symptoms resolve and extendable under medical supervision; chronic disease in repeated ' +
      '5–10-day courses with 8-day breaks. Inuprin package leaflet: see a doctor if no improvement after 5–14 days ' +
      '(country and year of both leaflets not confirmed)',
    provenance: 'Isoprinosine leaflet as summarised at simptomi.bg; Inuprin leaflet at oladoctor.com',
  },
  {
    id: 'CORTICOSTEROID-EQUIVALENCE',
    kind: 'review',
    citation:
      'Comparison of corticosteroids, Table 1, J Steroids Horm Sci 6:149: equivalent oral/IV doses hydrocortisone ' +
      '20 mg, prednisone 5 mg, prednisolone 5 mg, methylprednisolone 4 mg, dexamethasone 0.75 mg',
    provenance:
      'The same table as the CRAN cliot steroid conversion calculator, which cites Meikle & Tyler (not retrieved)',
    url: 'https://www.omicsonline.org/articles-images/2157-7536-6-149-t001.html',
  },
  {
    id: 'RXNORM-CANDIDATE',
    kind: 'code-system',
    citation: 'RxNorm ingredient code seen only in third-party public code: unverified, to be confirmed in RxNav',
    provenance: 'Clinical reference §5 item 1 (candidates seen in one or more third-party files)',
  },
  {
    id: 'WHO-ICD10-2019',
    kind: 'code-system',
    citation:
      'WHO ICD-10 Version 2019, tabular list (C00–C97 malignant neoplasms; B18 chronic viral hepatitis; B20–B24 ' +
      'HIV disease; D46 myelodysplastic syndromes; G35 multiple sclerosis; M05/M06 rheumatoid arthritis; M32 SLE)',
    url: 'https://icd.who.int/browse10/2019/en',
  },
  // ── Expert opinion: each claim cites only its own reasoning ────────────────────────────────────────────────
  {
    id: 'IMMUNOSTEWARD-POLICY',
    kind: 'expert-opinion',
    citation: opinion(
      'no label or guideline addresses this use directly; the recommendation rests on the mechanism of action ' +
        'and on the weak randomised-trial evidence for non-specific immunostimulants (bacterial lysates, ' +
        'low-molecular immunomodulators, peptide immunoregulators)',
    ),
    provenance:
      "Clinical reference 'Product policy' and §3 rows D1, O1, A1, K1; the earlier single policy entry covered all " +
      'of them (split into the POLICY-* entries)',
  },
  {
    id: 'POLICY-WEAK-EVIDENCE',
    kind: 'expert-opinion',
    citation: opinion(
      'randomised-trial evidence of benefit is weak for bacterial lysates, low-molecular immunomodulators and ' +
        'peptide immunoregulators (thymus peptides)',
    ),
    provenance: 'Clinical reference §3 row D1 (mechanism column, "per the source paper")',
  },
  {
    id: 'POLICY-TIME-BOUND',
    kind: 'expert-opinion',
    citation: opinion(
      'immunocorrection should be time-bound: every immunostimulant or supplement course needs a stop or review ' +
        'date, and a repeated course needs documented benefit, because chronic use carries its own risks (copper ' +
        'deficiency with zinc, hypercalcaemia with vitamin D, autoimmunity with immune stimulation)',
    ),
    provenance: 'Clinical reference §3 row D2 (with N3, N5, N6 and the source paper\'s "narrow therapeutic windows")',
  },
  {
    id: 'POLICY-DEFICIT-ANCHOR',
    kind: 'expert-opinion',
    citation: opinion(
      'an immunostimulant is indicated only by a recent measured immune deficit (neutrophils, lymphocytes, CD4 ' +
        'count or IgG below the threshold) or by a labelled indication such as myelosuppressive chemotherapy for ' +
        'G-CSF; stale or absent results do not establish a deficit, so the immune panel should be ordered first',
    ),
    provenance: "Clinical reference 'Product policy' (third point) and §3 row D1; thresholds from §1b",
  },
  {
    id: 'POLICY-NO-STACKING',
    kind: 'expert-opinion',
    citation: opinion(
      'the evidence for non-indicated immunostimulants is weak, and taking two at once adds exposure and cost ' +
        'with no evidence of added benefit; keep one agent with a documented indication and a stop date',
    ),
    provenance:
      'Clinical reference §3 row D1 (non-indicated boosters, weak evidence); the stacking case follows from it ' +
      '(rule text of immunomodulator-conflict)',
  },
  {
    id: 'POLICY-OPPOSING',
    kind: 'expert-opinion',
    citation: opinion(
      'an immunostimulant and an immunosuppressant act in opposite directions: the stimulant is unlikely to help ' +
        'and may interfere with the intended immunosuppression (mechanism-based)',
    ),
    provenance:
      'Clinical reference §2e ("opposing pharmacodynamics to immunostimulants") and §3 row N3 (immune stimulation ' +
      'that may oppose immunosuppression)',
  },
  {
    id: 'POLICY-ICI-BOOSTER',
    kind: 'expert-opinion',
    citation: opinion(
      'an immunostimulant adds immune activation to checkpoint-inhibitor therapy and may increase immune-related ' +
        'adverse events; avoid non-indicated immunostimulants during checkpoint-inhibitor therapy and ask the ' +
        'oncologist',
    ),
    provenance:
      'Clinical reference §3 row K1 ("Expert-opinion rule"; the ICI label warnings were not retrieved: UNVERIFIED)',
  },
  {
    id: 'POLICY-MALIGNANCY-BOOSTER',
    kind: 'expert-opinion',
    citation: opinion(
      'non-specific immune stimulation (interferon inducers, bacterial lysates, thymus peptides, azoximer, ' +
        'inosine pranobex, pidotimod, echinacea, levamisole and similar agents) may activate dormant neoplastic ' +
        'processes, and their evidence of benefit is weak; in active malignancy they need oncology review. G-CSF ' +
        'after myelosuppressive chemotherapy for a solid tumour is standard of care and not covered by this.',
    ),
    provenance: "Clinical reference 'Product policy' (first and second points) and §3 row O1",
  },
  {
    id: 'POLICY-AUTOIMMUNE',
    kind: 'expert-opinion',
    citation: opinion(
      'immune stimulation may cause a flare of an active autoimmune disease; the labels of interferon alfa and the ' +
        'echinacea monograph warn of this, and for other immunostimulants the reasoning is mechanism-based. Avoid, ' +
        'or agree it with the specialist who manages the autoimmune disease.',
    ),
    provenance: 'Clinical reference §3 row A1 (I1 and N3 sources; mechanism-based reasoning for the other agents)',
  },
  {
    id: 'POLICY-COURSE-REVIEW',
    kind: 'expert-opinion',
    citation: opinion(
      'immunocorrection is a dynamic process, not a static prescription: a course is reassessed at its planned end ' +
        '(or, without one, at the class maximum or the site review interval), and a renewal rests on a new result of ' +
        'the marker that justified it',
    ),
    provenance:
      'Issue 16 (course stewardship), quoting the product\'s source paper: "a dynamic process … requiring periodic ' +
      'reassessment"; clinical reference §3 row D2 (stop or review date)',
  },
  {
    id: 'POLICY-ENDPOINT',
    kind: 'expert-opinion',
    citation: opinion(
      'a course started for a measured deficit has reached its end point when a current result is no longer in ' +
        'deficit; continuing adds exposure without a target, so stopping is suggested unless another indication applies',
    ),
    provenance:
      'Issue 16, quoting the source paper: "setting clear therapeutic endpoints, using validated immune biomarkers … and ' +
      'limiting treatment duration"; thresholds from clinical reference §1b',
  },
  {
    id: 'POLICY-NO-RESPONSE',
    kind: 'expert-opinion',
    citation: opinion(
      'when the marker in deficit has not moved toward normal by a meaningful share (site setting, 20 % by default) ' +
        'after the planned course (at least 4 weeks), the agent is unlikely to help; look for the cause of the deficit ' +
        'and reconsider the agent before renewing',
    ),
    provenance:
      'Issue 16 (no-response rule: "not moved by a clinically meaningful change toward normal"); no guideline sets ' +
      'the size of that change for these agents, hence a configurable expert-opinion default',
  },
  {
    id: 'POLICY-PHARMACOVIGILANCE',
    kind: 'expert-opinion',
    citation: opinion(
      'overstimulation of the immune system may trigger autoimmune flares, allergic sensitisation or ' +
        'lymphoproliferative syndromes; a new autoimmune or lymphoproliferative diagnosis, eosinophilia, IgE above range ' +
        'or lymphocytosis after an immunostimulant started is a possible adverse reaction to assess and report',
    ),
    provenance:
      'Issue 16, quoting the source paper ("continuous clinical monitoring and pharmacovigilance are indispensable"; ' +
      '"overstimulation … may trigger autoimmune flares, allergic sensitization, or even lymphoproliferative ' +
      'syndromes"); interferon alfa boxed warning (DRUGS-COM-IFN-ALFA) for the thyroid and autoimmune part',
  },
  {
    id: 'IFN-IL2-MYELOSUPPRESSION-LABELS',
    kind: 'label',
    citation:
      'Interferon alfa and interleukin-2 prescribing information: additive myelosuppression with myelosuppressive ' +
      'antineoplastic drugs; monitor the complete blood count (label sections not retrieved: unverified citation)',
    provenance: 'Clinical reference §3 row I4 ("Interferon PIs (not retrieved verbatim here: UNVERIFIED citation)")',
  },
];
