import type { CallMeta, CardRecord, FiredRule, Invocation, StoreLogger } from './types.js';
import { errorSummary } from './types.js';

/**
 * The records kept off the signing path — cards shown and calls answered — waiting to be written
 * by a store's next flush. A batch that could not be written goes back in front of the queue,
 * within MAX_PENDING rows per kind (older rows are dropped and the drop is logged).
 */

export interface CardRow {
  uuid: string;
  service: string;
  hookInstance: string | null;
  rule: string;
  indicator: string;
  /** Every rule that fired on the card, the primary first, each once. */
  rules: FiredRule[];
  iss: string | null;
  tenant: string | null;
  issuedAt: string;
}

/** One `card_rules` row: a rule fired on a card, with the card's tenant and time for the analytics. */
export interface CardRuleRow extends FiredRule {
  cardUuid: string;
  tenant: string | null;
  issuedAt: string;
}

export interface InvocationRow {
  service: string;
  status: number;
  durationMs: number;
  iss: string | null;
  tenant: string | null;
  at: string;
}

const MAX_PENDING = 10_000;

/**
 * The primary rule first, then the others in the card's order, each rule once (its first
 * indicator kept): a card counts once per rule even if the caller's list omits or repeats one.
 */
function firedRules(card: CardRecord): FiredRule[] {
  const byRule = new Map<string, FiredRule>();
  for (const { rule, indicator } of [card, ...card.rules]) {
    if (!byRule.has(rule)) byRule.set(rule, { rule, indicator });
  }
  return [...byRule.values()];
}

/** The `card_rules` rows of a batch of cards. */
export function cardRuleRows(cards: readonly CardRow[]): CardRuleRow[] {
  return cards.flatMap((c) => c.rules.map((r) => ({ cardUuid: c.uuid, ...r, tenant: c.tenant, issuedAt: c.issuedAt })));
}

export class RecordBatch {
  private cards: CardRow[] = [];
  private invocations: InvocationRow[] = [];

  constructor(
    private readonly now: () => Date,
    private readonly logger: StoreLogger | undefined,
  ) {}

  addCards(cards: readonly CardRecord[], meta: CallMeta): void {
    const issuedAt = this.now().toISOString();
    for (const c of cards) {
      this.cards.push({
        uuid: c.uuid,
        service: meta.service,
        hookInstance: meta.hookInstance ?? null,
        rule: c.rule,
        indicator: c.indicator,
        rules: firedRules(c),
        iss: meta.iss ?? null,
        tenant: meta.tenant ?? null,
        issuedAt,
      });
    }
  }

  addInvocation(invocation: Invocation): void {
    this.invocations.push({
      service: invocation.service,
      status: invocation.status,
      durationMs: invocation.durationMs,
      iss: invocation.iss ?? null,
      tenant: invocation.tenant ?? null,
      at: this.now().toISOString(),
    });
  }

  get empty(): boolean {
    return this.cards.length === 0 && this.invocations.length === 0;
  }

  /** Everything waiting, handed to the writer; the batch starts empty again. */
  take(): { cards: CardRow[]; invocations: InvocationRow[] } {
    const taken = { cards: this.cards, invocations: this.invocations };
    this.cards = [];
    this.invocations = [];
    return taken;
  }

  /** Rows a write failed on, queued again in front of what arrived meanwhile. */
  putBack(failed: { cards?: CardRow[]; invocations?: InvocationRow[] }, error: unknown): void {
    if (failed.cards?.length) this.cards = this.requeue(failed.cards, this.cards, 'cards', error);
    if (failed.invocations?.length)
      this.invocations = this.requeue(failed.invocations, this.invocations, 'calls', error);
  }

  private requeue<T>(failed: T[], pending: T[], what: string, error: unknown): T[] {
    const all = [...failed, ...pending];
    const dropped = Math.max(0, all.length - MAX_PENDING);
    this.logger?.warn(
      { err: errorSummary(error), retrying: all.length - dropped, dropped },
      `batched ${what} not written`,
    );
    return all.slice(dropped);
  }
}
