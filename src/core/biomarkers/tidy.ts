/** Rounds away binary noise from unit factors (0.4 × 1000.0000000000001 → 400). */
export function tidy(value: number): number {
  const rounded = Math.round(value * 1e9) / 1e9;
  // Past about 1.8e299 the scaling overflows to Infinity; such values have no noise to remove.
  return Number.isFinite(rounded) ? rounded : value;
}
