/** The hook playground (demo). */
export const playground = {} as const;
