/**
 * left/right of an inequality left ≤ right, for a search to maximise: the ratio when right > 0; 0
 * when left ≤ 0 < … (nothing to violate); and the largest double when right ≤ 0 < left (violated at
 * any scale), so that a search keeps it as its supremum instead of discarding a non-finite value.
 */
export function boundRatio(left: number, right: number): number {
  if (right > 0) return left / right;
  return left <= 0 ? 0 : Number.MAX_VALUE;
}

/**
 * The rounding the explicit-bound checks allow: left/right is a ratio of sums of up to ~10⁴ rounded
 * terms, so a ratio above 1 by more than 1e-9, or a relative slack (right − left)/(|left| + |right|)
 * below −1e-12 per state, is beyond rounding. Where a step is an equality (the descent lemma at
 * curvature L) the stored iterates' rounding needs its own allowance (see stepRounding).
 */
export const exceedsOne = (ratio: number): boolean => ratio > 1 + 1e-9;
export const negativeSlack = (relativeSlack: number): boolean => relativeSlack < -1e-12;
