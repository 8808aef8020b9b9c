import { execFileSync } from 'node:child_process';
import { existsSync, unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SiteConfig, siteConfigSchema } from '../src/core/config/schema.js';
import { adminCredential } from './auth/admin-credential.js';
import { ConfigFileError, loadConfigFile } from './config/file.js';
import { BULK_CLIENT_FILE, loadOrCreateBulkClientKeys, publicKeySet } from './demo/backend-auth.js';
import { demoGoLiveDate } from './demo/bulk-source.js';
import { DemoFhirServer } from './demo/fhir-server.js';
import { type DemoIssuer, loadOrCreateDemoIssuer } from './demo/issuer.js';
import type { DemoRoutesOptions } from './demo/routes.js';
import { SANDBOX_ORIGIN, sandboxTrustedIssuer } from './demo/sandbox.js';
import { buildServer } from './http/server.js';
import { createLogger } from './logger.js';

/** Where the embedded demo keeps its key and feedback database. */
export const DEMO_DATA_DIR = '.immunosteward';

/** The project root (this file runs as `dist/cds-hooks/serve.js`). */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The environment variables that adapt the embedded demo, which reads no configuration file. */
export const DEMO_ENV = {
  allowedIssuers: 'IMMUNOSTEWARD_DEMO_ALLOWED_ISSUERS',
  standaloneIssuer: 'IMMUNOSTEWARD_DEMO_STANDALONE_ISSUER',
  trustSandbox: 'IMMUNOSTEWARD_DEMO_TRUST_SANDBOX',
} as const;

export interface DemoSettings {
  /** FHIR base URLs of other EHRs the demo's app may be launched from (a SMART launcher). */
  allowedIssuers: string[];
  /** The FHIR base URL of a standalone launch (the app opened without `iss`). */
  standaloneIssuer: string | null;
  /** The CDS Hooks sandbox as a trusted issuer, when asked for (development only). */
  sandbox: ReturnType<typeof sandboxTrustedIssuer> | null;
}

const envError = (name: string, message: string) => new ConfigFileError(name, [{ path: name, message }]);

function httpUrl(name: string, value: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:')
    throw envError(name, `"${value}" is not an http(s) URL (a FHIR base URL such as http://localhost:9000/v/r4/fhir)`);
  return value;
}

/** The demo's settings from the environment; a bad value is refused naming its variable. */
export function demoSettings(env: NodeJS.ProcessEnv, root: string = PROJECT_ROOT): DemoSettings {
  const allowedIssuers = (env[DEMO_ENV.allowedIssuers] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => httpUrl(DEMO_ENV.allowedIssuers, entry));
  const standalone = env[DEMO_ENV.standaloneIssuer]?.trim();
  const trust = env[DEMO_ENV.trustSandbox]?.trim().toLowerCase() ?? '';
  if (!['', '0', 'false', '1', 'true'].includes(trust))
    throw envError(DEMO_ENV.trustSandbox, `"${env[DEMO_ENV.trustSandbox]}" is not one of 1, true, 0, false`);
  let sandbox: DemoSettings['sandbox'] = null;
  if (trust === '1' || trust === 'true') {
    const jwks = join(root, 'test', 'fixtures', 'cds-hooks', 'sandbox-jwks.json');
    if (!existsSync(jwks)) throw envError(DEMO_ENV.trustSandbox, `the sandbox's public key set ${jwks} is missing`);
    sandbox = sandboxTrustedIssuer(jwks);
  }
  return {
    allowedIssuers,
    standaloneIssuer: standalone ? httpUrl(DEMO_ENV.standaloneIssuer, standalone) : null,
    sandbox,
  };
}

const NO_DEMO_SETTINGS: DemoSettings = { allowedIssuers: [], standaloneIssuer: null, sandbox: null };

/** Browser origins the demo answers with CORS: the CDS Hooks sandbox and local tools on any port. */
export const DEMO_CORS_ORIGINS = [
  SANDBOX_ORIGIN,
  'http://localhost:*',
  'http://127.0.0.1:*',
  'https://localhost:*',
  'https://127.0.0.1:*',
];

