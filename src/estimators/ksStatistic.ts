/**
 * The Kolmogorov–Smirnov statistic sup|F_n − F| of `draws` (sorted in place) against `cdf`.
 * Under F, P(√n·D > c) ≤ 2e^{−2c²} for every n (DKW with Massart's constant): the critical value at level α is sqrt(−ln(α/2)/2)/√n.
 */
export function ksStatistic(draws: Float64Array, cdf: (x: number) => number): number {
  draws.sort();
  const n = draws.length;
  let statistic = 0;
  for (let i = 0; i < n; i++) {
    const F = cdf(draws[i]);
    statistic = Math.max(statistic, (i + 1) / n - F, F - i / n);
  }
  return statistic;
}

/**
 * The KS critical value at level α for n draws: by the Dvoretzky–Kiefer–Wolfowitz inequality with
 * Massart's constant, P(sup|F_n − F| > it) ≤ α for every n and any F, continuous or not.
 */
export function ksCriticalValue(alpha: number, n: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}
