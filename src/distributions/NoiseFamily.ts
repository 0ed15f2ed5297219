import type { RandomStream } from '../rng/RandomStream.ts';

/** Theorem 4's hypotheses on the noise density h0, as flags a check can branch on. */
export interface NoiseHypotheses {
  /** h0(z) = h0(−z). */
  readonly symmetric: boolean;
  /** h0 is non-decreasing on (−∞, mode] and non-increasing on [mode, ∞). */
  readonly unimodal: boolean;
  /** h0′ exists and is uniformly bounded (Theorem 4(a), F.1). */
  readonly h0PrimeBounded: boolean;
  /** h0″ exists, is uniformly bounded and absolutely integrable (Theorem 4(b)). */
  readonly h0SecondBounded: boolean;
}

/**
 * A noise density h0 with mean 0 and variance 1, as used for ξ in û_i = u_i + b·ξ_i.
 *
 * The methods are numeric kernels: they never throw and return NaN for NaN input. Where a
 * derivative does not exist (a kink or a jump), `dpdf`/`d2pdf` return the value of the
 * derivative away from that point (the absolutely continuous part) and the family lists the
 * point in `breakpoints` and clears the matching hypothesis flag.
 */
export interface NoiseFamily {
  readonly name: string;
  /** One line for reports. */
  readonly description: string;
  /** The closed support [lower, upper] (infinite ends allowed). */
  readonly support: readonly [number, number];
  /** Points where h0 or one of its first two derivatives is not smooth (quadrature breakpoints). */
  readonly breakpoints: readonly number[];
  readonly hypotheses: NoiseHypotheses;
  pdf(x: number): number;
  /** P(ξ ≤ x). */
  cdf(x: number): number;
  /** P(ξ > x), computed without cancellation in the right tail. */
  sf(x: number): number;
  /** h0′(x). */
  dpdf(x: number): number;
  /** h0″(x). */
  d2pdf(x: number): number;
  /** The p-quantile, p in [0, 1]. */
  quantile(p: number): number;
  /** Fills `out` with independent draws and returns it. */
  sample(stream: RandomStream, out: Float64Array): Float64Array;
}
