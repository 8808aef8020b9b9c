import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './util.js';

/**
 * The embedded demo's FHIR server answering the service's prefetch queries for each demo patient
 * (what an order-sign from the hook playground and the app read): the time one patient's queries
 * hold the event loop the service shares. Baseline: the same server with FHIR R4's shared search
 * parameters as published (one union expression for every resource type).
 */
export interface DemoFhirFigures {
  variant: 'per-base' | 'stock';
  patients: number;
  observations: number;
  resources: number;
  queries: number;
  perPatientMs: number[];
  medianMs: number;
  maxMs: number;
}

function measure(variant: DemoFhirFigures['variant'], runs: number): DemoFhirFigures {
  const script = fileURLToPath(new URL('./demo-fhir-worker.js', import.meta.url));
  const out = execFileSync(process.execPath, [script, variant, String(runs)], { encoding: 'utf8' });
  const figures = JSON.parse(out.trim().split('\n').at(-1) as string) as Omit<DemoFhirFigures, 'medianMs' | 'maxMs'>;
  return { ...figures, medianMs: median(figures.perPatientMs), maxMs: Math.max(...figures.perPatientMs) };
}

export function benchDemoFhir(runs: number): { perBase: DemoFhirFigures; stock: DemoFhirFigures } {
  return { perBase: measure('per-base', runs), stock: measure('stock', runs) };
}
