// Theorem 5's (89) and (90) as explicit inequalities along trajectories of Noisy SIGNSGD (Gaussian ξ,
// full local gradients, M = 5, d = 2). Given x_t, everything in the proof is exact: P(median > 0)
// and P(median < 0) from the order-statistic model; P(|z| < |∇f_j|) for z = b·(median of M iid
// N(0, 1)), the symmetric noise of (86)–(87); and the term that (84)'s O(1/b²) stands for,
// e_j = P(|z| < |∇f_j|) − (P[sign agrees] − P[sign disagrees]), so that (88) holds with equality. f is
// a separable quadratic, so E[f(x_{t+1}) | x_t] is exact too. The expectation over trajectories is
// a Monte Carlo average; a worst-case search over problems maximises left/right.
import { runAlgorithm } from '../algorithms/runAlgorithm.ts';
import { gaussian } from '../distributions/gaussian.ts';
import { integrate } from '../estimators/integrate.ts';
import { noisyMedianMoments, sigmaMid2 } from '../estimators/noisyMedianMoments.ts';
import { orderStatisticModel } from '../estimators/orderStatisticModel.ts';
import { formatNumber } from '../format/formatNumber.ts';
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

const M = 5;
/** Where Gauss's inequality for a unimodal symmetric z of variance σ² changes form: W = 2/√3. */
export const GAUSS_THRESHOLD = 2 / Math.sqrt(3);
/** The lower bound (87) on P[|z| < W·σ] (Gauss's inequality). */
export const gaussBound = (W: number) => (W >= GAUSS_THRESHOLD ? 1 / 3 : W / Math.sqrt(3));

/** One instance of (89)–(90): the step is a fraction of its cap 1/L. */
export type Bound90Instance = StallSearchInstance;

/** The printed bounds, or wrong variants of them (negative controls). */
export type Bound90Variant = 'claimed' | 'without the O(1/b²) term' | 'tightened by 10%';

export interface Bound90Outcome {
  readonly runs: number;
  /** Largest left/right of a trajectory for (89) and (90), both with the exact conditional descent. */
  readonly ratio89: number;
  readonly ratio90: number;
  /** Averages over runs of (90)'s left side and of its three right-hand terms (3·descent, 3·O(1/b²) term, (3L/2)δd). */
  readonly left90: number;
  readonly descent: number;
  readonly remainder: number;
  readonly smoothnessTerm: number;
  /** (87) at every visited state: P(|z| < |∇f_j|) − its Gauss bound, smallest value. */
  readonly gaussMargin: number;
  /** The largest |e_j| met: how large the O(1/b²) term is in fact. */
  readonly largestRemainder: number;
  readonly states: number;
  /** (88) at every visited state, E[f(x_{t+1}) | x_t] − f(x_t) against its right-hand side: smallest relative slack, and violations. */
  readonly step88: { readonly smallestSlack: number; readonly violations: number };
  /** (74) on every realised step: f(x_{t+1}) − f(x_t) against −δ⟨∇f, sign(median)⟩ + (L/2)δ²d, smallest relative slack. */
  readonly step74: { readonly steps: number; readonly smallestSlack: number; readonly violations: number };
  /**
   * (87) with z the paper's z_{t,j} of (82) (its density h^s is the symmetric part of the median's
   * noise about ∇f_j, so P[|z| < |∇f_j|] = P(|median − ∇f_j| < |∇f_j|)): smallest margin over the
   * states, and where. Gauss's inequality needs a unimodal z of variance (bσ_mid)²; h^s is neither
   * when b is small against the spread of the local gradients.
   */
  readonly gauss82: { readonly margin: number; readonly at: string };
  readonly violated: boolean;
}

/**
 * (89) and (90) on one instance over `runs` trajectories (streams from `streamKey`). With the
 * descent term as Σ_t (f(x_t) − E[f(x_{t+1}) | x_t])/(Tδ), whose expectation is the printed
 * (f(x_1) − E f(x_{T+1}))/(Tδ) ≤ D_f/(Tδ), both must hold on every trajectory.
 */
