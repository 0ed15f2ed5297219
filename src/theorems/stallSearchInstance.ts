// The problems the worst-case searches of (89), (90) and (92) range over: heterogeneous quadratics
// started at or near the point where the median of the local gradients vanishes, where SIGNSGD and
// MEDIANSGD stall and where the proofs' bounds are tightest.
import { runAlgorithm } from '../algorithms/runAlgorithm.ts';
import { formatNumber } from '../format/formatNumber.ts';
import { heterogeneousQuadratic } from '../problems/heterogeneousQuadratic.ts';
import type { Problem } from '../problems/Problem.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import type { Criterion } from '../verdict/Criterion.ts';
import { noCounterexample } from '../verdict/criteria.ts';

/** One instance: a heterogeneous quadratic (M = 5, d = 2), a start, the noise scale b, the step as a fraction of its cap, and the horizon T. */
export interface StallSearchInstance {
  readonly minimisers: readonly (readonly number[])[];
  readonly curvatures: readonly (readonly number[])[];
  readonly x1: readonly number[];
  readonly b: number;
  /** δ as a fraction of the step cap (1/L for (89)–(90), 1/(2L) for (92)), in (0, 1]. */
  readonly stepFraction: number;
  readonly T: number;
}

/** The search box over θ: log₁₀ b, log₁₀ of the step fraction, the start's offset from the stall point, the curvatures' spread. */
export const STALL_SEARCH_BOX = { lower: [-2, -3, -1, 0], upper: [1, 0, 1, 1] } as const;

/**
 * The instance at θ: minimisers and a curvature pattern c_ij from (seed, `key`), curvatures
 * 1 + θ₃·(c_ij − 1), x_1 = stall + θ₂·(3, 3) with `stall` where the median of the local gradients
 * vanishes (plain MEDIANSGD converges there), b = 10^θ₀, step fraction 10^θ₁.
 */
export function stallSearchInstance(
  theta: ArrayLike<number>,
  seed: number,
  key: string,
  T: number,
): StallSearchInstance {
  const stream = deriveStream(seed, key, 'problem');
  const minimisers = Array.from({ length: 5 }, () =>
    Array.from({ length: 2 }, () => Math.round((stream.next() * 8 - 4) * 100) / 100),
  );
  const pattern = Array.from({ length: 5 }, () => Array.from({ length: 2 }, () => 0.5 + stream.next()));
  const curvatures = pattern.map((row) => row.map((c) => 1 + theta[3] * (c - 1)));
  const stall = runAlgorithm({
    algorithm: 'mediansgd',
    problem: heterogeneousQuadratic(minimisers, curvatures),
    steps: 2000,
    lr: 0.25,
  }).x;
  return {
    minimisers,
    curvatures,
    x1: Array.from(stall, (x) => x + 3 * theta[2]),
    b: 10 ** theta[0],
    stepFraction: 10 ** theta[1],
    T,
  };
}

/** The instance's problem, and the mean curvature c̄_j of f in each coordinate (f is separable). */
export function instanceProblem(
  instance: StallSearchInstance,
  name: string,
): { problem: Problem; meanCurvature: number[] } {
  const problem = heterogeneousQuadratic(
    instance.minimisers.map((row) => [...row]),
    instance.curvatures.map((row) => [...row]),
    name,
  );
  const meanCurvature = Array.from(
    { length: problem.d },
    (_, j) => instance.curvatures.reduce((total, row) => total + row[j], 0) / problem.M,
  );
  return { problem, meanCurvature };
}

export function describeStallSearchInstance(instance: StallSearchInstance, stepCap: '/L' | '/(2L)'): string {
  return `M = 5, d = 2, T = ${instance.T}, b = ${formatNumber(instance.b, 3)}, δ = ${formatNumber(instance.stepFraction, 3)}${stepCap}, x_1 = (${instance.x1.map((x) => formatNumber(x, 3)).join(', ')}), curvatures ${JSON.stringify(instance.curvatures.map((row) => row.map((c) => Number(c.toFixed(3)))))}`;
}

/**
 * Where a wrong variant of a bound is refuted: on the instances the claim itself is checked on, the
 * tight family first, then what the variant's own search found. `violated` confirms on fresh runs.
 */
export function refutation(
  tightFamily: StallSearchInstance,
  searchResult: StallSearchInstance | undefined,
  violated: (instance: StallSearchInstance) => boolean,
): 'refuted on confirmation at the tight family' | 'refuted on confirmation at the search result' | 'not refuted' {
  if (violated(tightFamily)) return 'refuted on confirmation at the tight family';
  if (searchResult !== undefined && violated(searchResult)) return 'refuted on confirmation at the search result';
  return 'not refuted';
}

/**
 * A refutation as a criterion on the instances it confirmed: the tight family, then the search
 * result if there is one and the tight family did not already refute the bound.
 */
export function refutationCriterion(
  outcome: ReturnType<typeof refutation>,
  searchResult: StallSearchInstance | undefined,
): Criterion {
  const confirmed = outcome === 'refuted on confirmation at the tight family' || searchResult === undefined ? 1 : 2;
  return noCounterexample(confirmed, outcome === 'not refuted' ? 0 : 1);
}
