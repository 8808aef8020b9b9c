import type { RecognizedOrder } from '../drugs/orders.js';
import { rolesOf } from '../drugs/recognize.js';
import type { DrugRole, EvidenceLevel, Indication } from '../drugs/types.js';
import { escapeMarkdown } from './markdown.js';

/** Facts about the agents of an order, gathered across its matches. */

export function matchesWithRole(order: RecognizedOrder, role: DrugRole) {
  return order.agents.filter((m) => rolesOf(m).has(role));
}

export function hasAgent(order: RecognizedOrder, ids: readonly string[]): boolean {
  return order.agents.some((m) => m.agent !== undefined && ids.includes(m.agent.id));
}

export function inClass(order: RecognizedOrder, classIds: readonly string[]): boolean {
  return order.agents.some((m) => classIds.includes(m.drugClass.id));
}

/** The agent's own indications, else its class's. */
export function indicationsOf(order: RecognizedOrder, role: DrugRole): Indication[] {
  return matchesWithRole(order, role).flatMap((m) => m.agent?.indications ?? m.drugClass.indications ?? []);
}

export function evidenceLevelOf(order: RecognizedOrder, role: DrugRole): EvidenceLevel | undefined {
  for (const m of matchesWithRole(order, role)) {
    const level = m.agent?.evidence ?? m.drugClass.evidence;
    if (level) return level;
  }
  return undefined;
}

/** "**Broncho-munal** (bacterial lysate)": the order as written, escaped, with its class. */
export function orderLabel(order: RecognizedOrder, role?: DrugRole): string {
  const match = (role ? matchesWithRole(order, role)[0] : undefined) ?? order.agents[0];
  const cls = match ? ` (${match.drugClass.display.toLowerCase()})` : '';
  return `**${escapeMarkdown(order.display)}**${cls}`;
}

/** Plain name for summaries (no markdown): the agent's INN, else the order text. */
export function plainName(order: RecognizedOrder, role?: DrugRole): string {
  const match = (role ? matchesWithRole(order, role)[0] : undefined) ?? order.agents[0];
  return match?.agent?.name ?? order.vaccines[0]?.vaccine.name ?? order.display;
}
