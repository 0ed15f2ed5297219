import type { NoiseFamily } from './NoiseFamily.ts';
import { expMinusProduct, splitSquareRoot } from './special/splitProducts.ts';

/** Scale s with variance 2s² = 1. */
const S = Math.SQRT1_2;
/** 1/s = √2 as hi + lo: e^{−|x|/s} from the rounded |x|/s would lose |x|√2 ulps in the tails. */
const RATE = splitSquareRoot(2);

/** e^{−|x|/s}. */
const decay = (x: number) => expMinusProduct(Math.abs(x), RATE);

/** Laplace with variance 1: h0′ jumps at 0, so h0″ is not bounded (it has a Dirac part). */
export const laplace: NoiseFamily = {
  name: 'laplace',
  description: 'Laplace, scale 1/√2 (h0′ jumps at 0: h0″ unbounded)',
  support: [-Infinity, Infinity],
  breakpoints: [0],
  hypotheses: { symmetric: true, unimodal: true, h0PrimeBounded: true, h0SecondBounded: false },
  pdf: (x) => decay(x) / (2 * S),
  cdf: (x) => (x < 0 ? 0.5 * decay(x) : 1 - 0.5 * decay(x)),
  sf: (x) => (x > 0 ? 0.5 * decay(x) : 1 - 0.5 * decay(x)),
  dpdf: (x) => (Number.isNaN(x) ? NaN : x === 0 ? 0 : (-Math.sign(x) * decay(x)) / (2 * S * S)),
  d2pdf: (x) => decay(x) / (2 * S * S * S),
  quantile: (p) => {
    if (!(p >= 0 && p <= 1)) return NaN;
    return p < 0.5 ? S * Math.log(2 * p) : -S * Math.log(2 * (1 - p));
  },
  sample: (stream, out) => {
    for (let i = 0; i < out.length; i++) {
      const u = stream.next() - 0.5;
      // 1 − 2|u| lies in (0, 1]; u = −0.5 exactly would give log(0), so redraw it.
      const tail = 1 - 2 * Math.abs(u);
      if (tail === 0) {
        i--;
        continue;
      }
      out[i] = -S * Math.sign(u || 1) * Math.log(tail);
    }
    return out;
  },
};
