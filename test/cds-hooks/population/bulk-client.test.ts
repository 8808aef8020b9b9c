import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair, type JSONWebKeySet } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { populationExport } from '../../../cds-hooks/cli/population-export.js';
import { runBulkExport } from '../../../cds-hooks/population/bulk/export.js';
import { retryAfterMs } from '../../../cds-hooks/population/bulk/http-body.js';
import { siteConfigSchema } from '../../../src/core/config/schema.js';
import { BULK_CLIENT, type BulkDemo, startBulkDemo } from '../../helpers/bulk-demo.js';
import { type BulkServer, type BulkServerOptions, startBulkServer } from '../../helpers/bulk-export-server.js';
import { fixturePath, loadFixture } from '../../helpers/fixtures.js';
import { startRecordingServer } from '../../helpers/misbehaving-server.js';

/**
 * The Bulk Data client against a real HTTP server that follows the population contract
 * (`test/helpers/bulk-export-server.ts`), exporting the demo scenarios' records: kick-off, 202
 * polling with Retry-After, the manifest's error files, a token that stops working mid-download,
 * a cut transfer, a forbidden server, a redirect, resumption. Through the command where the
 * exit code and the printed sentence matter, else through `runBulkExport`.
 */

const CLIENT_ID = 'immunosteward-population';

type Resource = { resourceType: string; id?: string } & Record<string, unknown>;

/** Every resource of the eleven demo scenarios (Patients, Encounters, Observations, …). */
function demoResources(): Resource[] {
  const dir = fixturePath('demo');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.order.json') && f !== 'neutral-orders.json')
    .flatMap((f) => {
      const bundle = loadFixture(`demo/${f}`) as { entry?: { resource: Resource }[] };
      return (bundle.entry ?? []).map((e) => e.resource);
    });
}

const resources = demoResources();
const countOf = (type: string) => resources.filter((r) => r.resourceType === type).length;

