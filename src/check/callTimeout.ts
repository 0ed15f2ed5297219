/**
 * What a call may take beyond the base limit (`--timeout`), per input value: 20 µs, about 100
 * times what a plain loop needs. The large-d check's call (5 × 100003 values) gets 10 s more, so a
 * busy machine does not time out a correct aggregator there, while a hang on a small input still
 * fails within the base limit.
 */
export const ALLOWANCE_PER_VALUE_MS = 0.02;

/** The time limit of one call on `vectors`, in milliseconds. */
export function callTimeoutMs(baseMs: number, vectors: ReadonlyArray<ArrayLike<number>>): number {
  const values = vectors.reduce((total, vector) => total + vector.length, 0);
  return Math.round(baseMs + values * ALLOWANCE_PER_VALUE_MS);
}
