/** The demo landing page. */

/** Each demo patient: who they are in one line, and what to try (test/fixtures/demo/README.md). */
const PATIENTS = {
  'landing.patient.post-covid.story':
    '58-year-old woman with lymphopenia and a low CD4 count after COVID-19 pneumonia, recovering slowly.',
  'landing.patient.post-covid.try':
    'Sign isoprinosine with no end date: a warning asks for one. No “not indicated” card — her lymphocytes are still low.',
  'landing.patient.chemo-gcsf.story':
    '52-year-old woman with breast cancer on neoadjuvant chemotherapy, neutropenic at the nadir.',
  'landing.patient.chemo-gcsf.try':
    'Sign filgrastim: no card — G-CSF for chemotherapy-induced neutropenia is indicated and starts well after the last cytotoxic dose.',
  'landing.patient.hepatitis-peginterferon.story':
    '47-year-old man with chronic hepatitis C and mild interferon-induced leukopenia.',
  'landing.patient.hepatitis-peginterferon.try':
    'Sign a continuation of peginterferon: no card — chronic viral hepatitis is an indication, and it is the second course this year.',
  'landing.patient.sle-immunodeficiency.story':
    '34-year-old woman with lupus, low IgG and lymphopenia, on prednisolone.',
  'landing.patient.sle-immunodeficiency.try':
    'Sign echinacea: one warning card with two concerns — a possible lupus flare, and an immunostimulant against her immunosuppressant.',
  'landing.patient.healthy-booster.story':
    '38-year-old healthy man who wants “prevention before winter”; his immune panel is normal.',
  'landing.patient.healthy-booster.try':
    'Sign Broncho-Vaxom with no end date: not indicated on normal labs, and no end date. Accept the card’s suggestion to remove it.',
  'landing.patient.warfarin-omega3.story':
    '74-year-old man with atrial fibrillation on warfarin, INR stable in the target range.',
  'landing.patient.warfarin-omega3.try':
    'Sign levamisole “to strengthen immunity”: an interaction warning quoting his INR, and not indicated on a normal blood count.',
  'landing.patient.checkpoint-booster.story': '63-year-old man with resected melanoma on adjuvant pembrolizumab.',
  'landing.patient.checkpoint-booster.try':
    'Sign pidotimod: one warning card with three concerns — with a checkpoint inhibitor, in a malignancy, and not indicated on normal labs.',
  'landing.patient.methotrexate-mmr.story':
    '34-year-old woman with rheumatoid arthritis on methotrexate, not immune to rubella, planning a pregnancy.',
  'landing.patient.methotrexate-mmr.try':
    'Sign the MMR vaccine: a critical card — a live vaccine on an immunosuppressant. Follow the card’s link to open that finding in the app.',
  'landing.patient.vitamin-d-excess.story':
    '42-year-old woman treated for vitamin D deficiency, now over-replaced (25(OH)D 68 ng/mL).',
  'landing.patient.vitamin-d-excess.try':
    'Sign more colecalciferol: an excess warning. In the app, 68 ng/mL reads within the lab range yet above the 50 ng/mL excess threshold.',
  'landing.patient.child-lysates.story':
    '6-year-old boy with recurrent respiratory infections, two bacterial-lysate courses this year, normal paediatric labs.',
  'landing.patient.child-lysates.try':
    'Sign a third Broncho-munal course: a repeated-course warning, and not indicated on normal labs.',
  'landing.patient.hiv-cd4.story':
    '41-year-old man with HIV on antiretroviral therapy, CD4 recovered from 150 to 420 cells/µL.',
  'landing.patient.hiv-cd4.try':
    'Sign the varicella vaccine: no card — his current CD4 is above the threshold for live vaccines. See the CD4 trend in the app.',
  'landing.patient.peginterferon-monitoring.story':
    '51-year-old man with chronic hepatitis C in week 15 of peginterferon; his last blood count was 6 weeks ago, his TSH only before the start.',
  'landing.patient.peginterferon-monitoring.try':
    'Sign the peginterferon renewal: one card asks for the overdue tests — a blood count with platelets, and TSH.',
  'landing.patient.thymus-endpoint.story':
    '66-year-old man who had a 30-day thymalin course for lymphopenia after pneumonia; his lymphocytes are back to normal (1.6 ×10⁹/L).',
  'landing.patient.thymus-endpoint.try':
    'Sign a second thymalin course: a warning card — the lymphopenia has resolved, so it suggests stopping, and no current result shows a deficit to treat.',
  'landing.patient.lysate-eosinophilia.story':
    '33-year-old woman on Broncho-Vaxom for recurrent respiratory infections; since it began, urticaria, eosinophils 0.9 ×10⁹/L and IgE above the lab range.',
  'landing.patient.lysate-eosinophilia.try':
    'Sign another Broncho-Vaxom pack: a warning card dates the lysate’s start and the rise that followed, and the lysate was not indicated on normal labs.',
} as const;

export const landing = {
  'landing.title': 'ImmunoSteward demo',
  'landing.lede':
    'ImmunoSteward helps physicians use immunomodulators, immunostimulants and vaccines rationally: it reads the patient’s immune biomarkers and current drugs, and at the moment of ordering says when an order is not indicated, risky, or needs an end date. It runs inside the EHR as a SMART on FHIR app and as a CDS Hooks service that answers order-sign with cards.',
  'landing.setup':
    'This demo runs everything in one process: fourteen synthetic patients (no real data) on a read-only FHIR server at {fhir}, the app, and the CDS Hooks service at {cds}.',
  'landing.patients': 'Demo patients',
  'landing.patients.hint':
    'Open a patient in the app to read the immune profile, or try the scenario’s order in the playground to see the cards.',
  'landing.patient.try': 'Try:',
  'landing.openApp': 'Open in app',
  'landing.tryOrder': 'Try an order',
  'landing.more': 'Also in this demo',
  'landing.link.playground': 'Hook playground',
  'landing.link.playground.about': 'sign any draft order for any patient, see the cards, accept or override them.',
  'landing.link.admin': 'Override analytics',
  'landing.link.admin.about':
    'how physicians answered each rule’s cards; sign in with the admin token printed at start-up.',
  'landing.link.discovery': 'CDS Hooks discovery',
  'landing.link.discovery.about': 'the services an EHR can register.',
  'landing.docs':
    'Documentation: README.md and docs/ in the repository — configuration, deployment, the rules and their sources.',
  ...PATIENTS,
} as const;
