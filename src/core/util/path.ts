/**
 * A zod issue path as people read it: `localCodes.labs[0].biomarker`, `context.patientId`;
 * `empty` when the problem is the whole document.
 */
export function formatPath(path: readonly PropertyKey[], empty: string): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || empty;
}
