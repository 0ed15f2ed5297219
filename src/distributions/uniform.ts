import type { NoiseFamily } from './NoiseFamily.ts';

/** Half-width √3 gives variance 1. */
const A = Math.sqrt(3);

/** Uniform on [−√3, √3]: h0 jumps at ±√3, so neither h0′ nor h0″ is bounded. */
export const uniform: NoiseFamily = {
  name: 'uniform',
  description: 'uniform on [−√3, √3] (h0 jumps at the ends)',
  support: [-A, A],
  breakpoints: [-A, A],
  hypotheses: { symmetric: true, unimodal: true, h0PrimeBounded: false, h0SecondBounded: false },
  pdf: (x) => (Number.isNaN(x) ? NaN : x >= -A && x <= A ? 1 / (2 * A) : 0),
  cdf: (x) => (Number.isNaN(x) ? NaN : x <= -A ? 0 : x >= A ? 1 : (x + A) / (2 * A)),
  sf: (x) => (Number.isNaN(x) ? NaN : x <= -A ? 1 : x >= A ? 0 : (A - x) / (2 * A)),
  dpdf: (x) => (Number.isNaN(x) ? NaN : 0),
  d2pdf: (x) => (Number.isNaN(x) ? NaN : 0),
  quantile: (p) => (p >= 0 && p <= 1 ? -A + 2 * A * p : NaN),
  sample: (stream, out) => {
    for (let i = 0; i < out.length; i++) out[i] = A * (2 * stream.next() - 1);
    return out;
  },
};
