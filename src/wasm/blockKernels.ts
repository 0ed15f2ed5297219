// The Monte Carlo block's kernels (blockKernels.wat), which runMonteCarloBlock runs: the
// ziggurat with its slow path in WebAssembly too (which also fills fillStandardNormalZiggurat's
// arrays, through drawNormals), the median of M ≤ 25 and the vote of M ≤ 25
// unrolled on registers, the median network of larger M on four rows at a time, and the summary's
// passes fused in. Bit for bit the TypeScript references' results (test/blockKernels.test.ts).
import type { RandomStream } from '../rng/RandomStream.ts';
import { blockKernelsWasmBase64 } from './blockKernelsWasm.ts';
import { medianSelectionNetwork } from './medianNetwork.ts';
import { seedZigguratState, ZIGGURAT_DENSITY, ZIGGURAT_EDGES, ZIGGURAT_RATIOS } from './zigguratTables.ts';

/** Values per call: rows × M draws, and rows. */
export const KERNEL_CAPACITY = 8192;
/** Largest M the median network serves (its comparators fill the `net` region). */
export const MAX_NETWORK_M = 255;

// Memory layout, in bytes (the module declares 8 pages of 64 KiB).
const NET = 0; // comparator pairs, 2 × i32 each: up to 8192 pairs
const DRAWS = 65536; // rows of M draws, f64
const U = 131072; // u, f64
const OUTPUTS = [196608, 327680] as const; // one statistic per row, f64: two buffers, used in turn
const SCRATCH = 131072 + 32768; // 4 interleaved rows for the network (M ≤ 255), in U's spare upper half
const EDGES = 262144; // ziggurat block edges X, 257 f64 (after the first output buffer, which ends here)
const RATIOS = EDGES + 4096; // X[i+1]/X[i], 256 f64
const DENSITY = EDGES + 8192; // exp(−X[i]²/2), 257 f64
const STATE = EDGES + 12288; // xoshiro256++ state, 4 × i64 as 8 × i32 (low word first)
const PENDING = EDGES + 12544; // one i32 per draw of a window of 1024
const GATHER = 282624; // the window selection's gathered values, 2 lanes × 255 f64
const FAILED = 294912; // rows the window missed, i32 each (at most KERNEL_CAPACITY / 45)
const FAILED_MEDIANS = 299008; // their medians, f64 each
const FAILED_DRAWS = 393216; // their draws, gathered for the network (the 7th page)
// drawNormals's chunks (the 8th page): apart from `draws`, so that a fill for another caller never
// overwrites a block's draws (a noise family that drew Gaussians into a buffer of its own, say).
const NORMALS = 458752;
/**
 * The smallest M whose median the window selection finds sooner than the network (measured on
 * the bench's rows, alternating: slower at M = 29 … 41, faster from 45; docs/performance.md).
 */
const WINDOW_MIN_M = 45;

interface Exports {
  readonly memory: WebAssembly.Memory;
  zigguratTables(edges: number, ratios: number, density: number): void;
  fillNormals(out: number, n: number, state: number, pending: number): void;
  previousDeviations(): number;
  sumInOrder(values: number, n: number): number;
  medianWindowPairs(
    draws: number,
    reps: number,
    M: number,
    u: number,
    b: number,
    lo: number,
    hi: number,
    mid: number,
    out: number,
    gather: number,
    failed: number,
  ): number;
  /** medianOf3Pairs … medianOf25Pairs for odd M (scripts/wasm/unrolledKernels.ts). */
  readonly [unrolled: `medianOf${number}Pairs`]: UnrolledMedian;
  /** majorityVoteOf2Pairs … majorityVoteOf25Pairs (scripts/wasm/unrolledKernels.ts). */
  readonly [unrolled: `majorityVoteOf${number}Pairs`]: UnrolledVote;
  majorityVotePairs(draws: number, reps: number, M: number, u: number, b: number, out: number): number;
  squaredDeviations(values: number, n: number, mean: number): number;
  medianNetworkQuads(
    draws: number,
    reps: number,
    M: number,
    u: number,
    b: number,
    net: number,
    pairs: number,
    mid: number,
    out: number,
    scratch: number,
  ): number;
}

type UnrolledVote = (draws: number, reps: number, u: number, b: number, out: number) => number;
/** Also runs the previous chunk's deviation pass, over `previousCount` values at `previous`. */
type UnrolledMedian = (
  draws: number,
  reps: number,
  u: number,
  b: number,
  out: number,
  previous: number,
  previousCount: number,
  previousMean: number,
) => number;

/** Bytes of one network lane in the scratch rows: four rows' values, two v128. */
const LANE_BYTES = 32;

