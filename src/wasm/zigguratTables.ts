import type { RandomStream } from '../rng/RandomStream.ts';

/**
 * The ziggurat's constants, shared by its TypeScript reference (src/distributions/ziggurat.ts)
 * and its WebAssembly kernel (blockKernels.ts): Marsaglia & Tsang's 256 blocks, and how a fill
 * seeds its xoshiro256++ generator from a stream.
 */
const BLOCKS = 256;
/** Where the ziggurat's tail begins: draws beyond ±R come from Marsaglia's tail method. */
export const ZIGGURAT_TAIL_START = 3.6541528853610088;
/** The area of each block. */
const BLOCK_AREA = 4.92867323399e-3;
/** Draws of the fast path before the misses among them are finished. */
export const ZIGGURAT_WINDOW = 1024;

/** The block edges X[0] > X[1] = R > … > X[256] = 0. */
export const ZIGGURAT_EDGES = new Float64Array(BLOCKS + 1);
/** X[i+1]/X[i]: |u| below it accepts u·X[i] at once. */
export const ZIGGURAT_RATIOS = new Float64Array(BLOCKS);
/** exp(−X[i]²/2): the unnormalised density at each block edge, for the wedge test. */
export const ZIGGURAT_DENSITY = new Float64Array(BLOCKS + 1);
{
  const X = ZIGGURAT_EDGES;
  const R = ZIGGURAT_TAIL_START;
  let f = Math.exp(-0.5 * R * R);
  X[0] = BLOCK_AREA / f;
  X[1] = R;
  X[BLOCKS] = 0;
  for (let i = 2; i < BLOCKS; i++) {
    X[i] = Math.sqrt(-2 * Math.log(BLOCK_AREA / X[i - 1] + f));
    f = Math.exp(-0.5 * X[i] * X[i]);
  }
  for (let i = 0; i < BLOCKS; i++) ZIGGURAT_RATIOS[i] = X[i + 1] / X[i];
  for (let i = 0; i <= BLOCKS; i++) ZIGGURAT_DENSITY[i] = Math.exp(-0.5 * X[i] * X[i]);
}

const TWO_POW_32 = 4294967296;

/**
 * A fill's xoshiro256++ state from eight draws of `stream`, as 32-bit words, low word first (the
 * layout of the kernel's i64 state); never all zero.
 */
export function seedZigguratState(stream: RandomStream, state: Int32Array): void {
  let any = 0;
  for (let k = 0; k < 8; k++) {
    state[k] = Math.floor(stream.next() * TWO_POW_32) | 0;
    any |= state[k];
  }
  if (any === 0) state[0] = 0x9e3779b9 | 0;
}