export function bound90(
  instance: Bound90Instance,
  runs: number,
  seed: number,
  streamKey: readonly KeyPart[],
  variant: Bound90Variant = 'claimed',
): Bound90Outcome {
  const { problem, meanCurvature } = instanceProblem(instance, 'bound (90)');
  const { d, L } = problem;
  const lr = instance.stepFraction / L;
  const { b, T } = instance;
  const sigmaMid = Math.sqrt(sigmaMid2(gaussian, (M - 1) / 2));
  const iid = orderStatisticModel(new Float64Array(M), 1, gaussian, (M + 1) / 2);
  // The wrong variant takes 10% of |right| off every right-hand side ((74) and (88) are equalities
  // where every curvature equals L, (89) is tight there too); |right| because (74)'s and (88)'s may be negative.
  const tightened = (right: number) => (variant === 'tightened by 10%' ? right - 0.1 * Math.abs(right) : right);
  const remainderFactor = variant === 'without the O(1/b²) term' ? 0 : 1;
  const u = new Float64Array(M);
  let gaussMargin = Infinity;
  let largestRemainder = 0;
  let states = 0;
  const step88 = { smallestSlack: Infinity, violations: 0 };
  const step74 = { steps: 0, smallestSlack: Infinity, violations: 0 };
  const gauss82 = { margin: Infinity, at: '' };
  let ratio89 = 0;
  let ratio90 = 0;
  const totals = { left90: 0, descent: 0, remainder: 0 };
  for (let r = 0; r < runs; r++) {
    let left89 = 0;
    let left90 = 0;
    let descent = 0;
    let remainder = 0;
    let previous: { x: Float64Array; gradient: Float64Array; f: number } | undefined;
    runAlgorithm({
      algorithm: 'noisy-signsgd',
      problem,
      steps: T,
      lr,
      b,
      x0: Float64Array.from(instance.x1),
      stream: deriveStream(seed, ...streamKey, r),
      observe: (t, x, gradient) => {
        const fx = problem.f(x);
        if (previous !== undefined) {
          // (74) for the step just taken: sign(median) = (x_{t−1} − x_t)/δ.
          let inner = 0;
          for (let j = 0; j < d; j++) inner += previous.gradient[j] * ((previous.x[j] - x[j]) / lr);
          const change = fx - previous.f;
          const right = tightened(-lr * inner + 0.5 * L * lr * lr * d);
          const slack = (right - change) / (Math.abs(right) + Math.abs(change) || 1);
          // Where the curvature equals L in every coordinate (74) is an equality, so the stored
          // iterates' rounding decides the sign of the slack: allow 16ε·(|f(x_t)| + |f(x_{t+1})| + Σ_j|∇f_j||x_j|).
          let scale = Math.abs(fx) + Math.abs(previous.f);
          for (let j = 0; j < d; j++) scale += Math.abs(previous.gradient[j] * previous.x[j]);
          const allowance = (16 * Number.EPSILON * scale) / (Math.abs(right) + Math.abs(change) || 1);
          step74.steps++;
          step74.smallestSlack = Math.min(step74.smallestSlack, slack);
          if (slack < -allowance) step74.violations++;
        }
        previous = { x: Float64Array.from(x), gradient: Float64Array.from(gradient), f: fx };
        if (t >= T) return;
        states++;
        const local = problem.localGradients(x);
        let change = 0;
        let right88 = 0.5 * L * lr * lr * d;
        for (let j = 0; j < d; j++) {
          for (let i = 0; i < M; i++) u[i] = local[i][j];
          const g = gradient[j];
          const model = orderStatisticModel(u, b, gaussian, (M + 1) / 2);
          const s0 = -g / b; // median = 0 on the scale s = (median − ū)/b, with ū = ∇f_j
          const positive = model.sf(s0);
          const negative = model.cdf(s0);
          const expectedSign = positive - negative;
          const inside = iid.cdf(Math.abs(g) / b) - iid.cdf(-Math.abs(g) / b);
          const W = Math.abs(g) / (b * sigmaMid);
          gaussMargin = Math.min(gaussMargin, inside - gaussBound(W));
          const inside82 = model.cdf(Math.abs(g) / b) - model.cdf(-Math.abs(g) / b);
          if (inside82 - gaussBound(W) < gauss82.margin) {
            gauss82.margin = inside82 - gaussBound(W);
            gauss82.at = `∇f_i(x_t)_j = (${Array.from(u, (v) => formatNumber(v, 3)).join(', ')}), b = ${formatNumber(b, 3)}: P[|z| < |∇f_j|] = ${formatNumber(inside82, 4)} against ${formatNumber(gaussBound(W), 4)}`;
          }
          const e = inside - Math.sign(g) * expectedSign;
          largestRemainder = Math.max(largestRemainder, Math.abs(e));
          left89 += Math.abs(g) * inside;
          left90 += W >= GAUSS_THRESHOLD ? Math.abs(g) : (g * g) / (b * sigmaMid);
          remainder += Math.abs(g) * e;
          // f(x_t) − E[f(x_{t+1}) | x_t] for the step −δ·sign(median): δ·g·E[sign] − (δ²/2)·c̄_j·P(median ≠ 0).
          const decrease = lr * g * expectedSign - 0.5 * lr * lr * meanCurvature[j] * (positive + negative);
          descent += decrease;
          change -= decrease;
          right88 += -lr * Math.abs(g) * inside + lr * Math.abs(g) * e;
        }
        right88 = tightened(right88);
        const slack = (right88 - change) / (Math.abs(right88) + Math.abs(change) || 1);
        step88.smallestSlack = Math.min(step88.smallestSlack, slack);
        if (negativeSlack(slack)) step88.violations++;
      },
    });
    const scale = 1 / T;
    const descentTerm = descent / (T * lr);
    const right89 = tightened(descentTerm + remainderFactor * remainder * scale + (L / 2) * lr * d);
    const right90 = tightened(3 * descentTerm + 3 * remainderFactor * remainder * scale + 1.5 * L * lr * d);
    ratio89 = Math.max(ratio89, boundRatio(left89 * scale, right89));
    ratio90 = Math.max(ratio90, boundRatio(left90 * scale, right90));
    totals.left90 += (left90 * scale) / runs;
    totals.descent += (3 * descentTerm) / runs;
    totals.remainder += (3 * remainder * scale) / runs;
  }
  return {
    runs,
    ratio89,
    ratio90,
    ...totals,
    smoothnessTerm: 1.5 * L * lr * d,
    gaussMargin,
    largestRemainder,
    states,
    step88,
    step74,
    gauss82,
    violated:
      step74.violations > 0 ||
      step88.violations > 0 ||
      exceedsOne(ratio89) ||
      exceedsOne(ratio90) ||
      gaussMargin < -1e-12,
  };
}

