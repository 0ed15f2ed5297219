import type { RandomStream } from '../rng/RandomStream.ts';

/**
 * Standard normal draws by the ziggurat method in Doornik's ZIGNOR form (128 blocks), with
 * 53-bit uniforms, so the output has no 32-bit resolution ties.
 *
 * ## Method
 * Each call seeds a xoshiro128** generator from four draws of `stream` and takes every uniform
 * from it: the output depends on the stream alone. A draw picks a block i (7 bits) and
 * u ∈ (−1, 1) (53 bits); |u| < X[i+1]/X[i] accepts u·X[i] at once (about 97% of draws); otherwise
 * the wedge is tested against the density, or, in block 0, Marsaglia's tail method is used.
 *
 * The hot loop only records which positions need the slow path and finishes them after each
 * window of PENDING_WINDOW positions. Every slow-path uniform is fresh, so a deferred position
 * is still an independent N(0, 1) draw; the loop itself stays free of calls and branches that
 * cost more than the fast path.
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
/** exp(−X[i]²/2): the unnormalised density at each block edge, for the wedge test. */
const DENSITY = new Float64Array(BLOCKS + 1);
const PENDING_WINDOW = 1024;
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
  for (let i = 0; i <= BLOCKS; i++) DENSITY[i] = Math.exp(-0.5 * X[i] * X[i]);
}

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 1 / 9007199254740992;
const TWO_POW_M52 = 1 / 4503599627370496;

export function fillStandardNormalZiggurat(stream: RandomStream, out: Float64Array): Float64Array {
  // xoshiro128** state from the stream (never all zero). It lives in locals so the hot loop
  // keeps it in registers; the slow path gets it through `state`.
  // Kept as int32 (`| 0`, not `>>> 0`): same bits, and no value ≥ 2^31 to deoptimise on.
  let s0 = Math.floor(stream.next() * TWO_POW_32) | 0;
  let s1 = Math.floor(stream.next() * TWO_POW_32) | 0;
  let s2 = Math.floor(stream.next() * TWO_POW_32) | 0;
  let s3 = Math.floor(stream.next() * TWO_POW_32) | 0 || 0x9e3779b9 | 0;
  const state = new Int32Array(4);
  // Entries (offset in window << 7) | block of the positions that missed the rectangle.
  const pending = new Int32Array(PENDING_WINDOW);
  for (let start = 0; start < out.length; start += PENDING_WINDOW) {
    const end = Math.min(out.length, start + PENDING_WINDOW);
    let missed = 0;
    for (let k = start; k < end; k++) {
      // Two xoshiro128** outputs, inlined.
      const hi = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const lo = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      // Signed: u = ((hi >> 5)·2^26 + (lo >>> 6))·2^-52, the 53-bit grid on [−1, 1). Every
      // intermediate stays a small integer, so V8 never deoptimises on a value ≥ 2^31.
      const u = ((hi >> 5) * 67108864 + (lo >>> 6)) * TWO_POW_M52;
      const i = (hi & 31) | ((lo & 3) << 5);
      out[k] = u * X[i];
      if (!(Math.abs(u) < RATIO[i])) pending[missed++] = ((k - start) << 7) | i;
    }
    if (missed > 0) {
      state[0] = s0;
      state[1] = s1;
      state[2] = s2;
      state[3] = s3;
      for (let j = 0; j < missed; j++) {
        const k = start + (pending[j] >>> 7);
        out[k] = completeDraw(state, pending[j] & 127, out[k]);
      }
      s0 = state[0];
      s1 = state[1];
      s2 = state[2];
      s3 = state[3];
    }
  }
  return out;
}

/**
 * Finishes a draw x = u·X[i] that fell outside block i's rectangle: the tail beyond R for block 0
 * (Marsaglia 1964, signed like x), the wedge test against the density otherwise, and on
 * rejection a whole new ziggurat draw.
 */
function completeDraw(state: Int32Array, block: number, x: number): number {
  for (;;) {
    if (block === 0) {
      let tail: number;
      let y: number;
      do {
        tail = Math.log(uniform53(state) || TWO_POW_M53) / R;
        y = Math.log(uniform53(state) || TWO_POW_M53);
      } while (-2 * y < tail * tail);
      return x < 0 ? tail - R : R - tail;
    }
    if (DENSITY[block + 1] + uniform53(state) * (DENSITY[block] - DENSITY[block + 1]) < Math.exp(-0.5 * x * x)) return x;
    const u = 2 * uniform53(state) - 1;
    block = nextUint32(state) & 127;
    x = u * X[block];
    if (Math.abs(u) < RATIO[block]) return x;
  }
}

/** A 53-bit uniform in [0, 1) from two xoshiro128** steps on `state`. */
function uniform53(state: Int32Array): number {
  const hi = nextUint32(state);
  const lo = nextUint32(state);
  return ((hi >>> 5) * 67108864 + (lo >>> 6)) * TWO_POW_M53;
}

function nextUint32(state: Int32Array): number {
  const result = Math.imul(rotl(Math.imul(state[1], 5), 7), 9) >>> 0;
  const t = state[1] << 9;
  state[2] ^= state[0];
  state[3] ^= state[1];
  state[1] ^= state[2];
  state[0] ^= state[3];
  state[2] ^= t;
  state[3] = rotl(state[3], 11);
  return result;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
