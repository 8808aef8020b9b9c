/** Reading cards as the tests check them: one card per draft order, every fired rule in its extension. */

export interface CardLike {
  source: { topic: { code: string } };
  indicator?: string;
  extension?: { 'org.immunosteward.rules'?: { code: string; indicator: string }[] };
}

/** Every rule that fired on the cards, card by card, the main rule of each first. */
export function firedRules(cards: readonly CardLike[]): string[] {
  return cards.flatMap((c) => c.extension?.['org.immunosteward.rules']?.map((r) => r.code) ?? [c.source.topic.code]);
}

/** The card on which a rule fired. */
export function cardWithRule<T extends CardLike>(cards: readonly T[], rule: string): T | undefined {
  return cards.find((c) => firedRules([c]).includes(rule));
}
