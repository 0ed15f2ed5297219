// TensorFlow.js (optional dependency) on its WebAssembly backend, whose .wasm files ship inside the
// npm package (no binary to download at install). Loaded on first use; only the CIFAR-10
// experiment needs it.
import { requireOptional } from '../package/optionalDependency.ts';

export type TensorFlow = typeof import('@tensorflow/tfjs');

const FEATURE = 'The CIFAR-10 experiment';
let loaded: TensorFlow | undefined;
let loading: Promise<TensorFlow> | undefined;

/**
 * TensorFlow.js on its WebAssembly backend (XNNPACK kernels: a forward convolution over 1,250
 * images took 10 ms against the pure-JavaScript cpu backend's 66 ms), its console banner off and
 * a filter gradient the backend lacks. Initialisation is asynchronous: await this once before
 * `tensorflow()`.
 */
export function loadTensorflow(): Promise<TensorFlow> {
  loading ??= (async () => {
    const tf = requireOptional<TensorFlow>('@tensorflow/tfjs', '@tensorflow/tfjs', FEATURE);
    // Registers the 'wasm' backend. In Node it runs single-threaded (the backend disables its
    // threads there), so every sum has one order: the same seed gives the same bits.
    requireOptional('@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-wasm', FEATURE);
    // PROD silences tfjs's advice to install its native backend (which downloads a binary).
    tf.env().set('PROD', true);
    if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js: the wasm backend did not initialise');
    registerFilterGradient(tf);
    loaded = tf;
    return tf;
  })();
  return loading;
}

/** The TensorFlow.js that `loadTensorflow` prepared. */
export function tensorflow(): TensorFlow {
  if (loaded === undefined) throw new Error('TensorFlow.js is not loaded yet: await loadTensorflow() first');
  return loaded;
}

/**
 * The gradient of a 2-D convolution with respect to its filter, NHWC, which the wasm backend
 * does not implement: for every filter tap and channel pair, Σ over batch and output positions
 * of x · dy, accumulated in float64 in a fixed order.
 */
function registerFilterGradient(tf: TensorFlow): void {
  const name = 'Conv2DBackpropFilter';
  if (tf.getKernel(name, 'wasm') !== undefined) return;
  tf.registerKernel({
    kernelName: name,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args as unknown as FilterGradientArgs;
      if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC')
        throw new Error(`${name}: only NHWC is implemented, not ${attrs.dataFormat}`);
      const info = tf.backend_util.computeConv2DInfo(
        inputs.x.shape as [number, number, number, number],
        attrs.filterShape,
        attrs.strides,
        1,
        attrs.pad,
        attrs.dimRoundingMode,
      );
      const x = backend.typedArrayFromHeap(inputs.x);
      const dy = backend.typedArrayFromHeap(inputs.dy);
      const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
      const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
      const top = info.padInfo.top;
      const left = info.padInfo.left;
      const dW = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
      const sums = new Float64Array(inChannels * outChannels);
      for (let wR = 0; wR < filterHeight; wR++) {
        const yRMin = Math.max(0, Math.ceil((top - wR) / strideHeight));
        const yRMax = Math.min(outHeight, Math.ceil((inHeight + top - wR) / strideHeight));
        for (let wC = 0; wC < filterWidth; wC++) {
          const yCMin = Math.max(0, Math.ceil((left - wC) / strideWidth));
          const yCMax = Math.min(outWidth, Math.ceil((inWidth + left - wC) / strideWidth));
          sums.fill(0);
          for (let b = 0; b < batchSize; b++)
            for (let yR = yRMin; yR < yRMax; yR++) {
              const xR = wR + yR * strideHeight - top;
              for (let yC = yCMin; yC < yCMax; yC++) {
                const xC = wC + yC * strideWidth - left;
                const xBase = ((b * inHeight + xR) * inWidth + xC) * inChannels;
                const yBase = ((b * outHeight + yR) * outWidth + yC) * outChannels;
                for (let d1 = 0; d1 < inChannels; d1++) {
                  const xv = x[xBase + d1];
                  const row = d1 * outChannels;
                  for (let d2 = 0; d2 < outChannels; d2++) sums[row + d2] += xv * dy[yBase + d2];
                }
              }
            }
          dW.set(sums, (wR * filterWidth + wC) * inChannels * outChannels);
        }
      }
      // Copied onto the heap by the backend; x and dy are not read after this allocation.
      return backend.makeOutput(attrs.filterShape, 'float32', undefined, dW) as never;
    },
  });
}

interface FilterGradientArgs {
  readonly inputs: { readonly x: HeapTensor; readonly dy: HeapTensor };
  readonly backend: {
    typedArrayFromHeap(tensor: HeapTensor): Float32Array;
    makeOutput(shape: number[], dtype: 'float32', memoryOffset: undefined, values: Float32Array): unknown;
  };
  readonly attrs: {
    readonly strides: [number, number] | number;
    readonly pad: 'valid' | 'same' | number;
    readonly dataFormat?: 'NHWC' | 'NCHW';
    readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
    readonly filterShape: [number, number, number, number];
  };
}

interface HeapTensor {
  readonly dataId: object;
  readonly shape: number[];
  readonly dtype: 'float32';
}
