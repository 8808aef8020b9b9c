/**
 * Memoises a pure function of a string in a bounded map. Lab data repeats itself (a panel shares
 * one timestamp, a lab one unit string), so parsing each distinct string once is a large saving
 * on big histories; the bound keeps memory flat on adversarial input.
 */
export function memoizeString<T>(fn: (key: string) => T, maxEntries = 20_000): (key: string) => T {
  let cache = new Map<string, T>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    if (cache.size >= maxEntries) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
