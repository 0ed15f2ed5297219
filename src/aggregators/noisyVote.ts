import { addNoise, type NoiseOptions } from './addNoise.ts';
import { majorityVote } from './majorityVote.ts';
import type { Vectors } from './validateVectors.ts';

/**
 * Noisy SIGNSGD's aggregation: sign(Σ_i sign(v_i + b·ξ_i)). The input is not mutated.
 */
export function noisyVote(vectors: Vectors, options: NoiseOptions): Float64Array {
  return majorityVote(addNoise('noisyVote', vectors, options));
}
