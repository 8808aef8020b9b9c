import type { Source } from '../citation.js';
import type { SiteConfig } from '../config/schema.js';
import type { RecognizedOrder } from '../drugs/orders.js';
import type { Translator } from '../messages/translator.js';
import type { PatientContext } from './context.js';
import type { Indicator, RuleId } from './ids.js';
import type { OrderIndex } from './order-index.js';

/** A resource that supports a finding: a result, an order, a condition, an immunization. */
export interface EvidenceRef {
  reference: string;
  display: string;
  date?: string;
}

export interface FindingSource {
  id: string;
  citation: string;
  url?: string;
  /** Expert-opinion sources are said in the evidence line; the source list names documents. */
  kind: Source['kind'];
}

/** What a physician can do about a finding; the CDS service turns these into card actions. */
export type Suggestion =
  | { kind: 'remove-order'; label: string; order: string }
  | {
      kind: 'order-panel';
      label: string;
      /** LOINC codes and displays of the tests to order. */
      codes: { code: string; display: string }[];
    }
  | {
      kind: 'add-stop-date';
      label: string;
      order: string;
      /** Course length to set, in days. */
      days: number;
    };

export interface Finding {
  ruleId: RuleId;
  indicator: Indicator;
  /** One line, under 140 characters, naming the drug and the concern. */
  summary: string;
  /** One line each: a fact and the value, date or order behind it (markdown, request text escaped). */
  concerns: string[];
  /** What to do, tailored to what triggered the finding. */
  action: string;
  /** How strong the claim is and why, in one line: a document's words, or the reasoning of an expert opinion. */
  basis?: string;
  /** The basis is ImmunoSteward's expert opinion, not a label or guideline (cards say so once). */
  opinion?: boolean;
  /** Markdown of this finding alone: concerns, what to do, evidence, sources. */
  detail: string;
  evidence: EvidenceRef[];
  sources: FindingSource[];
  /** The draft order the finding concerns (`MedicationRequest/<id>`), its display and its drug's name. */
  order?: { reference: string; display: string; name: string };
  suggestions: Suggestion[];
}

/** What a rule returns for one order: the evaluator adds the rule id, order and sources. */
export interface RuleOutcome {
  indicator: Indicator;
  summary: string;
  concerns: string[];
  action: string;
  basis?: string;
  opinion?: boolean;
  evidence: EvidenceRef[];
  sources: string[];
  suggestions?: Suggestion[];
}

export interface RuleInput {
  context: PatientContext;
  /** The draft order under evaluation. */
  order: RecognizedOrder;
  /** Every draft order of the request (the one under evaluation included). */
  drafts: readonly RecognizedOrder[];
  /** The drafts by role and class. */
  draftIndex: OrderIndex;
  config: SiteConfig;
  /** Every sentence a rule writes comes from the catalog through this translator. */
  t: Translator;
}

export interface Rule {
  id: RuleId;
  evaluate(input: RuleInput): RuleOutcome | undefined;
}
