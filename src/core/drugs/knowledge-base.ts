import type { CodeRef, DrugAgent, DrugClass } from './types.js';

/**
 * The drug knowledge base: classes of agents (what they mean to the rules) and the agents themselves with their
 * ATC codes, RxNorm ingredient codes and names. Facts come from the project's clinical reference: ATC codes from
 * the WHO ATC scrape (S4, mirrored in shared/data/atc-immunology-subset.csv), RxNorm codes from S5/S6 (verified)
 * or third-party files (unverified, never the only key), CIS agents without codes by name. Doses, course limits
 * and indications cite their own sources (drug-sources.ts). Synonyms are INN variants, brand names and Russian
 * names in use in Central Asia.
 */

const rx = (code: string, source: string, verified = true): CodeRef => ({ code, verified, source });

type AgentExtras = Partial<Omit<DrugAgent, 'id' | 'name' | 'classId' | 'atc' | 'synonyms'>>;

/** An agent; S4 is cited whenever it has ATC codes, as are the sources of its RxNorm codes. */
function ag(
  id: string,
  name: string,
  classId: string,
  atc: string[],
  synonyms: string[] = [],
  extras: AgentExtras = {},
): DrugAgent {
  const rxnorm = extras.rxnorm ?? [];
  const sources = new Set<string>([
    ...(atc.length > 0 ? ['S4'] : []),
    ...rxnorm.filter((r) => r.verified).map((r) => r.source),
    ...(extras.sources ?? []),
  ]);
  return { id, name, classId, atc, synonyms, ...extras, rxnorm, sources: [...sources] };
}

const POLICY = 'IMMUNOSTEWARD-POLICY';

