/**
 * Memoises a pure function of a string in a bounded map. Lab data repeats itself (a panel shares
 * one timestamp, a lab one unit string), so parsing each distinct string once is a large saving
 * on big histories; the bounds keep memory flat on adversarial input. Keys longer than
 * `maxKeyLength` are computed, never kept: 40 requests with distinct 1 MB dates or drug names held
 * 40–60 MB, and the entry bound alone would let such keys pin gigabytes.
 */
export function memoizeString<T>(fn: (key: string) => T, maxEntries = 20_000, maxKeyLength = 512): (key: string) => T {
  let cache = new Map<string, T>();
  return (key: string) => {
    if (key.length > maxKeyLength) return fn(key);
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    if (cache.size >= maxEntries) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
