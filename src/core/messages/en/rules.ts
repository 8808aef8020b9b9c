/** What each rule says: headlines, concerns, advice, rationale. */
export const rules = {} as const;
