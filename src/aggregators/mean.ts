import { compensatedAverage } from './compensatedAverage.ts';
import { validateVectors, type Vectors } from './validateVectors.ts';

/**
 * The coordinate-wise mean (1/M)·Σ_i v_i: distributed SGD's aggregation.
 *
 * ## Method
 * Neumaier-compensated summation per coordinate, divided by M. If the sum overflows (entries near
 * ±1.8e308), the coordinate is recomputed from the values scaled by a power of two, which cannot
 * overflow (src/aggregators/compensatedAverage.ts).
 * Runs in O(M·d); the input is not mutated.
 *
 * @example mean([[1, 2], [3, 6]]) // Float64Array [2, 4]
 */
export function mean(vectors: Vectors): Float64Array {
  const { M, d } = validateVectors('mean', vectors);
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    out[j] = compensatedAverage(M, (i) => vectors[i][j]);
  }
  return out;
}
