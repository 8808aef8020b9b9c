/** The immune profile: compartments, trends, data quality. */
export const profile = {} as const;
