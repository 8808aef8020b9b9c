import type { cards as en } from '../en/cards.js';

/** Состав карточки: сводка, разделы, предложения, причины отклонения, ссылки. */
export const cards = {
  'detail.whatToDo': '**Что делать:** {action}',
  'detail.evidence': '**Данные:** {evidence}',
  'detail.opinion': 'Экспертное мнение (клиническая политика ImmunoSteward): {reasons}',
  'detail.sources': '**Источники:** {sources}',
  'detail.more': 'и ещё {count}',
  'detail.missing': '_Недоступно для этой проверки: {missing}. Вывод основан на имевшихся данных._',

  'card.summaryMore':
    '{summary} {more, plural, one {(ещё # замечание)} few {(ещё # замечания)} many {(ещё # замечаний)} other {(ещё # замечания)}}',
  'card.source': 'ImmunoSteward',
  'card.openApp': 'Открыть иммунный профиль в ImmunoSteward',

  'suggestion.remove': 'Отменить назначение {drug}',
  'suggestion.orderPanel': 'Назначить: {tests}',
  'suggestion.limitCourse': 'Ограничить курс: {duration}',
  'action.remove': 'Отменить черновик назначения {order}',
  'action.orderTest': 'Назначить: {test} (LOINC {code})',
  'action.limitCourse': 'Ограничить курс {order}: {duration}',

  'override.indication-order-exists': 'У пациента уже есть показание или назначение для предлагаемого действия',
  'override.risk-benefit-ratio': 'Собственная оценка соотношения риска и пользы',
  'override.expert-contradicts': 'Рекомендация эксперта противоречит предлагаемому действию',
  'override.action-performed-no-adverse-effect':
    'Предлагаемое действие уже выполнялось ранее без нежелательных последствий',

  'summaryCard.summary': 'Иммунный профиль: {parts}',
  'summaryCard.compartment': '{compartment}: {status}',
  'summaryCard.currentFindings':
    '{count, plural, one {# замечание} few {# замечания} many {# замечаний} other {# замечания}} по текущим иммуномодуляторам',
  'summaryCard.profileHeading': '**Иммунный профиль**',
  'summaryCard.currentHeading': '**Текущие иммуномодуляторы**',
} satisfies Record<keyof typeof en, string>;
