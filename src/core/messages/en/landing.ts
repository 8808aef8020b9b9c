/** The demo landing page. */
export const landing = {} as const;
