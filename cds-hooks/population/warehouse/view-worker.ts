import { parentPort } from 'node:worker_threads';
import { compileWarehouse, evaluateLines, type LineBatch } from './evaluate-lines.js';

/**
 * A worker thread of the loader: compiles the views once, then answers each batch of NDJSON
 * lines with its rows (`evaluateLines`). Started by `view-pool.ts`.
 */

const warehouse = compileWarehouse();
parentPort?.on('message', (batch: LineBatch & { seq: number }) => {
  parentPort?.postMessage({ seq: batch.seq, result: evaluateLines(warehouse, batch) });
});
