/**
 * left/right of an inequality left ≤ right, for a search to maximise: the ratio when right > 0; 0
 * when left ≤ 0 < … (nothing to violate); and the largest double when right ≤ 0 < left (violated at
 * any scale), so that a search keeps it as its supremum instead of discarding a non-finite value.
 */
export function boundRatio(left: number, right: number): number {
  if (right > 0) return left / right;
  return left <= 0 ? 0 : Number.MAX_VALUE;
}
