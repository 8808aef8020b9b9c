import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cds-hooks/commands.js';
import { fixturePath } from '../helpers/fixtures.js';

const now = ['--now', '2026-11-01T09:00:00+05:00'];

describe('immunosteward profile', () => {
  it('prints the compartments, the biomarker table and data-quality issues', () => {
    const result = runCli(['profile', fixturePath('patient-post-covid.json'), ...now]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Immune profile of Patient/pc-1 (female) as of 2026-11-01');
    expect(result.stdout).toContain(
      'Adaptive T: deficit — ALC 1200 /uL (low), 2026-09-20; CD4 310 /uL (low), 2026-09-20',
    );
    expect(result.stdout).toMatch(/IgG\s+1150 mg\/dL\s+normal\s+639–1349 \(catalog\)/);
    expect(result.stdout).toMatch(/IgA\s+50 mg\/dL\s+low\s+70–400 \(lab\)/);
    expect(result.stdout).toMatch(/CD4\/CD8\s+1\.03\s+normal, derived/);
    expect(result.stdout).toContain('Data-quality issues (3)');
    expect(result.stdout).not.toContain('Karimova');
  });

  it('prints JSON with --json', () => {
    const result = runCli(['profile', fixturePath('patient-healthy.json'), '--json', ...now]);
    const profile = JSON.parse(result.stdout);
    expect(profile.patientId).toBe('healthy-1');
    expect(profile.compartments.map((c: { status: string }) => c.status)).toEqual([
      'normal',
      'normal',
      'normal',
      'unknown',
      'normal',
    ]);
  });

  it('applies local lab codes from a configuration file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'immunosteward-'));
    const config = join(dir, 'site.yaml');
    writeFileSync(
      config,
      'localCodes:\n  labs:\n    - system: https://lab.example.org/codes\n      code: B-CD19-ABS\n      biomarker: cd19\n',
    );
    const result = runCli(['profile', fixturePath('patient-chemo-neutropenia.json'), '--config', config, ...now]);
    expect(result.stdout).toMatch(/CD19\s+45 \/uL\s+low/);
  });

  it('names the key of an invalid configuration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'immunosteward-'));
    const config = join(dir, 'site.yaml');
    writeFileSync(
      config,
      'localCodes:\n  labs:\n    - system: x\n      code: y\n      biomarker: cd44\nbiomarker: {}\n',
    );
    const result = runCli(['profile', fixturePath('patient-healthy.json'), '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('localCodes.labs[0].biomarker: not a biomarker id of the catalog');
    expect(result.stderr).toContain('(root): unknown key(s): biomarker');
  });

  it('explains bad input instead of crashing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'immunosteward-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"resourceType": "Bundle", ');
    expect(runCli(['profile', broken])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not valid JSON'),
    });
    expect(runCli(['profile', join(dir, 'missing.json')])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read'),
    });
    expect(runCli(['profile'])).toMatchObject({ code: 2 });
    expect(runCli(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command') });
    expect(runCli(['profile', fixturePath('patient-healthy.json'), '--now', 'yesterday'])).toMatchObject({ code: 2 });
  });

  it('prints help', () => {
    expect(runCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: immunosteward') });
  });
});

describe('immunosteward findings', () => {
  it('prints the findings for a Bundle plus draft orders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'immunosteward-'));
    const order = join(dir, 'order.json');
    writeFileSync(
      order,
      JSON.stringify({
        resourceType: 'MedicationRequest',
        id: 'd-lysate',
        status: 'draft',
        intent: 'order',
        subject: { reference: 'Patient/healthy-1' },
        medicationCodeableConcept: { text: 'Бронхо-мунал 7 мг' },
        dosageInstruction: [{ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } } }],
      }),
    );
    const result = runCli(['findings', fixturePath('patient-healthy.json'), '--order', order, ...now]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('MedicationRequest/d-lysate  Бронхо-мунал 7 мг  →  OM-85 bacterial lysate [name');
    expect(result.stdout).toMatch(/\[WARNING\] booster-not-indicated — .*no immune deficit on current labs/);
    expect(result.stdout).toMatch(/\[WARNING\] course-unbounded/);
    const json = JSON.parse(
      runCli(['findings', fixturePath('patient-healthy.json'), '--order', order, '--json', ...now]).stdout,
    );
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      'booster-not-indicated',
      'course-unbounded',
    ]);
  });

  it('without orders reports on current therapy (none here)', () => {
    const result = runCli(['findings', fixturePath('patient-healthy.json'), ...now]);
    expect(result.stdout).toContain('No findings: nothing actionable.');
  });
});
