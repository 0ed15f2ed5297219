import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray } from '../errors/validate.ts';
import { heterogeneousQuadratic } from './heterogeneousQuadratic.ts';
import type { Problem } from './Problem.ts';

/**
 * Theorem 3's problem (App. D, (35)): f(x) = (1/M)·Σ_i ½(x − a_i)², one data point per node.
 * Its minimiser is mean(a); the median gradient is x − median(a).
 */
export function scalarProblem(a: ArrayLike<number>): Problem {
  const values = requireFiniteArray('scalarProblem', 'a', a);
  if (values.length < 1) throw new MedmeanError('scalarProblem', 'a', 'at least one value', a);
  return heterogeneousQuadratic(
    Array.from(values, (value) => [value]),
    undefined,
    `scalar:${Array.from(values).join(',')}`,
  );
}
