import type { RandomStream } from '../rng/RandomStream.ts';
import { fillStandardNormal } from '../distributions/gaussian.ts';
import { networkKernels, type NetworkKernels } from '../wasm/networkKernels.ts';

/**
 * The paper's MNIST network (App. I.2): 784 → 128 (ReLU) → 10 (softmax), cross-entropy loss,
 * parameters in one vector [W1 (784×128), b1 (128), W2 (128×10), b2 (10)].
 */
export const INPUTS = 784;
export const HIDDEN = 128;
export const CLASSES = 10;
export const PARAMETERS = INPUTS * HIDDEN + HIDDEN + HIDDEN * CLASSES + CLASSES;
const W1 = 0;
const B1 = INPUTS * HIDDEN;
const W2 = B1 + HIDDEN;
const B2 = W2 + HIDDEN * CLASSES;

/** Truncated-normal fan-in initialisation: N(0, 1/fan_in) redrawn beyond two standard deviations; biases 0. */
export function initialParameters(stream: RandomStream): Float64Array {
  const theta = new Float64Array(PARAMETERS);
  const draw = new Float64Array(1);
  const fill = (start: number, count: number, fanIn: number) => {
    for (let k = 0; k < count; k++) {
      do fillStandardNormal(stream, draw);
      while (Math.abs(draw[0]) > 2);
      theta[start + k] = draw[0] / Math.sqrt(fanIn);
    }
  };
  fill(W1, INPUTS * HIDDEN, INPUTS);
  fill(W2, HIDDEN * CLASSES, HIDDEN);
  return theta;
}

/** An image by its nonzero pixels (most MNIST pixels are 0): both passes visit only these. */
export interface SparseImage {
  readonly pixels: Int32Array;
  readonly values: Float64Array;
}

export function sparseImage(image: Float64Array): SparseImage {
  const pixels: number[] = [];
  for (let i = 0; i < INPUTS; i++) if (image[i] !== 0) pixels.push(i);
  return { pixels: Int32Array.from(pixels), values: Float64Array.from(pixels, (i) => image[i]) };
}

/**
 * Mean cross-entropy over the batch; when `gradient` is given, also writes the gradient of that
 * mean into it. The backward pass skips the hidden units the ReLU switched off: their terms
 * are exactly 0, so the sums are the same bits as the dense ones. The first layer's products run
 * in WebAssembly where available (the same bits; `kernelChoice` 'typescript' keeps them here).
 */
export function lossAndGradient(
  theta: Float64Array,
  images: readonly SparseImage[],
  labels: readonly number[],
  gradient?: Float64Array,
  kernelChoice: 'auto' | 'typescript' = 'auto',
): number {
  const kernels = kernelChoice === 'auto' ? networkKernels() : null;
  const B = images.length;
  const hidden = kernels?.hidden ?? new Float64Array(HIDDEN);
  const logits = new Float64Array(CLASSES);
  const dLogits = new Float64Array(CLASSES);
  const active = new Int32Array(HIDDEN);
  const dActive = new Float64Array(HIDDEN);
  if (gradient) gradient.fill(0);
  if (kernels !== null) {
    kernels.weights.set(theta.subarray(W1, B1));
    if (gradient) kernels.gradient.fill(0);
  }
  let loss = 0;
  for (let b = 0; b < B; b++) {
    const x = images[b];
    hiddenLayer(theta, x, hidden, kernels);
    let maxLogit = -Infinity;
    for (let c = 0; c < CLASSES; c++) {
      let z = theta[B2 + c];
      for (let h = 0; h < HIDDEN; h++) z += hidden[h] * theta[W2 + h * CLASSES + c];
      logits[c] = z;
      if (z > maxLogit) maxLogit = z;
    }
    let normaliser = 0;
    for (let c = 0; c < CLASSES; c++) normaliser += Math.exp(logits[c] - maxLogit);
    const logNormaliser = maxLogit + Math.log(normaliser);
    loss += logNormaliser - logits[labels[b]];
    if (!gradient) continue;
    for (let c = 0; c < CLASSES; c++)
      dLogits[c] = (Math.exp(logits[c] - logNormaliser) - (c === labels[b] ? 1 : 0)) / B;
    let nActive = 0;
    for (let h = 0; h < HIDDEN; h++) {
      if (hidden[h] === 0) continue;
      const row = W2 + h * CLASSES;
      let back = 0;
      for (let c = 0; c < CLASSES; c++) {
        gradient[row + c] += hidden[h] * dLogits[c];
        back += theta[row + c] * dLogits[c];
      }
      active[nActive] = h;
      dActive[nActive++] = back;
    }
    for (let c = 0; c < CLASSES; c++) gradient[B2 + c] += dLogits[c];
    for (let k = 0; k < nActive; k++) gradient[B1 + active[k]] += dActive[k];
    if (kernels !== null) {
      // Dense over the hidden units, 0 where the ReLU is off: adding +0 leaves the sums' bits.
      kernels.back.fill(0);
      for (let k = 0; k < nActive; k++) kernels.back[active[k]] = dActive[k];
      kernels.backward();
      continue;
    }
    const { pixels, values } = x;
    for (let j = 0; j < pixels.length; j++) {
      const xi = values[j];
      const row = W1 + pixels[j] * HIDDEN;
      for (let k = 0; k < nActive; k++) gradient[row + active[k]] += xi * dActive[k];
    }
  }
  if (gradient && kernels !== null) gradient.set(kernels.gradient, W1);
  return loss / B;
}

/**
 * ReLU(x·W1 + b1) into `hidden`, over the image's nonzero pixels; with `kernels`, whose weights
 * hold W1 and whose `hidden` is this `hidden`, in WebAssembly (and the image stays loaded there).
 */
function hiddenLayer(theta: Float64Array, x: SparseImage, hidden: Float64Array, kernels: NetworkKernels | null): void {
  for (let h = 0; h < HIDDEN; h++) hidden[h] = theta[B1 + h];
  if (kernels !== null) {
    kernels.loadImage(x.pixels, x.values);
    kernels.forward();
  } else {
    const { pixels, values } = x;
    for (let j = 0; j < pixels.length; j++) {
      const xi = values[j];
      const row = W1 + pixels[j] * HIDDEN;
      for (let h = 0; h < HIDDEN; h++) hidden[h] += xi * theta[row + h];
    }
  }
  for (let h = 0; h < HIDDEN; h++) if (hidden[h] < 0) hidden[h] = 0;
}

/** Fraction of images classified correctly. */
export function accuracy(
  theta: Float64Array,
  images: readonly SparseImage[],
  labels: readonly number[],
  kernelChoice: 'auto' | 'typescript' = 'auto',
): number {
  const kernels = kernelChoice === 'auto' ? networkKernels() : null;
  if (kernels !== null) kernels.weights.set(theta.subarray(W1, B1));
  let correct = 0;
  const hidden = kernels?.hidden ?? new Float64Array(HIDDEN);
  for (let b = 0; b < images.length; b++) {
    hiddenLayer(theta, images[b], hidden, kernels);
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < CLASSES; c++) {
      let z = theta[B2 + c];
      for (let h = 0; h < HIDDEN; h++) z += hidden[h] * theta[W2 + h * CLASSES + c];
      if (z > bestValue) {
        bestValue = z;
        best = c;
      }
    }
    if (best === labels[b]) correct++;
  }
  return correct / images.length;
}
