/**
 * Nesting depth of a JSON text, counted before parsing so that a hostile body (10⁵ nested arrays)
 * is refused cheaply instead of building a deep object graph that recursive code later overflows
 * on. Brackets inside strings do not count. Returns as soon as `max` is exceeded.
 */
export function exceedsJsonDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
