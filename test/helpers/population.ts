import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixture } from './fixtures.js';

/** The demo scenarios that hold a patient (not the clinician's or the neutral orders' file). */
export const DEMO_SCENARIOS = [
  'post-covid',
  'chemo-gcsf',
  'hepatitis-peginterferon',
  'sle-immunodeficiency',
  'healthy-booster',
  'warfarin-omega3',
  'checkpoint-booster',
  'methotrexate-mmr',
  'vitamin-d-excess',
  'child-lysates',
  'hiv-cd4',
] as const;

type Resource = { resourceType: string; id?: string; status?: string };

/**
 * A demo patient's record once its draft order was signed: the Bundle's resources and the
 * scenario's order with the status an EHR gives it on signing (`active`).
 */
export function signedScenario(slug: string): Resource[] {
  const bundle = loadFixture(`demo/${slug}.json`) as { entry: { resource: Resource }[] };
  const order = loadFixture(`demo/${slug}.order.json`) as Resource;
  return [...bundle.entry.map((e) => e.resource), { ...order, status: 'active' }];
}

/** Resources as a Bulk export writes them: one `{Type}.ndjson` file per type, one resource a line. */
export function writeNdjsonDir(dir: string, patients: readonly Resource[][]): void {
  mkdirSync(dir, { recursive: true });
  const byType = new Map<string, string[]>();
  for (const r of patients.flat()) {
    const lines = byType.get(r.resourceType) ?? [];
    lines.push(JSON.stringify(r));
    byType.set(r.resourceType, lines);
  }
  for (const [type, lines] of byType) writeFileSync(join(dir, `${type}.ndjson`), `${lines.join('\n')}\n`);
}

/** The built classification worker (worker threads run JavaScript: `npm run build:node`, which `npm test` runs first). */
export function builtClassifyWorker(): URL {
  const url = new URL('../../dist/cds-hooks/population/classify/worker.js', import.meta.url);
  if (!existsSync(url)) {
    throw new Error(
      'dist/cds-hooks/population/classify/worker.js is missing: run `npm run build:node` (`npm test` does).',
    );
  }
  return url;
}
