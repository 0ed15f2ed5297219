import { expMinusScaledSquare } from './splitProducts.ts';

/**
 * The complementary error function erfc(x) = 1 − erf(x), to a few ulps in relative terms across
 * the whole real line (including the far tails, where jStat's erfc underflows to 0 from x ≈ 6).
 *
 * ## Method
 * - |x| < 1.25: erf by the series erf(x) = (2/√π)·e^{−x²}·Σ_k 2^k x^{2k+1}/(1·3·…·(2k+1)), whose terms
 *   are all positive (no cancellation); erfc = 1 − erf.
 * - x ≥ 1.25: the continued fraction erfc(x) = (e^{−x²}/√π)·1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
 *   evaluated by the modified Lentz algorithm; e^{−x²} from a split x, so that the rounding of x²
 *   (x² ulps of the result: 500 at x = 23) does not enter.
 * - x < 0: erfc(x) = 2 − erfc(−x).
 *
 * ## References
 * Abramowitz & Stegun 7.1.6 (series) and 7.1.14 (continued fraction); Lentz (1976).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) return 1 - erfSeries(x);
  if (x === Infinity) return 0;
  return erfcContinuedFraction(x);
}

/** The error function, erf(x) = 1 − erfc(x), accurate near 0 as well. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < SERIES_LIMIT) return erfSeries(x);
  return x > 0 ? 1 - erfc(x) : erfc(-x) - 1;
}

const SERIES_LIMIT = 1.25;
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (2 * x2) / (2 * k + 1);
    sum += term;
    // |·|: for x < 0 every term is negative.
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

function erfcContinuedFraction(x: number): number {
  return (ONE_OVER_SQRT_PI * expMinusScaledSquare(x, 1)) / continuedFraction(x, 0.5);
}

/**
 * x + a₁/(x + a₂/(x + …)) with a_k = k·step, by the modified Lentz algorithm (x ≥ 1.25 for
 * step ½): erfc(x) = e^{−x²}/(√π·f) for step ½, and the normal's Mills ratio Φ(−x)/φ(x) = 1/f for step 1.
 */
export function continuedFraction(x: number, step: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k * step;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}
