/** The embedded demo's API bodies (`GET /demo/patients`, `GET /demo/orders`), read by the playground. */

export interface DemoPatientSummary {
  id: string;
  name: string;
}

/** A draft order the playground offers: each scenario's order and the neutral ones. */
export interface DemoOrder {
  id: string;
  label: string;
  /** The patient whose scenario the order belongs to (absent for neutral orders). */
  patient?: string;
  resource: Record<string, unknown>;
}
