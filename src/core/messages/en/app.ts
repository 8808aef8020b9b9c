/** The SMART app's views, panels and errors. */
export const app = {} as const;
