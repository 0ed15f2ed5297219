import { addNoise } from './addNoise.ts';
import type { NoiseOptions } from './noiseOptions.ts';
import { median, type MedianOptions } from './median.ts';
import type { Vectors } from './validateVectors.ts';

/**
 * Noisy MEDIANSGD's aggregation: median_i(v_i + b·ξ_i), with ξ_i iid from the noise family.
 * Theorem 4: its expectation approaches the mean as b grows (bias O(1/b)), at variance O(b²).
 * The input is not mutated.
 */
export function noisyMedian(vectors: Vectors, options: NoiseOptions & MedianOptions): Float64Array {
  return median(addNoise('noisyMedian', vectors, options), options);
}
