import type { RecognizedOrder } from '../drugs/orders.js';
import type { DrugRole } from '../drugs/types.js';

/** Orders by role and by class, built once per request so rules do not rescan the history. */
export class OrderIndex {
  readonly byRole = new Map<DrugRole, RecognizedOrder[]>();
  readonly byClass = new Map<string, RecognizedOrder[]>();

  constructor(orders: readonly RecognizedOrder[]) {
    for (const o of orders) {
      for (const role of o.roles) push(this.byRole, role, o);
      for (const cls of new Set(o.agents.map((m) => m.drugClass.id))) push(this.byClass, cls, o);
    }
  }
}

function push<K>(map: Map<K, RecognizedOrder[]>, key: K, o: RecognizedOrder): void {
  const list = map.get(key);
  if (list) list.push(o);
  else map.set(key, [o]);
}
