/**
 * The whole law of a noisy aggregator's output, not only its mean and variance. A vote that breaks
 * ties by a coin flip keeps E[vote] (the flip averages to the tie's 0) but never returns 0; a
 * median of an even count that returns one of the two middle values at random keeps the mean of
 * their average. Each passed every moment test; the law tells them apart.
 *
 * The test compares the outputs' empirical CDF F_n with the exact one F. Under F, the
 * Dvoretzky–Kiefer–Wolfowitz inequality with Massart's constant bounds
 * P(sup_t |F_n(t) − F(t)| > ε) ≤ 2·exp(−2nε²) for any F, continuous or not, so a distance above
 * ε = sqrt(ln(2/α)/(2n)) (ksCriticalValue) has probability at most α. The distance is taken at chosen points (values
 * and left limits), which is at most the supremum: the bound holds for any points, even ones chosen
 * from the outputs.
 */
export interface OutputLaw {
  /** P(Y ≤ t). */
  atMost(t: number): number;
  /** P(Y < t). */
  below(t: number): number;
  /** Where to compare the laws: every value of a discrete law, or quantiles of the sorted outputs. */
  pointsFor(sorted: Float64Array): readonly number[];
}

/** Comparison points of a continuous law: this many quantiles of the outputs (a gap of 1/256 in F_n). */
export const CONTINUOUS_LAW_POINTS = 256;

/** A continuous law from its CDF (P(Y < t) = P(Y ≤ t)). */
export function continuousLaw(cdf: (t: number) => number): OutputLaw {
  return {
    atMost: cdf,
    below: cdf,
    pointsFor: (sorted) =>
      Array.from(
        { length: CONTINUOUS_LAW_POINTS },
        (_, g) => sorted[Math.floor(((g + 0.5) * sorted.length) / CONTINUOUS_LAW_POINTS)],
      ),
  };
}

/** A law on finitely many `values` (ascending) with their probabilities. */
export function discreteLaw(values: readonly number[], probabilities: readonly number[]): OutputLaw {
  const mass = (keep: (value: number) => boolean) =>
    values.reduce((sum, value, i) => (keep(value) ? sum + probabilities[i] : sum), 0);
  return {
    atMost: (t) => mass((value) => value <= t),
    below: (t) => mass((value) => value < t),
    pointsFor: () => values,
  };
}

export interface LawDistance {
  /** max |F_n − F| over the comparison points, values and left limits. */
  readonly distance: number;
  /** The point where it is largest. */
  readonly at: number;
  /** F_n and F there (at the point, or just below it when the left limit is the larger gap). */
  readonly empirical: number;
  readonly exact: number;
}

/** Index of the first element of `sorted` that `keep` rejects (`keep` true on a prefix). */
function countWhile(sorted: Float64Array, keep: (value: number) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keep(sorted[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The distance between the empirical law of `outputs` (not changed) and `law`. */
export function lawDistance(outputs: Float64Array, law: OutputLaw): LawDistance {
  const sorted = Float64Array.from(outputs).sort();
  const n = sorted.length;
  let largest: LawDistance = { distance: -1, at: Number.NaN, empirical: Number.NaN, exact: Number.NaN };
  for (const point of law.pointsFor(sorted)) {
    const sides = [
      { empirical: countWhile(sorted, (value) => value <= point) / n, exact: law.atMost(point) },
      { empirical: countWhile(sorted, (value) => value < point) / n, exact: law.below(point) },
    ];
    for (const { empirical, exact } of sides) {
      // A NaN from the law is a failure to compare, never a pass.
      const distance = Number.isNaN(exact) ? Infinity : Math.abs(empirical - exact);
      if (distance > largest.distance) largest = { distance, at: point, empirical, exact };
    }
  }
  return largest;
}
