/** The admin page (/admin). */
export const admin = {} as const;
