import { majorityVote } from '../aggregators/majorityVote.ts';
import { mean } from '../aggregators/mean.ts';
import { median } from '../aggregators/median.ts';
import type { Vectors } from '../aggregators/validateVectors.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { type AlgorithmName, algorithmNames } from './algorithmNames.ts';

/**
 * The server's direction for one step of a distributed algorithm, from the (already perturbed)
 * local gradients: the mean for SGD, the majority vote for the SIGNSGD family (the sign of the
 * median, Proposition 1), the coordinate-wise median for the MEDIANSGD family.
 */
export function aggregateStep(algorithm: AlgorithmName, vectors: Vectors): Float64Array {
  if (algorithm === 'sgd') return mean(vectors);
  if (algorithm === 'signsgd' || algorithm === 'noisy-signsgd') return majorityVote(vectors);
  if (algorithm === 'mediansgd' || algorithm === 'noisy-mediansgd') return median(vectors);
  throw new MedmeanError('aggregateStep', 'algorithm', `one of ${algorithmNames.join(', ')}`, algorithm);
}
