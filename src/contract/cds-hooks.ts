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
}

/** The answer to `POST /cds-services/{id}/feedback`. */
export interface FeedbackResult {
  received: number;
  /** How many were new (feedback is idempotent). */
  stored: number;
}
