import { networkKernelsWasmBase64 } from './networkKernelsWasm.ts';

/** Inputs and hidden units of the layer the kernels serve (the MNIST network's first layer). */
export const NETWORK_INPUTS = 784;
export const NETWORK_HIDDEN = 128;
const MATRIX_BYTES = NETWORK_INPUTS * NETWORK_HIDDEN * 8;

// Memory layout, in bytes (the module declares 25 pages of 64 KiB).
const WEIGHTS = 0; // W1, row-major 784 × 128 f64
const GRADIENT = MATRIX_BYTES; // the gradient of W1, same layout
const HIDDEN = 2 * MATRIX_BYTES; // 128 f64
const BACK = HIDDEN + 1024; // 128 f64
const PIXELS = BACK + 1024; // up to 784 i32
const VALUES = PIXELS + 4096; // up to 784 f64

interface Exports {
  readonly memory: WebAssembly.Memory;
  accumulateRows(target: number, matrix: number, pixels: number, values: number, n: number): void;
  scatterRows(matrix: number, source: number, pixels: number, values: number, n: number): void;
}

/**
 * The first layer's products in WebAssembly, for one thread (not reentrant). The caller loads
 * W1 into `weights`, an image into `pixels`/`values`, the biases into `hidden`, then calls
 * `forward`; for the gradient it writes dL/d(pre-activation) into `back` and calls `backward`,
 * which adds the image's term to `gradient`.
 */
export class NetworkKernels {
  readonly weights: Float64Array;
  readonly gradient: Float64Array;
  readonly hidden: Float64Array;
  readonly back: Float64Array;
  readonly pixels: Int32Array;
  readonly values: Float64Array;
  readonly #exports: Exports;
  #pixelCount = 0;

  constructor(exports: Exports) {
    this.#exports = exports;
    const buffer = exports.memory.buffer;
    this.weights = new Float64Array(buffer, WEIGHTS, NETWORK_INPUTS * NETWORK_HIDDEN);
    this.gradient = new Float64Array(buffer, GRADIENT, NETWORK_INPUTS * NETWORK_HIDDEN);
    this.hidden = new Float64Array(buffer, HIDDEN, NETWORK_HIDDEN);
    this.back = new Float64Array(buffer, BACK, NETWORK_HIDDEN);
    this.pixels = new Int32Array(buffer, PIXELS, NETWORK_INPUTS);
    this.values = new Float64Array(buffer, VALUES, NETWORK_INPUTS);
  }

  /** Loads an image given by its nonzero pixels (indices below 784, ascending) and their values. */
  loadImage(pixels: Int32Array, values: Float64Array): void {
    this.pixels.set(pixels);
    this.values.set(values);
    this.#pixelCount = pixels.length;
  }

  /** hidden[h] += Σ_j values[j]·W1[pixels[j], h], pixels in order. */
  forward(): void {
    this.#exports.accumulateRows(HIDDEN, WEIGHTS, PIXELS, VALUES, this.#pixelCount);
  }

  /** gradient[pixels[j], h] += values[j]·back[h]. */
  backward(): void {
    this.#exports.scatterRows(GRADIENT, BACK, PIXELS, VALUES, this.#pixelCount);
  }
}

let kernels: NetworkKernels | null | undefined;

/** This thread's kernels, or null where WebAssembly SIMD is unavailable (callers fall back to TypeScript). */
export function networkKernels(): NetworkKernels | null {
  if (kernels === undefined) {
    try {
      const module = new WebAssembly.Module(Buffer.from(networkKernelsWasmBase64, 'base64'));
      kernels = new NetworkKernels(new WebAssembly.Instance(module).exports as unknown as Exports);
    } catch {
      kernels = null;
    }
  }
  return kernels;
}
