// Theorem 6's (92) as an explicit inequality, every term computed: along each trajectory of Noisy
// MEDIANSGD, E[median({g_t}) | x_t] and the median's variance per coordinate are exact (fixed-rule
// quadrature of the order-statistic CDF, src/estimators/gaussianMedianMoments.ts); the expectation
// over trajectories is a Monte Carlo average with a one-sided t-test; a worst-case search over
// problems maximises left/right.
import jstat from 'jstat';
import { runAlgorithm } from '../algorithms/runAlgorithm.ts';
import { gaussianMedianMoments } from '../estimators/gaussianMedianMoments.ts';
import { deriveStream, type KeyPart } from '../rng/RandomStream.ts';
import { boundRatio, exceedsOne, negativeSlack } from './boundRatio.ts';
import {
  describeStallSearchInstance,
  instanceProblem,
  STALL_SEARCH_BOX,
  stallSearchInstance,
  type StallSearchInstance,
} from './stallSearchInstance.ts';
import { maximizeInBox } from './worstCaseSearch.ts';

const { jStat } = jstat;

/** One instance of (92): the step is a fraction of its cap 1/(2L). */
export type Bound92Instance = StallSearchInstance;

/** How the right-hand side is formed: as printed, without its gap term, or tightened by 10% (negative controls). */
export type Bound92Variant = 'claimed' | 'without the gap term' | 'tightened by 10%';

export interface Bound92Outcome {
  readonly runs: number;
  /** E[(1/T)Σ‖∇f(x_t)‖²]. */
  readonly left: number;
  /**
   * E[2/(Tδ)(f(x_1) − f(x_{T+1}))] estimated two ways: from the realised f(x_{T+1}) (the printed
   * form), and as E[2/(Tδ)Σ_t (f(x_t) − E[f(x_{t+1}) | x_t])] with the inner expectation exact
   * (same expectation, no martingale noise).
   */
  readonly descent: number;
  readonly descentConditional: number;
  /** E[(1/T)Σ‖∇f(x_t) − E[median | x_t]‖²], 2Ldδσ_m² and σ_m². */
  readonly gap: number;
  readonly varianceTerm: number;
  readonly sigmaM2: number;
  /** left / right with the conditional descent: ≤ 1 on every trajectory when (91) holds step by step. */
  readonly ratio: number;
  /** The largest left/right of a single trajectory (conditional form). */
  readonly largestRunRatio: number;
  /** left / right with the realised descent (the printed (92)), and the t-test on left − right over the runs. */
  readonly ratioRealized: number;
  readonly difference: number;
  readonly standardError: number;
  /** The printed form's left − right is significantly positive (one-sided t-test at α = 1e-3), or a trajectory breaks the conditional form. */
  readonly violated: boolean;
  /**
   * (91) as printed at every visited state, with both sides exact given x_t: the smallest relative
   * slack (right − left)/(|left| + |right|) and the number of states where it is negative.
   */
  readonly step91: { readonly states: number; readonly smallestSlack: number; readonly violations: number };
}

export const BOUND92_ALPHA = 1e-3;

/**
 * (92) on one instance: `runs` trajectories of Noisy MEDIANSGD (Gaussian ξ, full local gradients)
 * with streams from `streamKey`; σ_m² is the largest exact per-coordinate variance met on any run
 * (the bound needs it only there). f is a separable quadratic, so E[f(x_{t+1}) | x_t] is exact:
 * f(x_t) − δ⟨∇f, μ⟩ + (δ²/2)Σ_j c̄_j(μ_j² + v_j), μ and v the median's exact mean and variance.
 */
