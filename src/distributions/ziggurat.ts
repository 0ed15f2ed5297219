import type { RandomStream } from '../rng/RandomStream.ts';
import { blockKernels } from '../wasm/blockKernels.ts';
import {
  seedZigguratState,
  ZIGGURAT_DENSITY,
  ZIGGURAT_EDGES,
  ZIGGURAT_RATIOS,
  ZIGGURAT_TAIL_START,
  ZIGGURAT_WINDOW,
} from '../wasm/zigguratTables.ts';

export { ZIGGURAT_TAIL_START } from '../wasm/zigguratTables.ts';

/**
 * Standard normal draws by the ziggurat method in Doornik's ZIGNOR form with 256 blocks and
 * 53-bit uniforms, so the output has no 32-bit resolution ties.
 *
 * ## Method
 * Each call seeds a xoshiro256++ generator (Blackman & Vigna) from eight draws of `stream` and
 * takes every uniform from it: the output depends on the stream alone. A draw takes one 64-bit
 * output r: its low 8 bits pick a block i, its top 53 bits give u ∈ [−1, 1); |u| < X[i+1]/X[i]
 * accepts u·X[i] at once (98.5% of draws with 256 blocks, 97.2% with 128); otherwise the wedge
 * is tested against the density, or, in block 0, Marsaglia's tail method is used. One output
 * per draw, where a 32-bit generator needs two for a 53-bit u: the fast path is half the work.
 *
 * The hot loop only records which positions need the slow path and finishes them after each
 * window of ZIGGURAT_WINDOW positions. Every slow-path uniform is fresh, so a deferred position
 * is still an independent N(0, 1) draw; the loop itself stays free of calls and branches that
 * cost more than the fast path. The whole fill runs in WebAssembly where available
 * (src/wasm/blockKernels.wat's fillNormals), on native 64-bit integers; here the generator works
 * on 32-bit halves. Both give the same bits (tested); `kernelChoice` 'typescript' keeps it here,
 * for tests and benchmarks.
 *
 * ## References
 * Marsaglia & Tsang (2000), The Ziggurat Method for Generating Random Variables; Doornik (2005),
 * An Improved Ziggurat Method to Generate Normal Random Samples; Blackman & Vigna (2021),
 * Scrambled Linear Pseudorandom Number Generators.
 */
const X = ZIGGURAT_EDGES;
const RATIO = ZIGGURAT_RATIOS;
const DENSITY = ZIGGURAT_DENSITY;
const R = ZIGGURAT_TAIL_START;

const TWO_POW_32 = 4294967296;
const TWO_POW_21 = 2097152;
const TWO_POW_M53 = 1 / 9007199254740992;
const TWO_POW_M52 = 1 / 4503599627370496;

export function fillStandardNormalZiggurat(
  stream: RandomStream,
  out: Float64Array,
  kernelChoice: 'auto' | 'typescript' = 'auto',
): Float64Array {
  const kernels = kernelChoice === 'auto' ? blockKernels() : null;
  if (kernels !== null) return kernels.drawNormals(stream, out);
  const state = new Int32Array(8);
  seedZigguratState(stream, state);
  // Entries (offset in window << 8) | block of the positions that missed the rectangle.
  const pending = new Int32Array(ZIGGURAT_WINDOW);
  for (let start = 0; start < out.length; start += ZIGGURAT_WINDOW) {
    const end = Math.min(out.length, start + ZIGGURAT_WINDOW);
    let missed = 0;
    for (let k = start; k < end; k++) {
      step(state);
      const u = (output[1] * TWO_POW_21 + (output[0] >>> 11)) * TWO_POW_M52;
      const i = output[0] & 255;
      out[k] = u * X[i];
      pending[missed] = ((k - start) << 8) | i;
      if (!(Math.abs(u) < RATIO[i])) missed++;
    }
    for (let j = 0; j < missed; j++) {
      const k = start + (pending[j] >>> 8);
      out[k] = completeDraw(state, pending[j] & 255, out[k]);
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
    if (DENSITY[block + 1] + uniform53(state) * (DENSITY[block] - DENSITY[block + 1]) < Math.exp(-0.5 * x * x))
      return x;
    step(state);
    const u = (output[1] * TWO_POW_21 + (output[0] >>> 11)) * TWO_POW_M52;
    block = output[0] & 255;
    x = u * X[block];
    if (Math.abs(u) < RATIO[block]) return x;
  }
}

/** A 53-bit uniform in [0, 1): the top 53 bits of one output. */
function uniform53(state: Int32Array): number {
  step(state);
  return ((output[1] >>> 0) * TWO_POW_21 + (output[0] >>> 11)) * TWO_POW_M53;
}

/**
 * The low and high words of the last output of `step`. A typed array, not two variables: an
 * int32 beyond the small-integer range would be boxed on every store.
 */
const output = new Int32Array(2);

/**
 * One xoshiro256++ step on 32-bit halves: state[2j] and state[2j + 1] are the low and high words
 * of s_j (the layout of the WebAssembly kernel's i64 state). Output rotl(s0 + s3, 23) + s0.
 */
function step(state: Int32Array): void {
  const s0l = state[0];
  const s0h = state[1];
  const s1l = state[2];
  const s1h = state[3];
  let s2l = state[4];
  let s2h = state[5];
  let s3l = state[6];
  let s3h = state[7];
  // sum = s0 + s3 (carry from the low words), then rotl(sum, 23) + s0.
  const low = (s0l >>> 0) + (s3l >>> 0);
  const sumLow = low | 0;
  const sumHigh = (s0h + s3h + (low >= TWO_POW_32 ? 1 : 0)) | 0;
  const rotLow = (sumLow << 23) | (sumHigh >>> 9);
  const rotHigh = (sumHigh << 23) | (sumLow >>> 9);
  const resultLow = (rotLow >>> 0) + (s0l >>> 0);
  output[0] = resultLow | 0;
  output[1] = (rotHigh + s0h + (resultLow >= TWO_POW_32 ? 1 : 0)) | 0;
  // t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45).
  const tLow = s1l << 17;
  const tHigh = (s1h << 17) | (s1l >>> 15);
  s2l ^= s0l;
  s2h ^= s0h;
  s3l ^= s1l;
  s3h ^= s1h;
  state[2] = s1l ^ s2l;
  state[3] = s1h ^ s2h;
  state[0] = s0l ^ s3l;
  state[1] = s0h ^ s3h;
  state[4] = s2l ^ tLow;
  state[5] = s2h ^ tHigh;
  state[6] = (s3h << 13) | (s3l >>> 19);
  state[7] = (s3l << 13) | (s3h >>> 19);
}
