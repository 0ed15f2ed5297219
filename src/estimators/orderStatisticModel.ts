import type { NoiseFamily } from '../distributions/NoiseFamily.ts';

/**
 * The distribution of the k-th smallest of M independent, non-identical variables
 * X_i = u_i + b·ξ_i, ξ_i iid from h0, on the standardised scale s = (z − ū)/b.
 *
 * ## Method
 * With t_i(s) = s + (ū − u_i)/b, P(X_i ≤ z) = H0(t_i) and the density of X_i in s is h0(t_i).
 * The order-statistic density (43)/(44) is
 *   f_(k)(s) = Σ_i h0(t_i) · P(exactly k − 1 of the others are ≤ z),
 * and the CDF is P(at least k of the M are ≤ z). Both are Poisson-binomial probabilities, found
 * without enumerating subsets: a prefix and a suffix recursion over the workers (counts capped at
 * k) give "exactly k − 1 among the others" for every i in O(M·k) per point. Every term is a
 * product of probabilities, so nothing cancels; the upper tail uses the survival function
 * directly, so 1 − F keeps full relative precision.
 */
export interface OrderStatisticModel {
  readonly M: number;
  /** The order statistic's rank, 1 ≤ k ≤ M (the median of 2n+1 is k = n+1). */
  readonly k: number;
  readonly uBar: number;
  readonly b: number;
  /**
   * Points in s that quadrature must split at: the shifted noise kinks, each worker's centre, and
   * around a centre far from the others points 1 to 64 noise widths out (`bumpBreakpoints`).
   */
  readonly breakpoints: readonly number[];
  /** Where the mass lies in s: [min_i (u_i − ū)/b, max_i (u_i − ū)/b]. */
  readonly span: readonly [number, number];
  /** Each worker's position (u_i − ū)/b on the s scale, ascending: for small b the density is a narrow bump at the middle ones. */
  readonly centres: readonly number[];
  /**
   * The relative error the rounding of the arguments t_i = s + (ū − u_i)/b puts into the
   * densities and so into their moments, which no quadrature estimate sees: each t_i is off by up
   * to ε·|offset| noise widths at the workers' bumps (10⁵ widths from ū at small b), and a density
   * moved that far changes its second moment by about as much relative (Gaussian:
   * ∫|s³h0′| ≈ 1.6·∫s²h0). Bounded by 4ε·max|offset|.
   */
  readonly argumentRounding: number;
  density(s: number): number;
  /** P(X_(k) ≤ ū + b·s). */
  cdf(s: number): number;
  /** P(X_(k) > ū + b·s). */
  sf(s: number): number;
}

/** Distances from a density's centre, in noise widths (every family has variance 1). */
const BUMP_OFFSETS = [1, 4, 16, 64];

/**
 * Quadrature breakpoints around bumps of width about 1 at `centres`: on an interval thousands of
 * widths long, a Gauss–Kronrod rule puts no node on such a bump and integrates it to 0. Each
 * centre gets points 1, 4, 16 and 64 widths out on either side, as far as half-way to the next
 * centre: where the centres are dense (moderate b) the centres alone already split finely, and
 * extra points would only multiply the work (M = 101 took 4× longer with all of them).
 */
export function bumpBreakpoints(centres: readonly number[]): number[] {
  const sorted = [...new Set(centres)].sort((x, y) => x - y);
  const points: number[] = [...sorted];
  sorted.forEach((centre, i) => {
    const left = i === 0 ? Infinity : centre - sorted[i - 1];
    const right = i === sorted.length - 1 ? Infinity : sorted[i + 1] - centre;
    for (const offset of BUMP_OFFSETS) {
      if (2 * offset < left) points.push(centre - offset);
      if (2 * offset < right) points.push(centre + offset);
    }
  });
  return points;
}

export function orderStatisticModel(u: Float64Array, b: number, family: NoiseFamily, k: number): OrderStatisticModel {
  const M = u.length;
  let uBar = 0;
  for (let i = 0; i < M; i++) uBar += u[i];
  uBar /= M;
  const offsets = Float64Array.from(u, (ui) => (uBar - ui) / b);
  const width = k; // counts 0..k−1 are tracked; "k or more" is never needed in the density.
  const prefix = new Float64Array((M + 1) * width);
  const suffix = new Float64Array((M + 1) * width);
  const p = new Float64Array(M);
  const q = new Float64Array(M);
  const h = new Float64Array(M);
  const counts = new Float64Array(M + 1);

  const prepare = (s: number) => {
    for (let i = 0; i < M; i++) {
      const t = s + offsets[i];
      p[i] = family.cdf(t);
      q[i] = family.sf(t);
    }
  };

  const density = (s: number): number => {
    prepare(s);
    for (let i = 0; i < M; i++) h[i] = family.pdf(s + offsets[i]);
    // prefix[i][j]: P(j of workers 0..i−1 are below); suffix[i][j]: P(j of workers i..M−1 are below).
    prefix.fill(0);
    suffix.fill(0);
    prefix[0] = 1;
    suffix[M * width] = 1;
    for (let i = 0; i < M; i++) {
      const from = i * width;
      const to = (i + 1) * width;
      prefix[to] = prefix[from] * q[i];
      for (let j = 1; j < width; j++) prefix[to + j] = prefix[from + j] * q[i] + prefix[from + j - 1] * p[i];
    }
    for (let i = M - 1; i >= 0; i--) {
      const from = (i + 1) * width;
      const to = i * width;
      suffix[to] = suffix[from] * q[i];
      for (let j = 1; j < width; j++) suffix[to + j] = suffix[from + j] * q[i] + suffix[from + j - 1] * p[i];
    }
    let total = 0;
    const need = k - 1;
    for (let i = 0; i < M; i++) {
      if (h[i] === 0) continue;
      let exactly = 0;
      const before = i * width;
      const after = (i + 1) * width;
      for (let j = 0; j <= need; j++) exactly += prefix[before + j] * suffix[after + need - j];
      total += h[i] * exactly;
    }
    return total;
  };

  /** Distribution of the count of workers below: counts[j] = P(exactly j are ≤ z). */
  const countDistribution = (s: number) => {
    prepare(s);
    counts.fill(0);
    counts[0] = 1;
    for (let i = 0; i < M; i++) {
      for (let j = i + 1; j >= 1; j--) counts[j] = counts[j] * q[i] + counts[j - 1] * p[i];
      counts[0] *= q[i];
    }
  };

  const breakpoints: number[] = [];
  for (let i = 0; i < M; i++) for (const kink of family.breakpoints) breakpoints.push(kink - offsets[i]);
  // For small b an order statistic's density is a bump of width about 1 at a worker's centre,
  // thousands of widths from the next one.
  breakpoints.push(...bumpBreakpoints(Array.from(offsets, (o) => -o)));

  return {
    M,
    k,
    uBar,
    b,
    breakpoints: [...new Set(breakpoints)].sort((x, y) => x - y),
    span: [Math.min(...offsets.map((o) => -o)), Math.max(...offsets.map((o) => -o))],
    centres: Array.from(offsets, (o) => -o).sort((x, y) => x - y),
    argumentRounding: 4 * Number.EPSILON * offsets.reduce((largest, offset) => Math.max(largest, Math.abs(offset)), 0),
    density,
    cdf: (s) => {
      countDistribution(s);
      let tail = 0;
      for (let j = k; j <= M; j++) tail += counts[j];
      return tail;
    },
    sf: (s) => {
      countDistribution(s);
      let head = 0;
      for (let j = 0; j < k; j++) head += counts[j];
      return head;
    },
  };
}
