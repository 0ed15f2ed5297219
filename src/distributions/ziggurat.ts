import type { RandomStream } from '../rng/RandomStream.ts';

/**
 * Standard normal draws by the ziggurat method in Doornik's ZIGNOR form (128 blocks), with
 * 53-bit uniforms, so the output has no 32-bit resolution ties.
 *
 * ## Method
 * Each call seeds a xoshiro128** generator from four draws of `stream` and takes every uniform
 * from it: the output depends on the stream alone. A draw picks a block i (7 bits) and
 * u ∈ (−1, 1) (53 bits); |u| < X[i+1]/X[i] accepts u·X[i] at once (about 99% of draws); otherwise
 * the wedge is tested against the density, or, in block 0, Marsaglia's tail method is used.
 *
 * ## References
 * Marsaglia & Tsang (2000), The Ziggurat Method for Generating Random Variables; Doornik (2005),
 * An Improved Ziggurat Method to Generate Normal Random Samples.
 */
const BLOCKS = 128;
const R = 3.442619855899;
const V = 9.91256303526217e-3;
const X = new Float64Array(BLOCKS + 1);
const RATIO = new Float64Array(BLOCKS);
{
  let f = Math.exp(-0.5 * R * R);
  X[0] = V / f;
  X[1] = R;
  X[BLOCKS] = 0;
  for (let i = 2; i < BLOCKS; i++) {
    X[i] = Math.sqrt(-2 * Math.log(V / X[i - 1] + f));
    f = Math.exp(-0.5 * X[i] * X[i]);
  }
  for (let i = 0; i < BLOCKS; i++) RATIO[i] = X[i + 1] / X[i];
}

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 1 / 9007199254740992;

export function fillStandardNormalZiggurat(stream: RandomStream, out: Float64Array): Float64Array {
  // xoshiro128** state from the stream (never all zero).
  let s0 = Math.floor(stream.next() * TWO_POW_32) >>> 0;
  let s1 = Math.floor(stream.next() * TWO_POW_32) >>> 0;
  let s2 = Math.floor(stream.next() * TWO_POW_32) >>> 0;
  let s3 = Math.floor(stream.next() * TWO_POW_32) >>> 0 || 0x9e3779b9;
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const uniform53 = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) * TWO_POW_M53;
  for (let k = 0; k < out.length; k++) {
    for (;;) {
      // Two xoshiro128** outputs, inlined (the hot path).
      const hi = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const lo = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const u = 2 * (((hi >>> 5) * 67108864 + (lo >>> 6)) * TWO_POW_M53) - 1;
      const i = (hi & 31) | ((lo & 3) << 5);
      if (Math.abs(u) < RATIO[i]) {
        out[k] = u * X[i];
        break;
      }
      if (i === 0) {
        // Tail beyond R (Marsaglia 1964).
        let x: number;
        let y: number;
        do {
          x = Math.log(uniform53() || TWO_POW_M53) / R;
          y = Math.log(uniform53() || TWO_POW_M53);
        } while (-2 * y < x * x);
        out[k] = u < 0 ? x - R : R - x;
        break;
      }
      const x = u * X[i];
      const f0 = Math.exp(-0.5 * (X[i] * X[i] - x * x));
      const f1 = Math.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
      if (f1 + uniform53() * (f0 - f1) < 1) {
        out[k] = x;
        break;
      }
    }
  }
  return out;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
