import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { integrate } from './integrate.ts';

/** Cov(X_(n), X_(n+1)) on the standardised scale, by two orders of integration. */
export interface AdjacentCovariance {
  /** Outer integral over s (the lower statistic's argument), inner over t. */
  readonly value: number;
  /** The same double integral with the order swapped: an independent route to the same number. */
  readonly swapped: number;
  /** The larger route's quadrature estimate, plus the inner integrals' largest estimate times the range. */
  readonly errorEstimate: number;
  readonly evaluations: number;
}

/**
 * The covariance of the two middle order statistics X_(n) ≤ X_(n+1) of M = 2n independent
 * X_i = u_i + b·ξ_i, on the standardised scale s = (z − ū)/b, where worker i sits at s = −offsets[i].
 *
 * ## Method
 * Hoeffding's identity Cov(X, Y) = ∫∫ [P(X ≤ s, Y ≤ t) − P(X ≤ s)·P(Y ≤ t)] ds dt, with the joint
 * CDF of adjacent order statistics in closed form. With N(z) the number of the X_i at or below z:
 * for s ≥ t, X_(n) ≤ X_(n+1) ≤ t ≤ s, so the integrand is P(N(t) ≥ n+1)·P(N(s) < n); for s < t it
 * is P(N(s) ≥ n)·P(N(t) ≤ n) − P(N(s) = n, N(t) = n), the last term (exactly n at or below s, none
 * in (s, t], n above t) being the z^n coefficient of Π_i (sf_i(t) + cdf_i(s)·z). Each count tail is
 * a Poisson-binomial sum of products counted from its own side, and each worker's smaller tail
 * comes from its own function (the larger, at least ½, as 1 − it): no small probability is formed
 * by subtraction. The integrand is continuous with a kink on the diagonal, where the inner
 * integrals split.
 */
export function adjacentOrderCovariance(
  family: NoiseFamily,
  offsets: Float64Array,
  breakpoints: readonly number[],
  relTol: number,
): AdjacentCovariance {
  const M = offsets.length;
  const n = M / 2;
  const counts = new Float64Array(n + 1);
  const median = family.quantile(0.5);
  let evaluations = 0;

  /** The tails of each X_i at one point, and the four count probabilities the integrand needs. */
  const slot = () => ({
    below: new Float64Array(M),
    above: new Float64Array(M),
    /** P(N < n) and P(N ≤ n), counted from below. */
    fewerThanN: 0,
    atMostN: 0,
    /** P(N ≥ n + 1) and P(N ≥ n), counted from above: at most n − 1, at most n of the M above. */
    moreThanN: 0,
    atLeastN: 0,
  });
  type Slot = ReturnType<typeof slot>;
  /** The distribution of how many of the M are counted (yes[i]) truncated at n, into `counts`. */
  const countUpToN = (yes: Float64Array, no: Float64Array) => {
    counts.fill(0);
    counts[0] = 1;
    for (let i = 0; i < M; i++) {
      for (let j = Math.min(i + 1, n); j >= 1; j--) counts[j] = counts[j] * no[i] + counts[j - 1] * yes[i];
      counts[0] *= no[i];
    }
  };
  const fill = (point: Slot, x: number) => {
    // The smaller tail from its own function, the larger as 1 − it (exact to an ulp): half the special-function calls.
    for (let i = 0; i < M; i++) {
      const at = x + offsets[i];
      if (at < median) {
        point.below[i] = family.cdf(at);
        point.above[i] = 1 - point.below[i];
      } else {
        point.above[i] = family.sf(at);
        point.below[i] = 1 - point.above[i];
      }
    }
    countUpToN(point.below, point.above);
    point.fewerThanN = 0;
    for (let j = 0; j < n; j++) point.fewerThanN += counts[j];
    point.atMostN = point.fewerThanN + counts[n];
    countUpToN(point.above, point.below);
    point.moreThanN = 0;
    for (let j = 0; j < n; j++) point.moreThanN += counts[j];
    point.atLeastN = point.moreThanN + counts[n];
  };
  const integrand = (atS: Slot, s: number, atT: Slot, t: number) => {
    evaluations++;
    if (t <= s) return atT.moreThanN * atS.fewerThanN;
    // P(exactly n at or below s and none in (s, t]): the z^n coefficient of Π_i (sf_i(t) + cdf_i(s)·z).
    countUpToN(atS.below, atT.above);
    return atS.atLeastN * atT.atMostN - counts[n];
  };
  const outerPoint = slot();
  const innerPoint = slot();

  let largestInnerError = 0;
  const inner = (f: (x: number) => number, at: number) => {
    const result = integrate(f, -Infinity, Infinity, { relTol, absTol: 1e-17, breakpoints: [...breakpoints, at] });
    largestInnerError = Math.max(largestInnerError, result.errorEstimate);
    return result.value;
  };
  const outerOptions = { relTol, absTol: 1e-16, breakpoints };
  // Outer over s and inner over t, or the other way round: the same integrand, in the same slots.
  const doubleIntegral = (outerIsS: boolean) =>
    integrate(
      (x) => {
        fill(outerPoint, x);
        return inner((y) => {
          fill(innerPoint, y);
          return outerIsS ? integrand(outerPoint, x, innerPoint, y) : integrand(innerPoint, y, outerPoint, x);
        }, x);
      },
      -Infinity,
      Infinity,
      outerOptions,
    );
  const bySFirst = doubleIntegral(true);
  const byTFirst = doubleIntegral(false);
  // The inner errors accumulate over the outer range: the centres' spread plus the noise's bulk.
  const centres = Array.from(offsets, (o) => -o);
  const range = Math.max(...centres) - Math.min(...centres) + 80;
  return {
    value: bySFirst.value,
    swapped: byTFirst.value,
    errorEstimate: Math.max(bySFirst.errorEstimate, byTFirst.errorEstimate) + largestInnerError * range,
    evaluations,
  };
}
