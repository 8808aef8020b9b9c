import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { classifyDirectory } from '../population/classify/run.js';
import { parseShard } from '../population/classify/shard.js';
import { copyToParquet } from '../population/classify/tables.js';
import {
  manifestTime,
  type PopulationResult,
  PopulationUsageError,
  parseInstant,
  populationConfig,
  populationFailure,
} from './population-shared.js';

/**
 * `population classify --ndjson DIR [--db FILE] [--shard i/N --parquet DIR] [--as-of DATE]`:
 * every patient's courses classified by the rules into the warehouse, or a shard's Parquet files.
 */

export const POPULATION_CLASSIFY_USAGE = `  population classify --ndjson <dir> [--db <file>] [--as-of <date>]
                          [--shard <i/N> --parquet <dir>] [--workers <n>]
                          Classify every immunostimulant course of an NDJSON export
                          with the cards' rules (worker threads, one per core) into
                          the warehouse (default population.warehouse, the demo's .immunosteward/population.duckdb); a shard writes
                          its Parquet files instead (course_classes-<i>-of-<N>.parquet…).
`;

export async function populationClassify(
  args: string[],
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void = () => undefined,
): Promise<PopulationResult> {
  try {
    const { values } = parseArgs({
      args,
      options: {
        ndjson: { type: 'string' },
        db: { type: 'string' },
        'as-of': { type: 'string' },
        shard: { type: 'string' },
        parquet: { type: 'string' },
        workers: { type: 'string' },
        config: { type: 'string' },
      },
    });
    if (!values.ndjson) throw new PopulationUsageError('population classify needs --ndjson <dir> (a Bulk export)');
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    if (typeof shard === 'string') throw new PopulationUsageError(`--shard: ${shard}`);
    if (shard && !values.parquet && !values.db) {
      throw new PopulationUsageError('--shard writes Parquet: give --parquet <dir> (or --db <file>)');
    }
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
      throw new PopulationUsageError(`--workers: "${values.workers}" is not a whole number of threads`);
    }
    const config = populationConfig(values.config, env);
    const asOfMs = values['as-of']
      ? parseInstant(values['as-of'], '--as-of')
      : (manifestTime(values.ndjson) ?? Date.now());
    // A shard without --db works in memory: only its Parquet files are kept.
    const file = values.db ?? (shard ? ':memory:' : config.population.warehouse);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    try {
      let last = 0;
      const summary = await classifyDirectory({
        dir: values.ndjson,
        connection,
        config,
        asOfMs,
        ...(shard ? { shard } : {}),
        ...(workers ? { workers } : {}),
        onProgress: (p) => {
          if (p.patients - last < 1000) return;
          last = p.patients;
          progress(
            `classified ${p.patients.toLocaleString('en')} patients, ${p.resources.toLocaleString('en')} resources, ${p.courses.toLocaleString('en')} courses`,
          );
        },
      });
      if (values.parquet) mkdirSync(values.parquet, { recursive: true });
      const files = values.parquet
        ? await copyToParquet(connection, values.parquet, shard ? `-${shard.index}-of-${shard.count}` : '')
        : [];
      const seconds = summary.ms / 1000;
      const lines = [
        `${summary.patients.toLocaleString('en')} patients, ${summary.resources.toLocaleString('en')} resources, ${summary.courses.toLocaleString('en')} immunostimulant courses classified in ${seconds.toFixed(1)} s (${Math.round(summary.resources / Math.max(seconds, 0.001)).toLocaleString('en')} resources/s, ${summary.workers} workers)${shard ? `, shard ${shard.index}/${shard.count}` : ''}`,
        `as of ${new Date(asOfMs).toISOString()}`,
        ...(summary.skipped > 0
          ? [`${summary.skipped.toLocaleString('en')} lines skipped: not JSON, or naming no patient`]
          : []),
        ...(file !== ':memory:' ? [`warehouse: ${file}`] : []),
        ...files.map((f) => `wrote ${f}`),
      ];
      return { code: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } catch (error) {
    return populationFailure(error);
  }
}
