import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../../cds-hooks/cli/commands.js';
import { loadConfigFile } from '../../../cds-hooks/config/file.js';
import { defaultSiteConfig } from '../../../src/core/config/schema.js';
import { agentById, classById } from '../../../src/core/drugs/knowledge-base.js';
import { installAllCatalogs } from '../../../src/core/messages/catalogs.js';
import { translator } from '../../../src/core/messages/translator.js';
import type { RuleId } from '../../../src/core/rules/ids.js';
import { fixturePath } from '../../helpers/fixtures.js';

const now = ['--now', '2026-11-01T09:00:00+05:00'];

describe('immunosteward profile', () => {
  it('prints the compartments, the biomarker table and data-quality issues', () => {
    const result = runCli(['profile', fixturePath('patient-post-covid.json'), ...now]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Immune profile of Patient/pc-1 (female) as of 1 Nov 2026');
    expect(result.stdout).toContain(
      'Adaptive T: below the lab range — ALC 1.2 ×10⁹/L, 20 Sep 2026 — below the lab range (1.34–3.86 ×10⁹/L); ' +
        'CD4 count 310 cells/µL, 20 Sep 2026 — below the lab range (440–1,496 cells/µL)',
    );
    // Values in the lab's own unit, the lab flag with the range it comes from, no UCUM syntax.
    expect(result.stdout).toMatch(/IgG\s+11\.5 g\/L\s+within the lab range \(6\.4–13\.5 g\/L, catalog\)/);
    expect(result.stdout).toMatch(/IgA\s+0\.5 g\/L\s+below the lab range \(0\.7–4 g\/L, lab\)/);
    expect(result.stdout).toMatch(/CD4\/CD8\s+1\.03\s+within the lab range .* derived/);
    expect(result.stdout).not.toMatch(/\{cells\}|10\*9|\/uL/);
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
    expect(result.stdout).toMatch(/CD19 count\s+45 cells\/µL\s+below the lab range/);
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
      stderr: expect.stringContaining(`file not found: ${join(dir, 'missing.json')}`),
    });
    expect(runCli(['profile'])).toMatchObject({ code: 2 });
    expect(runCli(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command') });
    expect(runCli(['profile', fixturePath('patient-healthy.json'), '--now', 'yesterday'])).toMatchObject({ code: 2 });
  });

  it('refuses input that is not what the command expects, saying what was expected (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'immunosteward-'));
    const notFhir = join(dir, 'labs.json');
    writeFileSync(notFhir, JSON.stringify({ patient: 'x', results: [{ cd4: 300 }] }));
    expect(runCli(['profile', notFhir])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${notFhir} is not FHIR: expected a Bundle with the Patient and their results`),
    });
    // A Bundle with conditions only: no Patient and no result naming one.
    const noPatient = join(dir, 'conditions.json');
    writeFileSync(
      noPatient,
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { resourceType: 'Condition', id: 'c1', code: { text: 'Asthma' } } }],
      }),
    );
    expect(runCli(['profile', noPatient])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${noPatient} holds no Patient and no result that names one`),
    });
    // An --order file that holds no order: never "no findings".
    const noOrder = join(dir, 'not-an-order.json');
    writeFileSync(noOrder, JSON.stringify({ resourceType: 'Patient', id: 'healthy-1' }));
    const result = runCli(['findings', fixturePath('patient-healthy.json'), '--order', noOrder, ...now]);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining(`${noOrder} holds no MedicationRequest or ServiceRequest`),
    });
    expect(runCli(['findings', fixturePath('patient-healthy.json'), '--order', join(dir, 'gone.json')])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`file not found: ${join(dir, 'gone.json')}`),
    });
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
    // One card for the order, with both rules, in plain text (no markdown emphasis or escapes).
    expect(result.stdout).toContain('Cards (1), one per order with a concern');
    expect(result.stdout).toMatch(
      /\[WARNING\] OM-85 bacterial lysate: no immune deficit on current labs .*\(\+1 more concern\)/,
    );
    expect(result.stdout).toContain('rules booster-not-indicated (warning), course-unbounded (warning)');
    expect(result.stdout).toContain('What to do: ');
    expect(result.stdout).not.toMatch(/\*\*|\\\[|&amp;/);
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
    expect(result.stdout).toContain('No cards: none of the 0 order(s) carries a concern.');
  });
});

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = join(ROOT, 'immunosteward.example.yaml');
const demo = (name: string) => fixturePath(`demo/${name}`);

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'immunosteward-')), name);
  writeFileSync(file, text);
  return file;
}

