import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fnv1a } from '../../../cds-hooks/population/classify/shard.js';
import type { PopulationReport } from '../../../src/contract/population.js';
import { FIXTURE_NOW } from '../../helpers/fixtures.js';
import { HAND_POPULATION } from '../../helpers/hand-population.js';
import { DEMO_SCENARIOS, signedScenario, writeNdjsonDir } from '../../helpers/population.js';

// The built CLI, as a site runs it: N shard runs merged by `report --from` give the measures of one run.
const CLI = fileURLToPath(new URL('../../../dist/cds-hooks/cli/main.js', import.meta.url));
const run = promisify(execFile);
let dir: string;

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const AS_OF = ['--as-of', FIXTURE_NOW.toISOString()];
// Each run starts the whole CLI (a few seconds on two shared cores): bounds against hangs, not speed.
const SLOW = { timeout: 120_000 };

beforeAll(() => {
  if (!existsSync(CLI))
    throw new Error('dist/cds-hooks/cli/main.js is missing: run `npm run build:node` (`npm test` does).');
  dir = mkdtempSync(join(tmpdir(), 'population-shards-'));
  writeNdjsonDir(join(dir, 'export'), [...DEMO_SCENARIOS.map(signedScenario), ...HAND_POPULATION]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sharded classification', () => {
  it('three shards merge to exactly the measures of one run', SLOW, async () => {
    const one = await cli('population', 'classify', '--ndjson', 'export', '--db', 'one.duckdb', ...AS_OF);
    expect(one.stderr).toBe('');
    expect(one.stdout).toMatch(/^18 patients, \d[\d,]* resources, 20 immunostimulant courses classified/);
    for (const i of [0, 1, 2]) {
      const shard = await cli(
        'population',
        'classify',
        '--ndjson',
        'export',
        '--shard',
        `${i}/3`,
        '--parquet',
        'shards',
        ...AS_OF,
      );
      expect(shard.code).toBe(0);
      expect(shard.stdout).toContain(`shard ${i}/3`);
    }
    expect(
      readdirSync(join(dir, 'shards'))
        .filter((f) => f.startsWith('course_classes'))
        .sort(),
    ).toEqual(['course_classes-0-of-3.parquet', 'course_classes-1-of-3.parquet', 'course_classes-2-of-3.parquet']);
    const merged = await cli('population', 'report', '--from', 'shards', '--go-live', '2026-04-01', '--json');
    const single = await cli('population', 'report', '--db', 'one.duckdb', '--go-live', '2026-04-01', '--json');
    expect(merged.code).toBe(0);
    const report = JSON.parse(merged.stdout) as PopulationReport;
    expect(report.total.find((r) => r.dim === 'all')?.courses).toBe(20);
    expect(report).toEqual(JSON.parse(single.stdout));
  });

  it('each patient is in exactly one shard, by the FNV-1a hash of its id', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const patients: string[][] = [];
    for (const i of [0, 1, 2]) {
      const file = join(dir, 'shards', `observation_spans-${i}-of-3.parquet`);
      const rows = (await connection.runAndReadAll(`SELECT patient_id FROM '${file}' ORDER BY 1`)).getRows();
      patients.push(rows.map(([id]) => String(id)));
    }
    connection.closeSync();
    instance.closeSync();
    patients.forEach((ids, i) => {
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(fnv1a(id) % 3).toBe(i);
    });
    expect(patients.flat().sort()).toHaveLength(18);
  });
});

describe('population commands on bad input', () => {
  it(
    'classify without --ndjson, with a bad shard or a missing directory: a sentence and exit 2 or 3',
    SLOW,
    async () => {
      expect(await cli('population', 'classify')).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('needs --ndjson'),
      });
      expect(
        await cli('population', 'classify', '--ndjson', 'export', '--shard', '3/3', '--parquet', 'x'),
      ).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('"3/3" is not a shard'),
      });
      expect(await cli('population', 'classify', '--ndjson', 'nowhere', '--db', 'x.duckdb')).toMatchObject({
        code: 3,
        stderr: 'immunosteward: nowhere does not exist\n',
      });
    },
  );

  it('report on a missing warehouse, a database without the tables, or a bad go-live date', SLOW, async () => {
    expect(await cli('population', 'report', '--db', 'missing.duckdb')).toMatchObject({
      code: 3,
      stderr: 'immunosteward: missing.duckdb does not exist\n',
    });
    const empty = await DuckDBInstance.create(join(dir, 'empty.duckdb'));
    empty.closeSync();
    expect(await cli('population', 'report', '--db', 'empty.duckdb')).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('run "immunosteward population classify" on it first'),
    });
    expect(await cli('population', 'report', '--db', 'one.duckdb', '--go-live', 'soon')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--go-live: "soon" is not a date'),
    });
  });

  it('prints the measures as tables and writes CSV and Parquet', SLOW, async () => {
    const result = await cli(
      'population',
      'report',
      '--db',
      'one.duckdb',
      '--go-live',
      '2026-04-01',
      '--out',
      'report',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Before and after go-live');
    expect(result.stdout).toMatch(/Bacterial lysates\s+4\s/);
    expect(readdirSync(join(dir, 'report')).sort()).toEqual(['feedback.csv', 'measures.csv', 'measures.parquet']);
  });
});