export const DRUG_CLASSES: readonly DrugClass[] = [
  // ── Immunostimulants (L03) ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'csf',
    display: 'Colony-stimulating factors (G-CSF, GM-CSF)',
    atcPrefixes: ['L03AA'],
    roles: ['booster', 'csf', 'immune-mediator'],
    evidence: 'established',
    indications: [
      {
        deficits: ['neutrophils'],
        conditions: ['neutropenia'],
        exposures: ['cytotoxic'],
        source: 'MEDSCAPE-FILGRASTIM',
        note: 'G-CSF is prophylactic with myelosuppressive chemotherapy: a normal ANC does not make it non-indicated',
      },
    ],
    routeRelevance: 'systemic',
    sources: [
      'S4',
      'S1',
      'PMC3192074',
      'MEDSCAPE-FILGRASTIM',
      'FILGRASTIM-PI',
      'FILGRASTIM-INDICATIONS-MIMS',
      'PEGFILGRASTIM-BIOSIMILAR-PI',
      'UIC-DIG-FAQ',
    ],
    note:
      'CDSi/ACIP count colony-stimulating factors as immune mediators (live vaccines deferred ≥ 1 month). ' +
      'A pegfilgrastim biosimilar label excludes MDS, CML and secondary AML; a filgrastim label lists AML ' +
      'induction/consolidation.',
  },
  {
    id: 'interferon-alfa',
    display: 'Interferon alfa and peginterferon alfa',
    atcPrefixes: [
      'L03AB01',
      'L03AB04',
      'L03AB05',
      'L03AB06',
      'L03AB09',
      'L03AB10',
      'L03AB11',
      'L03AB12',
      'L03AB14',
      'L03AB15',
      'L03AB16',
      'L03AB60',
      'L03AB61',
    ],
    roles: ['booster', 'interferon-alfa'],
    evidence: 'established',
    indications: [
      {
        conditions: ['chronic-viral-hepatitis', 'malignancy'],
        source: 'DRUGS-COM-IFN-ALFA-2B',
        note:
          'Chronic hepatitis B or C; hairy cell leukaemia, malignant melanoma, follicular lymphoma, AIDS-related ' +
          'Kaposi sarcoma',
      },
    ],
    routeRelevance: 'any',
    sources: ['S4', 'DRUGS-COM-IFN-ALFA', 'DRUGS-COM-IFN-ALFA-2B', 'GUPTA-2011'],
    note: 'Boxed warning: may cause or aggravate autoimmune disorders.',
  },
  {
    id: 'interferon-beta',
    display: 'Interferon beta (multiple sclerosis)',
    atcPrefixes: ['L03AB02', 'L03AB07', 'L03AB08', 'L03AB13', 'L03AB17'],
    roles: [],
    routeRelevance: 'systemic',
    sources: ['S4'],
    note: 'MS immunomodulators, not boosters: the autoimmune-flare rule must not fire for their MS indication.',
  },
  {
    id: 'interferon-gamma',
    display: 'Interferon gamma',
    atcPrefixes: ['L03AB03'],
    roles: ['booster'],
    indications: [
      {
        conditions: ['immunodeficiency'],
        source: 'ACTIMMUNE-PI',
        note: 'Chronic granulomatous disease (reduces serious infections); also severe malignant osteopetrosis',
      },
    ],
    routeRelevance: 'systemic',
    sources: ['S4', 'ACTIMMUNE-PI'],
  },
  {
    id: 'interleukin',
    display: 'Interleukins',
    atcPrefixes: ['L03AC'],
    roles: ['immune-mediator', 'oncology-immunotherapy'],
    routeRelevance: 'systemic',
    sources: ['S4', 'S1', 'PMC3192074'],
    note: 'CDSi/ACIP count interleukins as immune mediators (live vaccines deferred ≥ 1 month).',
  },
  {
    id: 'immunostimulant-other',
    display: 'Other immunostimulants (L03AX)',
    atcPrefixes: ['L03AX'],
    roles: ['booster'],
    evidence: 'weak',
    routeRelevance: 'systemic',
    sources: ['S4', POLICY],
    note:
      'Default for L03AX codes; the oncology, MS, stem-cell-mobiliser and enzyme agents of L03AX have classes of ' +
      'their own.',
  },
  {
    id: 'oncology-immunostimulant',
    display: 'Immunostimulants indicated for the malignancy itself',
    atcPrefixes: ['L03AX03', 'L03AX11', 'L03AX12', 'L03AX14', 'L03AX15', 'L03AX17'],
    roles: ['oncology-immunotherapy'],
    routeRelevance: 'any',
    sources: ['S4', 'S1', 'TICE-BCG-LABEL'],
    note: 'Intravesical BCG counts although it is not systemic: a live organism, an immune modulator for CDSi.',
  },
  {
    id: 'non-booster-l03',
    display: 'L03 agents that are not immunostimulant boosters',
    atcPrefixes: ['L03AX04', 'L03AX13', 'L03AX16', 'L03AX21', 'L03AX22', 'L03AX23', 'L03AX24'],
    roles: [],
    routeRelevance: 'systemic',
    sources: ['S4'],
    note: 'Glatiramer (MS), stem-cell mobilisers / CXCR4 antagonists, leniolisib, pegademase and elapegademase.',
  },
  {
    id: 'levamisole',
    display: 'Levamisole',
    atcPrefixes: ['P02CE01'],
    roles: ['booster', 'immune-mediator'],
    evidence: 'weak',
    routeRelevance: 'systemic',
    sources: ['S4', 'S1', 'ERGAMISOL-PI', POLICY],
    note: 'Anthelmintic by ATC; used as an immunostimulant. CDSi names levamisole among immune modulators.',
  },
  {
    id: 'low-molecular-immunomodulator',
    display: 'Low-molecular immunomodulators',
    atcPrefixes: ['J05AX05', 'L03AX05'],
    roles: ['booster'],
    evidence: 'weak',
    routeRelevance: 'systemic',
    sources: ['S4', POLICY],
    note: 'Inosine pranobex is coded as an antiviral (J05AX05): an L03-only filter misses it.',
  },
  {
    id: 'interferon-inducer',
    display: 'Interferon inducers',
    atcPrefixes: ['J05AX19', 'L03AX07', 'L03AX08', 'L03AX18'],
    roles: ['booster'],
    evidence: 'weak',
    routeRelevance: 'systemic',
    sources: ['S4', POLICY],
    note: 'Tilorone is coded as an antiviral (J05AX19); cycloferon and kagocel have no ATC code.',
  },
  {
    id: 'thymus-peptide',
    display: 'Thymus peptides',
    atcPrefixes: ['L03AX09'],
    roles: ['booster'],
    evidence: 'weak',
    routeRelevance: 'systemic',
    sources: ['S4', POLICY],
    note: 'Only thymopentin has a WHO ATC code; thymalin, thymogen and thymalfasin are recognised by name.',
  },
  {
    id: 'bacterial-lysate',
    display: 'Bacterial lysates',
    atcPrefixes: [],
    roles: ['booster'],
    evidence: 'weak',
    routeRelevance: 'any',
    sources: [POLICY],
    note: 'No WHO ATC code (none found in S4); recognised by name or a local code.',
  },
  {
    id: 'herbal-immunostimulant',
    display: 'Herbal immunostimulants (echinacea)',
    atcPrefixes: [],
    roles: ['booster'],
    evidence: 'weak',
    maxCourseDays: { days: 56, source: 'COMMISSION-E-ECHINACEA' },
    routeRelevance: 'systemic',
    sources: ['COMMISSION-E-ECHINACEA', 'ARDJOMAND-WOELKART-2016', POLICY],
    note:
      'Commission E: not more than 8 weeks of continuous use. Its autoimmune contraindication is disputed ' +
      '(Ardjomand-Woelkart 2016).',
  },
  {
    id: 'local-interferon',
    display: 'Local (intranasal, rectal, ophthalmic) interferon alfa products',
    atcPrefixes: [],
    roles: ['booster'],
    evidence: 'weak',
    routeRelevance: 'any',
    sources: [POLICY],
    note: 'CIS products without an ATC code of their own, recognised by name.',
  },
  {
    id: 'cis-antiviral',
    display: 'CIS antivirals coded in J05AX (not boosters)',
    atcPrefixes: ['J05AX13', 'J05AX17', 'J05AX21', 'J05AX32'],
    roles: [],
    routeRelevance: 'systemic',
    sources: ['S4'],
    note:
      'Named by the clinical reference (§2a-bis) beside the CIS immunomodulators; no rule role is sourced for ' +
      'them.',
  },
  // ── Nutrients ───────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'vitamin-d',
    display: 'Vitamin D and analogues',
    atcPrefixes: ['A11CC'],
    roles: ['nutrient'],
    routeRelevance: 'systemic',
    sources: ['S4', 'IOM-DRI-UL-VITD'],
  },
  {
    id: 'zinc',
    display: 'Zinc',
    atcPrefixes: ['A12CB'],
    roles: ['nutrient'],
    routeRelevance: 'systemic',
    sources: ['S4', 'IOM-DRI-UL-ZINC'],
  },
  {
    id: 'selenium',
    display: 'Selenium',
    atcPrefixes: ['A12CE', 'B05XA20'],
    roles: ['nutrient'],
    routeRelevance: 'systemic',
    sources: ['S4', 'IOM-DRI-UL-SELENIUM', 'MACFARQUHAR-2010'],
  },
  {
    id: 'omega-3',
    display: 'Omega-3 fatty acids',
    atcPrefixes: ['C10AX06'],
    roles: ['nutrient'],
    routeRelevance: 'systemic',
    sources: ['S4', 'AHA-OMEGA3'],
  },
  {
    id: 'glutamine',
    display: 'Glutamine',
    atcPrefixes: ['A16AA03', 'B05XB02'],
    roles: ['nutrient'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  {
    id: 'vitamin-e',
    display: 'Vitamin E (tocopherol)',
    atcPrefixes: ['A11HA03'],
    roles: ['nutrient'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  {
    id: 'probiotic',
    display: 'Probiotics (antidiarrheal microorganisms)',
    atcPrefixes: ['A07FA'],
    roles: ['nutrient'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  // ── Antithrombotics ─────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'vitamin-k-antagonist',
    display: 'Vitamin K antagonists',
    atcPrefixes: ['B01AA'],
    roles: ['anticoagulant', 'vitamin-k-antagonist'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  {
    id: 'heparin',
    display: 'Heparin group',
    atcPrefixes: ['B01AB'],
    roles: ['anticoagulant'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  {
    id: 'direct-thrombin-inhibitor',
    display: 'Direct thrombin inhibitors',
    atcPrefixes: ['B01AE'],
    roles: ['anticoagulant'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  {
    id: 'factor-xa-inhibitor',
    display: 'Factor Xa inhibitors (incl. fondaparinux)',
    atcPrefixes: ['B01AF', 'B01AX05'],
    roles: ['anticoagulant'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  {
    id: 'antiplatelet',
    display: 'Platelet aggregation inhibitors',
    atcPrefixes: ['B01AC'],
    roles: ['antiplatelet'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  // ── Antineoplastics (L01) ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'antineoplastic',
    display: 'Antineoplastic agents',
    atcPrefixes: ['L01'],
    roles: ['antineoplastic'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  {
    id: 'cytotoxic',
    display: 'Cytotoxic chemotherapy',
    atcPrefixes: ['L01A', 'L01B', 'L01C', 'L01D', 'L01XA'],
    roles: ['antineoplastic', 'cytotoxic'],
    routeRelevance: 'systemic',
    sources: ['S4', 'S1', 'FILGRASTIM-PI'],
  },
  {
    id: 'checkpoint-inhibitor',
    display: 'Immune checkpoint inhibitors',
    atcPrefixes: ['L01FF', 'L01FX04', 'L01FX20', 'L01FY02'],
    roles: ['antineoplastic', 'checkpoint-inhibitor'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  {
    id: 'anti-cd20',
    display: 'Anti-CD20 monoclonal antibodies (oncology)',
    atcPrefixes: ['L01FA'],
    roles: ['antineoplastic', 'anti-b-cell'],
    routeRelevance: 'systemic',
    sources: ['S4', 'S1', 'IDSA-2013'],
  },
  {
    id: 'hdac-inhibitor',
    display: 'Histone deacetylase (HDAC) inhibitors',
    atcPrefixes: ['L01XH'],
    roles: ['antineoplastic'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  {
    id: 'dnmt-inhibitor',
    display: 'DNA methyltransferase inhibitors (hypomethylating agents)',
    atcPrefixes: ['L01BC07', 'L01BC08', 'L01BC58'],
    roles: ['antineoplastic', 'cytotoxic'],
    routeRelevance: 'systemic',
    sources: ['S4'],
  },
  // ── Immunosuppressants ──────────────────────────────────────────────────────────────────────────────────
  {
    id: 'immunosuppressant',
    display: 'Immunosuppressants',
    atcPrefixes: ['L04'],
    roles: ['immunosuppressant'],
    routeRelevance: 'systemic',
    sources: ['S4', 'S1', 'IDSA-2013', 'PMC3192074'],
  },
  {
    id: 'tnf-inhibitor',
    display: 'TNF-α inhibitors',
    atcPrefixes: ['L04AB'],
    roles: ['immunosuppressant', 'tnf-inhibitor'],
    routeRelevance: 'systemic',
    sources: ['S4', 'S1'],
  },
  {
    id: 'anti-b-cell-immunosuppressant',
    display: 'Anti-B-cell antibodies (immunology)',
    atcPrefixes: ['L04AG08', 'L04AG12'],
    roles: ['immunosuppressant', 'anti-b-cell'],
    routeRelevance: 'systemic',
    sources: ['S4', 'S1', 'IDSA-2013'],
  },
  {
    id: 'systemic-glucocorticoid',
    display: 'Systemic glucocorticoids',
    atcPrefixes: ['H02AB'],
    roles: ['systemic-glucocorticoid'],
    routeRelevance: 'systemic',
    sources: ['S4', 'PMC3192074', 'CORTICOSTEROID-EQUIVALENCE'],
    note: 'ACIP: ≥ 20 mg/day prednisone equivalent for ≥ 2 weeks is immunosuppressive.',
  },
  // ── Vaccines ────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'vaccine',
    display: 'Vaccines',
    atcPrefixes: ['J07'],
    roles: ['vaccine'],
    routeRelevance: 'any',
    sources: ['S4', 'S1', 'S2'],
    note: 'Individual vaccines and whether they are live: vaccines.ts (CVX).',
  },
];

export const DRUG_AGENTS: readonly DrugAgent[] = [
  // ── Colony-stimulating factors (L03AA) ──────────────────────────────────────────────────────────────────
  ag(
    'filgrastim',
    'filgrastim',
    'csf',
    ['L03AA02'],
    [
      'Neupogen',
      'Zarzio',
      'Zarxio',
      'Nivestim',
      'Nivestym',
      'Releuko',
      'Tevagrastim',
      'tbo-filgrastim',
      'Granix',
      'Leucostim',
      'Лейкостим',
      'Нейпоген',
      'Нейпомакс',
      'филграстим',
    ],
    {
      rxnorm: [rx('68442', 'S5'), rx('1433764', 'S5'), rx('1605064', 'S5'), rx('2057198', 'S5'), rx('2595942', 'S5')],
      sources: ['FILGRASTIM-PI', 'MEDSCAPE-FILGRASTIM'],
      note: 'RxNorm: filgrastim, tbo-filgrastim, filgrastim-sndz, -aafi, -ayow ingredients.',
    },
  ),
  ag('molgramostim', 'molgramostim', 'csf', ['L03AA03'], ['Leucomax', 'Лейкомакс']),
  ag('sargramostim', 'sargramostim', 'csf', ['L03AA09'], ['Leukine']),
  ag('lenograstim', 'lenograstim', 'csf', ['L03AA10'], ['Granocyte', 'Граноцит'], {
    rxnorm: [rx('70167', 'S5')],
  }),
  ag('ancestim', 'ancestim', 'csf', ['L03AA12']),
  ag(
    'pegfilgrastim',
    'pegfilgrastim',
    'csf',
    ['L03AA13'],
    ['Neulasta', 'Неуласта', 'Fulphila', 'Udenyca', 'Ziextenzo', 'Nyvepria', 'Fylnetra', 'Stimufend', 'пэгфилграстим'],
    {
      rxnorm: [
        rx('338036', 'S5'),
        rx('2048018', 'S5'),
        rx('2102692', 'S5'),
        rx('2260702', 'S5'),
        rx('2469333', 'S5'),
        rx('2602779', 'S5'),
      ],
      sources: ['PEGFILGRASTIM-BIOSIMILAR-PI', 'UIC-DIG-FAQ'],
      note: 'RxNorm: pegfilgrastim and the -jmdb, -cbqv, -bmez, -apgf, -pbbk biosimilar ingredients.',
    },
  ),
  ag('lipegfilgrastim', 'lipegfilgrastim', 'csf', ['L03AA14'], ['Lonquex', 'Лонквекс'], {
    rxnorm: [rx('1440046', 'S5')],
  }),
  ag('balugrastim', 'balugrastim', 'csf', ['L03AA15']),
  ag('empegfilgrastim', 'empegfilgrastim', 'csf', ['L03AA16'], ['Экстимия', 'эмпэгфилграстим']),
  ag('pegteograstim', 'pegteograstim', 'csf', ['L03AA17']),
  ag('efbemalenograstim-alfa', 'efbemalenograstim alfa', 'csf', ['L03AA18']),
  ag('eflapegrastim', 'eflapegrastim', 'csf', ['L03AA19'], ['Rolvedon']),
  // ── Interferons (L03AB) ─────────────────────────────────────────────────────────────────────────────────
  ag('interferon-alfa-natural', 'interferon alfa natural', 'interferon-alfa', ['L03AB01']),
  ag('interferon-beta-natural', 'interferon beta natural', 'interferon-beta', ['L03AB02']),
  ag(
    'interferon-gamma',
    'interferon gamma',
    'interferon-gamma',
    ['L03AB03'],
    ['interferon gamma-1b', 'Actimmune', 'Ingaron', 'Ингарон', 'интерферон гамма'],
    { sources: ['ACTIMMUNE-PI'] },
  ),
  ag(
    'interferon-alfa-2a',
    'interferon alfa-2a',
    'interferon-alfa',
    ['L03AB04'],
    ['Roferon-A', 'interferon alpha-2a', 'интерферон альфа-2a', 'интерферон альфа-2а'],
  ),
  ag(
    'interferon-alfa-2b',
    'interferon alfa-2b',
    'interferon-alfa',
    ['L03AB05'],
    [
      'Intron A',
      'interferon alpha-2b',
      'Altevir',
      'Альтевир',
      'Laferon',
      'Лаферон',
      'интерферон альфа-2b',
      'интерферон альфа-2б',
    ],
    { sources: ['DRUGS-COM-IFN-ALFA-2B'] },
  ),
  ag('interferon-alfa-n1', 'interferon alfa-n1', 'interferon-alfa', ['L03AB06'], ['Wellferon']),
  ag(
    'interferon-beta-1a',
    'interferon beta-1a',
    'interferon-beta',
    ['L03AB07'],
    ['Avonex', 'Rebif', 'Авонекс', 'Ребиф', 'Генфаксон', 'интерферон бета-1a', 'интерферон бета-1а'],
  ),
  ag(
    'interferon-beta-1b',
    'interferon beta-1b',
    'interferon-beta',
    ['L03AB08'],
    ['Betaferon', 'Betaseron', 'Extavia', 'Бетаферон', 'Инфибета', 'интерферон бета-1b', 'интерферон бета-1б'],
  ),
  ag('interferon-alfacon-1', 'interferon alfacon-1', 'interferon-alfa', ['L03AB09'], ['Infergen']),
  ag(
    'peginterferon-alfa-2b',
    'peginterferon alfa-2b',
    'interferon-alfa',
    ['L03AB10', 'L03AB60'],
    ['PegIntron', 'ПегИнтрон', 'Sylatron', 'пэгинтерферон альфа-2b', 'пэгинтерферон альфа-2б'],
    { sources: ['GUPTA-2011'] },
  ),
  ag(
    'peginterferon-alfa-2a',
    'peginterferon alfa-2a',
    'interferon-alfa',
    ['L03AB11', 'L03AB61'],
    ['Pegasys', 'Пегасис', 'пэгинтерферон альфа-2a', 'пэгинтерферон альфа-2а'],
    { sources: ['GUPTA-2011'] },
  ),
  ag('albinterferon-alfa-2b', 'albinterferon alfa-2b', 'interferon-alfa', ['L03AB12']),
  ag('peginterferon-beta-1a', 'peginterferon beta-1a', 'interferon-beta', ['L03AB13'], ['Plegridy', 'Плегриди']),
  ag('cepeginterferon-alfa-2b', 'cepeginterferon alfa-2b', 'interferon-alfa', ['L03AB14'], ['Algeron', 'Альгерон']),
  ag('ropeginterferon-alfa-2b', 'ropeginterferon alfa-2b', 'interferon-alfa', ['L03AB15'], ['Besremi']),
  ag('peginterferon-alfacon-2', 'peginterferon alfacon-2', 'interferon-alfa', ['L03AB16']),
  ag('sampeginterferon-beta-1a', 'sampeginterferon beta-1a', 'interferon-beta', ['L03AB17']),
  // ── Interleukins (L03AC) ────────────────────────────────────────────────────────────────────────────────
  ag('aldesleukin', 'aldesleukin', 'interleukin', ['L03AC01'], ['Proleukin', 'Пролейкин', 'альдеслейкин']),
  ag('oprelvekin', 'oprelvekin', 'interleukin', ['L03AC02'], ['Neumega']),
  // ── Other immunostimulants (L03AX) ──────────────────────────────────────────────────────────────────────
  ag('lentinan', 'lentinan', 'immunostimulant-other', ['L03AX01'], [], { sources: [POLICY] }),
  ag('roquinimex', 'roquinimex', 'immunostimulant-other', ['L03AX02'], ['Linomide'], { sources: [POLICY] }),
  ag(
    'bcg-intravesical',
    'BCG (intravesical immunotherapy)',
    'oncology-immunostimulant',
    ['L03AX03'],
    ['TICE BCG', 'OncoTICE', 'BCG-medac', 'ImmuCyst', 'Имурон-вак'],
    {
      roles: ['live-bcg', 'immune-mediator'],
      sources: ['S1', 'TICE-BCG-LABEL'],
      note: 'The tuberculosis vaccine is J07AN01 / CVX 19, not this agent; plain "BCG" is deliberately no synonym.',
    },
  ),
  ag('pegademase', 'pegademase', 'non-booster-l03', ['L03AX04'], ['Adagen']),
  ag(
    'pidotimod',
    'pidotimod',
    'low-molecular-immunomodulator',
    ['L03AX05'],
    ['Imunorix', 'Имунорикс', 'Polimod', 'Adimod', 'пидотимод'],
    { sources: [POLICY] },
  ),
  ag('poly-ic', 'poly I:C', 'interferon-inducer', ['L03AX07'], ['polyinosinic-polycytidylic acid'], {
    sources: [POLICY],
  }),
  ag('poly-iclc', 'poly ICLC', 'interferon-inducer', ['L03AX08'], ['Hiltonol'], { sources: [POLICY] }),
  ag('thymopentin', 'thymopentin', 'thymus-peptide', ['L03AX09'], [], { sources: [POLICY] }),
  ag('immunocyanin', 'immunocyanin', 'immunostimulant-other', ['L03AX10'], [], { sources: [POLICY] }),
  ag('tasonermin', 'tasonermin', 'oncology-immunostimulant', ['L03AX11'], ['Beromun']),
  ag('melanoma-vaccine', 'melanoma vaccine', 'oncology-immunostimulant', ['L03AX12']),
  ag('glatiramer', 'glatiramer acetate', 'non-booster-l03', ['L03AX13'], ['glatiramer', 'Copaxone', 'Копаксон']),
  ag('histamine-dihydrochloride', 'histamine dihydrochloride', 'oncology-immunostimulant', ['L03AX14'], ['Ceplene']),
  ag('mifamurtide', 'mifamurtide', 'oncology-immunostimulant', ['L03AX15'], ['Mepact']),
  ag('plerixafor', 'plerixafor', 'non-booster-l03', ['L03AX16'], ['Mozobil', 'Мозобил'], {
    rxnorm: [rx('733003', 'S5')],
  }),
  ag('sipuleucel-t', 'sipuleucel-T', 'oncology-immunostimulant', ['L03AX17'], ['Provenge']),
  ag('cridanimod', 'cridanimod', 'interferon-inducer', ['L03AX18'], ['Neovir', 'Неовир'], { sources: [POLICY] }),
  ag('dasiprotimut-t', 'dasiprotimut-T', 'immunostimulant-other', ['L03AX19'], [], { sources: [POLICY] }),
  ag('elapegademase', 'elapegademase', 'non-booster-l03', ['L03AX21'], ['Revcovi']),
  ag('leniolisib', 'leniolisib', 'non-booster-l03', ['L03AX22'], ['Joenja']),
  ag('motixafortide', 'motixafortide', 'non-booster-l03', ['L03AX23'], ['Aphexda']),
  ag('mavorixafor', 'mavorixafor', 'non-booster-l03', ['L03AX24'], ['Xolremdi']),
  // ── Levamisole ──────────────────────────────────────────────────────────────────────────────────────────
  ag('levamisole', 'levamisole', 'levamisole', ['P02CE01'], ['Decaris', 'Декарис', 'Ergamisol', 'левамизол'], {
    sources: ['S1', 'ERGAMISOL-PI', POLICY],
    note:
      'Also an anthelmintic (its ATC class): a single dose (one day) or an order for a helminthiasis (ICD-10 ' +
      'B65–B83) is the anthelmintic use, not an immunostimulant course (product policy); the coumarin ' +
      'interaction applies to every use.',
  }),
  // ── CIS immunomodulators ────────────────────────────────────────────────────────────────────────────────
  ag(
    'inosine-pranobex',
    'inosine pranobex',
    'low-molecular-immunomodulator',
    ['J05AX05'],
    [
      'inosine acedoben dimepranol',
      'methisoprinol',
      'Isoprinosine',
      'Изопринозин',
      'Groprinosin',
      'Гроприносин',
      'Inuprin',
      'инозин пранобекс',
    ],
    {
      sources: ['INOSINE-PRANOBEX-LEAFLET', POLICY],
      note:
        'No course limit is set: the label allows 5–14-day acute courses to be extended and repeated courses in ' +
        'chronic disease.',
    },
  ),
  ag(
    'azoximer-bromide',
    'azoximer bromide',
    'low-molecular-immunomodulator',
    [],
    ['Polyoxidonium', 'Полиоксидоний', 'азоксимера бромид'],
    { sources: ['S4', POLICY], note: 'No WHO ATC code found in S4.' },
  ),
  ag(
    'glucosaminylmuramyl-dipeptide',
    'glucosaminylmuramyl dipeptide',
    'low-molecular-immunomodulator',
    [],
    ['Likopid', 'Licopid', 'Ликопид', 'глюкозаминилмурамилдипептид'],
    { sources: ['S4', POLICY], note: 'No WHO ATC code; closest ATC relative is mifamurtide (L03AX15).' },
  ),
  ag(
    'tilorone',
    'tilorone',
    'interferon-inducer',
    ['J05AX19'],
    ['Amixin', 'Амиксин', 'Lavomax', 'Лавомакс', 'тилорон'],
    {
      sources: [POLICY],
    },
  ),
  ag(
    'meglumine-acridonacetate',
    'meglumine acridonacetate',
    'interferon-inducer',
    [],
    ['Cycloferon', 'Циклоферон', 'меглюмина акридонацетат'],
    { sources: ['S4', POLICY], note: 'No WHO ATC code found in S4.' },
  ),
  ag('kagocel', 'kagocel', 'interferon-inducer', [], ['Кагоцел'], {
    sources: ['S4', POLICY],
    note: 'No WHO ATC code found in S4.',
  }),
  ag('thymalin', 'thymalin', 'thymus-peptide', [], ['Тималин', 'Timalin'], {
    sources: ['S4', POLICY],
    note: 'No WHO ATC code found in S4.',
  }),
  ag('thymogen', 'thymogen', 'thymus-peptide', [], ['Тимоген'], {
    sources: ['S4', POLICY],
    note: 'No WHO ATC code found in S4.',
  }),
  ag('thymalfasin', 'thymalfasin', 'thymus-peptide', [], ['Zadaxin', 'Задаксин', 'thymosin alpha 1'], {
    sources: ['S4', POLICY],
    note: 'No WHO ATC code found in S4 (some national lists use L03AX: unverified).',
  }),
  // ── Bacterial lysates ───────────────────────────────────────────────────────────────────────────────────
  ag(
    'om-85',
    'OM-85 bacterial lysate',
    'bacterial-lysate',
    [],
    ['Broncho-Vaxom', 'Бронхо-Ваксом', 'Broncho-munal', 'Бронхо-мунал', 'OM-85 BV'],
    {
      maxCourseDays: { days: 90, source: 'OM85-SMPC-CH' },
      sources: ['OM85-SMPC-CH', POLICY],
      note:
        'Prophylaxis cycle: 10 consecutive days a month for 3 consecutive months (a course spans at most 3 ' +
        'months).',
    },
  ),
  ag('om-89', 'OM-89 bacterial lysate (Escherichia coli)', 'bacterial-lysate', [], ['Uro-Vaxom', 'Уро-Ваксом'], {
    sources: [POLICY],
  }),
  ag('pmbl', 'polyvalent mechanical bacterial lysate (PMBL)', 'bacterial-lysate', [], ['Ismigen', 'Исмиген'], {
    sources: [POLICY],
  }),
  ag('irs-19', 'IRS-19 bacterial lysate', 'bacterial-lysate', [], ['IRS-19', 'ИРС-19', 'ИРС 19'], {
    sources: [POLICY],
  }),
  ag('imudon', 'Imudon bacterial lysate', 'bacterial-lysate', [], ['Imudon', 'Имудон'], { sources: [POLICY] }),
  ag('ribomunyl', 'Ribomunyl (ribosomal bacterial fractions)', 'bacterial-lysate', [], ['Ribomunyl', 'Рибомунил'], {
    sources: [POLICY],
  }),
  // ── Echinacea ───────────────────────────────────────────────────────────────────────────────────────────
  ag(
    'echinacea',
    'echinacea',
    'herbal-immunostimulant',
    [],
    ['Echinacea purpurea', 'эхинацея', 'Immunal', 'Иммунал', 'Echinacin', 'Эхинацин'],
    { sources: ['COMMISSION-E-ECHINACEA', 'ARDJOMAND-WOELKART-2016', POLICY] },
  ),
  // ── Local interferons ───────────────────────────────────────────────────────────────────────────────────
  ag('viferon', 'Viferon (interferon alfa-2b, rectal/topical)', 'local-interferon', [], ['Viferon', 'Виферон'], {
    sources: [POLICY],
  }),
  ag(
    'grippferon',
    'Grippferon (interferon alfa-2b, intranasal)',
    'local-interferon',
    [],
    ['Grippferon', 'Гриппферон'],
    {
      sources: [POLICY],
    },
  ),
  ag(
    'genferon',
    'Genferon (interferon alfa-2b suppositories)',
    'local-interferon',
    [],
    ['Genferon', 'Генферон', 'Генферон лайт'],
    { sources: [POLICY] },
  ),
  ag(
    'kipferon',
    'Kipferon (interferon alfa with immunoglobulins, suppositories)',
    'local-interferon',
    [],
    ['Kipferon', 'Кипферон'],
    { sources: [POLICY] },
  ),
  ag(
    'ophthalmoferon',
    'Ophthalmoferon (interferon alfa-2b eye drops)',
    'local-interferon',
    [],
    ['Ophthalmoferon', 'Офтальмоферон'],
    { sources: [POLICY] },
  ),
  // ── CIS antivirals (J05AX) ──────────────────────────────────────────────────────────────────────────────
  ag('umifenovir', 'umifenovir', 'cis-antiviral', ['J05AX13'], ['Arbidol', 'Арбидол', 'умифеновир']),
  ag('enisamium-iodide', 'enisamium iodide', 'cis-antiviral', ['J05AX17'], ['Amizon', 'Амизон']),
  ag(
    'pentanedioic-acid-imidazolyl-ethanamide',
    'pentanedioic acid imidazolyl ethanamide',
    'cis-antiviral',
    ['J05AX21'],
    ['Ingavirin', 'Ингавирин'],
  ),
  ag('riamilovir', 'riamilovir', 'cis-antiviral', ['J05AX32'], ['Triazavirin', 'Триазавирин']),
  // ── Vitamin D ───────────────────────────────────────────────────────────────────────────────────────────
  ag(
    'colecalciferol',
    'colecalciferol',
    'vitamin-d',
    ['A11CC05', 'A11CC55'],
    [
      'cholecalciferol',
      'vitamin D3',
      'Aquadetrim',
      'Аквадетрим',
      'Vigantol',
      'Вигантол',
      'колекальциферол',
      'холекальциферол',
      'витамин D3',
      'витамин Д3',
    ],
    {
      doseLimit: {
        perDay: 4000,
        unit: '[IU]',
        source: 'IOM-DRI-UL-VITD',
        verified: true,
        note: 'adult tolerable upper intake level, 100 µg a day; not during a documented deficiency-treatment course',
      },
    },
  ),
  ag('ergocalciferol', 'ergocalciferol', 'vitamin-d', ['A11CC01'], ['vitamin D2', 'Drisdol', 'эргокальциферол'], {
    doseLimit: {
      perDay: 4000,
      unit: '[IU]',
      source: 'IOM-DRI-UL-VITD',
      verified: true,
      note: 'adult tolerable upper intake level, 100 µg a day; not during a documented deficiency-treatment course',
    },
  }),
  ag('calcifediol', 'calcifediol', 'vitamin-d', ['A11CC06', 'H05BX05'], ['Rayaldee', 'кальцифедиол']),
  ag('calcitriol', 'calcitriol', 'vitamin-d', ['A11CC04'], ['Rocaltrol', 'Рокальтрол', 'кальцитриол'], {
    note: 'Active form: highest hypercalcaemia risk.',
  }),
  ag('alfacalcidol', 'alfacalcidol', 'vitamin-d', ['A11CC03'], ['Alpha D3', 'Альфа Д3-Тева', 'альфакальцидол'], {
    note: 'Active form: highest hypercalcaemia risk.',
  }),
  // ── Zinc, selenium and other nutrients ─────────────────────────────────────────────────────────────────
  ...(
    [
      ['zinc-sulfate', 'zinc sulfate', 'A12CB01', ['zinc sulphate', 'Zincteral', 'Цинктерал', 'цинка сульфат']],
      ['zinc-gluconate', 'zinc gluconate', 'A12CB02', ['цинка глюконат']],
      ['zinc-protein-complex', 'zinc protein complex', 'A12CB03', []],
    ] as const
  ).map(([id, name, atc, synonyms]) =>
    ag(id, name, 'zinc', [atc], [...synonyms], {
      doseLimit: {
        perDay: 40,
        unit: 'mg',
        source: 'IOM-DRI-UL-ZINC',
        verified: false,
        note: 'Elemental zinc, chronic use; adult UL partially verified (secondary summary)',
      },
    }),
  ),
  ...(
    [
      ['sodium-selenate', 'sodium selenate', ['A12CE01'], ['натрия селенат']],
      ['sodium-selenite', 'sodium selenite', ['A12CE02', 'B05XA20'], ['Selenase', 'Селеназа', 'натрия селенит']],
    ] as const
  ).map(([id, name, atc, synonyms]) =>
    ag(id, name, 'selenium', [...atc], [...synonyms], {
      doseLimit: {
        perDay: 400,
        unit: 'ug',
        source: 'IOM-DRI-UL-SELENIUM',
        verified: true,
        note: 'Selenium, tolerable upper intake level',
      },
      sources: ['MACFARQUHAR-2010'],
    }),
  ),
  ag(
    'omega-3',
    'omega-3-triglycerides incl. other esters and acids',
    'omega-3',
    ['C10AX06'],
    [
      'omega-3 fatty acids',
      'omega-3-acid ethyl esters',
      'icosapent ethyl',
      'fish oil',
      'Omacor',
      'Омакор',
      'Lovaza',
      'Vascepa',
      'омега-3',
    ],
    {
      doseLimit: {
        perDay: 3,
        unit: 'g',
        source: 'AHA-OMEGA3',
        verified: false,
        note: 'AHA: above 3 g/day only under medical supervision (a prescriber is such supervision); secondary sources',
      },
    },
  ),
  ag('glutamine', 'glutamine', 'glutamine', ['A16AA03'], ['L-glutamine', 'глутамин']),
  ag('alanyl-glutamine', 'alanyl glutamine', 'glutamine', ['B05XB02'], ['Dipeptiven', 'Дипептивен']),
  ag(
    'tocopherol',
    'tocopherol (vitamin E)',
    'vitamin-e',
    ['A11HA03'],
    ['vitamin E', 'alpha-tocopherol', 'витамин E', 'витамин Е', 'токоферол'],
  ),
  ag(
    'lactic-acid-producing-organisms',
    'lactic acid producing organisms',
    'probiotic',
    ['A07FA01', 'A07FA51'],
    ['Lactobacillus', 'Bifidobacterium', 'Linex', 'Линекс'],
  ),
  ag(
    'saccharomyces-boulardii',
    'Saccharomyces boulardii',
    'probiotic',
    ['A07FA02'],
    ['S. boulardii', 'Enterol', 'Энтерол', 'Florastor'],
  ),
  ag(
    'escherichia-coli-nissle',
    'Escherichia coli (Nissle 1917)',
    'probiotic',
    ['A07FA03'],
    ['E. coli Nissle', 'Mutaflor', 'Мутафлор'],
  ),
  // ── Anticoagulants and antiplatelets (B01) ──────────────────────────────────────────────────────────────
  ag(
    'warfarin',
    'warfarin',
    'vitamin-k-antagonist',
    ['B01AA03'],
    ['Coumadin', 'Jantoven', 'Marevan', 'Варфарекс', 'варфарин'],
    { rxnorm: [rx('11289', 'S6')], sources: ['ERGAMISOL-PI', 'GUPTA-2011'] },
  ),
  ag('phenindione', 'phenindione', 'vitamin-k-antagonist', ['B01AA02'], ['Фенилин', 'фениндион']),
  ag('phenprocoumon', 'phenprocoumon', 'vitamin-k-antagonist', ['B01AA04'], ['Marcumar']),
  ag('acenocoumarol', 'acenocoumarol', 'vitamin-k-antagonist', ['B01AA07'], ['Sintrom', 'Синкумар', 'аценокумарол']),
  ag('fluindione', 'fluindione', 'vitamin-k-antagonist', ['B01AA12'], ['Previscan']),
  ag('heparin', 'heparin', 'heparin', ['B01AB01'], ['unfractionated heparin', 'гепарин']),
  ag('dalteparin', 'dalteparin', 'heparin', ['B01AB04'], ['Fragmin', 'Фрагмин']),
  ag('enoxaparin', 'enoxaparin', 'heparin', ['B01AB05'], ['Lovenox', 'Clexane', 'Клексан', 'эноксапарин'], {
    rxnorm: [rx('67108', 'RXNORM-CANDIDATE', false)],
  }),
  ag('nadroparin', 'nadroparin', 'heparin', ['B01AB06'], ['Fraxiparine', 'Фраксипарин', 'надропарин']),
  ag('tinzaparin', 'tinzaparin', 'heparin', ['B01AB10'], ['Innohep']),
  ag('bemiparin', 'bemiparin', 'heparin', ['B01AB12'], ['Zibor', 'Цибор']),
  ag('argatroban', 'argatroban', 'direct-thrombin-inhibitor', ['B01AE03']),
  ag('bivalirudin', 'bivalirudin', 'direct-thrombin-inhibitor', ['B01AE06'], ['Angiomax']),
  ag(
    'dabigatran-etexilate',
    'dabigatran etexilate',
    'direct-thrombin-inhibitor',
    ['B01AE07'],
    ['dabigatran', 'Pradaxa', 'Прадакса', 'дабигатран'],
    { rxnorm: [rx('1037042', 'RXNORM-CANDIDATE', false)] },
  ),
  ag(
    'rivaroxaban',
    'rivaroxaban',
    'factor-xa-inhibitor',
    ['B01AF01', 'B01AF51'],
    ['Xarelto', 'Ксарелто', 'ривароксабан'],
    {
      rxnorm: [rx('1114195', 'S9', false)],
    },
  ),
  ag('apixaban', 'apixaban', 'factor-xa-inhibitor', ['B01AF02'], ['Eliquis', 'Эликвис', 'апиксабан'], {
    rxnorm: [rx('1364430', 'S9', false)],
  }),
  ag('edoxaban', 'edoxaban', 'factor-xa-inhibitor', ['B01AF03'], ['Savaysa', 'Lixiana']),
  ag('betrixaban', 'betrixaban', 'factor-xa-inhibitor', ['B01AF04'], ['Bevyxxa']),
  ag('fondaparinux', 'fondaparinux', 'factor-xa-inhibitor', ['B01AX05'], ['Arixtra', 'Арикстра', 'фондапаринукс']),
  ag('clopidogrel', 'clopidogrel', 'antiplatelet', ['B01AC04'], ['Plavix', 'Плавикс', 'клопидогрел']),
  ag(
    'acetylsalicylic-acid',
    'acetylsalicylic acid',
    'antiplatelet',
    ['B01AC06'],
    ['aspirin', 'аспирин', 'ацетилсалициловая кислота', 'Cardiomagnyl', 'Кардиомагнил', 'Тромбо АСС'],
    { rxnorm: [rx('1191', 'S6')] },
  ),
  ag('prasugrel', 'prasugrel', 'antiplatelet', ['B01AC22'], ['Effient', 'Эффиент']),
  ag('ticagrelor', 'ticagrelor', 'antiplatelet', ['B01AC24'], ['Brilinta', 'Brilique', 'Брилинта', 'тикагрелор']),
  // ── Antineoplastics (L01) ───────────────────────────────────────────────────────────────────────────────
  ...(
    [
      ['nivolumab', 'L01FF01', ['Opdivo', 'Опдиво', 'ниволумаб']],
      ['pembrolizumab', 'L01FF02', ['Keytruda', 'Китруда', 'пембролизумаб']],
      ['durvalumab', 'L01FF03', ['Imfinzi', 'Имфинзи']],
      ['avelumab', 'L01FF04', ['Bavencio']],
      ['atezolizumab', 'L01FF05', ['Tecentriq', 'Тецентрик']],
      ['cemiplimab', 'L01FF06', ['Libtayo']],
      ['dostarlimab', 'L01FF07', ['Jemperli']],
      ['prolgolimab', 'L01FF08', ['Forteca', 'Фортека', 'пролголимаб']],
      ['tislelizumab', 'L01FF09', ['Tevimbra']],
      ['retifanlimab', 'L01FF10', ['Zynyz']],
      ['sugemalimab', 'L01FF11', ['Cejemly']],
      ['serplulimab', 'L01FF12', ['Hetronifly']],
      ['toripalimab', 'L01FF13', ['Loqtorzi']],
      ['ipilimumab', 'L01FX04', ['Yervoy', 'Ервой']],
      ['tremelimumab', 'L01FX20', ['Imjudo']],
    ] as const
  ).map(([name, atc, synonyms]) => ag(name, name, 'checkpoint-inhibitor', [atc], [...synonyms])),
  ag('nivolumab-relatlimab', 'nivolumab and relatlimab', 'checkpoint-inhibitor', ['L01FY02'], ['Opdualag']),
  ...(
    [
      ['vorinostat', 'L01XH01', ['Zolinza']],
      ['romidepsin', 'L01XH02', ['Istodax']],
      ['panobinostat', 'L01XH03', ['Farydak']],
      ['belinostat', 'L01XH04', ['Beleodaq']],
      ['entinostat', 'L01XH05', []],
      ['tucidinostat', 'L01XH06', ['chidamide', 'Epidaza']],
      ['resminostat', 'L01XH07', []],
    ] as const
  ).map(([name, atc, synonyms]) => ag(name, name, 'hdac-inhibitor', [atc], [...synonyms])),
  ag('azacitidine', 'azacitidine', 'dnmt-inhibitor', ['L01BC07'], ['Vidaza', 'Вайдаза', 'Onureg', 'азацитидин'], {
    rxnorm: [rx('1251', 'S5')],
  }),
  ag(
    'decitabine',
    'decitabine',
    'dnmt-inhibitor',
    ['L01BC08', 'L01BC58'],
    ['Dacogen', 'Дакоген', 'Inqovi', 'децитабин'],
    {
      rxnorm: [rx('15657', 'S5')],
      note: 'L01BC58 is the ATC code of decitabine combinations.',
    },
  ),
  ag('fluorouracil', 'fluorouracil', 'cytotoxic', ['L01BC02', 'L01BC52'], ['5-fluorouracil', '5-FU', 'фторурацил']),
  ag('capecitabine', 'capecitabine', 'cytotoxic', ['L01BC06'], ['Xeloda', 'Кселода', 'капецитабин']),
  ag('tegafur', 'tegafur', 'cytotoxic', ['L01BC03', 'L01BC53'], ['Ftorafur', 'Фторафур', 'тегафур']),
  ag(
    'cyclophosphamide',
    'cyclophosphamide',
    'cytotoxic',
    ['L01AA01'],
    ['Endoxan', 'Эндоксан', 'Cytoxan', 'циклофосфамид'],
    {
      rxnorm: [rx('3002', 'S5')],
    },
  ),
  ag('cytarabine', 'cytarabine', 'cytotoxic', ['L01BC01'], ['Cytosar', 'Alexan', 'Алексан', 'цитарабин'], {
    rxnorm: [rx('3041', 'S5')],
  }),
  ag(
    'rituximab',
    'rituximab',
    'anti-cd20',
    ['L01FA01'],
    ['MabThera', 'Мабтера', 'Rituxan', 'Truxima', 'Acellbia', 'Ацеллбия', 'ритуксимаб'],
    {
      rxnorm: [rx('121191', 'S5')],
    },
  ),
  ag('daratumumab', 'daratumumab', 'antineoplastic', ['L01FC01'], ['Darzalex', 'Дарзалекс'], {
    rxnorm: [rx('1721947', 'S5')],
  }),
  ag('blinatumomab', 'blinatumomab', 'antineoplastic', ['L01FX07'], ['Blincyto', 'Блинцито'], {
    rxnorm: [rx('1597258', 'S5')],
  }),
  ag('ruxolitinib', 'ruxolitinib', 'antineoplastic', ['L01EJ01'], ['Jakafi', 'Jakavi', 'Джакави'], {
    roles: ['immunosuppressant'],
    rxnorm: [rx('1193326', 'S5')],
    note: 'JAK inhibitor coded in L01EJ; the clinical reference lists it with the immunosuppressants (§2e).',
  }),
  // ── Immunosuppressants (L04) and drugs coded in both L01 and L04 ────────────────────────────────────────
  ag(
    'methotrexate',
    'methotrexate',
    'immunosuppressant',
    ['L04AX03', 'L01BA01'],
    ['Metoject', 'Методжект', 'Trexall', 'Otrexup', 'метотрексат'],
    {
      rxnorm: [rx('6851', 'S5')],
      sources: ['PMC3192074'],
      note: 'L01BA01 is the antineoplastic (high-dose, cytotoxic) code; the agent alone cannot tell dose intent.',
    },
  ),
  ag('azathioprine', 'azathioprine', 'immunosuppressant', ['L04AX01'], ['Imuran', 'Azasan', 'азатиоприн'], {
    sources: ['PMC3192074'],
  }),
  ag('thalidomide', 'thalidomide', 'immunosuppressant', ['L04AX02'], ['Thalomid', 'талидомид'], {
    roles: ['antineoplastic'],
    rxnorm: [rx('10432', 'S5')],
  }),
  ag('lenalidomide', 'lenalidomide', 'immunosuppressant', ['L04AX04'], ['Revlimid', 'Ревлимид', 'леналидомид'], {
    roles: ['antineoplastic'],
    rxnorm: [rx('342369', 'S5')],
  }),
  ag('pomalidomide', 'pomalidomide', 'immunosuppressant', ['L04AX06'], ['Imnovid', 'Pomalyst']),
  ag('dimethyl-fumarate', 'dimethyl fumarate', 'immunosuppressant', ['L04AX07'], ['Tecfidera', 'Текфидера']),
  ag('alemtuzumab', 'alemtuzumab', 'immunosuppressant', ['L04AG06'], ['Campath', 'Lemtrada', 'Лемтрада'], {
    roles: ['antineoplastic'],
    rxnorm: [rx('117055', 'S5')],
  }),
  ag(
    'ciclosporin',
    'ciclosporin',
    'immunosuppressant',
    ['L04AD01'],
    ['cyclosporine', 'cyclosporin', 'Sandimmun', 'Sandimmune', 'Neoral', 'Gengraf', 'Сандиммун', 'циклоспорин'],
    { rxnorm: [rx('3008', 'S5')], sources: ['S6'] },
  ),
  ag(
    'tacrolimus',
    'tacrolimus',
    'immunosuppressant',
    ['L04AD02'],
    ['Prograf', 'Advagraf', 'Envarsus', 'Програф', 'такролимус'],
    {
      rxnorm: [rx('42316', 'S5')],
    },
  ),
  ag('voclosporin', 'voclosporin', 'immunosuppressant', ['L04AD03'], ['Lupkynis']),
  ag(
    'sirolimus',
    'sirolimus',
    'immunosuppressant',
    ['L04AH01', 'L01EG04'],
    ['rapamycin', 'Rapamune', 'Рапамун', 'сиролимус'],
    {
      rxnorm: [rx('35302', 'S5')],
    },
  ),
  ag(
    'everolimus',
    'everolimus',
    'immunosuppressant',
    ['L04AH02', 'L01EG02'],
    ['Certican', 'Zortress', 'Afinitor', 'Афинитор', 'эверолимус'],
  ),
  ag(
    'mycophenolic-acid',
    'mycophenolic acid',
    'immunosuppressant',
    ['L04AA06'],
    ['mycophenolate mofetil', 'mycophenolate sodium', 'CellCept', 'Myfortic', 'Селлсепт', 'микофенолата мофетил'],
    { rxnorm: [rx('68149', 'S5')], note: 'RxNorm 68149 is the mycophenolate mofetil ingredient.' },
  ),
  ag('abatacept', 'abatacept', 'immunosuppressant', ['L04AA24'], ['Orencia', 'Оренсия'], {
    rxnorm: [rx('614391', 'S5')],
  }),
  ag('cladribine', 'cladribine', 'immunosuppressant', ['L04AA40', 'L01BB04'], ['Mavenclad', 'Leustatin', 'кладрибин'], {
    note: 'L01BB04 is the antineoplastic (purine analogue) code.',
  }),
  ag('etanercept', 'etanercept', 'tnf-inhibitor', ['L04AB01'], ['Enbrel', 'Энбрел']),
  ag('infliximab', 'infliximab', 'tnf-inhibitor', ['L04AB02'], ['Remicade', 'Ремикейд', 'Inflectra', 'Remsima']),
  ag('adalimumab', 'adalimumab', 'tnf-inhibitor', ['L04AB04'], ['Humira', 'Хумира', 'Далибра']),
  ag('certolizumab-pegol', 'certolizumab pegol', 'tnf-inhibitor', ['L04AB05'], ['certolizumab', 'Cimzia', 'Симзия']),
  ag('golimumab', 'golimumab', 'tnf-inhibitor', ['L04AB06'], ['Simponi', 'Симпони']),
  ag('anakinra', 'anakinra', 'immunosuppressant', ['L04AC03'], ['Kineret']),
  ag('ustekinumab', 'ustekinumab', 'immunosuppressant', ['L04AC05'], ['Stelara', 'Стелара']),
  ag('tocilizumab', 'tocilizumab', 'immunosuppressant', ['L04AC07'], ['Actemra', 'RoActemra', 'Актемра'], {
    rxnorm: [rx('612865', 'S5')],
  }),
  ag('secukinumab', 'secukinumab', 'immunosuppressant', ['L04AC10'], ['Cosentyx', 'Козэнтикс']),
  ag('fingolimod', 'fingolimod', 'immunosuppressant', ['L04AE01'], ['Gilenya', 'Гиления']),
  ag('tofacitinib', 'tofacitinib', 'immunosuppressant', ['L04AF01'], ['Xeljanz', 'Яквинус']),
  ag('baricitinib', 'baricitinib', 'immunosuppressant', ['L04AF02'], ['Olumiant', 'Олумиант']),
  ag('upadacitinib', 'upadacitinib', 'immunosuppressant', ['L04AF03'], ['Rinvoq', 'Ринвок']),
  ag('natalizumab', 'natalizumab', 'immunosuppressant', ['L04AG03'], ['Tysabri', 'Тизабри']),
  ag('belimumab', 'belimumab', 'immunosuppressant', ['L04AG04'], ['Benlysta', 'Бенлиста']),
  ag('vedolizumab', 'vedolizumab', 'immunosuppressant', ['L04AG05'], ['Entyvio', 'Энтивио']),
  ag('ocrelizumab', 'ocrelizumab', 'anti-b-cell-immunosuppressant', ['L04AG08'], ['Ocrevus', 'Окревус']),
  ag('ofatumumab', 'ofatumumab', 'anti-b-cell-immunosuppressant', ['L04AG12', 'L01FA02'], ['Kesimpta', 'Arzerra']),
  ag('eculizumab', 'eculizumab', 'immunosuppressant', ['L04AJ01'], ['Soliris', 'Солирис']),
  ag('leflunomide', 'leflunomide', 'immunosuppressant', ['L04AK01'], ['Arava', 'Арава', 'лефлуномид']),
  ag('teriflunomide', 'teriflunomide', 'immunosuppressant', ['L04AK02'], ['Aubagio', 'Обаджио']),
  // ── Systemic glucocorticoids (H02AB) ────────────────────────────────────────────────────────────────────
  ag('prednisone', 'prednisone', 'systemic-glucocorticoid', ['H02AB07'], ['Deltasone', 'Rayos', 'преднизон'], {
    rxnorm: [rx('8640', 'S6')],
    prednisoneEquivalent: { factor: 1, source: 'CORTICOSTEROID-EQUIVALENCE' },
  }),
  ag('prednisolone', 'prednisolone', 'systemic-glucocorticoid', ['H02AB06'], ['преднизолон'], {
    rxnorm: [rx('8638', 'S6')],
    prednisoneEquivalent: { factor: 1, source: 'CORTICOSTEROID-EQUIVALENCE' },
  }),
  ag(
    'methylprednisolone',
    'methylprednisolone',
    'systemic-glucocorticoid',
    ['H02AB04'],
    ['Medrol', 'Медрол', 'Solu-Medrol', 'Солу-Медрол', 'Metypred', 'Метипред', 'метилпреднизолон'],
    { prednisoneEquivalent: { factor: 5 / 4, source: 'CORTICOSTEROID-EQUIVALENCE' } },
  ),
  ag('dexamethasone', 'dexamethasone', 'systemic-glucocorticoid', ['H02AB02'], ['Decadron', 'дексаметазон'], {
    rxnorm: [rx('3264', 'S6')],
    prednisoneEquivalent: { factor: 5 / 0.75, source: 'CORTICOSTEROID-EQUIVALENCE' },
  }),
  ag(
    'hydrocortisone',
    'hydrocortisone',
    'systemic-glucocorticoid',
    ['H02AB09'],
    ['Solu-Cortef', 'Cortef', 'Солу-Кортеф', 'гидрокортизон'],
    { prednisoneEquivalent: { factor: 5 / 20, source: 'CORTICOSTEROID-EQUIVALENCE' } },
  ),
];

const classIndex = new Map(DRUG_CLASSES.map((c) => [c.id, c]));
const agentIndex = new Map(DRUG_AGENTS.map((a) => [a.id, a]));

export function classById(id: string): DrugClass | undefined {
  return classIndex.get(id);
}

export function agentById(id: string): DrugAgent | undefined {
  return agentIndex.get(id);
}
