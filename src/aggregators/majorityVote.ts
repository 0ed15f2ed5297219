import { MedmeanError } from '../errors/MedmeanError.ts';
import { sign } from './sign.ts';
import { validateVectors, type Vectors } from './validateVectors.ts';

export interface VoteOptions {
  /** The vote of a zero entry (±0): 0 abstains (default); 1 votes +1, as 1-bit compression does. */
  readonly signOfZero?: 0 | 1;
  /** The result of a tied vote: 0 (default) or 1, as signSGD's 1-bit reference code does. */
  readonly tie?: 0 | 1;
}

/**
 * SIGNSGD's majority vote: sign(Σ_i sign(v_i)) per coordinate, a vector with entries in {−1, 0, 1}.
 *
 * Conventions: by default sign(0) = sign(−0) = 0, so a zero entry abstains, and a tied vote
 * (possible for even M or with abstentions) gives 0. The 1-bit convention of signSGD's reference
 * implementation is `{ signOfZero: 1, tie: 1 }`: a zero votes +1 and a tie returns +1, so every
 * entry of the result is ±1. Runs in O(M·d); the input is not mutated.
 *
 * @example majorityVote([[1, -2], [3, -1], [-5, 4]]) // Float64Array [1, -1]
 */
export function majorityVote(vectors: Vectors, options: VoteOptions = {}): Float64Array {
  const { M, d } = validateVectors('majorityVote', vectors);
  if (options === null || typeof options !== 'object')
    throw new MedmeanError('majorityVote', 'options', 'an object { signOfZero, tie }', options);
  const { signOfZero = 0, tie = 0 } = options;
  if (signOfZero !== 0 && signOfZero !== 1)
    throw new MedmeanError('majorityVote', 'options.signOfZero', '0 or 1', signOfZero);
  if (tie !== 0 && tie !== 1) throw new MedmeanError('majorityVote', 'options.tie', '0 or 1', tie);
  // Votes are tallied worker by worker, reading each vector sequentially.
  const votes = new Float64Array(d);
  for (let i = 0; i < M; i++) {
    const vector = vectors[i];
    for (let j = 0; j < d; j++) {
      const x = vector[j];
      votes[j] += x === 0 ? signOfZero : sign(x);
    }
  }
  return votes.map((total) => (total === 0 ? tie : sign(total)));
}
