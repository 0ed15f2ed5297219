// TensorFlow.js (optional dependency), on its pure-JavaScript cpu backend: no binary to download,
// single-threaded and so deterministic. Loaded on first use; only the CIFAR-10 experiment needs it.
import { requireOptional } from '../package/optionalDependency.ts';

export type TensorFlow = typeof import('@tensorflow/tfjs');

let loaded: TensorFlow | undefined;

/** TensorFlow.js with the cpu backend selected, its console banner off and a faster filter gradient. */
export function tensorflow(): TensorFlow {
  if (loaded !== undefined) return loaded;
  const tf = requireOptional<TensorFlow>('@tensorflow/tfjs', '@tensorflow/tfjs', 'The CIFAR-10 experiment');
  // PROD silences tfjs's advice to install its native backend (which downloads a binary).
  tf.env().set('PROD', true);
  if (!tf.setBackend('cpu')) throw new Error('TensorFlow.js: the cpu backend is not available');
  registerFilterGradient(tf);
  loaded = tf;
  return tf;
}

/**
 * The gradient of a 2-D convolution with respect to its filter, NHWC. The cpu backend's own
 * kernel reads every element through a generic indexer and takes about 50× longer than the
 * forward convolution; this one indexes the flat arrays directly. The same sums in the same
 * order (for every filter tap and channel pair, Σ over batch and output positions of x · dy), so
 * the same bits.
 */
function registerFilterGradient(tf: TensorFlow): void {
  const name = 'Conv2DBackpropFilter';
  const original = tf.getKernel(name, 'cpu');
  if (original === undefined) return;
  tf.unregisterKernel(name, 'cpu');
  tf.registerKernel({
    kernelName: name,
    backendName: 'cpu',
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args as unknown as FilterGradientArgs;
      if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') return original.kernelFunc(args);
      const info = tf.backend_util.computeConv2DInfo(
        inputs.x.shape as [number, number, number, number],
        attrs.filterShape,
        attrs.strides,
        1,
        attrs.pad,
        attrs.dimRoundingMode,
      );
      const x = backend.data.get(inputs.x.dataId).values;
      const dy = backend.data.get(inputs.dy.dataId).values;
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
      return backend.makeTensorInfo(attrs.filterShape, 'float32', dW) as ReturnType<typeof original.kernelFunc>;
    },
  });
}

interface FilterGradientArgs {
  readonly inputs: {
    readonly x: { readonly dataId: object; readonly shape: number[] };
    readonly dy: { readonly dataId: object; readonly shape: number[] };
  };
  readonly backend: {
    readonly data: { get(id: object): { values: Float32Array } };
    makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): unknown;
  };
  readonly attrs: {
    readonly strides: [number, number] | number;
    readonly pad: 'valid' | 'same' | number;
    readonly dataFormat?: 'NHWC' | 'NCHW';
    readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
    readonly filterShape: [number, number, number, number];
  };
}
