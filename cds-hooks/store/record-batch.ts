import type { CallMeta, CardRecord, Invocation, StoreLogger } from './types.js';
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
  iss: string | null;
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
