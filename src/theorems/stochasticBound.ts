import jstat from 'jstat';
import { gaussianMedianMoments } from '../estimators/gaussianMedianMoments.ts';
import { runAlgorithm } from '../algorithms/runAlgorithm.ts';
import { heterogeneousQuadratic } from '../problems/heterogeneousQuadratic.ts';
import { formatNumber } from '../format/formatNumber.ts';
import type { Check, VerifyContext } from './Claim.ts';
import { judgedCheck } from './judged.ts';
import { atMost } from '../verdict/criteria.ts';

const { jStat } = jstat;

export interface StochasticBoundOutcome {
  readonly runs: number;
  readonly T: number;
  readonly meanLeft: number;
  readonly meanRight: number;
  readonly meanDifference: number;
  readonly standardError: number;
  readonly tCritical: number;
  /** Left − right is significantly positive (one-sided t-test at α = 1e-3): the bound fails. */
  readonly violated: boolean;
  readonly sigmaM2: number;
  readonly detail: string;
}

/**
 * Theorems 1 and 2 with stochastic local gradients g_{t,i} = ∇f_i(x_t) + σ·ζ_{t,i} (Gaussian, σ = 1)
 * on a heterogeneous quadratic (M = 5, d = 2). Per step, E[median({g_t}) | x_t] and the median's
 * noise variance come from the exact engine, so the gap term and σ_m² are exact along each run;
 * the outer expectation over the trajectory is a Monte Carlo average over independent runs, and
 * the bound "E[left] ≤ E[right]" fails only if left − right is positive by more than the one-sided
 * t critical value at α = 1e-3 (runs − 1 degrees of freedom) times its standard error.
 * σ_m² is the largest exact per-coordinate variance met on any run (the bound needs it only there).
 */
export function stochasticBound(
  context: VerifyContext,
  which: 'thm1' | 'thm2',
  variant: 'claimed' | 'without the gap term',
): StochasticBoundOutcome {
  const runs = { quick: 6, default: 12, full: 40 }[context.preset];
  const T = { quick: 20, default: 40, full: 200 }[context.preset];
  const stream = context.stream('stochastic-problem');
  const d = 2;
  const minimisers = Array.from({ length: 5 }, () =>
    Array.from({ length: d }, () => Math.round((stream.next() * 8 - 4) * 100) / 100),
  );
  const problem = heterogeneousQuadratic(minimisers, undefined, 'stochastic quadratic');
  const x0 = Float64Array.from({ length: d }, () => 6);
  const Df = problem.f(x0) - problem.minValue;
  const sigma = 1;
  const lr =
    which === 'thm1'
      ? Math.sqrt(Df) / Math.sqrt(problem.L * d * T)
      : Math.min(1 / Math.sqrt(T * d), 1 / (2 * problem.L));
  let sigmaM2 = 0;
  const perRun: Array<{ left: number; gap: number }> = [];
  for (let r = 0; r < runs; r++) {
    let left = 0;
    let gap = 0;
    runAlgorithm({
      algorithm: which === 'thm1' ? 'noisy-signsgd' : 'noisy-mediansgd',
      problem,
      steps: T,
      lr,
      b: sigma,
      x0,
      stream: context.stream('stochastic-run', which, r),
      observe: (t, x, gradient) => {
        if (t >= T) return;
        const local = problem.localGradients(x);
        for (let j = 0; j < d; j++) {
          const { mean, variance } = gaussianMedianMoments(
            Float64Array.from(local, (g) => g[j]),
            sigma,
          );
          sigmaM2 = Math.max(sigmaM2, variance);
          if (which === 'thm1') {
            left += Math.abs(gradient[j]);
            gap += Math.abs(mean - gradient[j]);
          } else {
            left += gradient[j] ** 2;
            gap += (gradient[j] - mean) ** 2;
          }
        }
      },
    });
    perRun.push({ left: left / T, gap: gap / T });
  }
  const gapFactor = variant === 'claimed' ? 1 : 0;
  const right = (gap: number) =>
    which === 'thm1'
      ? 1.5 * Math.sqrt((d * problem.L * Df) / T) + gapFactor * 2 * gap + 2 * d * Math.sqrt(sigmaM2)
      : (2 * Df) / (T * lr) + gapFactor * gap + 2 * problem.L * lr * d * sigmaM2;
  const differences = perRun.map((run) => run.left - right(run.gap));
  const meanDifference = differences.reduce((s, v) => s + v, 0) / runs;
  const standardError = Math.sqrt(differences.reduce((s, v) => s + (v - meanDifference) ** 2, 0) / (runs - 1) / runs);
  const tCritical = jStat.studentt.inv(1 - 1e-3, runs - 1);
  const meanLeft = perRun.reduce((s, run) => s + run.left, 0) / runs;
  const meanRight = perRun.reduce((s, run) => s + right(run.gap), 0) / runs;
  const violated = meanDifference - tCritical * standardError > 0;
  return {
    runs,
    T,
    meanLeft,
    meanRight,
    meanDifference,
    standardError,
    tCritical,
    violated,
    sigmaM2,
    detail: `M = 5, d = 2, σ = 1 Gaussian gradient noise, T = ${T}, ${runs} runs: E[left] ≈ ${formatNumber(meanLeft, 4)}, E[right] ≈ ${formatNumber(meanRight, 4)} (σ_m² = ${formatNumber(sigmaM2, 4)}, exact gap per step); left − right = ${formatNumber(meanDifference, 4)} ± ${formatNumber(standardError, 2)}; fails only if above ${formatNumber(tCritical, 3)} standard errors`,
  };
}

/** The check that thm1 and thm2 report for the stochastic case. */
export function stochasticCheck(outcome: StochasticBoundOutcome): Check {
  return judgedCheck(
    'stochastic gradients: E[left] ≤ E[right] (Monte Carlo over runs, exact E[median | x_t] and σ_m)',
    atMost(outcome.meanDifference, 0, outcome.tCritical * outcome.standardError, 1e-3),
    outcome.detail,
  );
}
