import type { NoiseFamily } from '../distributions/NoiseFamily.ts';

/**
 * g(s), the density of the median of 2n+1 iid draws from h0 ((54), (86)):
 *   g(s) = (2n+1)·C(2n, n)·H0(s)^n·(1 − H0(s))^n·h0(s) = c_n·(4·H0·(1 − H0))^n·h0(s),
 * with c_n = (2n+1)·C(2n, n)/4ⁿ (about 2√(n/π)) exact to an ulp, and the power's base 4H0(1 − H0)
 * = 1 − (H0 − (1 − H0))² taken through log1p near the middle. The earlier form
 * exp(ln c + n·ln(H0(1 − H0))) added logs near ±2n·ln 2 and lost about n ulps (σ²_mid at n = 1000:
 * 2.4e-12 relative).
 */
export function iidMedianDensity(family: NoiseFamily, n: number): (s: number) => number {
  const coefficient = medianCoefficient(n);
  return (s: number) => {
    const density = family.pdf(s);
    if (density === 0) return 0;
    if (n === 0) return density;
    const lower = family.cdf(s);
    const upper = family.sf(s);
    if (lower === 0 || upper === 0) return 0;
    return coefficient * Math.exp(n * logFourTimesProduct(lower, upper)) * density;
  };
}

/** ln(4·F·S) for F + S = 1: through log1p(−(F − S)²) near the middle, where 4FS is near 1. */
function logFourTimesProduct(lower: number, upper: number): number {
  if (Math.min(lower, upper) < 0.25) return Math.log(4 * lower * upper);
  const difference = lower - upper;
  return Math.log1p(-difference * difference);
}

const coefficients = new Map<number, number>();

/** c_n = (2n+1)·C(2n, n)/4ⁿ, from the exact integer C(2n, n): within an ulp for every n. */
export function medianCoefficient(n: number): number {
  let coefficient = coefficients.get(n);
  if (coefficient === undefined) {
    let binomial = 1n;
    for (let j = 1n; j <= BigInt(n); j++) binomial = (binomial * (BigInt(n) + j)) / j;
    // C(2n, n)/4ⁿ with 80 extra bits before the integer division, so its truncation is far below an ulp.
    const scaled = (binomial << 80n) / (1n << BigInt(2 * n));
    coefficient = (2 * n + 1) * (Number(scaled) / 2 ** 80);
    coefficients.set(n, coefficient);
  }
  return coefficient;
}

/**
 * g′ and g″ of iidMedianDensity, from h0, h0′ and h0″: with w = 4H0·(1 − H0) (w′ = 4h0(1 − 2H0),
 * w″ = 4h0′(1 − 2H0) − 8h0²) and P = wⁿ, g = c_n·h0·P, so g′ = c_n(h0′P + h0P′) and
 * g″ = c_n(h0″P + 2h0′P′ + h0P″). For moderate n (the powers are taken directly).
 */
export function iidMedianDensityDerivatives(
  family: NoiseFamily,
  n: number,
): { slope: (s: number) => number; curvature: (s: number) => number } {
  const C = medianCoefficient(n);
  const parts = (s: number) => {
    const h = family.pdf(s);
    const F = family.cdf(s);
    const S = family.sf(s);
    const w = 4 * F * S;
    const w1 = 4 * h * (S - F);
    const w2 = 4 * (family.dpdf(s) * (S - F) - 2 * h * h);
    const P = w ** n;
    const P1 = n === 0 ? 0 : n * w ** (n - 1) * w1;
    const P2 = n === 0 ? 0 : (n > 1 ? n * (n - 1) * w ** (n - 2) * w1 * w1 : 0) + n * w ** (n - 1) * w2;
    return { h, P, P1, P2 };
  };
  return {
    slope: (s) => {
      const { h, P, P1 } = parts(s);
      return C * (family.dpdf(s) * P + h * P1);
    },
    curvature: (s) => {
      const { h, P, P1, P2 } = parts(s);
      return C * (family.d2pdf(s) * P + 2 * family.dpdf(s) * P1 + h * P2);
    },
  };
}
