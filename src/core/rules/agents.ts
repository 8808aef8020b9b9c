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

/**
 * "**Imunorix 400 mg** (pidotimod)": the order as written, escaped, with the INN when the order's
 * text does not name it — never a class or code-system display.
 */
export function orderLabel(order: RecognizedOrder, role?: DrugRole): string {
  const inn = plainName(order, role);
  const named = order.display.toLowerCase().includes(inn.toLowerCase());
  return `**${escapeMarkdown(order.display)}**${named ? '' : ` (${escapeMarkdown(inn)})`}`;
}

/** Plain name for summaries (no markdown): the agent's INN, else the order text. */
export function plainName(order: RecognizedOrder, role?: DrugRole): string {
  const match = (role ? matchesWithRole(order, role)[0] : undefined) ?? order.agents[0];
  return match?.agent?.name ?? order.vaccines[0]?.vaccine.name ?? order.display;
}

/** The name that opens a summary: the INN with a capital ("Pidotimod"). */
export function drugName(order: RecognizedOrder, role?: DrugRole): string {
  const name = plainName(order, role);
  return name.charAt(0).toUpperCase() + name.slice(1);
}
