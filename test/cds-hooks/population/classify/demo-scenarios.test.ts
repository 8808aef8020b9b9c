import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CourseClass, classifyPatient } from '../../../../cds-hooks/population/classify/patient.js';
import { classifyDirectory } from '../../../../cds-hooks/population/classify/run.js';
import { defaultSiteConfig } from '../../../../src/core/config/schema.js';
import { FIXTURE_NOW } from '../../../helpers/fixtures.js';
import { builtClassifyWorker, DEMO_SCENARIOS, signedScenario, writeNdjsonDir } from '../../../helpers/population.js';

// Each demo scenario's order, once signed, is classified as its cards say (test/fixtures/demo/README.md).
const asOfMs = FIXTURE_NOW.getTime();
const config = defaultSiteConfig();

function signedCourse(slug: string): CourseClass | undefined {
  const order = signedScenario(slug).at(-1) as { id: string };
  return classifyPatient(signedScenario(slug), { config, asOfMs }).courses.find((c) => c.courseId === order.id);
}

const NO_FLAGS = {
  unbounded: false,
  overMax: false,
  repeated: false,
  liveVaccine: false,
  anticoagulant: false,
  antineoplastic: false,
  immunosuppressant: false,
};

describe('the demo scenarios, classified as their cards say', () => {
  it('post-covid: indicated by the current lymphopenia, but unbounded (course-unbounded)', () => {
    expect(signedCourse('post-covid')).toMatchObject({
      ...NO_FLAGS,
      agent: 'inosine-pranobex',
      classification: 'indicated',
      indicatedBy: 'deficit',
      indication: 'deficit:lymphocytes',
      unbounded: true,
      // Inosine pranobex's label plan: uric acid in prolonged courses, with no baseline result here.
      rules: 'course-unbounded,monitoring-due',
    });
  });

  it('post-covid: the earlier courses are classified at their own signing, with the labs of then', () => {
    const courses = classifyPatient(signedScenario('post-covid'), { config, asOfMs }).courses;
    // January 2024: ALC 0.45 and CD4 150 were current (a deficit); March 2025: no result within 180 days.
    expect(courses.map((c) => [c.courseId, c.classification, c.indication])).toEqual([
      ['post-covid-isoprinosine-2024-01', 'indicated', 'deficit:lymphocytes,deficit:cd4'],
      ['post-covid-isoprinosine-2025-03', 'not-indicated-unknown-labs', undefined],
      ['post-covid-draft', 'indicated', 'deficit:lymphocytes'],
    ]);
  });

  it('chemo-gcsf: indicated by neutropenia and the chemotherapy, no interaction (beyond the 24 h window)', () => {
    expect(signedCourse('chemo-gcsf')).toMatchObject({
      ...NO_FLAGS,
      agent: 'filgrastim',
      classification: 'indicated',
      indication: 'deficit:neutrophils,condition:neutropenia,therapy:cytotoxic',
      plannedDays: 5,
      rules: '',
    });
  });

  it('hepatitis-peginterferon: the continuation joins the completed order in one indicated 336-day course', () => {
    const courses = classifyPatient(signedScenario('hepatitis-peginterferon'), { config, asOfMs }).courses;
    expect(courses).toHaveLength(1);
    expect(courses[0]).toMatchObject({
      ...NO_FLAGS,
      courseId: 'hepatitis-peginterferon-peginterferon-wk0-24',
      orders: 2,
      plannedDays: 336,
      classification: 'indicated',
      indicatedBy: 'condition',
      indication: 'condition:chronic-viral-hepatitis',
    });
  });

  it('sle-immunodeficiency: indicated by deficits, an immunomodulator conflict with prednisolone', () => {
    expect(signedCourse('sle-immunodeficiency')).toMatchObject({
      ...NO_FLAGS,
      agent: 'echinacea',
      classification: 'indicated',
      indicatedBy: 'deficit',
      immunosuppressant: true,
      rules: 'autoimmune-flare,immunomodulator-conflict',
    });
  });

  it('healthy-booster: not indicated with normal current labs, unbounded', () => {
    expect(signedCourse('healthy-booster')).toMatchObject({
      ...NO_FLAGS,
      agent: 'om-85',
      drugClass: 'bacterial-lysate',
      classification: 'not-indicated-normal-labs',
      unbounded: true,
      classMaxDays: 90,
      rules: 'booster-not-indicated,course-unbounded',
    });
  });

  it('warfarin-omega3: levamisole beside warfarin, not indicated with normal labs', () => {
    expect(signedCourse('warfarin-omega3')).toMatchObject({
      ...NO_FLAGS,
      agent: 'levamisole',
      classification: 'not-indicated-normal-labs',
      anticoagulant: true,
      rules: 'anticoagulant-interaction,booster-not-indicated',
    });
  });

  it('checkpoint-booster: pidotimod beside pembrolizumab, not indicated with normal labs', () => {
    expect(signedCourse('checkpoint-booster')).toMatchObject({
      ...NO_FLAGS,
      agent: 'pidotimod',
      classification: 'not-indicated-normal-labs',
      antineoplastic: true,
      rules: 'antineoplastic-interaction,booster-not-indicated,malignancy-stimulation',
    });
  });

  it('child-lysates: the third course of lysates in a year is repeated, not indicated with normal labs', () => {
    const courses = classifyPatient(signedScenario('child-lysates'), { config, asOfMs }).courses;
    expect(courses.map((c) => [c.start.slice(0, 10), c.repeated, c.classification])).toEqual([
      ['2025-11-17', false, 'not-indicated-normal-labs'],
      ['2026-02-09', false, 'not-indicated-normal-labs'],
      ['2026-11-01', true, 'not-indicated-normal-labs'],
    ]);
  });

  it('vaccines and supplements are no immunostimulant course: methotrexate-mmr, hiv-cd4, vitamin-d-excess', () => {
    for (const slug of ['methotrexate-mmr', 'hiv-cd4', 'vitamin-d-excess']) {
      expect(classifyPatient(signedScenario(slug), { config, asOfMs }).courses).toEqual([]);
    }
  });

  it('the days present are the encounters’ calendar days, once per patient and department', () => {
    const rows = classifyPatient(signedScenario('post-covid'), { config, asOfMs });
    const days = rows.daysPresent.map((d) => d.day);
    expect(new Set(days).size).toBe(days.length);
    // The inpatient stay of December 2023 counts each of its days.
    expect(days.filter((d) => d.startsWith('2023-12')).length).toBeGreaterThan(1);
  });
});

