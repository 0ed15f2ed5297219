/**
 * Σ_i term(i) by Neumaier-compensated summation: within about one rounding of the exact total,
 * whatever the order and the cancellation. Not finite when a partial sum overflows.
 */
function compensatedSum(count: number, term: (i: number) => number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < count; i++) {
    const x = term(i);
    const t = sum + x;
    // Stryker disable next-line EqualityOperator: at |sum| = |x| both branches give the same rounding error.
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * The average Σ_i w_i·x_i / Σ_i w_i of `count` finite values with positive finite weights (all 1
 * by default), compensated, and finite whenever the values are: if the direct sum overflows, the
 * weights are scaled by a power of two s with s·Σw ≤ 1 (an exact scaling), which keeps every
 * partial sum within the largest |x_i|.
 */
export function compensatedAverage(
  count: number,
  value: (i: number) => number,
  weight: (i: number) => number = () => 1,
  total = count,
): number {
  const direct = compensatedSum(count, (i) => weight(i) * value(i));
  if (Number.isFinite(direct)) return direct / total;
  const s = 2 ** -Math.ceil(Math.log2(total));
  return compensatedSum(count, (i) => weight(i) * s * value(i)) / (total * s);
}
