import { sign } from './sign.ts';
import { validateVectors, type Vectors } from './validateVectors.ts';

/**
 * SIGNSGD's majority vote: sign(Σ_i sign(v_i)) per coordinate, a vector with entries in {−1, 0, 1}.
 *
 * Conventions: sign(0) = sign(−0) = 0, so a zero entry abstains; a tied vote (possible for even M
 * or with abstentions) gives 0. Runs in O(M·d); the input is not mutated.
 *
 * @example majorityVote([[1, -2], [3, -1], [-5, 4]]) // Float64Array [1, -1]
 */
export function majorityVote(vectors: Vectors): Float64Array {
  const { M, d } = validateVectors('majorityVote', vectors);
  // Votes are tallied worker by worker, reading each vector sequentially.
  const votes = new Float64Array(d);
  for (let i = 0; i < M; i++) {
    const vector = vectors[i];
    for (let j = 0; j < d; j++) votes[j] += sign(vector[j]);
  }
  for (let j = 0; j < d; j++) votes[j] = sign(votes[j]);
  return votes;
}
