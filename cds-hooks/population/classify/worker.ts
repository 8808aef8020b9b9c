import { parentPort, workerData } from 'node:worker_threads';
import type { SiteConfig } from '../../../src/core/config/schema.js';
import { classifyPatient, type PatientRows } from './patient.js';

/**
 * A classification worker thread: takes batches of patient records (JSON lines), returns their
 * rows. The rules run here; the main thread only reads the files and writes the tables.
 */

export interface WorkerSetup {
  config: SiteConfig;
  asOfMs: number;
}

export interface Batch {
  id: number;
  patients: { patientId: string; resources: string[] }[];
}

export type BatchResult =
  | { id: number; rows: PatientRows[]; resources: number; skipped: number }
  | { id: number; error: string; patientId: string };

const setup = workerData as WorkerSetup;

parentPort?.on('message', (batch: Batch) => {
  const rows: PatientRows[] = [];
  let resources = 0;
  let skipped = 0;
  const parse = (line: string): unknown[] => {
    try {
      return [JSON.parse(line)];
    } catch {
      skipped += 1;
      return [];
    }
  };
  for (const patient of batch.patients) {
    try {
      const raw = patient.resources.flatMap(parse);
      resources += raw.length;
      rows.push(classifyPatient(raw, setup));
    } catch (error) {
      // Named by its record id only: the message never carries the record's content.
      const reply: BatchResult = { id: batch.id, error: (error as Error).message, patientId: patient.patientId };
      parentPort?.postMessage(reply);
      return;
    }
  }
  const reply: BatchResult = { id: batch.id, rows, resources, skipped };
  parentPort?.postMessage(reply);
});
