/**
 * Shapes of the drug knowledge base. The data lives in knowledge-base.ts (agents and classes)
 * and vaccines.ts (CVX); every entry names its sources (keys of ../sources.ts).
 */

/** What a class of agents means to the rules. An agent inherits its class's roles. */
export type DrugRole =
  /** A non-specific immunostimulant ("booster"): booster-not-indicated, course-unbounded. */
  | 'booster'
  /** Colony-stimulating factor (G-CSF/GM-CSF): CSF timing, myeloid neoplasm. */
  | 'csf'
  /** ACIP/CDSi "immune mediator or modulator": defers live vaccines for a month. */
  | 'immune-mediator'
  /** Interferon alfa (incl. pegylated): autoimmunity, warfarin, myelosuppression. */
  | 'interferon-alfa'
  /** An immunotherapy whose indication is the malignancy itself (aldesleukin, bladder BCG…). */
  | 'oncology-immunotherapy'
  /** Intravesical BCG: a live organism. */
  | 'live-bcg'
  | 'nutrient'
  | 'anticoagulant'
  | 'vitamin-k-antagonist'
  | 'antiplatelet'
  | 'antineoplastic'
  /** Cytotoxic, myelosuppressive chemotherapy (L01A–L01D, L01X cytotoxics). */
  | 'cytotoxic'
  | 'checkpoint-inhibitor'
  | 'anti-b-cell'
  | 'immunosuppressant'
  | 'tnf-inhibitor'
  | 'systemic-glucocorticoid'
  | 'vaccine';

export type EvidenceLevel = 'established' | 'limited' | 'weak';

/** Whether a topical route still counts: `systemic` agents matter only when given systemically. */
export type RouteRelevance = 'systemic' | 'any';

export interface CodeRef {
  code: string;
  verified: boolean;
  /** Source key; required when `verified` is true. */
  source: string;
}

export interface DoseLimit {
  /** Maximum per day, in `unit` (UCUM: `[IU]`, `mg`, `ug`, `g`). */
  perDay: number;
  unit: string;
  source: string;
  verified: boolean;
  /** E.g. "tolerable upper intake level; not during a documented deficiency-treatment course". */
  note?: string;
}

/**
 * What makes an agent indicated for booster-not-indicated: a current deficit of one of these
 * biomarkers (catalog ids, using the catalog's deficit thresholds), a condition category, or an
 * exposure to a drug role (e.g. G-CSF with myelosuppressive chemotherapy).
 */
export interface Indication {
  deficits?: string[];
  conditions?: ConditionCategory[];
  exposures?: DrugRole[];
  source: string;
  note?: string;
}

export type ConditionCategory =
  | 'malignancy'
  | 'myeloid-neoplasm'
  | 'autoimmune'
  | 'multiple-sclerosis'
  | 'hiv'
  | 'immunodeficiency'
  | 'transplant'
  | 'immunosuppressed'
  | 'neutropenia'
  | 'chronic-viral-hepatitis'
  /** Helminth infection: levamisole given for it is the anthelmintic use, not immunostimulation. */
  | 'helminthiasis'
  /** Lymphoma, lymphoid leukaemia, plasma-cell and immunoproliferative neoplasms (a pharmacovigilance signal). */
  | 'lymphoproliferative'
  /** Hypothyroidism, thyrotoxicosis, thyroiditis (interferon-induced thyroid dysfunction). */
  | 'thyroid-dysfunction';

export interface DrugClass {
  id: string;
  display: string;
  /** ATC prefixes that identify the class (longest prefix wins across classes). */
  atcPrefixes: string[];
  roles: DrugRole[];
  evidence?: EvidenceLevel;
  /** Longest course the source supports, in days. */
  maxCourseDays?: { days: number; source: string };
  indications?: Indication[];
  routeRelevance: RouteRelevance;
  sources: string[];
  note?: string;
}

export interface DrugAgent {
  id: string;
  /** INN (WHO spelling) or the usual product name when there is no INN. */
  name: string;
  classId: string;
  /** Exact ATC codes of the agent. */
  atc: string[];
  rxnorm: CodeRef[];
  /** Brand names, national spellings, Cyrillic names; matched on word boundaries. */
  synonyms: string[];
  /** Roles beyond the class's (e.g. warfarin adds `vitamin-k-antagonist`). */
  roles?: DrugRole[];
  /** Roles of the class that do not apply to this agent (e.g. interferon beta is no booster). */
  excludeRoles?: DrugRole[];
  evidence?: EvidenceLevel;
  maxCourseDays?: { days: number; source: string };
  indications?: Indication[];
  doseLimit?: DoseLimit;
  routeRelevance?: RouteRelevance;
  /** Systemic glucocorticoids: mg of prednisone equivalent to 1 mg of this agent. */
  prednisoneEquivalent?: { factor: number; source: string };
  sources: string[];
  note?: string;
}

export type Liveness = 'live' | 'live-oral' | 'non-replicating' | 'no';

export interface Vaccine {
  cvx: string;
  name: string;
  live: Liveness;
}

/**
 * One test of a monitoring plan: a result of any of its markers (catalog ids) satisfies it, so
 * "CBC with platelets" is met by a full blood count whichever of its markers the lab reports.
 */
export interface MonitoringTest {
  /** Stable id inside the plan (`cbc`, `liver`, `tsh`, `uric-acid`), also the key a site configures. */
  id: string;
  /** Catalog biomarker ids; the first one's LOINC code is the test the card suggests ordering. */
  markers: string[];
  /** A result is needed before the course starts (within the site's baseline window). */
  baseline: boolean;
  /**
   * Intervals during therapy by course day: the first phase whose `untilDay` the course has not
   * passed applies (no `untilDay`: to the end). Empty: a baseline-only test.
   */
  schedule: { untilDay?: number; everyDays: number }[];
}

/** A monitoring plan of the knowledge base: which tests a running course needs and how often. */
export interface MonitoringPlan {
  id: string;
  /** The plan applies to these agents (ids) or to every agent of these classes. */
  agents?: string[];
  classes?: string[];
  /** Restrictions: only for courses longer than, only above a daily dose, only for a condition. */
  when?: {
    minCourseDays?: number;
    /** Daily dose above this, in `unit` (UCUM, as DoseLimit). */
    dosePerDayAbove?: { value: number; unit: string };
    conditions?: ConditionCategory[];
  };
  tests: MonitoringTest[];
  /** Source key: the label section or guideline, or a POLICY-* expert opinion. */
  source: string;
  /** The plan is ImmunoSteward's expert opinion, not a document's (cards say so). */
  opinion: boolean;
  note?: string;
}
