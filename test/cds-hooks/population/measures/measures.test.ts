import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDirectory } from '../../../../cds-hooks/population/classify/run.js';
import { writeReportFiles } from '../../../../cds-hooks/population/measures/files.js';
import {
  openWarehouse,
  populationReport,
  type ReportSource,
} from '../../../../cds-hooks/population/measures/report.js';
import { SqliteFeedbackStore } from '../../../../cds-hooks/store/sqlite.js';
import type { MeasureRow, PopulationReport } from '../../../../src/contract/population.js';
import { siteConfigSchema } from '../../../../src/core/config/schema.js';
import { HAND_AS_OF, HAND_GO_LIVE, HAND_MAX_DAYS, HAND_POPULATION } from '../../../helpers/hand-population.js';
import { builtClassifyWorker, writeNdjsonDir } from '../../../helpers/population.js';

let dir: string;
let source: ReportSource;
let report: PopulationReport;
let store: SqliteFeedbackStore;

const row = (rows: readonly MeasureRow[], bucket: string, dim: MeasureRow['dim'], key = '') => {
  const found = rows.find((r) => r.bucket === bucket && r.dim === dim && r.key === key);
  if (!found) throw new Error(`no row ${bucket}/${dim}/${key}`);
  return found;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'population-measures-'));
  writeNdjsonDir(join(dir, 'export'), HAND_POPULATION);
  const config = siteConfigSchema.parse({ thresholds: { courses: { maxDays: HAND_MAX_DAYS } } });
  const file = join(dir, 'population.duckdb');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await classifyDirectory({
    dir: join(dir, 'export'),
    connection,
    config,
    asOfMs: HAND_AS_OF,
    workerUrl: builtClassifyWorker(),
  });
  connection.closeSync();
  instance.closeSync();
  // Cards: two booster-not-indicated cards in March (one overridden), three in May (two accepted).
  let clock = new Date('2026-03-10T10:00:00Z');
  store = new SqliteFeedbackStore(':memory:', { now: () => clock });
  const card = (uuid: string) => ({
    uuid,
    rule: 'booster-not-indicated',
    indicator: 'warning',
    rules: [{ rule: 'booster-not-indicated', indicator: 'warning' }],
  });
  const meta = { service: 'immunosteward-order-sign' };
  store.recordCards([card('m1'), card('m2')], meta);
  await store.recordFeedback([{ card: 'm1', outcome: 'overridden', outcomeTimestamp: '2026-03-10T10:01:00Z' }], meta);
  clock = new Date('2026-05-10T10:00:00Z');
  store.recordCards([card('n1'), card('n2'), card('n3')], meta);
  await store.recordFeedback(
    [
      { card: 'n1', outcome: 'accepted', outcomeTimestamp: '2026-05-10T10:01:00Z' },
      { card: 'n2', outcome: 'accepted', outcomeTimestamp: '2026-05-10T10:02:00Z' },
    ],
    meta,
  );
  source = await openWarehouse(file);
  report = await populationReport(source, { goLiveDate: HAND_GO_LIVE, feedback: store, now: new Date(HAND_AS_OF) });
});

