import { MedmeanError } from '../errors/MedmeanError.ts';
import { compensatedAverage } from './compensatedAverage.ts';
import { validateVectors, type Vectors } from './validateVectors.ts';

/**
 * The weighted coordinate-wise mean Σ_i w_i·v_i / Σ_i w_i: FedAvg's aggregation, with w_i the
 * number of examples of client i.
 *
 * ## Method
 * Neumaier-compensated Σ_i q_i·x_i per coordinate, divided by Σ_i q_i, where q_i = w_i·2^k with
 * Σq in (1/2, 1] and x_i = v_i·2^e with the column's largest |x| in [1, 2): both scalings are exact,
 * so no product overflows and none underflows unless its term is negligible beside the column's
 * largest (real weights times subnormal values would otherwise round to 0: the one vector
 * [1.5e-323] with weight 2^−20 averaged to 0). The result is finite whenever the inputs are. Runs in
 * O(M·d); the input is not mutated.
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
  let sum = 0;
  for (let i = 0; i < M; i++) sum += weights[i];
  if (!Number.isFinite(sum)) throw new MedmeanError('weightedMean', 'weights', 'weights whose sum is finite', sum);
  // Compensated: a plain sum of M real weights is off by up to (M − 1)·ε/2 of itself.
  const total = compensatedAverage(M, (i) => weights[i], undefined, 1);
  const weightScale = 2 ** -Math.ceil(Math.log2(total));
  const scaled = Array.from({ length: M }, (_, i) => weights[i] * weightScale);
  const scaledTotal = total * weightScale;
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let largest = 0;
    for (let i = 0; i < M; i++) largest = Math.max(largest, Math.abs(vectors[i][j]));
    const e = largest === 0 ? 0 : -Math.floor(Math.log2(largest));
    const average = compensatedAverage(
      M,
      (i) => timesPowerOfTwo(vectors[i][j], e),
      (i) => scaled[i],
      scaledTotal,
    );
    out[j] = timesPowerOfTwo(average, -e);
  }
  return out;
}

/** x·2^e in two exact steps, since 2^e alone overflows or underflows for |e| > 1023. */
function timesPowerOfTwo(x: number, e: number): number {
  const half = Math.trunc(e / 2);
  return x * 2 ** half * 2 ** (e - half);
}
