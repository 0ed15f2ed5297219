import { resolveNoiseOptions, type NoiseOptions } from './noiseOptions.ts';
import { sign } from './sign.ts';
import { validateVectors, type Vectors } from './validateVectors.ts';

/**
 * Noisy SIGNSGD's aggregation: sign(Σ_i sign(v_i + b·ξ_i)), with sign(0) = 0 and a tie giving 0.
 * The input is not mutated.
 *
 * The result is majorityVote(addNoise(vectors, options)) with the same draws from the same stream
 * (worker 0's d coordinates first), computed in one pass per worker: each worker's noise goes into
 * one reused buffer and its votes straight into the tally, without a noisy copy of every vector.
 * An entry v + b·ξ that overflows to ±∞ votes its sign.
 */
export function noisyVote(vectors: Vectors, options: NoiseOptions): Float64Array {
  const { M, d } = validateVectors('noisyVote', vectors);
  const { b, family, stream } = resolveNoiseOptions('noisyVote', options);
  const draws = new Float64Array(d);
  // Counts of at most M workers: an Int32Array is exact and half the memory traffic of doubles.
  const tally = new Int32Array(d);
  for (let i = 0; i < M; i++) {
    family.sample(stream, draws);
    const source = vectors[i];
    for (let j = 0; j < d; j++) {
      tally[j] += sign(source[j] + b * draws[j]);
    }
  }
  const votes = new Float64Array(d);
  for (let j = 0; j < d; j++) votes[j] = sign(tally[j]);
  return votes;
}
