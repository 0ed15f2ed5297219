/**
 * Undefined when every coordinate of `got` is within `allowedAt(j)` of `expected` (equal where it
 * is 0, so that ±0 and exact conventions are compared exactly), else the first mismatch described.
 */
export function compareWithin(
  got: Float64Array,
  expected: Float64Array,
  allowedAt: (j: number) => number,
): string | undefined {
  for (let j = 0; j < expected.length; j++) {
    const allowed = allowedAt(j);
    const ok = allowed === 0 ? got[j] === expected[j] : Math.abs(got[j] - expected[j]) <= allowed;
    if (!ok)
      return `coordinate ${j}: got ${got[j]}, expected ${expected[j]}${allowed === 0 ? ' (exact)' : ` (tolerance ${allowed.toExponential(2)})`}`;
  }
  return undefined;
}
