import type { NoiseFamily } from './NoiseFamily.ts';
import { fillStandardNormal } from './gaussian.ts';
import { invertCdf } from './invertCdf.ts';

/** Student's t with ν = 5 has variance 5/3; X = K·T has variance 1. */
const NU = 5;
const K = Math.sqrt(3 / 5);
/** Γ(3)/(√(5π)·Γ(5/2)) = 8/(3π√5), the t5 density at 0. */
const C = 8 / (3 * Math.PI * Math.sqrt(5));

function tPdf(t: number): number {
  const q = 1 + (t * t) / NU;
  return C / (q * q * q);
}

/** Below it (w = 5/(5 + t²) < 5/9) the lower tail comes from its series (the closed form lost up to 26 ulps there). */
const SERIES_LIMIT = -2;

/**
 * F(t) for t ≤ 0. Closed form for odd ν = 5: F(t) = 1/2 + (θ + sinθ·cosθ·(1 + (2/3)cos²θ))/π,
 * θ = atan(t/√5); in the lower tail its terms cancel (F(−1000·K) came out 1.4% off, and 0 from
 * t ≈ −10⁴), so there F = ½·I_w(5/2, 1/2) by the incomplete beta's series.
 */
function tCdf(t: number): number {
  if (t < SERIES_LIMIT) return lowerTailSeries(t);
  const theta = Math.atan(t / Math.sqrt(NU));
  const c = Math.cos(theta);
  return 0.5 + (theta + Math.sin(theta) * c * (1 + (2 / 3) * c * c)) / Math.PI;
}

/**
 * ½·I_w(5/2, 1/2) = (4/(3π))·w^{5/2}·Σ c_n·wⁿ/(n + 5/2), c_n = C(2n, n)/4ⁿ, w = 5/(5 + t²): all
 * terms positive, about 1/log₁₀(1/w) terms a digit.
 */
function lowerTailSeries(t: number): number {
  const w = NU / (NU + t * t);
  let coefficient = 1;
  let power = 1;
  let sum = 0;
  for (let n = 0; n < 400; n++) {
    const term = (coefficient * power) / (n + 2.5);
    sum += term;
    if (term < sum * 1e-17) break;
    coefficient *= (2 * n + 1) / (2 * n + 2);
    power *= w;
  }
  return (4 / (3 * Math.PI)) * w * w * Math.sqrt(w) * sum;
}

/** F(t) ≈ TAIL/|t|⁵ as t → −∞ (the series' first term). */
const TAIL = (8 * NU ** 2.5) / (15 * Math.PI);

/**
 * Newton from the tail's asymptote: started at 0, the safeguarded Newton crept through a bracket
 * of 10⁵⁹ by halving and stopped 1e-4 relative off at p = 1e-79, 10⁴³ off at p = 1e-290.
 */
function lowerQuantile(p: number): number {
  const guess = p < 0.01 ? -K * (TAIL / p) ** 0.2 : 0;
  return invertCdf(studentT5.cdf, studentT5.pdf, p, guess);
}

/** Student t with ν = 5 scaled to variance 1: smooth, but only four finite moments. */
export const studentT5: NoiseFamily = {
  name: 'student-t',
  description: 'Student t, ν = 5, scaled by √(3/5) to variance 1',
  support: [-Infinity, Infinity],
  breakpoints: [],
  hypotheses: { symmetric: true, unimodal: true, h0PrimeBounded: true, h0SecondBounded: true },
  pdf: (x) => tPdf(x / K) / K,
  cdf: (x) => (x > 0 ? 1 - tCdf(-x / K) : tCdf(x / K)),
  sf: (x) => (x < 0 ? 1 - tCdf(x / K) : tCdf(-x / K)),
  // Where t² overflows both derivatives are 0 (their formulas would give ∞·0). Far out (q > 1e60)
  // q⁵ overflows while the derivatives do not underflow: there they are taken as (t/q)/q³ and
  // (1 − 7t²/ν)/q⁵ = (8/q − 7)/q⁴ (at |x| = 1e154 the second was ∞·0 = NaN, found by `npm run fuzz`).
  dpdf: (x) => {
    const t = x / K;
    const q = 1 + (t * t) / NU;
    if (q === Infinity) return 0;
    return q > 1e60 ? (-(6 * C) / NU) * (t / q / q ** 3 / (K * K)) : -(6 * C * t) / NU / q ** 4 / (K * K);
  },
  d2pdf: (x) => {
    const t = x / K;
    const q = 1 + (t * t) / NU;
    if (q === Infinity) return 0;
    if (q > 1e60) return ((-(6 * C) / NU) * ((8 / q - 7) / q ** 4)) / (K * K * K);
    return ((-(6 * C) / NU / q ** 5) * (1 - (7 * t * t) / NU)) / (K * K * K);
  },
  // Upper half by symmetry: 1 − p is exact for p > 1/2.
  quantile: (p) => (p > 0.5 ? -lowerQuantile(1 - p) : lowerQuantile(p)),
  sample: (stream, out) => {
    // T = Z / sqrt(χ²₅/5), with χ²₅ a sum of five squared normals.
    const normals = new Float64Array(6);
    for (let i = 0; i < out.length; i++) {
      fillStandardNormal(stream, normals);
      let chi2 = 0;
      for (let k = 1; k <= NU; k++) chi2 += normals[k] * normals[k];
      out[i] = (K * normals[0]) / Math.sqrt(chi2 / NU);
    }
    return out;
  },
};
