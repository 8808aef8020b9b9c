/** The rule ids: the `source.topic.code` of every card and a public contract (DESIGN.md). */
export const RULE_IDS = [
  'booster-not-indicated',
  'course-unbounded',
  'live-vaccine-immunocompromised',
  'vaccine-response-altered',
  'anticoagulant-interaction',
  'antineoplastic-interaction',
  'malignancy-stimulation',
  'autoimmune-flare',
  'immunomodulator-conflict',
  'nutrient-excess',
  'monitoring-due',
  'course-review-due',
  'endpoint-reached',
  'no-response',
  'immune-adverse-signal',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** The course-stewardship rules: they follow a course after it starts (the app's Courses view). */
export const COURSE_RULE_IDS: readonly RuleId[] = [
  'monitoring-due',
  'course-review-due',
  'endpoint-reached',
  'no-response',
  'immune-adverse-signal',
];

export const INDICATORS = ['info', 'warning', 'critical'] as const;
export type Indicator = (typeof INDICATORS)[number];
