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
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const INDICATORS = ['info', 'warning', 'critical'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const RULE_TITLES: Record<RuleId, string> = {
  'booster-not-indicated': 'Immunostimulant without a documented deficit',
  'course-unbounded': 'Immunomodulator course without an end, too long or repeated',
  'live-vaccine-immunocompromised': 'Live vaccine in an immunocompromised patient',
  'vaccine-response-altered': 'Vaccine response may be blunted or altered',
  'anticoagulant-interaction': 'Interaction with anticoagulant or antiplatelet therapy',
  'antineoplastic-interaction': 'Interaction with antineoplastic therapy',
  'malignancy-stimulation': 'Immunostimulant in active malignancy',
  'autoimmune-flare': 'Immunostimulant with an autoimmune condition',
  'immunomodulator-conflict': 'Immunomodulators stacked or opposed',
  'nutrient-excess': 'Nutritional immunomodulator above limits',
};