/**
 * The embedded demo configuration (no IMMUNOSTEWARD_CONFIG): the demo EHR issuer is trusted (and
 * the CDS Hooks sandbox when asked for), CORS for the sandbox and local origins, the feedback store
 * in the data directory, everything else at its default.
 */
export function demoConfig(issuer: DemoIssuer, port: number, settings: DemoSettings = NO_DEMO_SETTINGS): SiteConfig {
  const publicUrl = `http://localhost:${port}`;
  return siteConfigSchema.parse({
    server: { port, publicUrl, corsOrigins: DEMO_CORS_ORIGINS },
    auth: {
      trustedIssuers: [
        { iss: issuer.iss, jwks: { keys: [issuer.publicJwk] }, tenant: 'demo' },
        ...(settings.sandbox ? [settings.sandbox] : []),
      ],
    },
    fhir: { allowedServers: [`${publicUrl}/fhir`] },
    feedback: { store: `${DEMO_DATA_DIR}/feedback.sqlite` },
    population: { warehouse: `${DEMO_DATA_DIR}/population.duckdb`, goLiveDate: demoGoLiveDate() },
    app: { launchUrl: `${publicUrl}/app/launch.html` },
  });
}

/**
 * The app's settings in the demo (served as `/app/smart-config.json`): launched from the demo's
 * own FHIR server, the issuers the environment adds, and the standalone issuer, which must be
 * allowed too; open-server launch allowed (the demo FHIR server has no OAuth).
 */
export function demoSmartConfig(publicUrl: string, settings: DemoSettings = NO_DEMO_SETTINGS) {
  const standalone = settings.standaloneIssuer ? [settings.standaloneIssuer] : [];
  return {
    clientId: 'immunosteward-demo',
    scope:
      'launch openid fhirUser patient/Patient.r patient/Observation.rs patient/MedicationRequest.rs patient/Condition.rs patient/Immunization.rs patient/ServiceRequest.rs',
    allowedIssuers: [...new Set([`${publicUrl}/fhir`, ...settings.allowedIssuers, ...standalone])],
    standaloneIssuer: settings.standaloneIssuer,
    allowOpenServer: true,
    localLabCodes: [],
  };
}

function portFrom(env: NodeJS.ProcessEnv): number | undefined {
  if (env.PORT === undefined || env.PORT === '') return undefined;
  const port = Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigFileError('PORT', [{ path: 'PORT', message: `"${env.PORT}" is not a port number` }]);
  return port;
}

/** The built SMART app; built on first start when missing (needs the dev dependencies). */
function ensureAppBuilt(logger: {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
}): string | undefined {
  const dir = join(PROJECT_ROOT, 'dist', 'app');
  if (existsSync(join(dir, 'index.html'))) return dir;
  try {
    logger.info({ dir }, 'building the SMART app (first start)');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    return dir;
  } catch (error) {
    logger.warn({ err: error }, 'the SMART app could not be built: serving the CDS service only');
    return undefined;
  }
}

interface DemoParts {
  fhir: DemoFhirServer;
  smartConfig: Record<string, unknown>;
  issuer: DemoIssuer;
  bulk: NonNullable<DemoRoutesOptions['bulk']>;
}

/** The demo FHIR server (synthetic patients, dates shifted to today) and the app's demo settings. */
async function demoParts(
  config: SiteConfig,
  issuer: DemoIssuer,
  settings: DemoSettings,
): Promise<DemoParts | undefined> {
  const patients = join(PROJECT_ROOT, 'test', 'fixtures', 'demo');
  if (!existsSync(patients)) return undefined;
  const fhir = await DemoFhirServer.create(patients, `${config.server.publicUrl}/fhir`);
  const client = await loadOrCreateBulkClientKeys(DEMO_DATA_DIR);
  return {
    fhir,
    smartConfig: demoSmartConfig(config.server.publicUrl, settings),
    issuer,
    bulk: { clients: { [client.client_id]: publicKeySet(client) } },
  };
}

/** In-flight requests get this long to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/** How often the configuration file is checked for changes. */
const WATCH_INTERVAL_MS = 2000;

