/** The CLI's plain-text reports and errors. */
export const cli = {} as const;
