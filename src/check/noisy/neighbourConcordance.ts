/**
 * Dependence between the outputs of nearby coordinates of a noisy aggregator whose every coordinate
 * has the same input. With noise fresh for every coordinate (ξ_{t,i} has iid coordinates) the
 * outputs are iid; code that draws one noise value for two coordinates (a Box–Muller pair's first
 * value used twice), or one noise vector that each worker reads at its own offset, makes outputs k
 * coordinates apart depend on each other while every coordinate's law, and so every z-test of the
 * mean, stays right.
 *
 * The test is exact for any law of the outputs, votes included. For a lag k the outputs are cut
 * into disjoint quadruples (y_t, y_{t+k}, y_s, y_{s+k}); among those with y_t ≠ y_s and
 * y_{t+k} ≠ y_{s+k}, iid outputs are concordant, (y_t − y_s)(y_{t+k} − y_{s+k}) > 0, with
 * probability exactly 1/2 (swapping y_t and y_s keeps their joint law and flips concordance), so
 * the concordant count among N untied quadruples is Binomial(N, 1/2). Hoeffding's inequality bounds
 * |count − N/2| ≥ a by 2·exp(−2a²/N): a lag fails when that bound is at most NEIGHBOUR_FALSE_ALARM.
 */

/** Lags tested: every distance up to 8 coordinates (a block of 8, as SIMD lanes and unrolled loops use), and 16. */
export const NEIGHBOUR_LAGS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 16];
/** False-failure probability of each lag's test (Hoeffding's bound, so at most this). */
export const NEIGHBOUR_FALSE_ALARM = 1e-9;

export interface LagConcordance {
  readonly lag: number;
  /** Quadruples without a tie on either side. */
  readonly untied: number;
  readonly concordant: number;
  /** Hoeffding's bound on the two-sided probability of a deviation this large for iid outputs. */
  readonly bound: number;
}

/** Concordant and untied quadruples at `lag` in one call's outputs, added to `totals`. */
function countQuadruples(values: Float64Array, lag: number, totals: { untied: number; concordant: number }): void {
  const block = 4 * lag;
  for (let start = 0; start + block <= values.length; start += block) {
    for (let i = 0; i < lag; i++) {
      const t = start + i;
      const s = t + 2 * lag;
      const first = values[t] - values[s];
      const second = values[t + lag] - values[s + lag];
      if (first === 0 || second === 0) continue;
      totals.untied++;
      if (first > 0 === second > 0) totals.concordant++;
    }
  }
}

/** Each lag's concordance over the calls' outputs taken together (independent calls: the counts add). */
export function neighbourConcordance(outputs: readonly Float64Array[]): LagConcordance[] {
  return NEIGHBOUR_LAGS.map((lag) => {
    const totals = { untied: 0, concordant: 0 };
    for (const values of outputs) countQuadruples(values, lag, totals);
    const { untied, concordant } = totals;
    const deviation = Math.abs(concordant - untied / 2);
    const bound = untied === 0 ? 1 : Math.min(1, 2 * Math.exp((-2 * deviation * deviation) / untied));
    return { lag, untied, concordant, bound };
  });
}
