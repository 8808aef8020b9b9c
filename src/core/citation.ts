/** A bibliographic source: what a finding, code, range or threshold cites. */
export interface Source {
  id: string;
  citation: string;
  url?: string;
}
