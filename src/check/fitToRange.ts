// Every input medmean check sends stays within the declared range (--max-abs): an aggregator that
// clips to its range, or fails outside it, is correct on the inputs it was declared for. Inputs
// built from fixed patterns or seeded draws are brought into the range by a power of two, which is
// exact above the subnormals and keeps signs, ties, zeros and the order of the values.
/** The largest power of two s ≤ 1 with s · largest ≤ limit (1 when largest is already within it). */
export function rangeScale(largest: number, limit: number): number {
  if (!(largest > limit)) return 1;
  let scale = 2 ** Math.floor(Math.log2(limit / largest));
  // log2 rounds: step down until the product fits, up while the next power still fits.
  while (scale * largest > limit) scale /= 2;
  while (scale < 1 && scale * 2 * largest <= limit) scale *= 2;
  return scale;
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
  const scale = rangeScale(largestMagnitude(rows), limit);
  return scale === 1 ? rows : rows.map((row) => row.map((x) => x * scale));
}