export function bound92(
  instance: Bound92Instance,
  runs: number,
  seed: number,
  streamKey: readonly KeyPart[],
  variant: Bound92Variant = 'claimed',
): Bound92Outcome {
  const { problem, meanCurvature } = instanceProblem(instance, 'bound (92)');
  const { d, M } = problem;
  const lr = instance.stepFraction / (2 * problem.L);
  const x1 = Float64Array.from(instance.x1);
  const f1 = problem.f(x1);
  let sigmaM2 = 0;
  const perRun: Array<{ left: number; descent: number; descentConditional: number; gap: number }> = [];
  const u = new Float64Array(M);
  const step91 = { states: 0, smallestSlack: Infinity, violations: 0 };
  // The wrong variant drops the gap term from (91) as from (92): where the median is far from the
  // mean (the stall family) the step then promises more descent than E[f(x_{t+1}) | x_t] delivers.
  const gapFactor = variant === 'without the gap term' ? 0 : 1;
  for (let r = 0; r < runs; r++) {
    let left = 0;
    let gap = 0;
    let descentConditional = 0;
    const trace = runAlgorithm({
      algorithm: 'noisy-mediansgd',
      problem,
      steps: instance.T,
      lr,
      b: instance.b,
      x0: x1,
      stream: deriveStream(seed, ...streamKey, r),
      observe: (t, x, gradient) => {
        if (t >= instance.T) return;
        const local = problem.localGradients(x);
        // (91) at this state: E[f(x_{t+1}) | x_t] − f(x_t) against its printed right-hand side.
        let expectedChange = 0;
        let gradientSq = 0;
        let medianMeanSq = 0;
        let gapSq = 0;
        let varianceSum = 0;
        for (let j = 0; j < d; j++) {
          for (let i = 0; i < M; i++) u[i] = local[i][j];
          const { mean, variance } = gaussianMedianMoments(u, instance.b);
          sigmaM2 = Math.max(sigmaM2, variance);
          left += gradient[j] ** 2;
          gap += (gradient[j] - mean) ** 2;
          const decrease = lr * gradient[j] * mean - 0.5 * lr * lr * meanCurvature[j] * (mean * mean + variance);
          descentConditional += decrease;
          expectedChange -= decrease;
          gradientSq += gradient[j] ** 2;
          medianMeanSq += mean * mean;
          gapSq += (gradient[j] - mean) ** 2;
          varianceSum += variance;
        }
        const L = problem.L;
        const printed =
          -(lr / 2) * gradientSq -
          (lr * lr - (L * lr) / 2) * medianMeanSq +
          gapFactor * (lr / 2) * gapSq +
          L * lr * lr * varianceSum;
        const slack = (printed - expectedChange) / (Math.abs(printed) + Math.abs(expectedChange) || 1);
        step91.states++;
        step91.smallestSlack = Math.min(step91.smallestSlack, slack);
        if (negativeSlack(slack)) step91.violations++;
      },
    });
    const scale = 2 / (instance.T * lr);
    perRun.push({
      left: left / instance.T,
      descent: scale * (f1 - problem.f(trace.x)),
      descentConditional: scale * descentConditional,
      gap: gap / instance.T,
    });
  }
  const varianceTerm = 2 * problem.L * d * lr * sigmaM2;
  const factor = variant === 'tightened by 10%' ? 0.9 : 1;
  const rightOf = (descent: number, gap: number) => factor * (descent + gapFactor * gap + varianceTerm);
  const average = (values: readonly number[]) => values.reduce((total, v) => total + v, 0) / values.length;
  const differences = perRun.map((run) => run.left - rightOf(run.descent, run.gap));
  const difference = average(differences);
  const standardError = Math.sqrt(
    differences.reduce((total, v) => total + (v - difference) ** 2, 0) / (runs - 1) / runs,
  );
  const left = average(perRun.map((run) => run.left));
  const runRatios = perRun.map((run) => boundRatio(run.left, rightOf(run.descentConditional, run.gap)));
  return {
    runs,
    left,
    descent: average(perRun.map((run) => run.descent)),
    descentConditional: average(perRun.map((run) => run.descentConditional)),
    gap: average(perRun.map((run) => run.gap)),
    varianceTerm,
    sigmaM2,
    ratio: boundRatio(left, average(perRun.map((run) => rightOf(run.descentConditional, run.gap)))),
    largestRunRatio: Math.max(...runRatios),
    ratioRealized: boundRatio(left, average(perRun.map((run) => rightOf(run.descent, run.gap)))),
    difference,
    standardError,
    violated:
      runRatios.some(exceedsOne) || difference - jStat.studentt.inv(1 - BOUND92_ALPHA, runs - 1) * standardError > 0,
    step91,
  };
}

/** A problem of the (92) search (src/theorems/stallSearchInstance.ts). */
export const searchInstance = (theta: ArrayLike<number>, seed: number, T: number): Bound92Instance =>
  stallSearchInstance(theta, seed, 'bound92', T);

export interface Bound92Search {
  readonly supremum: number;
  readonly instance?: Bound92Instance;
  readonly outcome?: Bound92Outcome;
  readonly evaluations: number;
}

/**
 * Maximises the largest left/right of a trajectory (the conditional form of (92), or of a variant)
 * over the search box; the runs of every evaluation share their streams (common random numbers),
 * so the objective is deterministic.
 */
export async function searchBound92(
  seed: number,
  sizes: {
    readonly runs: number;
    readonly T: number;
    readonly starts: number;
    readonly evaluationsPerDimension: number;
  },
  variant: Bound92Variant = 'claimed',
): Promise<Bound92Search> {
  let best: { outcome?: Bound92Outcome; instance?: Bound92Instance } = {};
  const found = await maximizeInBox(
    (theta) => {
      const instance = searchInstance(theta, seed, sizes.T);
      const outcome = bound92(instance, sizes.runs, seed, ['bound92', 'runs'], variant);
      if (best.outcome === undefined || outcome.largestRunRatio > best.outcome.largestRunRatio)
        best = { outcome, instance };
      return { value: outcome.largestRunRatio, instance };
    },
    STALL_SEARCH_BOX.lower,
    STALL_SEARCH_BOX.upper,
    { seed, key: ['bound92', variant], starts: sizes.starts, evaluationsPerDimension: sizes.evaluationsPerDimension },
  );
  return { supremum: found.supremum, instance: best.instance, outcome: best.outcome, evaluations: found.evaluations };
}

export const describeBound92Instance = (instance: Bound92Instance): string =>
  describeStallSearchInstance(instance, '/(2L)');
