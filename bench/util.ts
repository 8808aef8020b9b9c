import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  size: number;
  ms: number;
  perSecond: number;
  baselineMs?: number;
  note?: string;
}

/** Collects garbage left by earlier runs (node --expose-gc) so a run pays only for its own. */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function timeIt(fn: () => void): number {
  settle();
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
