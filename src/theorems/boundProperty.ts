import fc from 'fast-check';
import { buildProblem, heterogeneousProblemArbitrary, type GeneratedProblem } from './heterogeneousProblemArbitrary.ts';
import { checkProperty, type PropertyOutcome } from './propertyOutcome.ts';

/** Relative and absolute floating-point slack for "left ≤ right" on computed sums. */
export const BOUND_TOLERANCE = 1e-12;

export interface BoundSides {
  readonly left: number;
  readonly right: number;
}

export interface BoundOutcome extends PropertyOutcome {
  /** The largest left/right ratio seen over the generated problems, and the problem attaining it. */
  readonly tightestRatio: number;
  readonly tightestProblem?: GeneratedProblem;
}

/**
 * Checks left ≤ right·(1 + tol) + tol over generated heterogeneous quadratics; `sides` returns
 * undefined for problems outside the bound's hypotheses (they are skipped with fc.pre).
 */
export function checkBound(
  sides: (generated: GeneratedProblem, problem: ReturnType<typeof buildProblem>) => BoundSides | undefined,
  seed: number,
  runs: number,
): BoundOutcome {
  let tightestRatio = 0;
  let tightestProblem: GeneratedProblem | undefined;
  const outcome = checkProperty(
    fc.property(heterogeneousProblemArbitrary, (generated) => {
      const problem = buildProblem(generated);
      const result = sides(generated, problem);
      fc.pre(result !== undefined);
      const { left, right } = result!;
      const ratio = left / right;
      if (ratio > tightestRatio) {
        tightestRatio = ratio;
        tightestProblem = generated;
      }
      return left <= right * (1 + BOUND_TOLERANCE) + BOUND_TOLERANCE;
    }),
    seed,
    runs,
  );
  return { ...outcome, tightestRatio, tightestProblem };
}

/** f(x_1) − min f, the D_f of Theorems 1, 2, 5 and 6 (deterministic start). */
export function initialGap(problem: ReturnType<typeof buildProblem>, x1: readonly number[]): number {
  return problem.f(Float64Array.from(x1)) - problem.minValue;
}

export function meanOver(values: Float64Array, count: number): number {
  let total = 0;
  for (let t = 0; t < count; t++) total += values[t];
  return total / count;
}