describe('immunosteward.example.yaml', () => {
  const config = loadConfigFile(EXAMPLE);
  const document = parseYaml(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;

  it('is valid and sets every top-level section of the schema', () => {
    expect(Object.keys(document).sort()).toEqual(Object.keys(defaultSiteConfig()).sort());
  });

  it('shows what a hospital configures: issuers by URL and inline, rules, thresholds, local codes', () => {
    expect(config.auth.trustedIssuers.some((i) => i.jwksUrl && i.tenant)).toBe(true);
    expect(config.auth.trustedIssuers.some((i) => i.jwks && i.tenant)).toBe(true);
    expect(Object.values(config.rules).some((r) => !r.enabled)).toBe(true);
    expect(Object.values(config.rules).some((r) => r.indicator !== undefined)).toBe(true);
    expect(config.fhir.allowedServers.length).toBeGreaterThan(0);
    expect(config.localCodes.labs.length).toBeGreaterThan(0);
    // Codes in a clearly local system, mapped onto ids that exist (the schema checks biomarkers only).
    for (const c of [...config.localCodes.labs, ...config.localCodes.drugs])
      expect(c.system).toMatch(/^http:\/\/hospital\.example\.org\//);
    for (const d of config.localCodes.drugs) {
      if (d.agent) expect(agentById(d.agent), d.agent).toBeDefined();
      if (d.class) expect(classById(d.class), d.class).toBeDefined();
    }
    expect(Object.keys(config.thresholds.courses.maxDays).every((id) => classById(id) !== undefined)).toBe(true);
  });
});

describe('immunosteward config validate', () => {
  it('says "valid" with a summary of what the file sets', () => {
    const result = runCli(['config', 'validate', EXAMPLE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${EXAMPLE}: valid`);
    expect(result.stdout).toContain('  rules disabled: nutrient-excess');
    expect(result.stdout).toContain('  indicators forced: course-unbounded → info');
    expect(result.stdout).toContain('  local codes: 3 lab, 3 drug');
    expect(result.stdout).toMatch(/\n {4}thresholds\.courses\.maxDays\.bacterial-lysate\n/);
    expect(result.stderr).toBe('');
  });

  it('accepts an empty file and warns that it trusts no EHR', () => {
    const result = runCli(['config', 'validate', tempFile('empty.yaml', '')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('warning: no auth.trustedIssuers: every CDS Hooks request will be refused');
    expect(result.stdout).toContain('0 key(s) differ from the defaults');
  });

  it('refuses private key material in an inline JWK Set, and unknown knowledge-base ids', () => {
    const file = tempFile(
      'private.yaml',
      'auth:\n  trustedIssuers:\n    - iss: https://ehr.example.org\n      jwks: {keys: [{kty: EC, crv: P-256, x: a, y: b, d: c}]}\n' +
        'localCodes:\n  drugs:\n    - {system: http://hospital.example.org/formulary, code: F-10877, agent: pidotimode}\n' +
        'thresholds:\n  courses:\n    maxDays: {bacterial-lysates: 30}\n',
    );
    const result = runCli(['config', 'validate', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'auth.trustedIssuers[0].jwks.keys[0]: a private or symmetric key: give the public key only',
    );
    expect(result.stderr).toContain('localCodes.drugs[0].agent: not a knowledge-base agent id');
    expect(result.stderr).toContain('thresholds.courses.maxDays.bacterial-lysates: not a knowledge-base class id');
  });

  it('exits 1 listing each error as <key path>: <reason>', () => {
    const file = tempFile(
      'bad.yaml',
      [
        'server:',
        '  port: "8080"',
        '  prot: 1',
        'rules:',
        '  course-unbounded:',
        '    indicator: loud',
        'localCodes:',
        '  labs:',
        '    - {system: http://hospital.example.org/lab-codes, code: X, biomarker: cd44}',
        '',
      ].join('\n'),
    );
    const result = runCli(['config', 'validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `${file}: invalid (4 error(s))`,
      '  server.port: Invalid input: expected number, received string',
      '  server: unknown key(s): prot',
      '  localCodes.labs[0].biomarker: not a biomarker id of the catalog',
      '  rules.course-unbounded.indicator: Invalid option: expected one of "info"|"warning"|"critical"',
      '',
    ]);
  });

  it('reports a YAML syntax error with its line, and a missing file', () => {
    const syntax = runCli(['config', 'validate', tempFile('syntax.yaml', 'server:\n  port: 8080\n  port: 9090\n')]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toContain('(syntax): Map keys must be unique at line 3, column 3');
    const missing = runCli(['config', 'validate', join(tmpdir(), 'no-such-immunosteward.yaml')]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('(file): ENOENT') });
  });

  it('refuses wrong usage with exit code 2', () => {
    expect(runCli(['config', 'validate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('exactly one') });
    expect(runCli(['config', 'validate', 'a.yaml', 'b.yaml'])).toMatchObject({ code: 2 });
    expect(runCli(['config'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('validate, print or reference'),
    });
    expect(runCli(['config', 'check', EXAMPLE])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown config command "check"'),
    });
  });
});

describe('immunosteward config print', () => {
  it('prints the effective configuration of a file, defaults filled in, as YAML', () => {
    const result = runCli(['config', 'print', EXAMPLE], {});
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`# Effective configuration: ${EXAMPLE} with the defaults filled in.`);
    expect(parseYaml(result.stdout)).toEqual(JSON.parse(JSON.stringify(loadConfigFile(EXAMPLE))));
    expect(result.stdout).toContain('  bodyLimitBytes: 5242880');
  });

  it('uses IMMUNOSTEWARD_CONFIG without a file, else prints the defaults', () => {
    const file = tempFile('site.yaml', 'server:\n  port: 9090\n');
    const token = 'a-long-admin-token-from-the-environment';
    const fromEnv = runCli(['config', 'print'], {
      IMMUNOSTEWARD_CONFIG: file,
      PORT: '7000',
      IMMUNOSTEWARD_ADMIN_TOKEN: token,
    });
    expect(parseYaml(fromEnv.stdout).server.port).toBe(9090);
    expect(fromEnv.stdout).toContain('# PORT=7000 in the environment overrides server.port when serving.');
    expect(fromEnv.stdout).toContain('# IMMUNOSTEWARD_ADMIN_TOKEN is set: it overrides admin.tokenSha256.');
    expect(fromEnv.stdout).not.toContain(token);
    const defaults = runCli(['config', 'print'], {});
    expect(defaults.code).toBe(0);
    expect(defaults.stdout).toContain('IMMUNOSTEWARD_CONFIG is unset): the defaults');
    expect(parseYaml(defaults.stdout)).toEqual(JSON.parse(JSON.stringify(defaultSiteConfig())));
  });

  it('never prints secrets: the admin token hash, database passwords', () => {
    const hash = 'ab'.repeat(32);
    const file = tempFile(
      'secrets.yaml',
      [
        `admin: {tokenSha256: ${hash}}`,
        'feedback: {store: "postgres://svc:hunter2@db.example.org/immunosteward?sslmode=require&password=swordfish"}',
        'auth:',
        '  trustedIssuers:',
        '    - iss: https://ehr.example.org',
        '      jwks: {keys: [{kty: EC, crv: P-256, x: pub-x, y: pub-y}]}',
        '',
      ].join('\n'),
    );
    const result = runCli(['config', 'print', file], {});
    expect(result.code).toBe(0);
    for (const secret of [hash, 'hunter2', 'swordfish']) expect(result.stdout).not.toContain(secret);
    const printed = parseYaml(result.stdout);
    expect(printed.admin.tokenSha256).toBe('[set]');
    expect(printed.feedback.store).toBe(
      'postgres://svc:[set]@db.example.org/immunosteward?sslmode=require&password=[set]',
    );
    expect(printed.auth.trustedIssuers[0].jwks.keys[0]).toEqual({ kty: 'EC', crv: 'P-256', x: 'pub-x', y: 'pub-y' });
    // Keys that merely mention a token are no secret.
    expect(printed.auth.maxTokenLifetimeSeconds).toBe(300);
  });

  it('exits 2 with the errors of an invalid file', () => {
    const result = runCli(['config', 'print', tempFile('bad.yaml', 'logging: {level: loud}\n')], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('logging.level: Invalid option');
  });
});

describe('immunosteward config reference', () => {
  it('prints the Markdown reference that docs/configuration.md holds', () => {
    const result = runCli(['config', 'reference']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8'));
  });
});

/** The checkpoint-booster scenario's pidotimod order, coded only with a local formulary code. */
function localOrder(id: string, code: string): string {
  const order = JSON.parse(readFileSync(demo('checkpoint-booster.order.json'), 'utf8'));
  order.id = id;
  order.medicationCodeableConcept = {
    coding: [{ system: 'http://hospital.example.org/formulary', code }],
    text: 'IMX 400 sachet',
  };
  return tempFile(`${id}.json`, JSON.stringify(order));
}

const anchor = ['--now', '2026-11-01T09:00:00+05:00'];

describe('immunosteward explain', () => {
  it('shows an order recognised through a local code of the configuration, and every rule outcome', () => {
    const order = localOrder('local-pidotimod', 'F-10877');
    const result = runCli([
      'explain',
      demo('checkpoint-booster.json'),
      '--order',
      order,
      '--config',
      EXAMPLE,
      ...anchor,
    ]);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain(`Explanation for Patient/checkpoint-booster as of 2026-11-01 (configuration: ${EXAMPLE})`);
    expect(out).toMatch(
      /IgG\s+normal\s+IgG 9\.6 g\/L, 12 Oct 2026 — within the lab range \(7–16 g\/L\)\s+deficit: IgG < 600 mg\/dL/,
    );
    expect(out).toContain('[malignancy] active, onset 2025-12-10');
    expect(out).toContain(
      'Keytruda (pembrolizumab) 200 mg IV infusion (9 Feb 2026 – 25 Jan 2027) [checkpoint-inhibitor]',
    );
    expect(out).toContain(
      'pidotimod (agent pidotimod), class Low-molecular immunomodulators (low-molecular-immunomodulator)',
    );
    expect(out).toContain(
      'matched by local code (localCodes.drugs) http://hospital.example.org/formulary|F-10877; roles: booster',
    );
    expect(out).toContain('Course: 15 days planned (boundsDuration 15 d)');
    expect(out).toMatch(
      /FIRED {5}antineoplastic-interaction {2}\[WARNING\] Pidotimod: immune stimulation during pembrolizumab/,
    );
    expect(out).toContain(
      '- Keytruda (pembrolizumab) 200 mg IV infusion (9 Feb 2026 – 25 Jan 2027) (2026-02-09)  [MedicationRequest/checkpoint-booster-pembrolizumab]',
    );
    expect(out).toContain('disabled  nutrient-excess  (rules.nutrient-excess.enabled: false)');
    expect(out).toContain(
      'silent    course-unbounded  (ran, no finding, indicator forced to info by rules.course-unbounded.indicator)',
    );
    expect(out).toContain('silent    immunomodulator-conflict  (ran, no finding)');
  });

  it('as JSON: one entry per rule with its status and findings', () => {
    const order = localOrder('local-pidotimod', 'F-10877');
    const args = [
      'explain',
      demo('checkpoint-booster.json'),
      '--order',
      order,
      '--config',
      EXAMPLE,
      '--json',
      ...anchor,
    ];
    const json = JSON.parse(runCli(args).stdout);
    const [explained] = json.orders;
    expect(explained.matches).toEqual([
      {
        via: 'local',
        matched: 'F-10877',
        system: 'http://hospital.example.org/formulary',
        agent: { id: 'pidotimod', name: 'pidotimod' },
        class: { id: 'low-molecular-immunomodulator', display: 'Low-molecular immunomodulators' },
        roles: ['booster'],
      },
    ]);
    const status = Object.fromEntries(explained.rules.map((r: { id: string; status: string }) => [r.id, r.status]));
    expect(status).toEqual({
      'live-vaccine-immunocompromised': 'silent',
      'antineoplastic-interaction': 'fired',
      'malignancy-stimulation': 'fired',
      'anticoagulant-interaction': 'silent',
      'autoimmune-flare': 'silent',
      'immune-adverse-signal': 'silent',
      'nutrient-excess': 'disabled',
      'booster-not-indicated': 'fired',
      'monitoring-due': 'silent',
      'no-response': 'silent',
      'immunomodulator-conflict': 'silent',
      'course-unbounded': 'silent',
      'course-review-due': 'silent',
      'endpoint-reached': 'silent',
      'vaccine-response-altered': 'silent',
    });
    const fired = explained.rules.find((r: { id: string }) => r.id === 'malignancy-stimulation');
    expect(fired.findings[0].evidence.map((e: { reference: string }) => e.reference)).toContain(
      'Condition/checkpoint-booster-melanoma',
    );
    expect(json.evidence.conditions[0].categories).toEqual(['malignancy']);
  });

  it('says why an order is not recognised, and points at the mapping to add or fix', () => {
    const order = localOrder('local-pidotimod', 'F-10877');
    const without = runCli(['explain', demo('checkpoint-booster.json'), '--order', order, ...anchor]).stdout;
    expect(without).toContain('NOT RECOGNISED: no code or name matched the knowledge base, so no rule ran on it.');
    expect(without).toContain('coding tried: http://hospital.example.org/formulary|F-10877');
    expect(without).toContain('text tried:   "IMX 400 sachet"');
    expect(without).toContain('To recognise a local code, map it to an agent or class id in localCodes.drugs.');
    expect(without).not.toContain('FIRED');

    const unmapped = runCli([
      'explain',
      demo('checkpoint-booster.json'),
      '--order',
      localOrder('unmapped', 'F-99999'),
      '--config',
      EXAMPLE,
      ...anchor,
    ]).stdout;
    expect(unmapped).toContain(
      'hint: localCodes.drugs maps codes of http://hospital.example.org/formulary, but not F-99999.',
    );
  });

  it('reads order files that hold an array of orders (the neutral orders: none recognised)', () => {
    const result = runCli([
      'explain',
      demo('healthy-booster.json'),
      '--order',
      demo('healthy-booster.order.json'),
      '--order',
      demo('neutral-orders.json'),
      ...anchor,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^Order \d+: /gm)).toHaveLength(4);
    expect(result.stdout.match(/NOT RECOGNISED/g)).toHaveLength(3);
    expect(result.stdout).toContain('matched by name "бронхо мунал"; roles: booster');
    expect(result.stdout).not.toContain('Data-quality issues');
  });

  it('refuses wrong usage and invalid configurations with exit code 2', () => {
    expect(runCli(['explain', demo('healthy-booster.json')])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('at least one --order'),
    });
    expect(runCli(['explain', '--order', demo('healthy-booster.order.json')])).toMatchObject({ code: 2 });
    expect(
      runCli([
        'explain',
        demo('healthy-booster.json'),
        '--order',
        tempFile('patient.json', '{"resourceType": "Patient", "id": "p"}'),
        ...anchor,
      ]),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('no MedicationRequest or ServiceRequest') });
    const bad = tempFile('bad.yaml', 'rules: {no-such-rule: {enabled: false}}\n');
    expect(
      runCli(['explain', demo('healthy-booster.json'), '--order', demo('healthy-booster.order.json'), '--config', bad]),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('rules: unknown key(s): no-such-rule') });
  });
});

describe('--lang', () => {
  const lysate = () =>
    tempFile(
      'order.json',
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
  const commands = (): string[][] => [
    ['profile', fixturePath('patient-post-covid.json'), ...now],
    ['findings', fixturePath('patient-healthy.json'), '--order', lysate(), ...now],
    ['explain', demo('healthy-booster.json'), '--order', demo('healthy-booster.order.json'), ...anchor],
  ];

  it('refuses a language it does not write, naming the option (exit 2)', () => {
    for (const args of commands()) {
      for (const lang of ['fr', 'RU', 'ru-RU', '']) {
        expect(runCli([...args, '--lang', lang]), `${args[0]} --lang ${lang}`).toMatchObject({
          code: 2,
          stdout: '',
          stderr: expect.stringContaining(`--lang: "${lang}" is not a language ImmunoSteward writes (en, ru, uz)`),
        });
      }
      expect(runCli([...args, '--lang'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--lang') });
    }
  });

  it('is English by default', () => {
    for (const args of commands()) {
      expect(runCli([...args, '--lang', 'en']).stdout, args[0]).toBe(runCli(args).stdout);
    }
  });

  it.each(['ru', 'uz'] as const)('writes what comes from the catalog in %s', (lang) => {
    const [profile, findings, explained] = commands().map((args) => runCli([...args, '--lang', lang]));
    installAllCatalogs();
    const t = translator(lang);
    const en = translator('en');
    expect(t.locale).toBe(lang);
    // The profile's compartments.
    expect(profile?.code).toBe(0);
    expect(profile?.stdout).toContain(`  ${t.t('compartment.adaptive-T')}: `);
    expect(profile?.stdout).not.toContain(`  ${en.t('compartment.adaptive-T')}: `);
    // The cards' words: indicator, summary, headings.
    expect(findings?.code).toBe(0);
    expect(findings?.stdout).toContain(`[${t.t('indicator.warning').toUpperCase()}] `);
    expect(findings?.stdout).toContain(t.t('detail.whatToDo', { action: '' }).replace(/\*\*/g, '').trim());
    expect(findings?.stdout).not.toContain('What to do: ');
    expect(findings?.stdout).not.toMatch(/\(\+1 more concern\)/);
    // The rule titles and findings of explain.
    expect(explained?.code).toBe(0);
    const english = runCli(commands()[2] as string[]).stdout;
    const fired = (out: string | undefined) => out?.split('\n').find((l) => l.includes('FIRED'));
    expect(fired(explained?.stdout)).toBeDefined();
    expect(fired(explained?.stdout)).not.toBe(fired(english));
    const json = JSON.parse(runCli([...(commands()[2] as string[]), '--json', '--lang', lang]).stdout) as {
      orders: { rules: { id: RuleId; title: string }[] }[];
    };
    for (const rule of json.orders[0]?.rules ?? []) {
      expect(rule.title).toBe(t.t(`ruleTitle.${rule.id}`));
      expect(rule.title).not.toBe(en.t(`ruleTitle.${rule.id}`));
    }
    if (lang === 'ru') for (const r of [profile, findings, explained]) expect(r?.stdout).toMatch(/[а-яё]{4}/i);
  });
});