/** Loads the configuration (file or embedded demo), starts the service and stops it cleanly. */
export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = portFrom(env);
  let config: SiteConfig;
  let issuer: DemoIssuer | undefined;
  let settings: DemoSettings | undefined;
  const file = env.IMMUNOSTEWARD_CONFIG;
  if (file) {
    config = loadConfigFile(file);
    if (port !== undefined) config.server.port = port;
  } else {
    settings = demoSettings(env);
    issuer = await loadOrCreateDemoIssuer(DEMO_DATA_DIR);
    config = demoConfig(issuer, port ?? 8080, settings);
  }
  const admin = adminCredential(env, config, issuer ? DEMO_DATA_DIR : undefined);
  const logger = createLogger(config.logging.level);
  const ignored = Object.values(DEMO_ENV).filter((name) => file && env[name]);
  if (ignored.length > 0) logger.warn({ ignored }, 'demo settings ignored: IMMUNOSTEWARD_CONFIG is set');
  if (settings?.sandbox) {
    logger.warn(
      { iss: settings.sandbox.iss, variable: DEMO_ENV.trustSandbox },
      'the demo TRUSTS THE CDS HOOKS SANDBOX: its signing key is public, anyone can sign as it. Development only.',
    );
  }
  if (settings && (settings.allowedIssuers.length > 0 || settings.standaloneIssuer)) {
    logger.info(
      { allowedIssuers: settings.allowedIssuers, standaloneIssuer: settings.standaloneIssuer },
      'the demo app may also be launched from these FHIR servers',
    );
  }
  const appDir = ensureAppBuilt(logger);
  const demo = issuer && settings ? await demoParts(config, issuer, settings) : undefined;
  const app = await buildServer({
    config,
    logger,
    ...(appDir ? { appDir } : {}),
    ...(demo ? { demo } : {}),
    ...(admin ? { adminTokenSha256: admin.sha256 } : {}),
  });
  const address = await app.listen({ port: config.server.port, host: config.server.host });
  logger.info({ address, config: file ?? 'embedded demo' }, 'ImmunoSteward is listening');
  process.stdout.write(
    `\nImmunoSteward CDS Hooks service: ${config.server.publicUrl}/cds-services\n` +
      (appDir ? `  SMART app launch URL: ${config.server.publicUrl}/app/launch.html\n` : '') +
      (demo
        ? `  demo: ${config.server.publicUrl}/ (${demo.fhir.patients.length} synthetic patients on ${config.server.publicUrl}/fhir)\n` +
          `  demo Bulk export: ${config.server.publicUrl}/fhir/$export (client immunosteward-population, keys in ${DEMO_DATA_DIR}/${BULK_CLIENT_FILE})\n`
        : '') +
      (settings?.sandbox
        ? `  CDS Hooks sandbox trusted (${DEMO_ENV.trustSandbox}; development only: its key is public)\n`
        : '') +
      (admin ? `  override analytics: ${config.server.publicUrl}/admin (sign in with ${admin.source})\n` : '') +
      `  configuration: ${file ?? 'embedded demo (set IMMUNOSTEWARD_CONFIG to use yours)'}\n\n`,
  );

  // Reload on SIGHUP or when the file changes; an invalid file keeps the running configuration.
  const reload = (trigger: string) => {
    if (!file) return;
    try {
      const next = loadConfigFile(file);
      if (port !== undefined) next.server.port = port;
      const { restartNeeded } = app.reloadConfig(next);
      logger.info({ trigger, restartNeeded }, 'configuration reloaded');
    } catch (error) {
      const errors = error instanceof ConfigFileError ? error.errors : [{ path: '(file)', message: String(error) }];
      logger.error({ trigger, errors }, 'configuration NOT reloaded: the running configuration is kept');
    }
  };
  process.on('SIGHUP', () => reload('SIGHUP'));
  if (file) watchFile(file, { interval: WATCH_INTERVAL_MS, persistent: false }, () => reload('file changed'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    if (file) unwatchFile(file);
    setTimeout(() => {
      logger.error('in-flight requests did not finish in time: exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
