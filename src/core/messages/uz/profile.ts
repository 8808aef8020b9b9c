import type { profile as enProfile } from '../en/profile.js';

/** The immune profile: compartments, trends, data quality. */
export const profile = {
  'compartment.summary': '{label}: {status} — {detail}',
  'compartment.results': '{results}{more, plural, =0 {} one { (yana #)} other { (yana #)}}',
  'compartment.noResults': 'natijalar yoʻq',
  'compartment.noRange': '{results} — baholash uchun referens oraligʻi yoʻq',
  'compartment.stale': '{markers} joriy natija sifatida hisoblash uchun juda eski (oxirgisi: {date})',

  'trend.up': 'oshmoqda',
  'trend.down': 'kamaymoqda',
  'trend.stable': 'barqaror',
  'trend.rate': '{change} {period, select, year {yiliga} other {har 30 kunda}}',
  'trend.described': '{direction}, {rate}: {points} ta natija, {days, number} kun ichida',
} as const satisfies Record<keyof typeof enProfile, string>;
