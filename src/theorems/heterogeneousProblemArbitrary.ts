import fc from 'fast-check';
import { heterogeneousQuadratic } from '../problems/heterogeneousQuadratic.ts';
import type { Problem } from '../problems/Problem.ts';

/** A generated heterogeneous quadratic problem with a start point and a horizon. */
export interface GeneratedProblem {
  readonly M: number;
  readonly d: number;
  readonly T: number;
  readonly minimisers: number[][];
  readonly curvatures: number[][];
  readonly x1: number[];
}

/**
 * Odd M ∈ [3, 9], d ∈ [1, 4], T ∈ [5, 300], per-node minimisers in [−5, 5] and curvatures in
 * [1/4, 4] (quarter steps), start in [−5, 5]: small values shrink to readable counterexamples.
 */
export const heterogeneousProblemArbitrary: fc.Arbitrary<GeneratedProblem> = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 4 }), T: fc.integer({ min: 5, max: 300 }) })
  .chain(({ n, d, T }) => {
    const M = 2 * n + 1;
    const quarter = (lo: number, hi: number) => fc.integer({ min: lo * 4, max: hi * 4 }).map((k) => k / 4);
    const matrix = (entry: fc.Arbitrary<number>) =>
      fc.array(fc.array(entry, { minLength: d, maxLength: d }), { minLength: M, maxLength: M });
    return fc.record({
      M: fc.constant(M),
      d: fc.constant(d),
      T: fc.constant(T),
      minimisers: matrix(quarter(-5, 5)),
      curvatures: matrix(quarter(1, 16).map((c) => c / 4)),
      x1: fc.array(quarter(-5, 5), { minLength: d, maxLength: d }),
    });
  });

export function buildProblem(generated: GeneratedProblem): Problem {
  return heterogeneousQuadratic(generated.minimisers, generated.curvatures, 'generated quadratic');
}
