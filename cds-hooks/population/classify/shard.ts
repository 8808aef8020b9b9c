/**
 * Sharding by patient: a stable 32-bit FNV-1a hash of the patient id (UTF-8), mod N. The same
 * patient lands in the same shard on every machine and in every run, whatever the order of the files.
 */

export interface Shard {
  index: number;
  count: number;
}

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function inShard(patientId: string, shard: Shard | undefined): boolean {
  return shard === undefined || fnv1a(patientId) % shard.count === shard.index;
}

/** `i/N` with 0 ≤ i < N; a sentence saying what is wrong otherwise. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return `"${text}" is not a shard: write i/N, e.g. 0/3`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) return `"${text}" is not a shard: i must be 0 to N − 1 and N at least 1`;
  return { index, count };
}
