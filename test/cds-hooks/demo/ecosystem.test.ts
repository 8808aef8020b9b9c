import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { JwtVerifier } from '../../../cds-hooks/auth/jwt.js';
import { MemoryReplayCache } from '../../../cds-hooks/auth/replay-cache.js';
import { ConfigFileError } from '../../../cds-hooks/config/file.js';
import { DemoFhirServer } from '../../../cds-hooks/demo/fhir-server.js';
import { type DemoIssuer, loadOrCreateDemoIssuer } from '../../../cds-hooks/demo/issuer.js';
import { SANDBOX_ISS, SANDBOX_JKU, SANDBOX_TENANT } from '../../../cds-hooks/demo/sandbox.js';
import { buildServer } from '../../../cds-hooks/http/server.js';
import { createLogger } from '../../../cds-hooks/logger.js';
import { DEMO_CORS_ORIGINS, demoConfig, demoSettings, demoSmartConfig } from '../../../cds-hooks/serve.js';
import { SqliteFeedbackStore } from '../../../cds-hooks/store/sqlite.js';
import { validateSiteConfig } from '../../../src/core/config/schema.js';
import { fixturePath } from '../../helpers/fixtures.js';
import { logCapture } from '../../helpers/log-capture.js';

/**
 * The embedded demo as the ecosystem's own test tools use it: the CDS Hooks sandbox (a browser app
 * on https://sandbox.cds-hooks.org reading the demo FHIR server itself) and the SMART launcher
 * (another EHR the demo's app is launched from), configured by environment variables.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SANDBOX_ORIGIN = 'https://sandbox.cds-hooks.org';
const LAUNCHER_ISS = 'http://localhost:9000/v/r4/fhir';
const LAUNCHER_STANDALONE = 'http://localhost:9000/v/r4/sim/eyJrIjoiMSIsImIiOiJwb3N0LWNvdmlkIn0/fhir';

let fhir: DemoFhirServer;
let issuer: DemoIssuer;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'immunosteward-ecosystem-'));
  for (const f of ['demo/post-covid.json', 'demo/demo-physician.json']) {
    copyFileSync(fixturePath(f), join(dir, f.replace('demo/', '')));
  }
  fhir = await DemoFhirServer.create(dir, 'http://localhost:8080/fhir');
  issuer = await loadOrCreateDemoIssuer(mkdtempSync(join(tmpdir(), 'immunosteward-key-')));
}, 30_000);

/** The demo as `npm start` builds it from this environment (store in memory instead of the data directory). */
async function demoService(env: NodeJS.ProcessEnv = {}) {
  const settings = demoSettings(env, ROOT);
  const config = demoConfig(issuer, 8080, settings);
  const app = await buildServer({
    config,
    store: new SqliteFeedbackStore(':memory:'),
    replay: new MemoryReplayCache(),
    logger: createLogger('debug', logCapture.destination),
    demo: { fhir, smartConfig: demoSmartConfig(config.server.publicUrl, settings), issuer },
  });
  return { app, config };
}

const preflight = (app: Awaited<ReturnType<typeof demoService>>['app'], origin: string, url = '/fhir/Patient') =>
  app.inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });

