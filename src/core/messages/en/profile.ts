/** The immune profile: compartments, trends, data quality. */
export const profile = {
  'compartment.summary': '{label}: {status} — {detail}',
  'compartment.results': '{results}{more, plural, =0 {} other { (+# more)}}',
  'compartment.noResults': 'no results',
  'compartment.noRange': '{results} without a range to judge them by',
  'compartment.stale': '{markers} too old to count as current (latest {date})',

  'trend.up': 'rising',
  'trend.down': 'falling',
  'trend.stable': 'stable',
  'trend.rate': '{change} {period, select, year {per year} other {per 30 days}}',
  'trend.described': '{direction}, {rate} over {points} results in {days, number} days',
} as const;
