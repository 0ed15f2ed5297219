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
