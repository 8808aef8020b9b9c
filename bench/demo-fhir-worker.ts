import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fillTemplate, prefetchKeys } from '../cds-hooks/data/prefetch-templates.js';
import { DemoFhirServer, indexDefinitions } from '../cds-hooks/demo/fhir-server.js';
import { defaultSiteConfig } from '../src/core/config/schema.js';
import { median } from './util.js';

/**
 * A process for the demo FHIR benchmark (the engine's definitions index is process-wide). Args:
 * `per-base` (the demo's own index) or `stock` (FHIR R4's shared search parameters as published),
 * and the number of runs. Prints one JSON line: per demo patient, the median time of the service's
 * five prefetch queries, run one after the other as the service's event loop runs them.
 */

const [variant, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
if (variant === 'stock') indexDefinitions((bundle) => bundle);

const dir = fileURLToPath(new URL('../../test/fixtures/demo', import.meta.url));
const server = await DemoFhirServer.create(dir, 'http://localhost/fhir');
const templates = Object.values(prefetchKeys(defaultSiteConfig())).map((k) => k.template);

let resources = 0;
const perPatientMs: number[] = [];
for (const patient of server.patients) {
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    let found = 0;
    for (const template of templates) {
      const [path, search] = fillTemplate(template, { patientId: patient.id }).split('?');
      const { body } = await server.get(path as string, Object.fromEntries(new URLSearchParams(search)));
      found += (body as { entry?: unknown[] }).entry?.length ?? 1;
    }
    // run 0 warms the engine's caches
    if (run > 0) times.push(performance.now() - started);
    if (run === 0) resources += found;
  }
  perPatientMs.push(median(times));
}
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.order.json'));
const observations = files.reduce(
  (n, f) => n + (readFileSync(join(dir, f), 'utf8').match(/"resourceType": "Observation"/g)?.length ?? 0),
  0,
);
process.stdout.write(
  `${JSON.stringify({ variant, patients: perPatientMs.length, observations, resources, queries: templates.length, perPatientMs })}\n`,
);
