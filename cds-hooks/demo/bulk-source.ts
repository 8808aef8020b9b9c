import type { Resource } from '@medplum/fhirtypes';
import { defaultGoLive, generatePopulation } from '../population/synthetic/generate.js';
import type { ExportSource } from './bulk-export.js';
import type { DemoFhirServer } from './fhir-server.js';

/**
 * What the demo's Bulk export reads: the demo scenarios' records (as the FHIR server holds them)
 * and the synthetic population, generated afresh for each job straight from the generator — 2,000
 * patients in Medplum's in-memory repository would slow `npm start` and every demo search, and
 * nothing but the export reads them. Groups: `demo-population` (the synthetic patients) and
 * `demo-scenarios` (the demo's own patients).
 */

export const POPULATION_GROUP = 'demo-population';

/** The synthetic population's go-live day (YYYY-MM-DD): the demo's dashboard splits its trend there. */
export function demoGoLiveDate(now: Date = new Date()): string {
  return defaultGoLive(now).toISOString().slice(0, 10);
}
export const SCENARIOS_GROUP = 'demo-scenarios';

export function demoExportSource(fhir: DemoFhirServer, patients: number, anchor: Date = new Date()): ExportSource {
  // Resources the fixtures wrote no meta.lastUpdated for count as written when the demo loaded them.
  const loaded = anchor.toISOString();
  const stamped = (r: Resource): Resource =>
    r.meta?.lastUpdated ? r : { ...r, meta: { ...r.meta, lastUpdated: loaded } };
  const scenarios = fhir.records.map((record) => record.map(stamped));
  const population = () => generatePopulation({ patients, anchor });
  return {
    shared: fhir.shared.map(stamped),
    records(level, groupId) {
      if (level === 'group' && groupId === POPULATION_GROUP) return { count: patients, records: population() };
      if (level === 'group' && groupId === SCENARIOS_GROUP) return { count: scenarios.length, records: scenarios };
      if (level === 'group') return undefined;
      return { count: scenarios.length + patients, records: concat(scenarios, population()) };
    },
  };
}

function* concat<T>(...parts: Iterable<T>[]): Generator<T> {
  for (const part of parts) yield* part;
}
