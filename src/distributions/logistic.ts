import type { NoiseFamily } from './NoiseFamily.ts';

/** Scale s with variance π²s²/3 = 1. */
const S = Math.sqrt(3) / Math.PI;

function sigmoid(y: number): number {
  return y >= 0 ? 1 / (1 + Math.exp(-y)) : Math.exp(y) / (1 + Math.exp(y));
}

/** σ′(y) = σ(y)(1 − σ(y)), computed from e^{−|y|} to stay accurate in both tails. */
function sigmoidSlope(y: number): number {
  const e = Math.exp(-Math.abs(y));
  return e / ((1 + e) * (1 + e));
}

/** Logistic with variance 1: smooth, symmetric, heavier tails than the Gaussian. */
export const logistic: NoiseFamily = {
  name: 'logistic',
  description: 'logistic, scale √3/π',
  support: [-Infinity, Infinity],
  breakpoints: [],
  hypotheses: { symmetric: true, unimodal: true, h0PrimeBounded: true, h0SecondBounded: true },
  pdf: (x) => sigmoidSlope(x / S) / S,
  cdf: (x) => sigmoid(x / S),
  sf: (x) => sigmoid(-x / S),
  dpdf: (x) => (sigmoidSlope(x / S) * (sigmoid(-x / S) - sigmoid(x / S))) / (S * S),
  d2pdf: (x) => {
    const p = sigmoid(x / S);
    const q = sigmoid(-x / S);
    return (sigmoidSlope(x / S) * (1 - 6 * p * q)) / (S * S * S);
  },
  quantile: (p) => {
    if (!(p >= 0 && p <= 1)) return NaN;
    return S * (Math.log(p) - Math.log1p(-p));
  },
  sample: (stream, out) => {
    for (let i = 0; i < out.length; i++) {
      const u = stream.next();
      if (u === 0) {
        i--;
        continue;
      }
      out[i] = S * (Math.log(u) - Math.log1p(-u));
    }
    return out;
  },
};
