import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SiteConfig } from '../../../src/core/config/schema.js';
import { ndjsonFiles, type PatientRecord, patientRecords, type ReadStats } from './records.js';
import type { Shard } from './shard.js';
import { ClassificationWriter, createTables } from './tables.js';
import type { Batch, BatchResult, WorkerSetup } from './worker.js';

/**
 * Classifies every patient of an NDJSON directory into the warehouse: the main thread streams
 * patients (grouped by `records.ts`) in batches to a pool of worker threads, one per core, and appends
 * the rows they return. At most two batches wait per worker, so memory stays bounded.
 */

export interface ClassifyRunOptions {
  /** The NDJSON directory. */
  dir: string;
  /** The warehouse connection the tables are written to. */
  connection: DuckDBConnection;
  config: SiteConfig;
  asOfMs: number;
  shard?: Shard;
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  /** Patients per batch sent to a worker. */
  batchSize?: number;
  /** The worker script (default: `worker.js` beside this module once built). */
  workerUrl?: URL;
  onProgress?: (progress: ClassifyProgress) => void;
}

export interface ClassifyProgress {
  patients: number;
  resources: number;
  courses: number;
  /** Lines that were not JSON or named no patient, skipped. */
  skipped: number;
}

export interface ClassifySummary extends ClassifyProgress {
  workers: number;
  ms: number;
}

export class ClassificationError extends Error {}

export async function classifyDirectory(options: ClassifyRunOptions): Promise<ClassifySummary> {
  const started = performance.now();
  const files = ndjsonFiles(options.dir);
  const size = Math.max(1, options.workers ?? availableParallelism());
  const setup: WorkerSetup = { config: options.config, asOfMs: options.asOfMs };
  const url = options.workerUrl ?? new URL('./worker.js', import.meta.url);
  const pool = Array.from({ length: size }, () => ({ worker: new Worker(url, { workerData: setup }), inflight: 0 }));
  await createTables(options.connection);
  const writer = await ClassificationWriter.open(options.connection);
  const progress: ClassifyProgress = { patients: 0, resources: 0, courses: 0, skipped: 0 };
  const read: ReadStats = { lines: 0, skipped: 0 };
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let failure: Error | undefined;
  let freed: (() => void) | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
    freed?.();
  };
  for (const slot of pool) {
    slot.worker.on('message', (result: BatchResult) => {
      slot.inflight -= 1;
      const pending = waiting.get(result.id);
      waiting.delete(result.id);
      if ('error' in result) {
        fail(new ClassificationError(`patient ${result.patientId} could not be classified: ${result.error}`));
        return;
      }
      for (const rows of result.rows) {
        writer.write(rows);
        progress.courses += rows.courses.length;
      }
      progress.patients += result.rows.length;
      progress.resources += result.resources;
      progress.skipped += result.skipped;
      options.onProgress?.({ ...progress });
      pending?.resolve();
      freed?.();
    });
    slot.worker.on('error', (error) =>
      fail(new ClassificationError(`a classification worker failed: ${error.message}`)),
    );
  }
  const done: Promise<void>[] = [];
  let nextId = 0;
  const send = async (patients: PatientRecord[]) => {
    while (!failure && pool.every((s) => s.inflight >= 2)) {
      await new Promise<void>((resolve) => {
        freed = resolve;
      });
    }
    if (failure) throw failure;
    const slot = pool.reduce((a, b) => (b.inflight < a.inflight ? b : a));
    const batch: Batch = { id: nextId++, patients };
    slot.inflight += 1;
    const answered = new Promise<void>((resolve, reject) => waiting.set(batch.id, { resolve, reject }));
    // Awaited together at the end; a failure before then must not count as unhandled.
    answered.catch(() => undefined);
    done.push(answered);
    slot.worker.postMessage(batch);
  };
  try {
    let batch: PatientRecord[] = [];
    for await (const record of patientRecords(files, {
      ...(options.shard ? { shard: options.shard } : {}),
      stats: read,
    })) {
      batch.push(record);
      if (batch.length >= (options.batchSize ?? 50)) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await send(batch);
    await Promise.all(done);
    if (failure) throw failure;
  } finally {
    writer.close();
    await Promise.all(pool.map((s) => s.worker.terminate()));
  }
  return { ...progress, skipped: progress.skipped + read.skipped, workers: size, ms: performance.now() - started };
}
