/** What kind of document a source is; expert opinion and code provenance are kept apart from labels and guidelines. */
export type SourceKind = 'label' | 'guideline' | 'review' | 'study' | 'expert-opinion' | 'code-system' | 'laboratory';

/** The prefix every expert-opinion citation starts with, so a clinician sees plainly that no document stands behind it. */
export const EXPERT_OPINION = 'Expert opinion (ImmunoSteward clinical policy)';

/**
 * A source a finding, code, range or threshold cites. `citation` is shown to clinicians; `provenance`
 * records where the team read the fact and stays in the knowledge base for audit and `explain`.
 */
export interface Source {
  id: string;
  /** What a clinician sees: the primary document (label and section, guideline and recommendation, year), or "Expert opinion (ImmunoSteward clinical policy): <reasoning>". */
  citation: string;
  /** How a threshold names it inline ("IOM 2011"); absent where only the full citation will do. */
  short?: string;
  kind: SourceKind;
  /** Where the team read it (audit and `explain` only; never shown in clinical text). */
  provenance?: string;
  /** A link to the primary document itself (the label, the guideline, the MMWR page), never to a secondary page. */
  url?: string;
}
