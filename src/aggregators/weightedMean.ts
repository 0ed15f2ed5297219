import { MedmeanError } from '../errors/MedmeanError.ts';
import { compensatedAverage } from './compensatedAverage.ts';
import { validateVectors, type Vectors } from './validateVectors.ts';

/**
 * The weighted coordinate-wise mean Σ_i w_i·v_i / Σ_i w_i: FedAvg's aggregation, with w_i the
 * number of examples of client i.
 *
 * ## Method
 * Neumaier-compensated Σ_i w_i·v_i per coordinate, divided by Σ_i w_i. If that sum overflows, the
 * weights are scaled by a power of two first, so the result is finite whenever the inputs are. Runs in O(M·d); the
 * input is not mutated.
 *
 * @param weights - one positive finite weight per vector.
 * @example weightedMean([[1, 2], [4, 8]], [3, 1]) // Float64Array [1.75, 3.5]
 */
export function weightedMean(vectors: Vectors, weights: ArrayLike<number>): Float64Array {
  const { M, d } = validateVectors('weightedMean', vectors);
  if (!Array.isArray(weights) && !(ArrayBuffer.isView(weights) && !(weights instanceof DataView))) {
    throw new MedmeanError('weightedMean', 'weights', 'an array of positive numbers, one per vector', weights);
  }
  if (weights.length !== M)
    throw new MedmeanError('weightedMean', 'weights.length', `equal to the number of vectors (${M})`, weights.length);
  for (let i = 0; i < M; i++) {
    const w = weights[i];
    if (!(w > 0) || !Number.isFinite(w))
      throw new MedmeanError('weightedMean', `weights[${i}]`, 'a positive finite number', w);
  }
  let total = 0;
  for (let i = 0; i < M; i++) total += weights[i];
  if (!Number.isFinite(total)) throw new MedmeanError('weightedMean', 'weights', 'weights whose sum is finite', total);
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    out[j] = compensatedAverage(
      M,
      (i) => vectors[i][j],
      (i) => weights[i],
      total,
    );
  }
  return out;
}
