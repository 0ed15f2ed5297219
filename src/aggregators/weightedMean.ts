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
 * [1.5e-323] with weight 2^−20 averaged to 0). A column whose products q_i·v_i are all normal and
 * far from overflow is summed with e = 0, which rounds the same, in one pass over the vectors in
 * memory order. The result is finite whenever the inputs are. Runs in O(M·d); the input is not
 * mutated.
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
  let plainTotal = 0;
  for (let i = 0; i < M; i++) plainTotal += weights[i];
  if (!Number.isFinite(plainTotal))
    throw new MedmeanError('weightedMean', 'weights', 'weights whose sum is finite', plainTotal);
  // Compensated: a plain sum of M real weights is off by up to (M − 1)·ε/2 of itself.
  const total = compensatedAverage(M, (i) => weights[i], undefined, 1);
  const weightScale = 2 ** -Math.ceil(Math.log2(total));
  const scaled = Array.from({ length: M }, (_, i) => weights[i] * weightScale);
  const scaledTotal = total * weightScale;
  // Row by row (each vector read in order): every column's compensated Σ q_i·v_i, and its largest
  // and smallest nonzero |v|. The Neumaier step is compensatedAverage.ts's compensatedSum, inlined
  // because that one walks a single column through a closure (3.5× slower here); keep the two alike.
  const sum = new Float64Array(d);
  const compensation = new Float64Array(d);
  const largest = new Float64Array(d);
  const smallest = new Float64Array(d).fill(Infinity);
  for (let i = 0; i < M; i++) {
    const vector = vectors[i];
    const q = scaled[i];
    for (let j = 0; j < d; j++) {
      const v = vector[j];
      const size = Math.abs(v);
      // Stryker disable next-line EqualityOperator: equal sizes give the same largest.
      if (size > largest[j]) largest[j] = size;
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a smallest taken too large sends a column with products below the normal range to the unscaled sum, whose error stays within 2 subnormals of the scaled one (the stated bound); their rounding shows only where larger terms cancel, and there the scaled sum is no more exact.
      if (size > 0 && size < smallest[j]) smallest[j] = size;
      const x = q * v;
      const t = sum[j] + x;
      // Stryker disable next-line EqualityOperator: at |sum| = |x| both branches give the same rounding error.
      compensation[j] += Math.abs(sum[j]) >= Math.abs(x) ? sum[j] - t + x : x - t + sum[j];
      sum[j] = t;
    }
  }
  // A loop, not Math.min(...scaled): spreading hundreds of thousands of clients' weights overflows the stack.
  let smallestWeight = Infinity;
  for (const q of scaled) smallestWeight = Math.min(smallestWeight, q);
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    // No product q_i·v_i is subnormal and no partial sum comes near overflow (q_i ≤ 1, Σq ≤ 1):
    // scaling the column by a power of two would change no rounding.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: the scaled path below gives the same results for every column; the test pins only the cases where the unscaled sum would not (subnormal products, overflow).
    if (smallest[j] * smallestWeight >= SMALLEST_NORMAL && largest[j] <= LARGEST_UNSCALED) {
      out[j] = (sum[j] + compensation[j]) / scaledTotal;
      continue;
    }
    // Here largest > 0: an all-zero column (smallest = Infinity) took the unscaled sum.
    const e = -Math.floor(Math.log2(largest[j]));
    const average = compensatedAverage(
      M,
      (i) => timesPowerOfTwo(vectors[i][j], e),
      (i) => scaled[i],
      scaledTotal,
    );
    // The exact mean lies within ±largest, and so does its correct rounding: an average rounded up
    // past the scaled largest (at |v| = MAX_VALUE, to 2, which scales back to Infinity) is clamped.
    const bound = timesPowerOfTwo(largest[j], e);
    out[j] = timesPowerOfTwo(Math.min(bound, Math.max(-bound, average)), -e);
  }
  return out;
}

// Stryker disable next-line UnaryOperator: 2^1022 only sends every column to the scaled path, which gives the same results.
const SMALLEST_NORMAL = 2 ** -1022;
/** Columns up to this magnitude sum without scaling: partial sums stay below it times (1 + M·ε). */
const LARGEST_UNSCALED = 2 ** 1020;

/** x·2^e in two exact steps, since 2^e alone overflows or underflows for |e| > 1023. */
function timesPowerOfTwo(x: number, e: number): number {
  const half = Math.trunc(e / 2);
  return x * 2 ** half * 2 ** (e - half);
}