/**
 * One thread's block kernels: `fillNormals` draws into `draws` (a view of the module's
 * memory), then `medians` or `votes` fill `values` with one statistic per row and return their
 * sum. The outputs alternate between two buffers, so that the call for one chunk can also run the
 * deviation pass of the chunk before (`previousDeviations`). Not reentrant.
 */
export class BlockKernels {
  readonly draws: Float64Array;
  readonly #outputs: readonly [Float64Array, Float64Array];
  readonly #exports: Exports;
  readonly #state: Int32Array;
  readonly #memoryF64: Float64Array;
  readonly #failedRows: Int32Array;
  readonly #normals: Float64Array;
  readonly #networks = new Map<number, Int32Array>();
  #M = 0;
  #pairs = 0;
  /** Which output buffer the last statistic went to. */
  #current: 0 | 1 = 1;
  #previousDeviations = 0;
  #windowMisses = -1;
  /** The unrolled kernels for the prepared statistic and M, where there are. */
  #unrolledMedian: UnrolledMedian | undefined;
  #unrolledVote: UnrolledVote | undefined;

  constructor(exports: Exports) {
    this.#exports = exports;
    this.draws = new Float64Array(exports.memory.buffer, DRAWS, KERNEL_CAPACITY);
    this.#outputs = [
      new Float64Array(exports.memory.buffer, OUTPUTS[0], KERNEL_CAPACITY),
      new Float64Array(exports.memory.buffer, OUTPUTS[1], KERNEL_CAPACITY),
    ];
    this.#state = new Int32Array(exports.memory.buffer, STATE, 8);
    this.#memoryF64 = new Float64Array(exports.memory.buffer);
    this.#failedRows = new Int32Array(exports.memory.buffer, FAILED, KERNEL_CAPACITY / 8);
    this.#normals = new Float64Array(exports.memory.buffer, NORMALS, KERNEL_CAPACITY);
    new Float64Array(exports.memory.buffer, EDGES, 257).set(ZIGGURAT_EDGES);
    new Float64Array(exports.memory.buffer, RATIOS, 256).set(ZIGGURAT_RATIOS);
    new Float64Array(exports.memory.buffer, DENSITY, 257).set(ZIGGURAT_DENSITY);
    exports.zigguratTables(EDGES, RATIOS, DENSITY);
  }

  /** Whether the kernels serve this statistic and M. */
  static supports(statistic: 'median' | 'vote', M: number): boolean {
    return statistic === 'vote' ? M >= 1 && M <= KERNEL_CAPACITY : M % 2 === 1 && M <= MAX_NETWORK_M;
  }

  /** The statistics of the last `medians` or `votes` call. */
  get values(): Float64Array {
    return this.#outputs[this.#current];
  }

  /**
   * Σ (v − previousMean)² over the first previousCount statistics of the call before the last,
   * in row order: the deviation pass that the last call ran beside its own work.
   */
  get previousDeviations(): number {
    return this.#previousDeviations;
  }

  /**
   * The first `count` entries of `draws` as fillStandardNormalZiggurat(stream, ·) fills an array
   * of that length: the generator seeded from eight draws of `stream`, the same draws after.
   */
  fillNormals(stream: RandomStream, count: number): void {
    if (!Number.isInteger(count) || count < 0 || count > KERNEL_CAPACITY)
      throw new RangeError(`BlockKernels.fillNormals: count must be an integer in [0, ${KERNEL_CAPACITY}]`);
    seedZigguratState(stream, this.#state);
    this.#exports.fillNormals(DRAWS, count, STATE, PENDING);
  }

  /**
   * `out` filled as fillStandardNormalZiggurat(stream, out) fills it, of any length: one seed, then
   * a chunk of KERNEL_CAPACITY draws at a time with the generator carried on (a chunk is a whole
   * number of the fast path's windows, so the windows fall where one long fill puts them).
   */
  drawNormals(stream: RandomStream, out: Float64Array): Float64Array {
    seedZigguratState(stream, this.#state);
    for (let start = 0; start < out.length; start += KERNEL_CAPACITY) {
      const count = Math.min(KERNEL_CAPACITY, out.length - start);
      this.#exports.fillNormals(NORMALS, count, STATE, PENDING);
      out.set(this.#normals.subarray(0, count), start);
    }
    return out;
  }

  /** How many rows the last `medians` call's window missed (run through the network); −1 if it had none. */
  get windowMisses(): number {
    return this.#windowMisses;
  }

  /** Loads u (and, for the median, the network for its M) for the following calls. */
  prepare(u: Float64Array, statistic: 'median' | 'vote'): void {
    const M = u.length;
    if (!BlockKernels.supports(statistic, M))
      throw new RangeError(`BlockKernels.prepare: M = ${M} is not served for the ${statistic}`);
    new Float64Array(this.#exports.memory.buffer, U, M).set(u);
    this.#M = M;
    this.#unrolledMedian = statistic === 'median' ? this.#exports[`medianOf${M}Pairs`] : undefined;
    this.#unrolledVote = statistic === 'vote' ? this.#exports[`majorityVoteOf${M}Pairs`] : undefined;
    if (statistic === 'median' && this.#unrolledMedian === undefined) {
      let network = this.#networks.get(M);
      if (network === undefined) {
        network = medianSelectionNetwork(M).map((lane) => lane * LANE_BYTES);
        this.#networks.set(M, network);
      }
      new Int32Array(this.#exports.memory.buffer, NET, network.length).set(network);
      this.#pairs = network.length / 2;
    }
  }

  /**
   * values[r] = median of row r of u + b·draws, for r < rows; returns Σ values[r], added in row
   * order, and leaves previousDeviations for the previous call's first previousCount values.
   * [low, high] is where the medians are expected (the rows' values there are selected from, for
   * M above the unrolled kernels; any window gives the same medians, a good one sooner).
   */
  medians(b: number, rows: number, previousCount = 0, previousMean = 0, low = Number.NaN, high = Number.NaN): number {
    const [out, previous] = this.#turn();
    this.#windowMisses = -1;
    if (this.#unrolledMedian !== undefined) {
      const sum = this.#unrolledMedian(DRAWS, rows, U, b, out, previous, previousCount, previousMean);
      this.#previousDeviations = this.#exports.previousDeviations();
      return sum;
    }
    this.#previousDeviations = this.#exports.squaredDeviations(previous, previousCount, previousMean);
    const midBytes = ((this.#M - 1) >> 1) * LANE_BYTES;
    if (this.#M < WINDOW_MIN_M || !(low <= high))
      return this.#exports.medianNetworkQuads(DRAWS, rows, this.#M, U, b, NET, this.#pairs, midBytes, out, SCRATCH);
    const failed = this.#exports.medianWindowPairs(
      DRAWS,
      rows,
      this.#M,
      U,
      b,
      low,
      high,
      (this.#M - 1) >> 1,
      out,
      GATHER,
      FAILED,
    );
    this.#windowMisses = failed;
    if (failed > 0) {
      // The rows the window missed, gathered and run through the network.
      const M = this.#M;
      for (let k = 0; k < failed; k++) {
        const from = DRAWS / 8 + this.#failedRows[k] * M;
        this.#memoryF64.copyWithin(FAILED_DRAWS / 8 + k * M, from, from + M);
      }
      this.#exports.medianNetworkQuads(
        FAILED_DRAWS,
        failed,
        M,
        U,
        b,
        NET,
        this.#pairs,
        midBytes,
        FAILED_MEDIANS,
        SCRATCH,
      );
      for (let k = 0; k < failed; k++)
        this.#memoryF64[out / 8 + this.#failedRows[k]] = this.#memoryF64[FAILED_MEDIANS / 8 + k];
    }
    return this.#exports.sumInOrder(out, rows);
  }

  /** values[r] = sign(Σ_i sign(u_i + b·draws[r, i])), for r < rows; otherwise as `medians`. */
  votes(b: number, rows: number, previousCount = 0, previousMean = 0): number {
    const [out, previous] = this.#turn();
    this.#previousDeviations = this.#exports.squaredDeviations(previous, previousCount, previousMean);
    if (this.#unrolledVote !== undefined) return this.#unrolledVote(DRAWS, rows, U, b, out);
    return this.#exports.majorityVotePairs(DRAWS, rows, this.#M, U, b, out);
  }

  /** Σ (values[r] − mean)² over r < rows (the last call's statistics), added in row order. */
  squaredDeviations(rows: number, mean: number): number {
    return this.#exports.squaredDeviations(OUTPUTS[this.#current], rows, mean);
  }

  /** Switches output buffers: [this call's, the previous call's]. */
  #turn(): [number, number] {
    const previous = OUTPUTS[this.#current];
    this.#current = this.#current === 0 ? 1 : 0;
    return [OUTPUTS[this.#current], previous];
  }
}

let kernels: BlockKernels | null | undefined;

/** This thread's block kernels, or null where WebAssembly SIMD is unavailable. */
export function blockKernels(): BlockKernels | null {
  if (kernels === undefined) {
    try {
      const module = new WebAssembly.Module(Buffer.from(blockKernelsWasmBase64, 'base64'));
      const imports = { math: { exp: Math.exp, log: Math.log } };
      kernels = new BlockKernels(new WebAssembly.Instance(module, imports).exports as unknown as Exports);
    } catch {
      kernels = null;
    }
  }
  return kernels;
}
