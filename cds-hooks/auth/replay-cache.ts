/** JWT ids seen within their lifetime (replay protection); PostgreSQL shares one across instances (store/postgres.ts). */

export interface ReplayCache {
  /** False when the key was already seen (a replay); otherwise remembers it until `expiresAtMs`. */
  remember(key: string, expiresAtMs: number): boolean | Promise<boolean>;
}

export class MemoryReplayCache implements ReplayCache {
  private readonly seen = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  remember(key: string, expiresAtMs: number): boolean {
    const now = this.now();
    if (now - this.sweptAt > 10_000) {
      for (const [k, exp] of this.seen) if (exp <= now) this.seen.delete(k);
      this.sweptAt = now;
    }
    const previous = this.seen.get(key);
    if (previous !== undefined && previous > now) return false;
    this.seen.set(key, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
