import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { classifyDirectory } from '../../cds-hooks/population/classify/run.js';
import { siteConfigSchema } from '../../src/core/config/schema.js';
import { HAND_AS_OF, HAND_MAX_DAYS, HAND_POPULATION } from './hand-population.js';
import { builtClassifyWorker, writeNdjsonDir } from './population.js';

/** The hand-checked population exported, classified (real worker threads) into a warehouse file; returns its directory and file. */
export async function handWarehouse(): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'population-warehouse-'));
  writeNdjsonDir(join(dir, 'export'), HAND_POPULATION);
  const file = join(dir, 'population.duckdb');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await classifyDirectory({
    dir: join(dir, 'export'),
    connection,
    config: siteConfigSchema.parse({ thresholds: { courses: { maxDays: HAND_MAX_DAYS } } }),
    asOfMs: HAND_AS_OF,
    workerUrl: builtClassifyWorker(),
  });
  connection.closeSync();
  instance.closeSync();
  return { dir, file };
}