let dir: string;
let jwks: JSONWebKeySet;
let esKeyFile: string;
let rsPemFile: string;
let strangerKeyFile: string;
const servers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bulk-client-'));
  const es = await generateKeyPair('ES384', { extractable: true });
  const rs = await generateKeyPair('RS384', { extractable: true, modulusLength: 2048 });
  const stranger = await generateKeyPair('ES384', { extractable: true });
  jwks = {
    keys: [
      { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES384' },
      { ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS384' },
    ],
  };
  esKeyFile = join(dir, 'es.jwk.json');
  writeFileSync(esKeyFile, JSON.stringify({ ...(await exportJWK(es.privateKey)), kid: 'es', alg: 'ES384' }));
  rsPemFile = join(dir, 'rs.pem');
  writeFileSync(rsPemFile, await exportPKCS8(rs.privateKey));
  strangerKeyFile = join(dir, 'stranger.jwk.json');
  writeFileSync(strangerKeyFile, JSON.stringify({ ...(await exportJWK(stranger.privateKey)), alg: 'ES384' }));
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function bulkServer(options: Partial<BulkServerOptions> = {}): Promise<BulkServer> {
  const server = await startBulkServer({ clientId: CLIENT_ID, jwks, resources, linesPerFile: 40, ...options });
  servers.push(server);
  return server;
}

let outCount = 0;
const newOut = () => join(dir, `out-${++outCount}`);

function configFile(server: BulkServer, bulk: Record<string, unknown> = {}, allowed = [server.base]): string {
  const file = join(dir, `config-${++outCount}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      fhir: { allowedServers: allowed },
      population: {
        bulk: { server: server.base, clientId: CLIENT_ID, privateKeyFile: esKeyFile, concurrency: 1, ...bulk },
      },
    }),
  );
  return file;
}

function config(server: BulkServer, bulk: Record<string, unknown> = {}) {
  return siteConfigSchema.parse({
    fhir: { allowedServers: [server.base] },
    population: {
      bulk: { server: server.base, clientId: CLIENT_ID, privateKeyFile: esKeyFile, concurrency: 1, ...bulk },
    },
  });
}

/** Runs the command as `immunosteward population export …` with stderr captured (not a terminal). */
async function cli(args: string[]) {
  let progress = '';
  const result = await populationExport(args, {}, { stderr: { write: (t: string) => (progress += t), isTTY: false } });
  return { ...result, progress };
}

/** The NDJSON files of an output directory (top level), by name. */
function ndjsonFiles(out: string): string[] {
  return readdirSync(out)
    .filter((f) => f.endsWith('.ndjson'))
    .sort();
}

function linesOf(file: string): Resource[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

describe('population export over Bulk FHIR', () => {
  it('authenticates with Backend Services, kicks off with a Parameters POST, honours Retry-After and writes every file checked', async () => {
    const server = await bulkServer({ pollsBeforeReady: 2, retryAfter: 1, faults: { enforceRetryAfter: true } });
    const out = newOut();
    const run = await cli([
      '--config',
      configFile(server, { privateKeyFile: rsPemFile }),
      '--out',
      out,
      '--type',
      'Patient,MedicationRequest',
      '--type',
      'Observation',
      '--type-filter',
      'MedicationRequest?status=active,completed',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The assertion was signed with the PEM's RSA key; the server verified it against the JWK Set.
    expect(server.assertionAlgorithms).toEqual(['RS384']);
    expect(server.kickoffs).toHaveLength(1);
    expect(server.kickoffs[0]?.method).toBe('POST');
    expect(server.kickoffs[0]?.parameters).toEqual({
      resourceType: 'Parameters',
      parameter: [
        { name: '_outputFormat', valueString: 'application/fhir+ndjson' },
        { name: '_type', valueString: 'Patient,MedicationRequest,Observation' },
        { name: '_typeFilter', valueString: 'MedicationRequest?status=active,completed' },
      ],
    });
    // Two 202s, then the manifest; never earlier than Retry-After said.
    expect(server.requests.filter((r) => r.path.startsWith('/demo/bulk/jobs/'))).toHaveLength(3);
    expect(server.earlyPolls()).toBe(0);
    // Every file the manifest listed, byte for byte, named by type and number.
    const names = ndjsonFiles(out);
    expect(names).toEqual([...server.files.keys()].sort());
    for (const name of names) expect(readFileSync(join(out, name), 'utf8')).toBe(server.files.get(name));
    expect(names).toContain('Observation-2.ndjson');
    expect(linesOf(join(out, 'Patient-1.ndjson')).map((p) => p.id)).toContain('post-covid');
    // Every download carried the token.
    const fileRequests = server.requests.filter((r) => r.path.startsWith('/demo/bulk/files/'));
    expect(fileRequests.length).toBe(names.length);
    expect(fileRequests.every((r) => r.authorization?.startsWith('Bearer '))).toBe(true);
    // manifest.json is the server's; state.json records the finished run.
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).transactionTime).toBe(
      '2026-12-01T10:00:00.000Z',
    );
    const state = JSON.parse(readFileSync(join(out, 'state.json'), 'utf8'));
    expect(state.runs).toHaveLength(1);
    expect(state.runs[0].complete).toBe(true);
    // The summary counts what was written.
    expect(run.stdout).toContain(`Observation: ${countOf('Observation')}`);
    expect(run.stdout).toContain(`MedicationRequest: ${countOf('MedicationRequest')}`);
    expect(run.stdout).toContain(`Patient: ${countOf('Patient')}`);
    expect(run.stdout).toContain('errors reported by the server: none');
    // The progress: the server's X-Progress while waiting, then files, resources and MB.
    expect(run.progress).toContain('the server is preparing the files (40% done)');
    expect(run.progress).toMatch(/files \d+\/\d+, [\d,]+ resources of [\d,]+, \d+\.\d MB/);
    expect(`${run.stdout}${run.progress}`).not.toMatch(/eyJ|Bearer/);
  });

  it('waits until the HTTP date a Retry-After gives', async () => {
    const server = await bulkServer({ pollsBeforeReady: 1, retryAfter: 'date', faults: { enforceRetryAfter: true } });
    const summary = await runBulkExport(config(server, { transientRetries: 0 }), {
      outDir: newOut(),
      types: ['Patient'],
    });
    expect(summary.resourcesByType).toEqual({ Patient: countOf('Patient') });
    expect(server.earlyPolls()).toBe(0);
  });

  it('falls back to a GET kick-off with query parameters when the server refuses POST (405)', async () => {
    const server = await bulkServer({ retryAfter: 'none', faults: { rejectPost: true } });
    const out = newOut();
    const summary = await runBulkExport(config(server), {
      outDir: out,
      types: ['Condition', 'Immunization'],
      since: '2025-01-01T00:00:00Z',
      typeFilters: ['Condition?clinical-status=active'],
    });
    expect(server.kickoffs.map((k) => k.method)).toEqual(['GET']);
    const query = new URLSearchParams(server.kickoffs[0]?.query);
    expect(query.get('_outputFormat')).toBe('application/fhir+ndjson');
    expect(query.get('_type')).toBe('Condition,Immunization');
    expect(query.get('_since')).toBe('2025-01-01T00:00:00Z');
    expect(query.getAll('_typeFilter')).toEqual(['Condition?clinical-status=active']);
    // The POST was tried first, and answered 405.
    expect(server.requests.filter((r) => r.path === '/fhir/$export').map((r) => r.method)).toEqual(['POST']);
    expect(server.requests.some((r) => r.method === 'GET' && r.path.startsWith('/fhir/$export?'))).toBe(true);
    expect(summary.resourcesByType).toEqual({ Condition: countOf('Condition'), Immunization: countOf('Immunization') });
    expect(server.assertionAlgorithms).toEqual(['ES384']);
  });

  it('exports a Group and the Patient level at their own endpoints', async () => {
    const server = await bulkServer({ retryAfter: 'none' });
    await runBulkExport(config(server), {
      outDir: newOut(),
      group: 'demo-population',
      level: 'group',
      types: ['Patient'],
    });
    await runBulkExport(config(server), {
      outDir: newOut(),
      level: 'patient',
      types: ['Patient'],
      patients: ['hiv-cd4'],
    });
    const kickoffs = server.requests.filter((r) => r.path.includes('$export')).map((r) => r.path);
    expect(kickoffs).toEqual(['/fhir/Group/demo-population/$export', '/fhir/Patient/$export']);
    expect(server.kickoffs[1]?.parameters?.parameter).toContainEqual({
      name: 'patient',
      valueReference: { reference: 'Patient/hiv-cd4' },
    });
  });

  it("downloads the manifest's error files and reports their OperationOutcomes", async () => {
    const server = await bulkServer({ retryAfter: 'none', faults: { errorFile: true } });
    const out = newOut();
    const run = await cli(['--config', configFile(server), '--out', out, '--type', 'Patient']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('errors reported by the server: 3 OperationOutcome(s) (in errors/)');
    expect(run.stdout).toContain('2 × error processing: Observation could not be read');
    expect(run.stdout).toContain('1 × warning too-costly: Immunization partly exported');
    expect(linesOf(join(out, 'errors', 'OperationOutcome-1.ndjson'))).toHaveLength(3);
    // Error files stay out of the resource files the loader reads.
    expect(ndjsonFiles(out)).toEqual(['Patient-1.ndjson']);
  });

  it('gets a new token when the server stops accepting the old one mid-download, and retries that file', async () => {
    const server = await bulkServer({ retryAfter: 'none', faults: { revokeTokensAfterFiles: 1 } });
    const out = newOut();
    const summary = await runBulkExport(config(server), { outDir: out, types: ['Observation'] });
    expect(server.requests.filter((r) => r.path === '/demo/bulk/token')).toHaveLength(2);
    const answers = server.fileRequests.map((r) => `${r.name} ${r.status}`);
    expect(answers).toEqual([
      'Observation-1.ndjson 200',
      'Observation-2.ndjson 401',
      'Observation-2.ndjson 200',
      ...answers.slice(3),
    ]);
    expect(summary.resourcesByType.Observation).toBe(countOf('Observation'));
    for (const name of ndjsonFiles(out)) expect(readFileSync(join(out, name), 'utf8')).toBe(server.files.get(name));
  });

  it('resumes a cut file from its last complete line with a Range request', async () => {
    const server = await bulkServer({ retryAfter: 'none', faults: { truncate: 'Encounter-1.ndjson' } });
    const out = newOut();
    const summary = await runBulkExport(config(server), { outDir: out, types: ['Encounter'] });
    const text = server.files.get('Encounter-1.ndjson') ?? '';
    const firstLineEnd = Buffer.from(text).indexOf(0x0a) + 1;
    expect(server.fileRequests.filter((r) => r.name === 'Encounter-1.ndjson')).toEqual([
      { name: 'Encounter-1.ndjson', range: undefined, status: 200 },
      { name: 'Encounter-1.ndjson', range: `bytes=${firstLineEnd}-`, status: 206 },
    ]);
    expect(readFileSync(join(out, 'Encounter-1.ndjson'), 'utf8')).toBe(text);
    expect(summary.resourcesByType.Encounter).toBe(countOf('Encounter'));
    expect(existsSync(join(out, 'Encounter-1.ndjson.part'))).toBe(false);
  });

  it('downloads a cut file again whole when the server ignores ranges', async () => {
    const server = await bulkServer({ retryAfter: 'none', faults: { truncate: 'Condition-1.ndjson', noRanges: true } });
    const out = newOut();
    await runBulkExport(config(server), { outDir: out, types: ['Condition'] });
    const requests = server.fileRequests.filter((r) => r.name === 'Condition-1.ndjson');
    expect(requests.map((r) => r.status)).toEqual([200, 200]);
    expect(requests[1]?.range).toMatch(/^bytes=\d+-$/);
    expect(readFileSync(join(out, 'Condition-1.ndjson'), 'utf8')).toBe(server.files.get('Condition-1.ndjson'));
  });

  it('resumes an unfinished export on rerun: the same job, finished files kept', async () => {
    const server = await bulkServer({ retryAfter: 'none', faults: { failFile: 'Observation-3.ndjson' } });
    const out = newOut();
    const file = configFile(server, { transientRetries: 1 });
    const first = await cli(['--config', file, '--out', out, '--type', 'Observation']);
    expect(first.code).toBe(3);
    expect(first.stderr).toContain('Observation file Observation-3.ndjson: HTTP 500, 1 retries spent');
    expect(first.stderr).toContain('Rerun the same command to resume');
    expect(ndjsonFiles(out)).toEqual(['Observation-1.ndjson', 'Observation-2.ndjson']);
    server.heal();
    const second = await cli(['--config', file, '--out', out, '--type', 'Observation']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('(resumed)');
    expect(second.stdout).toContain(`Observation: ${countOf('Observation')}`);
    expect(server.kickoffs).toHaveLength(1);
    const served = server.fileRequests.filter((r) => r.status === 200).map((r) => r.name);
    expect(served.filter((n) => n === 'Observation-1.ndjson')).toHaveLength(1);
    for (const name of ndjsonFiles(out)) expect(readFileSync(join(out, name), 'utf8')).toBe(server.files.get(name));
  });

  it('starts an incremental export at the last run’s transactionTime with --since last', async () => {
    const server = await bulkServer({ retryAfter: 'none' });
    const out = newOut();
    const file = configFile(server);
    expect((await cli(['--config', file, '--out', out, '--type', 'Patient'])).code).toBe(0);
    const again = await cli(['--config', file, '--out', out, '--type', 'Patient', '--since', 'last']);
    expect(again.code).toBe(0);
    expect(server.kickoffs[1]?.parameters?.parameter).toContainEqual({
      name: '_since',
      valueInstant: '2026-12-01T10:00:00.000Z',
    });
    // The second run's files number on after the first run's.
    expect(ndjsonFiles(out)).toEqual(['Patient-1.ndjson', 'Patient-2.ndjson']);
  });

  it('never contacts a server that fhir.allowedServers does not list', async () => {
    const server = await bulkServer();
    const run = await cli(['--config', configFile(server, {}, ['https://ehr.example.org/fhir']), '--out', newOut()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('fhir.allowedServers');
    expect(server.requests).toEqual([]);
  });

  it('refuses manifest files on another origin, and redirects, without sending them anything', async () => {
    const elsewhere = await startRecordingServer((_req, res) => res.end('{}'));
    servers.push(elsewhere);
    const foreign = await bulkServer({ retryAfter: 'none', faults: { fileOrigin: elsewhere.origin } });
    const first = await cli(['--config', configFile(foreign), '--out', newOut(), '--type', 'Patient']);
    expect(first.code).toBe(3);
    expect(first.stderr).toContain(
      `Patient file is on ${elsewhere.origin}, a server the configuration does not allow (population.bulk.additionalOrigins)`,
    );
    const redirecting = await bulkServer({ retryAfter: 'none', faults: { redirectTo: `${elsewhere.origin}/steal` } });
    const second = await cli(['--config', configFile(redirecting), '--out', newOut(), '--type', 'Patient']);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`redirect refused (HTTP 302 to ${elsewhere.origin})`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('gives up on a download that stalls, after population.bulk.requestTimeoutMs without a byte', async () => {
    const server = await bulkServer({ retryAfter: 'none', faults: { stallFile: 'Patient-1.ndjson' } });
    const out = newOut();
    const run = await cli([
      '--config',
      configFile(server, { requestTimeoutMs: 300, transientRetries: 1 }),
      '--out',
      out,
      '--type',
      'Patient',
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Patient file Patient-1.ndjson: transfer broken (stalled), 1 retries spent');
    // The second try asked only for what came after the first line, which was kept.
    const firstLineEnd = Buffer.from(server.files.get('Patient-1.ndjson') ?? '').indexOf(0x0a) + 1;
    expect(server.fileRequests.map((r) => r.range)).toEqual([undefined, `bytes=${firstLineEnd}-`]);
    expect(readFileSync(join(out, 'Patient-1.ndjson.part'), 'utf8')).toBe(
      server.files.get('Patient-1.ndjson')?.slice(0, firstLineEnd),
    );
  });

  it('stops at population.bulk.deadlineMs and cancels the job on the server', async () => {
    const server = await bulkServer({ pollsBeforeReady: 10, retryAfter: 1 });
    const run = await cli(['--config', configFile(server, { deadlineMs: 1500 }), '--out', newOut()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('the export did not finish within population.bulk.deadlineMs');
    const job = server.requests.filter((r) => r.path.startsWith('/demo/bulk/jobs/'));
    expect(job.at(-1)?.method).toBe('DELETE');
    expect(job.at(-1)?.authorization).toMatch(/^Bearer /);
  });

  it('fails a file whose line is not of the manifest type, naming the file and the line', async () => {
    const server = await bulkServer({ retryAfter: 'none', faults: { wrongTypeIn: 'Patient-1.ndjson' } });
    const out = newOut();
    const run = await cli(['--config', configFile(server), '--out', out, '--type', 'Patient']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Patient file Patient-1.ndjson: line 2 is a Basic, not a Patient');
    expect(existsSync(join(out, 'Patient-1.ndjson'))).toBe(false);
  });

  it('stops a file larger than population.bulk.maxFileBytes', async () => {
    const server = await bulkServer({ retryAfter: 'none' });
    const run = await cli([
      '--config',
      configFile(server, { maxFileBytes: 2000 }),
      '--out',
      newOut(),
      '--type',
      'Observation',
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Observation-1.ndjson: more than 2000 bytes');
  });

  it('says which setting to check when the token endpoint refuses the key, printing no assertion', async () => {
    const server = await bulkServer();
    const run = await cli(['--config', configFile(server, { privateKeyFile: strangerKeyFile }), '--out', newOut()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`the token endpoint refused client ${CLIENT_ID}: HTTP 401 (invalid_client)`);
    expect(run.stderr).toContain('population.bulk.clientId and privateKeyFile');
    expect(run.stderr).not.toMatch(/eyJ/);
    expect(server.kickoffs).toEqual([]);
  });

  it('answers usage and configuration mistakes with exit 2 and the option or key', async () => {
    const server = await bulkServer();
    const noOut = await cli(['--config', configFile(server)]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('population export needs --out <dir>');
    const badSince = await cli(['--config', configFile(server), '--out', newOut(), '--since', 'yesterday']);
    expect(badSince.code).toBe(2);
    expect(badSince.stderr).toContain('--since: "yesterday" is not an instant');
    const noLast = await cli(['--config', configFile(server), '--out', newOut(), '--since', 'last']);
    expect(noLast.stderr).toContain('--since last: the output directory holds no finished export');
    const missingKey = await cli([
      '--config',
      configFile(server, { privateKeyFile: join(dir, 'nope.pem') }),
      '--out',
      newOut(),
    ]);
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toContain('population.bulk.privateKeyFile');
    const wrongAlg = await cli([
      '--config',
      configFile(server, { privateKeyFile: rsPemFile, algorithm: 'ES384' }),
      '--out',
      newOut(),
    ]);
    expect(wrongAlg.code).toBe(2);
    expect(wrongAlg.stderr).toContain('population.bulk.algorithm: the key in');
    const badKey = join(dir, 'bad-config.json');
    writeFileSync(
      badKey,
      JSON.stringify({ population: { bulk: { kickoff: 'put', additionalOrigins: ['https://x.org/path'] } } }),
    );
    const invalid = await cli(['--config', badKey, '--out', newOut()]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('population.bulk.kickoff');
    expect(invalid.stderr).toContain('population.bulk.additionalOrigins[0]: not an origin');
    expect(server.requests).toEqual([]);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});

describe("population export against the embedded demo's Bulk server", () => {
  const demos: BulkDemo[] = [];
  afterEach(async () => {
    await Promise.all(demos.splice(0).map((d) => d.close()));
  });

  async function demo(options: Parameters<typeof startBulkDemo>[0] = {}) {
    const started = await startBulkDemo(options);
    demos.push(started);
    return started;
  }

  function demoConfig(base: string, bulk: Record<string, unknown> = {}) {
    return siteConfigSchema.parse({
      fhir: { allowedServers: [base] },
      population: {
        bulk: {
          server: base,
          clientId: BULK_CLIENT.client_id,
          privateKeyFile: fixturePath('bulk/client.private.jwks.json'),
          ...bulk,
        },
      },
    });
  }

  /** Every line of every resource file parses and is of its file's type; the counts by type. */
  function checkedCounts(out: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const name of ndjsonFiles(out)) {
      const type = name.replace(/-\d+\.ndjson$/, '');
      for (const resource of linesOf(join(out, name))) {
        expect(resource.resourceType).toBe(type);
        counts[type] = (counts[type] ?? 0) + 1;
      }
    }
    return counts;
  }

  function manifestCounts(out: string): Record<string, number> {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      output: { type: string; count: number }[];
    };
    const counts: Record<string, number> = {};
    for (const f of manifest.output) counts[f.type] = (counts[f.type] ?? 0) + f.count;
    return counts;
  }

  it('exports the demo population Group: kick-off, 202 polling with Retry-After, every file as the manifest counts', async () => {
    const server = await demo({ jobDelayMs: 1200, resourcesPerFile: 500 });
    const out = newOut();
    let waited = false;
    const summary = await runBulkExport(demoConfig(server.fhirBase, { algorithm: 'RS384' }), {
      outDir: out,
      group: 'demo-population',
      level: 'group',
      onProgress: (p) => {
        if (p.stage === 'waiting' && p.serverProgress) waited = true;
      },
    });
    expect(waited).toBe(true);
    const counts = checkedCounts(out);
    expect(counts).toEqual(manifestCounts(out));
    expect(summary.resourcesByType).toEqual(counts);
    expect(counts.Patient).toBe(40);
    expect(Object.keys(counts)).toEqual(expect.arrayContaining(['Encounter', 'MedicationRequest', 'Observation']));
    expect(ndjsonFiles(out).filter((n) => n.startsWith('Observation-')).length).toBeGreaterThan(1);
  });

  it('reports the error file of the manifest', async () => {
    const server = await demo({ faults: { errorFile: true } });
    const summary = await runBulkExport(demoConfig(server.fhirBase), { outDir: newOut(), types: ['Patient'] });
    expect(summary.errors.outcomes).toBeGreaterThan(0);
    expect(summary.errors.issues[0]?.issue).toContain('demo fault (errorFile)');
  });

  it('survives tokens that expire during the export', async () => {
    // Tokens live one second; the job alone takes longer, so later requests need new tokens.
    const server = await demo({ tokenLifetimeSeconds: 1, jobDelayMs: 1500, resourcesPerFile: 200 });
    const out = newOut();
    await runBulkExport(demoConfig(server.fhirBase, { algorithm: 'ES384' }), {
      outDir: out,
      types: ['Patient', 'Observation'],
    });
    expect(checkedCounts(out)).toEqual(manifestCounts(out));
  });

  it('resumes the file the demo cuts mid-line', async () => {
    const server = await demo({ resourcesPerFile: 200, faults: { truncate: 'Observation-1.ndjson' } });
    const out = newOut();
    await runBulkExport(demoConfig(server.fhirBase), { outDir: out, types: ['Observation'] });
    expect(checkedCounts(out)).toEqual(manifestCounts(out));
  });

  it('refuses the redirect of a download', async () => {
    const elsewhere = await startRecordingServer((_req, res) => res.end('{}'));
    servers.push(elsewhere);
    const server = await demo({ faults: { redirectTo: elsewhere.origin } });
    await expect(runBulkExport(demoConfig(server.fhirBase), { outDir: newOut(), types: ['Patient'] })).rejects.toThrow(
      `redirect refused (HTTP 307 to ${elsewhere.origin})`,
    );
    expect(elsewhere.requests).toEqual([]);
  });

  it('is refused by a demo that does not know the key', async () => {
    const server = await demo();
    await expect(
      runBulkExport(demoConfig(server.fhirBase, { privateKeyFile: strangerKeyFile }), { outDir: newOut() }),
    ).rejects.toThrow(`the token endpoint refused client ${BULK_CLIENT.client_id}: HTTP 401 (invalid_client)`);
  });
});
