import type { NoiseFamily } from './NoiseFamily.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import { continuedFraction, erfc } from './special/erfc.ts';
import { expMinusScaledSquare } from './special/splitProducts.ts';
import { invertCdf } from './invertCdf.ts';
import { fillStandardNormalZiggurat } from './ziggurat.ts';

/** Bulk fills use the ziggurat (its generator is seeded per call, which short fills do not amortise). */
const ZIGGURAT_MIN_LENGTH = 64;

const INV_SQRT_2PI = 0.3989422804014327;
const SQRT1_2 = Math.SQRT1_2;
/** Beyond it the tails come from the Mills ratio in x itself (erfc's continued fraction from 1.25·√2). */
const MILLS_LIMIT = 1.25 * Math.SQRT2;

/** φ(x), with e^{−x²/2} from a split x (its rounded square would cost x²/2 ulps in the tails). */
const density = (x: number) => INV_SQRT_2PI * expMinusScaledSquare(x, 0.5);

/**
 * Φ(x) = 1 − Φ(−x). In the tails, Φ(−|x|) = φ(x)/f(|x|) with the continued fraction f of the Mills
 * ratio, which takes x as it is: 0.5·erfc(|x|/√2) would round |x|/√2 and lose x² ulps.
 */
function lowerTail(x: number): number {
  if (x > -MILLS_LIMIT) return 0.5 * erfc(-x * SQRT1_2);
  if (x === -Infinity) return 0;
  return density(x) / continuedFraction(-x, 1);
}

/** Standard normal N(0, 1): the noise of the paper's experiments and of Theorem 5. */
export const gaussian: NoiseFamily = {
  name: 'gaussian',
  description: 'standard normal N(0, 1)',
  support: [-Infinity, Infinity],
  breakpoints: [],
  hypotheses: { symmetric: true, unimodal: true, h0PrimeBounded: true, h0SecondBounded: true },
  pdf: density,
  cdf: lowerTail,
  sf: (x) => lowerTail(-x),
  // Where φ has underflowed, so have its derivatives (x·0 would be NaN at x = ±∞).
  dpdf: (x) => {
    const d = density(x);
    return d === 0 ? 0 : -x * d;
  },
  d2pdf: (x) => {
    const d = density(x);
    return d === 0 ? 0 : (x * x - 1) * d;
  },
  // Upper half by symmetry: 1 − p is exact for p > 1/2, so the right tail keeps full precision.
  quantile: (p) => (p > 0.5 ? -lowerQuantile(1 - p) : lowerQuantile(p)),
  sample: (stream, out) =>
    out.length >= ZIGGURAT_MIN_LENGTH ? fillStandardNormalZiggurat(stream, out) : fillStandardNormal(stream, out),
};

/**
 * Fills `out` with N(0, 1) draws by Marsaglia's polar method (two normals per accepted pair;
 * acceptance π/4). A trailing odd slot uses a fresh pair so the output depends only on the stream.
 */
export function fillStandardNormal(stream: RandomStream, out: Float64Array): Float64Array {
  const n = out.length;
  let i = 0;
  while (i < n) {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * stream.next() - 1;
      v = 2 * stream.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    out[i++] = u * factor;
    if (i < n) out[i++] = v * factor;
  }
  return out;
}

function lowerQuantile(p: number): number {
  return invertCdf(gaussian.cdf, gaussian.pdf, p, roughNormalQuantile(p));
}

/** A starting point for Newton: the logistic approximation Φ⁻¹(p) ≈ 0.6266·ln(p/(1−p)) in the middle, tail asymptotics outside. */
function roughNormalQuantile(p: number): number {
  if (p < 1e-3) return -Math.sqrt(-2 * Math.log(p));
  if (p > 1 - 1e-3) return Math.sqrt(-2 * Math.log1p(-p));
  return 0.6266 * Math.log(p / (1 - p));
}
