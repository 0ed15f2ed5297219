import type { NoiseFamily } from './NoiseFamily.ts';

/** Euler–Mascheroni γ: the mean of the standard Gumbel. */
const EULER_GAMMA = 0.5772156649015329;
/** Scale π/√6 of the standard Gumbel: its standard deviation. */
const SCALE = Math.PI / Math.sqrt(6);

/** The standard Gumbel density e^{−y − e^{−y}} at y = γ + s·x and its two derivatives, as multiples of it; 0 where e^{−y} overflows. */
function standardGumbel(x: number): { density: number; slope: number; curvature: number; e: number } {
  const y = EULER_GAMMA + SCALE * x;
  const e = Math.exp(-y);
  if (!(e < 700)) return { density: 0, slope: 0, curvature: 0, e };
  const density = Math.exp(-y - e);
  return { density, slope: density * (e - 1), curvature: density * ((e - 1) ** 2 - e), e };
}

/**
 * Gumbel (extreme-value) noise standardised to mean 0 and variance 1: smooth, unimodal, with h0′
 * and h0″ bounded and integrable, but skewed. Not among the sweep's families: it serves as the
 * smooth asymmetric negative control where a proof step needs only symmetry to fail.
 */
/** The quantile at p ∈ [0, 1], unchecked: the sampler draws p from (0, 1). */
function quantileOf(p: number): number {
  return (-Math.log(-Math.log(p)) - EULER_GAMMA) / SCALE;
}

export const gumbel: NoiseFamily = {
  name: 'gumbel',
  description: 'Gumbel, standardised (skewed, smooth)',
  support: [-Infinity, Infinity],
  breakpoints: [],
  hypotheses: { symmetric: false, unimodal: true, h0PrimeBounded: true, h0SecondBounded: true },
  pdf: (x) => SCALE * standardGumbel(x).density,
  cdf: (x) => {
    const { e } = standardGumbel(x);
    return Math.exp(-e);
  },
  sf: (x) => -Math.expm1(-standardGumbel(x).e),
  dpdf: (x) => SCALE * SCALE * standardGumbel(x).slope,
  d2pdf: (x) => SCALE ** 3 * standardGumbel(x).curvature,
  quantile: (p) => {
    if (!(p >= 0 && p <= 1)) return NaN;
    return quantileOf(p);
  },
  sample: (stream, out) => {
    for (let i = 0; i < out.length; i++) {
      const u = stream.next();
      if (u === 0) {
        i--;
        continue;
      }
      out[i] = quantileOf(u);
    }
    return out;
  },
};
