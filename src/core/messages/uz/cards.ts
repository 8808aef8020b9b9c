import type { cards as enCards } from '../en/cards.js';

/** Card composition: summary, sections, suggestions, override reasons, links. */
export const cards = {
  'detail.whatToDo': '**Nima qilish kerak:** {action}',
  'detail.evidence': '**Dalillar:** {evidence}',
  'detail.opinion': 'Ekspert fikri (ImmunoSteward klinik siyosati): {reasons}',
  'detail.sources': '**Manbalar:** {sources}',
  'detail.more': 'va yana {count} ta',
  'detail.missing': '_Ushbu tekshiruv uchun mavjud emas: {missing}. Xulosa mavjud boʻlgan maʼlumotlarga asoslangan._',

  'card.summaryMore': '{summary} {more, plural, one {(yana # ta muammo)} other {(yana # ta muammo)}}',
  'card.source': 'ImmunoSteward',
  'card.openApp': 'Immun profilni ImmunoSteward ilovasida ochish',

  'suggestion.remove': '{drug} tayinlovini bekor qiling',
  'suggestion.orderPanel': 'Tahlillarni tayinlang: {tests}',
  'suggestion.limitCourse': 'Kurs davomiyligini {duration} bilan cheklang',
  'action.remove': 'Tayinlov loyihasini bekor qiling: {order}',
  'action.orderTest': 'Tahlilni tayinlang: {test} (LOINC {code})',
  'action.limitCourse': '{order}: kurs davomiyligini {duration} bilan cheklang',

  'override.indication-order-exists': 'Bemorda rejalashtirilgan harakat uchun koʻrsatma/tayinlov bor',
  'override.risk-benefit-ratio': 'Xavf va foyda nisbati shifokor tomonidan baholandi',
  'override.expert-contradicts': 'Ekspert maslahati tavsiya etilgan harakatga zid',
  'override.action-performed-no-adverse-effect': 'Rejalashtirilgan harakat avval nojoʻya taʼsirsiz bajarilgan',

  'summaryCard.summary': 'Immun profil: {parts}',
  'summaryCard.compartment': '{compartment}: {status}',
  'summaryCard.currentFindings':
    '{count, plural, one {joriy immunomodulyatorlar boʻyicha # ta muammo} other {joriy immunomodulyatorlar boʻyicha # ta muammo}}',
  'summaryCard.profileHeading': '**Immun profil**',
  'summaryCard.currentHeading': '**Joriy immunomodulyatorlar**',
} as const satisfies Record<keyof typeof enCards, string>;