/** A problem of the (89)/(90) search (src/theorems/stallSearchInstance.ts; the vote stalls where the median of the local gradients vanishes). */
export const searchInstance90 = (theta: ArrayLike<number>, seed: number, T: number): Bound90Instance =>
  stallSearchInstance(theta, seed, 'bound90', T);

export interface Bound90Search {
  readonly supremum: number;
  readonly instance?: Bound90Instance;
  readonly evaluations: number;
}

/** Maximises the largest trajectory ratio of (89) or (90) (`which`) over the box, with common random numbers. */
export async function searchBound90(
  which: '89' | '90',
  seed: number,
  sizes: {
    readonly runs: number;
    readonly T: number;
    readonly starts: number;
    readonly evaluationsPerDimension: number;
  },
  variant: Bound90Variant = 'claimed',
): Promise<Bound90Search> {
  const found = await maximizeInBox(
    (theta) => {
      const instance = searchInstance90(theta, seed, sizes.T);
      const outcome = bound90(instance, sizes.runs, seed, ['bound90', 'runs'], variant);
      return { value: which === '89' ? outcome.ratio89 : outcome.ratio90, instance };
    },
    STALL_SEARCH_BOX.lower,
    STALL_SEARCH_BOX.upper,
    {
      seed,
      key: ['bound90', which, variant],
      starts: sizes.starts,
      evaluationsPerDimension: sizes.evaluationsPerDimension,
    },
  );
  return { supremum: found.supremum, instance: found.instance, evaluations: found.evaluations };
}

export const describeBound90Instance = (instance: Bound90Instance): string =>
  describeStallSearchInstance(instance, '/L');

/** The identities (78), (79), (81), (82) and the inequality (83) at one state: relative errors, and |e_j| against the asymmetric mass. */
export interface SignIdentities {
  readonly states: number;
  /** Largest |quadrature of the density − CDF route| / max(|value|, 1) over the states, per equation. */
  readonly relativeError: {
    readonly '(78)': number;
    readonly '(79)': number;
    readonly '(81)': number;
    readonly '(82)': number;
  };
  /** Largest |e_j| / A_j, A_j = ∫|h^u| the asymmetric mass of the median's density (engine): (83) needs ≤ 1. */
  readonly remainderToAsymmetry: number;
  readonly at: string;
}

