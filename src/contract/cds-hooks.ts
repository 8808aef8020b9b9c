/**
 * The CDS Hooks 2.0 response shapes this service answers and the playground renders: cards,
 * suggestions, actions, links, and the feedback answer.
 */

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface Action {
  type: 'create' | 'update' | 'delete';
  description: string;
  resource?: Record<string, unknown>;
  resourceId?: string;
}

export interface CardSuggestion {
  label: string;
  uuid: string;
  isRecommended?: boolean;
  actions: Action[];
}

export interface Link {
  label: string;
  url: string;
  type: 'smart' | 'absolute';
  appContext?: string;
}

/** The topic code of the patient-view summary card when no finding decides it. */
export const SUMMARY_TOPIC = 'immune-profile';

/** The card extension that lists every rule that fired on the card (the main one first). */
export const RULES_EXTENSION = 'org.immunosteward.rules';

export interface FiredRule {
  /** The rule id (`source.topic.code` of the card when it is the main one). */
  code: string;
  display: string;
  indicator: 'info' | 'warning' | 'critical';
}

export interface Card {
  uuid: string;
  summary: string;
  detail?: string;
  indicator: 'info' | 'warning' | 'critical';
  source: { label: string; url?: string; topic: Coding };
  suggestions?: CardSuggestion[];
  selectionBehavior?: 'at-most-one' | 'any';
  overrideReasons?: Coding[];
  links?: Link[];
  /** CDS Hooks 2.0 §Extensions: `org.immunosteward.rules` lists every fired rule. */
  extension?: { [RULES_EXTENSION]?: FiredRule[] };
}

/** The answer to `POST /cds-services/{id}/feedback`. */
export interface FeedbackResult {
  received: number;
  /** How many were new (feedback is idempotent). */
  stored: number;
}
