import jstat from 'jstat';

const { jStat } = jstat;

/**
 * P(X ≤ k) and P(X ≥ k) for X ~ Binomial(n, p), each by the regularised incomplete beta function,
 * so that a small tail keeps its relative precision (1 − CDF would cancel).
 */
export function binomialTails(k: number, n: number, p: number): { atMost: number; atLeast: number } {
  if (p === 0) return { atMost: 1, atLeast: k === 0 ? 1 : 0 };
  if (p === 1) return { atMost: k === n ? 1 : 0, atLeast: 1 };
  return {
    atMost: k >= n ? 1 : jStat.ibeta(1 - p, n - k, k + 1),
    atLeast: k <= 0 ? 1 : jStat.ibeta(p, k, n - k + 1),
  };
}