/**
 * (78)–(83) at the first `count` states of one trajectory on `instance`: each probability of the
 * proof by quadrature of the order-statistic density (the route the proof takes) against the CDF
 * (an independent route), and (83) as |e_j| ≤ ∫|h^u|, the asymmetric mass from the exact engine.
 */
export function signIdentities(instance: Bound90Instance, count: number, seed: number): SignIdentities {
  const { problem } = instanceProblem(instance, 'identities (78)–(83)');
  const { b } = instance;
  const errors = { '(78)': 0, '(79)': 0, '(81)': 0, '(82)': 0 };
  let remainderToAsymmetry = 0;
  let at = '';
  let states = 0;
  // Probabilities: the error relative to max(|value|, 1), i.e. absolute below 1.
  const relative = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1);
  runAlgorithm({
    algorithm: 'noisy-signsgd',
    problem,
    steps: count,
    lr: instance.stepFraction / problem.L,
    b,
    x0: Float64Array.from(instance.x1),
    stream: deriveStream(seed, 'identities-78-83'),
    observe: (t, x, gradient) => {
      if (t >= count) return;
      const local = problem.localGradients(x);
      for (let j = 0; j < problem.d; j++) {
        states++;
        const u = Float64Array.from(local, (row) => row[j]);
        const g = gradient[j];
        const model = orderStatisticModel(u, b, gaussian, (M + 1) / 2);
        const a = Math.abs(g) / b;
        const options = {
          relTol: 1e-12,
          absTol: 1e-15,
          breakpoints: [...model.breakpoints, model.span[0], model.span[1], -a, a, 0].filter(Number.isFinite),
        };
        const below = (limit: number) =>
          integrate(model.density, -Infinity, limit, {
            ...options,
            breakpoints: options.breakpoints.filter((p) => p < limit),
          }).value;
        const above = (limit: number) =>
          integrate(model.density, limit, Infinity, {
            ...options,
            breakpoints: options.breakpoints.filter((p) => p > limit),
          }).value;
        // On s = (median − ∇f_j)/b the median is 0 at s0 = −∇f_j/b.
        const s0 = -g / b;
        const disagree = g > 0 ? below(s0) : above(s0);
        const agree = g > 0 ? above(s0) : below(s0);
        errors['(78)'] = Math.max(errors['(78)'], relative(disagree, g > 0 ? model.cdf(s0) : model.sf(s0)));
        errors['(79)'] = Math.max(errors['(79)'], relative(agree, g > 0 ? model.sf(s0) : model.cdf(s0)));
        const symmetric = (s: number) => 0.5 * (model.density(s) + model.density(-s));
        const antisymmetric = (s: number) => 0.5 * (model.density(s) - model.density(-s));
        const central = integrate(symmetric, -a, a, { relTol: 1e-12, absTol: 1e-15 }).value;
        const tail = integrate(antisymmetric, a, Infinity, {
          ...options,
          breakpoints: options.breakpoints.filter((p) => p > a),
        }).value;
        errors['(82)'] = Math.max(errors['(82)'], relative(central, model.cdf(a) - model.cdf(-a)));
        const difference = Math.sign(g) * (model.sf(s0) - model.cdf(s0));
        errors['(81)'] = Math.max(errors['(81)'], relative(central + 2 * Math.sign(g) * tail, difference));
        const e = central - difference;
        const asymmetry = noisyMedianMoments(u, b, gaussian).asymmetry;
        const ratio = Math.abs(e) / Math.max(asymmetry, 1e-300);
        if (ratio > remainderToAsymmetry) {
          remainderToAsymmetry = ratio;
          at = `∇f_i(x_t)_j = (${Array.from(u, (v) => formatNumber(v, 3)).join(', ')}), b = ${formatNumber(b, 3)}: |e_j| = ${formatNumber(Math.abs(e), 4)}, ∫|h^u| = ${formatNumber(asymmetry, 4)}`;
        }
      }
    },
  });
  return { states, relativeError: errors, remainderToAsymmetry, at };
}
