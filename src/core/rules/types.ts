import type { SiteConfig } from '../config/schema.js';
import type { RecognizedOrder } from '../drugs/orders.js';
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
  /** One line, under 140 characters. */
  summary: string;
  /** Markdown: what, why (values, dates, orders), what to do, sources. Request text is escaped. */
  detail: string;
  evidence: EvidenceRef[];
  sources: FindingSource[];
  /** The draft order the finding concerns (`MedicationRequest/<id>`), with its display. */
  order?: { reference: string; display: string };
  suggestions: Suggestion[];
}

/** What a rule returns for one order: the evaluator adds the rule id, order and sources. */
export interface RuleOutcome {
  indicator: Indicator;
  summary: string;
  /** Markdown paragraphs: what and why. */
  why: string[];
  /** Markdown: what to do. */
  action: string;
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
}

export interface Rule {
  id: RuleId;
  evaluate(input: RuleInput): RuleOutcome | undefined;
}
