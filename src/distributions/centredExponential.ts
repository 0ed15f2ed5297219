import type { NoiseFamily } from './NoiseFamily.ts';

/**
 * E − 1 with E ~ Exp(1): mean 0, variance 1, but asymmetric (and h0 jumps at −1). The negative
 * control for Theorem 4: without symmetry the noisy median's bias does not vanish as b grows.
 */
export const centredExponential: NoiseFamily = {
  name: 'centred-exponential',
  description: 'Exp(1) − 1 (asymmetric; negative control)',
  support: [-1, Infinity],
  breakpoints: [-1],
  hypotheses: { symmetric: false, unimodal: true, h0PrimeBounded: false, h0SecondBounded: false },
  pdf: (x) => (Number.isNaN(x) ? NaN : x < -1 ? 0 : Math.exp(-(x + 1))),
  cdf: (x) => (Number.isNaN(x) ? NaN : x < -1 ? 0 : -Math.expm1(-(x + 1))),
  sf: (x) => (Number.isNaN(x) ? NaN : x < -1 ? 1 : Math.exp(-(x + 1))),
  dpdf: (x) => (Number.isNaN(x) ? NaN : x < -1 ? 0 : -Math.exp(-(x + 1))),
  d2pdf: (x) => (Number.isNaN(x) ? NaN : x < -1 ? 0 : Math.exp(-(x + 1))),
  quantile: (p) => (p >= 0 && p <= 1 ? -Math.log1p(-p) - 1 : NaN),
  sample: (stream, out) => {
    for (let i = 0; i < out.length; i++) out[i] = -Math.log1p(-stream.next()) - 1;
    return out;
  },
};
