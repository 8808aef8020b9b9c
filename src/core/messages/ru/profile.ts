import type { profile as en } from '../en/profile.js';

/** Иммунный профиль: звенья иммунитета, динамика, качество данных. */
export const profile = {
  'compartment.summary': '{label}: {status} — {detail}',
  'compartment.results':
    '{results}{more, plural, =0 {} one { (ещё #)} few { (ещё #)} many { (ещё #)} other { (ещё #)}}',
  'compartment.noResults': 'нет результатов',
  'compartment.noRange': '{results}: нет интервала для оценки',
  'compartment.stale': '{markers}: результаты устарели и не считаются текущими (последний — {date})',

  'trend.up': 'растёт',
  'trend.down': 'снижается',
  'trend.stable': 'стабильно',
  'trend.rate': '{change} {period, select, year {в год} other {за 30 дней}}',
  'trend.described':
    '{direction}, {rate}: {points, plural, one {# результат} few {# результата} many {# результатов} other {# результата}} за {days, plural, one {# день} few {# дня} many {# дней} other {# дня}}',
} satisfies Record<keyof typeof en, string>;
