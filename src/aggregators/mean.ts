import { validateVectors, type Vectors } from './validateVectors.ts';

/**
 * The coordinate-wise mean (1/M)·Σ_i v_i: distributed SGD's aggregation.
 *
 * ## Method
 * Neumaier-compensated summation per coordinate, divided by M. If the sum overflows (entries near
 * ±1.8e308), the coordinate is recomputed as Σ_i (v_i/M), which cannot overflow.
 * Runs in O(M·d); the input is not mutated.
 *
 * @example mean([[1, 2], [3, 6]]) // Float64Array [2, 4]
 */
export function mean(vectors: Vectors): Float64Array {
  const { M, d } = validateVectors('mean', vectors);
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let compensation = 0;
    for (let i = 0; i < M; i++) {
      const x = vectors[i][j];
      const t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
    }
    const total = sum + compensation;
    if (Number.isFinite(total)) {
      out[j] = total / M;
    } else {
      let scaled = 0;
      for (let i = 0; i < M; i++) scaled += vectors[i][j] / M;
      out[j] = scaled;
    }
  }
  return out;
}
