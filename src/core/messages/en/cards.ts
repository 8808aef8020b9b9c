/** Card composition: summary, sections, suggestions, override reasons, links. */
export const cards = {} as const;
