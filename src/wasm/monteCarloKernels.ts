import { MedmeanError } from '../errors/MedmeanError.ts';
import { medianSelectionNetwork } from './medianNetwork.ts';
import { monteCarloKernelsWasmBase64 } from './monteCarloKernelsWasm.ts';

/** Values per call: rows × M draws, and rows. */
export const KERNEL_CAPACITY = 8192;
/** Largest M the median network serves (its comparators fill the `net` region); larger M use quickselect. */
export const MAX_NETWORK_M = 255;

/** Draws per call of the ziggurat's fast path. */
export const ZIGGURAT_WINDOW = 1024;

// Memory layout, in bytes (the module declares 7 pages of 64 KiB).
const NET = 0; // comparator pairs, 2 × i32 each: up to 8192 pairs
const U = 65536; // u, f64
const OUT = 131072; // one statistic per row, f64
const DRAWS = 196608; // rows of M draws, f64
const SCRATCH = 262144; // 2 interleaved rows for the network, 16 bytes per value
const ZIGGURAT_X = 327680; // block edges, 257 f64
const ZIGGURAT_RATIO = ZIGGURAT_X + 4096; // X[i+1]/X[i], 256 f64
const ZIGGURAT_STATE = ZIGGURAT_X + 8192; // xoshiro256++ state, 4 × i64 as 8 × i32 (low word first)
const ZIGGURAT_PENDING = ZIGGURAT_X + 12288; // one i32 per draw of a window
const ZIGGURAT_OUT = 393216; // one window of draws, f64

interface Exports {
  readonly memory: WebAssembly.Memory;
  majorityVote(draws: number, reps: number, M: number, u: number, b: number, out: number): void;
  medianNetworkPairs(
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
  ): void;
  zigguratWindow(out: number, n: number, state: number, x: number, ratio: number, pending: number): number;
}

/**
 * The WebAssembly Monte Carlo kernels of one thread: draws are written straight into `draws`
 * (a view of the module's memory), then `medians` or `votes` fill `values` with one statistic per
 * row. Not reentrant (one per thread; runMonteCarloBlock is synchronous).
 */
export class MonteCarloKernels {
  readonly draws: Float64Array;
  readonly values: Float64Array;
  /** The ziggurat's generator state (read and written by `zigguratWindow`), its draws and misses. */
  readonly zigguratState: Int32Array;
  readonly zigguratDraws: Float64Array;
  readonly zigguratPending: Int32Array;
  readonly #exports: Exports;
  #zigguratEdges: Float64Array | undefined;
  #zigguratRatios: Float64Array | undefined;
  readonly #networks = new Map<number, Int32Array>();
  #M = 0;
  #pairs = 0;

  constructor(exports: Exports) {
    this.#exports = exports;
    this.draws = new Float64Array(exports.memory.buffer, DRAWS, KERNEL_CAPACITY);
    this.values = new Float64Array(exports.memory.buffer, OUT, KERNEL_CAPACITY);
    this.zigguratState = new Int32Array(exports.memory.buffer, ZIGGURAT_STATE, 8);
    this.zigguratDraws = new Float64Array(exports.memory.buffer, ZIGGURAT_OUT, ZIGGURAT_WINDOW);
    this.zigguratPending = new Int32Array(exports.memory.buffer, ZIGGURAT_PENDING, ZIGGURAT_WINDOW);
  }

  /** Whether the kernels serve this statistic and M. */
  static supports(statistic: 'median' | 'vote', M: number): boolean {
    return statistic === 'vote' ? M >= 1 && M <= KERNEL_CAPACITY : M % 2 === 1 && M <= MAX_NETWORK_M;
  }

  /** Loads u (and, for the median, the network for its M) for the following calls. */
  prepare(u: Float64Array, statistic: 'median' | 'vote'): void {
    const M = u.length;
    new Float64Array(this.#exports.memory.buffer, U, M).set(u);
    this.#M = M;
    if (statistic === 'median') {
      let network = this.#networks.get(M);
      if (network === undefined) {
        // Lane indices as byte offsets into the interleaved scratch rows (16 bytes per lane).
        network = medianSelectionNetwork(M).map((lane) => lane * 16);
        this.#networks.set(M, network);
      }
      new Int32Array(this.#exports.memory.buffer, NET, network.length).set(network);
      this.#pairs = network.length / 2;
    }
  }

  /** values[r] = median of row r of u + b·draws, for r < rows. */
  medians(b: number, rows: number): void {
    this.#exports.medianNetworkPairs(
      DRAWS,
      rows,
      this.#M,
      U,
      b,
      NET,
      this.#pairs,
      ((this.#M - 1) >> 1) * 16,
      OUT,
      SCRATCH,
    );
  }

  /**
   * The ziggurat's fast path for `count` ≤ ZIGGURAT_WINDOW draws into `zigguratDraws`, from and
   * back to `zigguratState`; returns how many draws missed their rectangle (their entries, in
   * `zigguratPending`, are (position << 8) | block). `edges` (257) and `ratios` (256) are copied
   * in when they are other arrays than the last call's.
   */
  zigguratWindow(count: number, edges: Float64Array, ratios: Float64Array): number {
    if (!Number.isInteger(count) || count < 0 || count > ZIGGURAT_WINDOW)
      throw new MedmeanError(
        'MonteCarloKernels.zigguratWindow',
        'count',
        `an integer in [0, ${ZIGGURAT_WINDOW}]`,
        count,
      );
    if (edges !== this.#zigguratEdges || ratios !== this.#zigguratRatios) {
      new Float64Array(this.#exports.memory.buffer, ZIGGURAT_X, 257).set(edges);
      new Float64Array(this.#exports.memory.buffer, ZIGGURAT_RATIO, 256).set(ratios);
      [this.#zigguratEdges, this.#zigguratRatios] = [edges, ratios];
    }
    return this.#exports.zigguratWindow(
      ZIGGURAT_OUT,
      count,
      ZIGGURAT_STATE,
      ZIGGURAT_X,
      ZIGGURAT_RATIO,
      ZIGGURAT_PENDING,
    );
  }

  /** values[r] = sign(Σ_i sign(u_i + b·draws[r, i])), for r < rows. */
  votes(b: number, rows: number): void {
    this.#exports.majorityVote(DRAWS, rows, this.#M, U, b, OUT);
  }
}

let kernels: MonteCarloKernels | null | undefined;

/** This thread's kernels, or null where WebAssembly SIMD is unavailable (callers fall back to TypeScript). */
export function monteCarloKernels(): MonteCarloKernels | null {
  if (kernels === undefined) {
    try {
      const module = new WebAssembly.Module(Buffer.from(monteCarloKernelsWasmBase64, 'base64'));
      kernels = new MonteCarloKernels(new WebAssembly.Instance(module).exports as unknown as Exports);
    } catch {
      kernels = null;
    }
  }
  return kernels;
}