afterAll(async () => {
  source?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the measures of a hand-checked population', () => {
  it('the whole period: 8 courses, their classification, length and DOT per 1,000 days present', () => {
    const all = row(report.total, 'all', 'all');
    expect(report.denominator).toBe('days-present');
    expect(all).toMatchObject({
      // A, B, C, D, F×3, G.
      courses: 8,
      indicated: 1, // B
      not_indicated_normal: 6, // A, D, F1, F2, F3, G
      not_indicated_unknown: 1, // C
      unbounded: 1, // C
      over_max: 1, // G: 45 > 30
      repeated: 1, // F3
      near_misses: 1, // D
      anticoagulant: 1,
      // A 10 + B 15 + C 52 (10 May–30 June) + D 3 + F 30 + G 45.
      days_of_therapy: 155,
      // A 1 + B 10 + C 1 + D 1 + E 5 + F 3 + G 1.
      days_present: 22,
      share_indicated: 0.125,
      share_not_indicated_normal: 0.75,
      share_not_indicated_unknown: 0.125,
      share_repeated: 0.125,
      near_misses_per_100: 12.5,
      // Bounded lengths 3, 10, 10, 10, 10, 15, 45: median 10; p90 at rank 5.4 = 15 + 0.4 × 30.
      median_days: 10,
    });
    expect(all.p90_days).toBeCloseTo(27, 9);
    expect(all.dot_per_1000).toBeCloseTo((1000 * 155) / 22, 9);
  });

  it('before and after go-live (April 2026 on counts as after)', () => {
    // Before: A (Feb), F1 (Sep 2025), F2 (Jan); DOT 30; days present A 1 + E 5 + F 2 = 8.
    expect(row(report.phases, 'before', 'all')).toMatchObject({
      courses: 3,
      not_indicated_normal: 3,
      days_of_therapy: 30,
      days_present: 8,
      dot_per_1000: 3750,
      median_days: 10,
      p90_days: 10,
    });
    // After: B, C, D, F3, G; DOT 15 + 52 + 3 + 10 + 45 = 125; days present B 10 + C 1 + D 1 + F 1 + G 1 = 14.
    const after = row(report.phases, 'after', 'all');
    expect(after).toMatchObject({
      courses: 5,
      indicated: 1,
      not_indicated_normal: 3,
      not_indicated_unknown: 1,
      days_of_therapy: 125,
      days_present: 14,
      share_indicated: 0.2,
      near_misses_per_100: 20,
      // 3, 10, 15, 45: median 12.5; p90 at rank 2.7 = 15 + 0.7 × 30.
      median_days: 12.5,
    });
    expect(after.p90_days).toBeCloseTo(36, 9);
    expect(after.dot_per_1000).toBeCloseTo((1000 * 125) / 14, 9);
  });

  it('per month: May 2026', () => {
    // Started in May: B, C, F3. DOT in May: B 15 + C 22 + F3 10 + G 31. Days present: B 10 + C 1 + F 1.
    expect(row(report.months, '2026-05', 'all')).toMatchObject({
      courses: 3,
      days_of_therapy: 78,
      days_present: 12,
      dot_per_1000: 6500,
    });
    // G's course started in April and runs into June: its days count in each month it was given.
    expect(row(report.months, '2026-06', 'all')).toMatchObject({ courses: 1, days_of_therapy: 30 + 3 + 3 });
  });

  it('per class and agent, against the class maximum', () => {
    expect(row(report.total, 'all', 'class', 'low-molecular-immunomodulator')).toMatchObject({
      courses: 7,
      days_of_therapy: 152,
      days_present: 22,
      class_max_days: 30,
      over_max: 1,
    });
    expect(row(report.total, 'all', 'class', 'levamisole')).toMatchObject({ courses: 1, anticoagulant: 1 });
    expect(row(report.total, 'all', 'agent', 'pidotimod')).toMatchObject({ courses: 6, days_of_therapy: 137 });
    expect(row(report.total, 'all', 'agent', 'inosine-pranobex')).toMatchObject({ courses: 1, indicated: 1 });
  });

  it('per department: the course’s encounter department, its days present', () => {
    // Pulmonology: A, C, F×3, G; DOT 137; days present A 1 + C 1 + F 3 + G 1.
    const pulmonology = row(report.total, 'all', 'department', 'Pulmonology');
    expect(pulmonology).toMatchObject({ courses: 6, days_of_therapy: 137, days_present: 6 });
    expect(pulmonology.dot_per_1000).toBeCloseTo((1000 * 137) / 6, 9);
    // Internal medicine: B's course; B's stay of 10 days and E's of 5.
    expect(row(report.total, 'all', 'department', 'Internal medicine')).toMatchObject({
      courses: 1,
      days_present: 15,
      dot_per_1000: 1000,
    });
    expect(report.departments).toEqual(['Cardiology', 'Internal medicine', 'Pulmonology']);
  });

  it('the cards shown, accepted and overridden per rule, before and after go-live', () => {
    expect(report.feedback).toEqual([
      { bucket: 'before', rule: 'booster-not-indicated', shown: 2, accepted: 0, overridden: 1 },
      { bucket: 'after', rule: 'booster-not-indicated', shown: 3, accepted: 2, overridden: 0 },
    ]);
  });

  it('filters by class, department and period', async () => {
    const filtered = await populationReport(source, {
      goLiveDate: HAND_GO_LIVE,
      filter: { class: 'low-molecular-immunomodulator', department: 'Pulmonology', from: '2026-01', to: '2026-05' },
    });
    // Started January–May in Pulmonology: F2, A, G, C, F3.
    expect(row(filtered.total, 'all', 'all')).toMatchObject({ courses: 5, days_present: 5 });
    expect(filtered.lengths).toEqual([
      { class: 'low-molecular-immunomodulator', days: 10, courses: 3 },
      { class: 'low-molecular-immunomodulator', days: 45, courses: 1 },
    ]);
  });

  it('writes the same numbers to CSV and Parquet', async () => {
    const files = await writeReportFiles(source, report, join(dir, 'out'));
    const csv = readFileSync(join(dir, 'out', 'measures.csv'), 'utf8').split('\r\n');
    expect(csv[0]?.startsWith('bucket,dim,key,courses,indicated,')).toBe(true);
    // bucket, dim, key, courses … immunosuppressant, median, p90, class max, DOT, days present.
    const total = csv.find((l) => l.startsWith('all,all,,8,1,6,1,1,1,1,1,0,1,0,0,10,27.0'));
    expect(total?.split(',').slice(17, 20)).toEqual(['', '155', '22']);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const parquet = await (
      await connection.runAndReadAll(
        `SELECT courses, days_of_therapy, days_present FROM '${files[1]}' WHERE bucket = 'after' AND dim = 'all'`,
      )
    ).getRowObjectsJson();
    expect(parquet).toEqual([{ courses: '5', days_of_therapy: 125, days_present: 14 }]);
    connection.closeSync();
    instance.closeSync();
  });
});
