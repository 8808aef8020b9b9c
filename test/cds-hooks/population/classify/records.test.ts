import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  linePatientId,
  ndjsonFiles,
  PATIENT_TYPES,
  type PatientRecord,
  patientRecords,
  type ReadStats,
} from '../../../../cds-hooks/population/classify/records.js';
import { fnv1a } from '../../../../cds-hooks/population/classify/shard.js';
import { HAND_POPULATION } from '../../../helpers/hand-population.js';
import { DEMO_SCENARIOS, signedScenario, writeNdjsonDir } from '../../../helpers/population.js';

let dir: string;
const all = [...DEMO_SCENARIOS.map(signedScenario), ...HAND_POPULATION];

async function collect(options: Parameters<typeof patientRecords>[1] = {}): Promise<PatientRecord[]> {
  const out: PatientRecord[] = [];
  for await (const r of patientRecords(ndjsonFiles(dir), options)) out.push(r);
  return out.sort((a, b) => a.patientId.localeCompare(b.patientId));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'population-records-'));
  writeNdjsonDir(dir, all);
  // A second Observation file, gzipped, as Bulk servers may split and compress their output.
  const extra = {
    resourceType: 'Observation',
    id: 'gz-1',
    status: 'final',
    code: { text: 'x' },
    subject: { reference: 'Patient/pop-a' },
  };
  writeFileSync(join(dir, 'Observation-2.ndjson.gz'), gzipSync(`${JSON.stringify(extra)}\n`));
  // A line that is not JSON, one that names no patient, a blank line.
  appendFileSync(
    join(dir, 'Condition.ndjson'),
    '{"resourceType":"Condition", broken\n{"resourceType":"Condition","id":"orphan"}\n\n',
  );
  writeFileSync(join(dir, 'notes.txt'), 'not an export file');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('patients of an NDJSON directory', () => {
  it('gathers every patient’s resources, from plain and gzipped files; skips and counts lines without a patient', async () => {
    const stats: ReadStats = { lines: 0, skipped: 0 };
    const records = await collect({ stats });
    expect(records.map((r) => r.patientId)).toEqual(all.map((p) => (p[0] as { id: string }).id).sort());
    const a = records.find((r) => r.patientId === 'pop-a');
    expect(a?.resources).toHaveLength((HAND_POPULATION[0]?.length ?? 0) + 1);
    // Every line of the six types read (the demo bundles' other types have files the classifier does not open).
    const lines = all.flat().filter((r) => PATIENT_TYPES.includes(r.resourceType)).length;
    expect(stats).toEqual({ lines: lines + 1 + 2, skipped: 2 });
  });

  it('gives the same patients through partitions on disk as in one pass', async () => {
    const whole = await collect();
    const partitioned = await collect({ partitionBytes: 64 * 1024 });
    expect(partitioned.map((r) => [r.patientId, [...r.resources].sort()])).toEqual(
      whole.map((r) => [r.patientId, [...r.resources].sort()]),
    );
  });

  it('keeps one shard’s patients only', async () => {
    const shard = await collect({ shard: { index: 1, count: 3 }, partitionBytes: 64 * 1024 });
    expect(shard.length).toBeGreaterThan(0);
    for (const r of shard) expect(fnv1a(r.patientId) % 3).toBe(1);
  });

  it('reads the patient of a line with or without parsing it, refusing ids that would break a partition file', () => {
    expect(linePatientId('{"resourceType":"Observation","subject":{"reference":"Patient/p-1"}}')).toBe('p-1');
    expect(
      linePatientId(
        '{"resourceType":"Immunization","patient":{"display":"x","reference":"https://ehr/fhir/Patient/p-2"}}',
      ),
    ).toBe('p-2');
    expect(linePatientId('{"resourceType":"Patient","id":"p-3"}')).toBe('p-3');
    expect(linePatientId('{"resourceType":"Patient","id":"p\\t4"}')).toBeUndefined();
    expect(linePatientId('{"resourceType":"Observation","subject":{"reference":"Group/g"}}')).toBeUndefined();
  });

  it('names the directory that does not exist or holds no export file', () => {
    expect(() => ndjsonFiles(join(dir, 'missing'))).toThrow(`${join(dir, 'missing')} does not exist`);
    const empty = mkdtempSync(join(tmpdir(), 'population-empty-'));
    expect(() => ndjsonFiles(empty)).toThrow(/holds no NDJSON file of Patient, Encounter/);
    rmSync(empty, { recursive: true });
  });
});
