import type { NoiseFamily } from '../distributions/NoiseFamily.ts';

/**
 * g(s), the density of the median of 2n+1 iid draws from h0 ((54), (86)):
 *   g(s) = (2n+1)·C(2n, n)·H0(s)^n·(1 − H0(s))^n·h0(s),
 * evaluated in log space so that C(2n, n) and the powers neither overflow nor underflow for large n.
 */
export function iidMedianDensity(family: NoiseFamily, n: number): (s: number) => number {
  const logCoefficient = Math.log(2 * n + 1) + logBinomial(2 * n, n);
  return (s: number) => {
    const density = family.pdf(s);
    if (density === 0) return 0;
    if (n === 0) return density;
    const lower = family.cdf(s);
    const upper = family.sf(s);
    if (lower === 0 || upper === 0) return 0;
    return Math.exp(logCoefficient + n * (Math.log(lower) + Math.log(upper))) * density;
  };
}

/** ln C(m, r), summed exactly enough for m ≤ 10^4 (the sum of logs has relative error ~1e-15). */
function logBinomial(m: number, r: number): number {
  let total = 0;
  for (let j = 1; j <= r; j++) total += Math.log((m - r + j) / j);
  return total;
}

/**
 * g′ and g″ of iidMedianDensity, from h0, h0′ and h0″: with w = H0·(1 − H0) (w′ = h0(1 − 2H0),
 * w″ = h0′(1 − 2H0) − 2h0²) and P = wⁿ, g = C·h0·P, so g′ = C(h0′P + h0P′) and
 * g″ = C(h0″P + 2h0′P′ + h0P″). For moderate n (the powers are taken directly).
 */
export function iidMedianDensityDerivatives(
  family: NoiseFamily,
  n: number,
): { slope: (s: number) => number; curvature: (s: number) => number } {
  const C = Math.exp(Math.log(2 * n + 1) + logBinomial(2 * n, n));
  const parts = (s: number) => {
    const h = family.pdf(s);
    const F = family.cdf(s);
    const S = family.sf(s);
    const w = F * S;
    const w1 = h * (S - F);
    const w2 = family.dpdf(s) * (S - F) - 2 * h * h;
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
