/** Card composition: summary, sections, suggestions, override reasons, links. */
export const cards = {
  'detail.whatToDo': '**What to do:** {action}',
  'detail.evidence': '**Evidence:** {evidence}',
  'detail.opinion': 'Expert opinion (ImmunoSteward clinical policy): {reasons}',
  'detail.sources': '**Sources:** {sources}',
  'detail.more': 'and {count} more',
  'detail.missing': '_Not available to this check: {missing}. The finding rests on the data that was available._',

  'card.summaryMore': '{summary} {more, plural, one {(+# more concern)} other {(+# more concerns)}}',
  'card.source': 'ImmunoSteward',
  'card.openApp': 'Open the immune profile in ImmunoSteward',

  'suggestion.remove': 'Remove the {drug} order',
  'suggestion.orderPanel': 'Order {tests}',
  'suggestion.limitCourse': 'Limit the course to {duration}',
  'action.remove': 'Remove the draft order {order}',
  'action.orderTest': 'Order {test} (LOINC {code})',
  'action.limitCourse': 'Limit {order} to {duration}',

  'override.indication-order-exists': 'Patient has indication/order for intended action',
  'override.risk-benefit-ratio': 'Recipient assessment of risk/benefit ratio',
  'override.expert-contradicts': 'Advice from expert contradicts the recommended action',
  'override.action-performed-no-adverse-effect': 'Intended action was performed previously without adverse effect',

  'summaryCard.summary': 'Immune profile: {parts}',
  'summaryCard.compartment': '{compartment} {status}',
  'summaryCard.currentFindings':
    '{count, plural, one {# current immunomodulator concern} other {# current immunomodulator concerns}}',
  'summaryCard.profileHeading': '**Immune profile**',
  'summaryCard.currentHeading': '**Current immunomodulators**',
} as const;
