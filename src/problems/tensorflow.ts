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
    registerInputGradient(tf);
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
 * does not implement. It is itself a convolution, run by the backend's own kernels: with the
 * batch as channels, dW[·, ·, i, o] = conv(x[…, i], dy[…, o]) with stride 1 and the forward
 * stride as dilation. (A JavaScript loop took over half of a ResNet-20 gradient.)
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
      const { inHeight, inWidth, outHeight, outWidth } = info;
      const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
      const { top, left } = info.padInfo;
      const { run, disposeAllBut } = kernelRunner(tf, backend);
      // Filter tap wR reads x rows wR + yR·stride − top: pad x by `top` above and by `bottom`
      // below, or crop the rows no tap reaches when `bottom` is negative.
      const bottom = filterHeight + (outHeight - 1) * strideHeight - inHeight - top;
      const right = filterWidth + (outWidth - 1) * strideWidth - inWidth - left;
      const batchAsChannels = run('Transpose', { x: inputs.x }, { perm: [3, 1, 2, 0] });
      const dyAsFilter = run('Transpose', { x: inputs.dy }, { perm: [1, 2, 0, 3] });
      const gradient = paddedConvolution(run, batchAsChannels, dyAsFilter, { top, bottom, left, right }, [
        strideHeight,
        strideWidth,
      ]);
      return disposeAllBut(run('Transpose', { x: gradient }, { perm: [1, 2, 0, 3] })) as never;
    },
  });
}

/**
 * The gradient of a 2-D convolution with respect to its input, NHWC, as one XNNPACK convolution
 * in place of the backend's own loop (which took a third of a small network's gradient): dy,
 * spread out by the stride (zeros between its rows and columns), convolved with the filter
 * turned by 180° and its channels swapped. Cases it does not cover (dilations, NCHW, padding wider
 * than the filter) go to the backend's kernel.
 */
function registerInputGradient(tf: TensorFlow): void {
  const name = 'Conv2DBackpropInput';
  const original = tf.getKernel(name, 'wasm');
  if (original === undefined || (original.kernelFunc as { medmean?: true }).medmean) return;
  const kernelFunc = Object.assign(
    (args: Parameters<typeof original.kernelFunc>[0]) => {
      const { inputs, backend, attrs } = args as unknown as InputGradientArgs;
      const info = tf.backend_util.computeConv2DInfo(
        attrs.inputShape,
        inputs.filter.shape as [number, number, number, number],
        attrs.strides,
        1,
        attrs.pad,
        attrs.dimRoundingMode,
      );
      const { batchSize, inHeight, inWidth, outHeight, outWidth, outChannels } = info;
      const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
      const { top, left } = info.padInfo;
      // dx[y] = Σ_i D[y − (filterHeight − 1 − top) + i] · W[filterHeight − 1 − i], D the spread-out dy.
      const padTop = filterHeight - 1 - top;
      const padLeft = filterWidth - 1 - left;
      if ((attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') || padTop < 0 || padLeft < 0)
        return original.kernelFunc(args);
      const { run, disposeAllBut } = kernelRunner(tf, backend);
      let spread = inputs.dy;
      if (strideHeight > 1 || strideWidth > 1) {
        const apart = run(
          'PadV2',
          { x: run('Reshape', { x: spread }, { shape: [batchSize, outHeight, 1, outWidth, 1, outChannels] }) },
          {
            paddings: [
              [0, 0],
              [0, 0],
              [0, strideHeight - 1],
              [0, 0],
              [0, strideWidth - 1],
              [0, 0],
            ],
            constantValue: 0,
          },
        );
        spread = run(
          'Reshape',
          { x: apart },
          { shape: [batchSize, outHeight * strideHeight, outWidth * strideWidth, outChannels] },
        );
      }
      // Rows of D past inHeight + top − 1 meet no output: crop them, or pad up to it.
      const [, rows, columns] = spread.shape;
      const turned = run(
        'Transpose',
        { x: run('Reverse', { x: inputs.filter }, { dims: [0, 1] }) },
        { perm: [0, 1, 3, 2] },
      );
      const padding = { top: padTop, bottom: inHeight + top - rows, left: padLeft, right: inWidth + left - columns };
      return disposeAllBut(paddedConvolution(run, spread, turned, padding, 1)) as never;
    },
    { medmean: true as const },
  );
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}

/**
 * A stride-1 NHWC convolution of x with `filter`, x padded by `top` rows above and `left` columns
 * before, and by `bottom` rows below and `right` columns after; a negative `bottom` or `right`
 * crops that many rows or columns off x instead (those no tap of an output reaches).
 */
function paddedConvolution(
  run: KernelRunner['run'],
  x: TensorInfo,
  filter: TensorInfo,
  { top, bottom, left, right }: { top: number; bottom: number; left: number; right: number },
  dilations: number | [number, number],
): TensorInfo {
  const [batch, rows, columns, channels] = x.shape;
  const cropped =
    bottom < 0 || right < 0
      ? run(
          'Slice',
          { x },
          { begin: [0, 0, 0, 0], size: [batch, rows + Math.min(bottom, 0), columns + Math.min(right, 0), channels] },
        )
      : x;
  return run(
    'Conv2D',
    { x: cropped, filter },
    {
      strides: 1,
      pad: [
        [0, 0],
        [top, Math.max(bottom, 0)],
        [left, Math.max(right, 0)],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations,
    },
  );
}

type KernelRunner = ReturnType<typeof kernelRunner>;

/** Runs the backend's kernels by name and frees the intermediate results a composite kernel made. */
function kernelRunner(tf: TensorFlow, backend: KernelBackend) {
  const temporaries: TensorInfo[] = [];
  return {
    run(kernel: string, kernelInputs: Record<string, TensorInfo>, kernelAttrs: object): TensorInfo {
      const result = tf.getKernel(kernel, 'wasm')!.kernelFunc({
        inputs: kernelInputs as never,
        backend: backend as never,
        attrs: kernelAttrs as never,
      }) as TensorInfo;
      temporaries.push(result);
      return result;
    },
    disposeAllBut(result: TensorInfo): TensorInfo {
      for (const temporary of temporaries) if (temporary !== result) backend.disposeData(temporary.dataId);
      return result;
    },
  };
}

interface TensorInfo {
  readonly dataId: object;
  readonly shape: number[];
  readonly dtype: string;
}

interface KernelBackend {
  disposeData(dataId: object): unknown;
}

interface InputGradientArgs {
  readonly inputs: { readonly dy: TensorInfo; readonly filter: TensorInfo };
  readonly backend: KernelBackend;
  readonly attrs: {
    readonly strides: [number, number] | number;
    readonly pad: 'valid' | 'same' | number;
    readonly dataFormat?: 'NHWC' | 'NCHW';
    readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
    readonly inputShape: [number, number, number, number];
  };
}

interface FilterGradientArgs {
  readonly inputs: { readonly x: TensorInfo; readonly dy: TensorInfo };
  readonly backend: KernelBackend;
  readonly attrs: {
    readonly strides: [number, number] | number;
    readonly pad: 'valid' | 'same' | number;
    readonly dataFormat?: 'NHWC' | 'NCHW';
    readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
    readonly filterShape: [number, number, number, number];
  };
}
