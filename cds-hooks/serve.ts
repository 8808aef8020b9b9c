import { execFileSync } from 'node:child_process';
import { existsSync, unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SiteConfig, siteConfigSchema } from '../src/core/config/schema.js';
import { adminCredential } from './auth/admin-credential.js';
import { ConfigFileError, loadConfigFile } from './config/file.js';
import { DemoFhirServer } from './demo/fhir-server.js';
import { type DemoIssuer, loadOrCreateDemoIssuer } from './demo/issuer.js';
import { buildServer } from './http/server.js';
import { createLogger } from './logger.js';

/** Where the embedded demo keeps its key and feedback database. */
export const DEMO_DATA_DIR = '.immunosteward';

/**
 * The embedded demo configuration (no IMMUNOSTEWARD_CONFIG): the demo EHR issuer is trusted, the
 * feedback store lives in the data directory, everything else is at its default.
 */
export function demoConfig(issuer: DemoIssuer, port: number): SiteConfig {
  const publicUrl = `http://localhost:${port}`;
  return siteConfigSchema.parse({
    server: { port, publicUrl },
    auth: { trustedIssuers: [{ iss: issuer.iss, jwks: { keys: [issuer.publicJwk] }, tenant: 'demo' }] },
    fhir: { allowedServers: [`${publicUrl}/fhir`] },
    feedback: { store: `${DEMO_DATA_DIR}/feedback.sqlite` },
    app: { launchUrl: `${publicUrl}/app/launch.html` },
  });
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
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const dir = join(root, 'dist', 'app');
  if (existsSync(join(dir, 'index.html'))) return dir;
  try {
    logger.info({ dir }, 'building the SMART app (first start)');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
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
}

/** The demo FHIR server (synthetic patients, dates shifted to today) and the app's demo settings. */
async function demoParts(config: SiteConfig, issuer: DemoIssuer): Promise<DemoParts | undefined> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const patients = join(root, 'test', 'fixtures', 'demo');
  if (!existsSync(patients)) return undefined;
  const fhir = await DemoFhirServer.create(patients, `${config.server.publicUrl}/fhir`);
  const smartConfig = {
    clientId: 'immunosteward-demo',
    scope:
      'launch openid fhirUser patient/Patient.r patient/Observation.rs patient/MedicationRequest.rs patient/Condition.rs patient/Immunization.rs patient/ServiceRequest.rs',
    allowedIssuers: [`${config.server.publicUrl}/fhir`],
    standaloneIssuer: null,
    // The demo server is open (no OAuth): the app may take fhirServiceUrl/patientId from the URL.
    allowOpenServer: true,
    localLabCodes: [],
  };
  return { fhir, smartConfig, issuer };
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
  const file = env.IMMUNOSTEWARD_CONFIG;
  if (file) {
    config = loadConfigFile(file);
    if (port !== undefined) config.server.port = port;
  } else {
    issuer = await loadOrCreateDemoIssuer(DEMO_DATA_DIR);
    config = demoConfig(issuer, port ?? 8080);
  }
  const admin = adminCredential(env, config, issuer ? DEMO_DATA_DIR : undefined);
  const logger = createLogger(config.logging.level);
  const appDir = ensureAppBuilt(logger);
  const demo = issuer ? await demoParts(config, issuer) : undefined;
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
        ? `  demo: ${config.server.publicUrl}/ (${demo.fhir.patients.length} synthetic patients on ${config.server.publicUrl}/fhir)\n`
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
