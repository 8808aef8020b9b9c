/**
 * Every error body is a FHIR OperationOutcome that says what went wrong and where (CDS Hooks 3.0
 * ballot recommends it; CRD requires it). Messages are ours: exception text never reaches a client.
 */
export type IssueType =
  | 'not-supported'
  | 'invalid'
  | 'structure'
  | 'required'
  | 'security'
  | 'not-found'
  | 'processing'
  | 'exception'
  | 'throttled'
  | 'timeout'
  | 'too-costly'
  | 'too-long'
  | 'transient';

export interface OutcomeIssue {
  code: IssueType;
  diagnostics: string;
  /** FHIRPath-like location in the request, e.g. `context.draftOrders.entry[0]`. */
  expression?: string;
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: {
    severity: 'error' | 'fatal' | 'warning';
    code: IssueType;
    diagnostics: string;
    expression?: string[];
  }[];
}

export function operationOutcome(issues: OutcomeIssue[], severity: 'error' | 'fatal' = 'error'): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity,
      code: i.code,
      diagnostics: i.diagnostics,
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

export function outcome(code: IssueType, diagnostics: string, expression?: string): OperationOutcome {
  return operationOutcome([{ code, diagnostics, ...(expression ? { expression } : {}) }]);
}
