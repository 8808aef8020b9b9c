/** The population report (`GET /admin/api/population`, `population report --json`), read by `/admin/population`. */

export interface MeasureRow {
  /** `YYYY-MM`, `before` / `after` go-live, or `all`. */
  bucket: string;
  dim: 'all' | 'class' | 'agent' | 'department';
  /** The class or agent id, the department, or '' for all. */
  key: string;
  courses: number;
  indicated: number;
  not_indicated_normal: number;
  not_indicated_unknown: number;
  unbounded: number;
  over_max: number;
  repeated: number;
  near_misses: number;
  live_vaccine: number;
  anticoagulant: number;
  antineoplastic: number;
  immunosuppressant: number;
  median_days: number | null;
  p90_days: number | null;
  class_max_days: number | null;
  days_of_therapy: number;
  days_present: number | null;
  dot_per_1000: number | null;
  share_indicated: number | null;
  share_not_indicated_normal: number | null;
  share_not_indicated_unknown: number | null;
  share_unbounded: number | null;
  share_over_max: number | null;
  share_repeated: number | null;
  near_misses_per_100: number | null;
}

/** Courses of a planned length (whole days), per class: the length distribution. */
export interface LengthCount {
  class: string;
  days: number;
  courses: number;
}

/** The cards of one rule shown and answered in a phase (from the feedback store). */
export interface RuleFeedback {
  bucket: 'before' | 'after' | 'all';
  rule: string;
  shown: number;
  accepted: number;
  overridden: number;
}

export interface PopulationReport {
  goLiveDate: string | null;
  /** Days present from encounters, or patient-days under observation when the data carry none. */
  denominator: 'days-present' | 'observation-days';
  filter: { from?: string; to?: string; class?: string; department?: string };
  months: MeasureRow[];
  phases: MeasureRow[];
  total: MeasureRow[];
  lengths: LengthCount[];
  feedback: RuleFeedback[];
  /** What the filters can choose from. */
  classes: string[];
  departments: string[];
}
