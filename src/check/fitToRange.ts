// Every input medmean check sends stays within the declared range (--max-abs): an aggregator that
// clips to its range, or fails outside it, is correct on the inputs it was declared for. Inputs
// built from fixed patterns or seeded draws are brought into the range by a power of two, which is
// exact above the subnormals and keeps signs, ties, zeros and the order of the values.
/**
 * The largest integer e ≤ 0 with 2^e · largest ≤ limit (0 when largest is already within it).
 * An exponent, not a factor: for a ratio limit/largest below the smallest double, 2^e is not a
 * double, but x · 2^e still is (`scaleBy`).
 */
export function rangeExponent(largest: number, limit: number): number {
  if (!(largest > limit)) return 0;
  // From the logs (the ratio itself can underflow); off by at most one either way.
  let exponent = Math.min(0, Math.floor(Math.log2(limit) - Math.log2(largest)));
  const fits = (e: number) => scaleBy(largest, e) <= limit;
  while (!fits(exponent)) exponent -= 1;
  while (exponent < 0 && fits(exponent + 1)) exponent += 1;
  return exponent;
}

/** x · 2^e in two steps, so that neither power of two underflows or overflows on its own. */
export function scaleBy(x: number, e: number): number {
  const half = Math.trunc(e / 2);
  return x * 2 ** half * 2 ** (e - half);
}

/** The largest |value| in any of `rows`. */
export function largestMagnitude(rows: ArrayLike<ArrayLike<number>>): number {
  let largest = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let j = 0; j < row.length; j++) largest = Math.max(largest, Math.abs(row[j]));
  }
  return largest;
}

/** `rows` scaled by a power of two into |v| ≤ limit (the same array when they are within it). */
export function fitRows(rows: number[][], limit: number): number[][] {
  const exponent = rangeExponent(largestMagnitude(rows), limit);
  return exponent === 0 ? rows : rows.map((row) => row.map((x) => scaleBy(x, exponent)));
}