describe('CORS on the demo FHIR server', () => {
  it('answers a preflight from the sandbox and from localhost origins on any port, with a cross-origin CORP', async () => {
    const { app } = await demoService();
    for (const origin of [SANDBOX_ORIGIN, 'http://localhost:3000', 'http://127.0.0.1:5173', 'http://localhost']) {
      const res = await preflight(app, origin);
      expect(res.statusCode, origin).toBe(204);
      expect(res.headers['access-control-allow-origin'], origin).toBe(origin);
      expect(String(res.headers['access-control-allow-methods'])).toContain('GET');
      expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
      expect(res.headers['cross-origin-resource-policy'], origin).toBe('cross-origin');
    }
  });

  it('lets the sandbox read the server itself: metadata, the patient check and a search', async () => {
    const { app } = await demoService();
    for (const url of [
      '/fhir/metadata',
      '/fhir/Patient',
      '/fhir/Patient/post-covid',
      '/fhir/Observation?patient=post-covid',
    ]) {
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { origin: SANDBOX_ORIGIN, accept: 'application/json' },
      });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['access-control-allow-origin'], url).toBe(SANDBOX_ORIGIN);
      expect(res.headers['cross-origin-resource-policy'], url).toBe('cross-origin');
    }
    // The CDS endpoints the sandbox calls from the browser too.
    const discovery = await preflight(app, SANDBOX_ORIGIN, '/cds-services');
    expect(discovery.headers['access-control-allow-origin']).toBe(SANDBOX_ORIGIN);
  });

  it('refuses other origins: no allow-origin header, and the same-origin CORP stays', async () => {
    const { app } = await demoService();
    for (const origin of [
      'https://evil.example',
      'http://localhost.evil.example:3000',
      'https://sandbox.cds-hooks.org.evil.example',
    ]) {
      const res = await preflight(app, origin);
      expect(res.headers['access-control-allow-origin'], origin).toBeUndefined();
      expect(res.headers['cross-origin-resource-policy'], origin).toBe('same-origin');
      const read = await app.inject({ method: 'GET', url: '/fhir/metadata', headers: { origin } });
      expect(read.headers['access-control-allow-origin'], origin).toBeUndefined();
      expect(read.headers['cross-origin-resource-policy'], origin).toBe('same-origin');
    }
    // A same-origin request (no Origin header) gets no CORS headers either.
    const own = await app.inject({ method: 'GET', url: '/fhir/metadata' });
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    expect(own.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('server.corsOrigins takes origins and scheme://host:*, and refuses *, paths and trailing slashes', () => {
    expect(validateSiteConfig({ server: { corsOrigins: DEMO_CORS_ORIGINS } })).toHaveProperty('config');
    for (const bad of [
      '*',
      'https://sandbox.cds-hooks.org/',
      'https://ehr.example.org/app',
      'localhost:3000',
      'HTTPS://EHR.EXAMPLE.ORG',
    ]) {
      const result = validateSiteConfig({ server: { corsOrigins: [bad] } });
      expect(result, bad).toHaveProperty('errors');
      expect((result as { errors: { path: string; message: string }[] }).errors[0]).toMatchObject({
        path: 'server.corsOrigins[0]',
        message: expect.stringContaining('not a browser origin'),
      });
    }
  });
});

describe('the demo app settings from the environment', () => {
  it('add the launcher as an issuer and the standalone issuer to /app/smart-config.json', async () => {
    const { app } = await demoService({
      IMMUNOSTEWARD_DEMO_ALLOWED_ISSUERS: ` ${LAUNCHER_ISS}, https://launch.smarthealthit.org/v/r4/fhir ,`,
      IMMUNOSTEWARD_DEMO_STANDALONE_ISSUER: LAUNCHER_STANDALONE,
    });
    const config = (await app.inject({ method: 'GET', url: '/app/smart-config.json' })).json();
    expect(config).toMatchObject({
      clientId: 'immunosteward-demo',
      allowedIssuers: [
        'http://localhost:8080/fhir',
        LAUNCHER_ISS,
        'https://launch.smarthealthit.org/v/r4/fhir',
        LAUNCHER_STANDALONE,
      ],
      standaloneIssuer: LAUNCHER_STANDALONE,
      allowOpenServer: true,
    });
  });

  it('without them, the demo FHIR server is the only issuer', async () => {
    const { app } = await demoService();
    const config = (await app.inject({ method: 'GET', url: '/app/smart-config.json' })).json();
    expect(config).toMatchObject({ allowedIssuers: ['http://localhost:8080/fhir'], standaloneIssuer: null });
  });

  it('refuses a bad value naming its variable', () => {
    const refused = (env: NodeJS.ProcessEnv) => {
      try {
        demoSettings(env, ROOT);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigFileError);
        return (error as ConfigFileError).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ IMMUNOSTEWARD_DEMO_ALLOWED_ISSUERS: `${LAUNCHER_ISS},launcher` })).toContain(
      'IMMUNOSTEWARD_DEMO_ALLOWED_ISSUERS: "launcher" is not an http(s) URL',
    );
    expect(refused({ IMMUNOSTEWARD_DEMO_STANDALONE_ISSUER: 'ftp://localhost:9000/fhir' })).toContain(
      'IMMUNOSTEWARD_DEMO_STANDALONE_ISSUER: "ftp://localhost:9000/fhir" is not an http(s) URL',
    );
    expect(refused({ IMMUNOSTEWARD_DEMO_TRUST_SANDBOX: 'yes please' })).toContain(
      'IMMUNOSTEWARD_DEMO_TRUST_SANDBOX: "yes please" is not one of 1, true, 0, false',
    );
  });

  it('`immunosteward serve` exits 2 on a bad value, naming the variable, before creating anything', () => {
    const cli = join(ROOT, 'dist', 'cds-hooks', 'cli', 'main.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build:node (npm test does)`);
    const cwd = mkdtempSync(join(tmpdir(), 'immunosteward-demo-env-'));
    const env: NodeJS.ProcessEnv = { ...process.env, IMMUNOSTEWARD_DEMO_STANDALONE_ISSUER: 'not a url' };
    delete env.IMMUNOSTEWARD_CONFIG;
    const run = spawnSync(process.execPath, [cli, 'serve'], { cwd, env, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('IMMUNOSTEWARD_DEMO_STANDALONE_ISSUER: "not a url" is not an http(s) URL');
    expect(existsSync(join(cwd, '.immunosteward'))).toBe(false);
  });
});

describe('trusting the CDS Hooks sandbox (development only)', () => {
  interface Capture {
    at: string;
    headers: { authorization: string };
    jwt: { payload: { aud: string } };
  }
  const [capture] = readFileSync(fixturePath('cds-hooks/sandbox-captured-requests.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Capture);
  const verify = (env: NodeJS.ProcessEnv) => {
    const config = demoConfig(issuer, 8080, demoSettings(env, ROOT));
    const at = new Date(capture?.at as string);
    return new JwtVerifier(config.auth, new MemoryReplayCache(), () => at).verify(
      capture?.headers.authorization as string,
      capture?.jwt.payload.aud as string,
    );
  };

  it('is off by default: a token the sandbox signed is refused', async () => {
    await expect(verify({})).rejects.toThrow(/untrusted issuer/);
    await expect(verify({ IMMUNOSTEWARD_DEMO_TRUST_SANDBOX: 'false' })).rejects.toThrow(/untrusted issuer/);
  });

  it('on request, its published key set is trusted inline with its jku allowed, under a tenant of its own', async () => {
    await expect(verify({ IMMUNOSTEWARD_DEMO_TRUST_SANDBOX: '1' })).resolves.toMatchObject({ iss: SANDBOX_ISS });
    const config = demoConfig(issuer, 8080, demoSettings({ IMMUNOSTEWARD_DEMO_TRUST_SANDBOX: 'true' }, ROOT));
    const sandbox = config.auth.trustedIssuers.find((i) => i.iss === SANDBOX_ISS);
    expect(sandbox).toMatchObject({ jkuAllowed: [SANDBOX_JKU], tenant: SANDBOX_TENANT });
    // Inline keys only: nothing is fetched from the internet.
    expect(sandbox?.jwksUrl).toBeUndefined();
    expect(sandbox?.jwks).toEqual(JSON.parse(readFileSync(fixturePath('cds-hooks/sandbox-jwks.json'), 'utf8')));
  });
});