describe('the same scenarios through the NDJSON directory, the worker threads and DuckDB', () => {
  let dir: string;
  let rows: Record<string, unknown>[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'population-classify-'));
    writeNdjsonDir(join(dir, 'export'), DEMO_SCENARIOS.map(signedScenario));
    const instance = await DuckDBInstance.create(join(dir, 'population.duckdb'));
    const connection = await instance.connect();
    const summary = await classifyDirectory({
      dir: join(dir, 'export'),
      connection,
      config,
      asOfMs,
      workers: 2,
      batchSize: 3,
      workerUrl: builtClassifyWorker(),
    });
    expect(summary).toMatchObject({ patients: 11, workers: 2 });
    rows = await (
      await connection.runAndReadAll('SELECT * FROM course_classes ORDER BY patient_id, start')
    ).getRowObjectsJson();
    connection.closeSync();
    instance.closeSync();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one row per course, the same classification as in one thread', () => {
    const direct = DEMO_SCENARIOS.flatMap((s) => classifyPatient(signedScenario(s), { config, asOfMs }).courses);
    expect(rows.map((r) => [r.patient_id, r.course_id, r.classification, r.rules])).toEqual(
      [...direct]
        .sort((a, b) => a.patientId.localeCompare(b.patientId) || a.start.localeCompare(b.start))
        .map((c) => [c.patientId, c.courseId, c.classification, c.rules]),
    );
    expect(rows.find((r) => r.course_id === 'warfarin-omega3-draft')).toMatchObject({
      anticoagulant: true,
      unbounded: false,
      days: 3,
      class: 'levamisole',
    });
  });

  it('keeps no name or identifier: the columns are record ids, codes, dates and flags', () => {
    const text = JSON.stringify(rows);
    for (const word of ['Rashidova', 'Gulnora', 'hospital.example.org/mrn', 'birthDate'])
      expect(text).not.toContain(word);
  });
});
