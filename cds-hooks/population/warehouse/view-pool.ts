import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BatchResult, compileWarehouse, evaluateLines, type LineBatch } from './evaluate-lines.js';

/**
 * Where the views run: `workers` threads (each with its own compiled views; FHIRPath is CPU-bound
 * and single-threaded), or the calling thread when `workers` is 0. `run` resolves with the batch's
 * rows; the loader bounds how many batches are in flight.
 */
export interface ViewPool {
  run(batch: LineBatch): Promise<BatchResult>;
  close(): Promise<void>;
}

/**
 * The built worker script. Sources under test (`.ts`) have no runnable worker: Node 20 cannot
 * load TypeScript in a thread, so they use the build's (`npm run build:node`).
 */
function workerScript(): URL {
  const beside = new URL('./view-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL('../../../dist/cds-hooks/population/warehouse/view-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`no built view worker at ${fileURLToPath(built)}: run npm run build:node, or load with workers: 0`);
}

export function inlinePool(): ViewPool {
  const warehouse = compileWarehouse();
  return { run: async (batch) => evaluateLines(warehouse, batch), close: async () => {} };
}

export function workerPool(size: number): ViewPool {
  const script = workerScript();
  const pending = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  const load = new Map<Worker, number>();
  let seq = 0;
  let failure: Error | undefined;
  let closing = false;
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(script);
    load.set(worker, 0);
    worker.on('message', (message: { seq: number; result: BatchResult }) => {
      load.set(worker, (load.get(worker) ?? 1) - 1);
      pending.get(message.seq)?.resolve(message.result);
      pending.delete(message.seq);
    });
    const fail = (error: Error) => {
      failure ??= error;
      for (const p of pending.values()) p.reject(failure);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closing) fail(new Error(`a view worker stopped (exit code ${code})`));
    });
    return worker;
  });
  return {
    run(batch) {
      // A dead worker would never answer: once one has failed, every batch fails at once.
      if (failure) return Promise.reject(failure);
      // The least busy worker takes the batch.
      const worker = workers.reduce((a, b) => ((load.get(b) ?? 0) < (load.get(a) ?? 0) ? b : a));
      load.set(worker, (load.get(worker) ?? 0) + 1);
      const id = seq++;
      const result = new Promise<BatchResult>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ ...batch, seq: id });
      return result;
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
