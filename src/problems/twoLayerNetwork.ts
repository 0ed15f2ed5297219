import type { RandomStream } from '../rng/RandomStream.ts';
import { fillStandardNormal } from '../distributions/gaussian.ts';
import { networkKernels, type NetworkKernels } from '../wasm/networkKernels.ts';

/**
 * The paper's MNIST network (App. I.2): 784 → 128 (ReLU) → 10 (softmax), cross-entropy loss,
 * parameters in one vector [W1 (784×128), b1 (128), W2 (128×10), b2 (10)].
 */
export const INPUTS = 784;
export const HIDDEN = 128;
// outputLayer and lossAndGradient's backward pass unroll the ten classes.
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
    outputLayer(theta, hidden, logits);
    let maxLogit = -Infinity;
    for (let c = 0; c < CLASSES; c++) if (logits[c] > maxLogit) maxLogit = logits[c];
    let normaliser = 0;
    for (let c = 0; c < CLASSES; c++) normaliser += Math.exp(logits[c] - maxLogit);
    const logNormaliser = maxLogit + Math.log(normaliser);
    loss += logNormaliser - logits[labels[b]];
    if (!gradient) continue;
    for (let c = 0; c < CLASSES; c++)
      dLogits[c] = (Math.exp(logits[c] - logNormaliser) - (c === labels[b] ? 1 : 0)) / B;
    // The ten classes unrolled, each sum still in the order of the classes from 0 (the same bits).
    const d0 = dLogits[0];
    const d1 = dLogits[1];
    const d2 = dLogits[2];
    const d3 = dLogits[3];
    const d4 = dLogits[4];
    const d5 = dLogits[5];
    const d6 = dLogits[6];
    const d7 = dLogits[7];
    const d8 = dLogits[8];
    const d9 = dLogits[9];
    let nActive = 0;
    for (let h = 0; h < HIDDEN; h++) {
      const a = hidden[h];
      if (a === 0) continue;
      const row = W2 + h * CLASSES;
      gradient[row] += a * d0;
      gradient[row + 1] += a * d1;
      gradient[row + 2] += a * d2;
      gradient[row + 3] += a * d3;
      gradient[row + 4] += a * d4;
      gradient[row + 5] += a * d5;
      gradient[row + 6] += a * d6;
      gradient[row + 7] += a * d7;
      gradient[row + 8] += a * d8;
      gradient[row + 9] += a * d9;
      let back = 0;
      back += theta[row] * d0;
      back += theta[row + 1] * d1;
      back += theta[row + 2] * d2;
      back += theta[row + 3] * d3;
      back += theta[row + 4] * d4;
      back += theta[row + 5] * d5;
      back += theta[row + 6] * d6;
      back += theta[row + 7] * d7;
      back += theta[row + 8] * d8;
      back += theta[row + 9] * d9;
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

/**
 * logits = b2 + hidden·W2. Each logit sums over the hidden units in order, as a plain loop would;
 * the ten sums run side by side in locals, not one after the other (a chain of dependent adds).
 */
function outputLayer(theta: Float64Array, hidden: Float64Array, logits: Float64Array): void {
  let z0 = theta[B2];
  let z1 = theta[B2 + 1];
  let z2 = theta[B2 + 2];
  let z3 = theta[B2 + 3];
  let z4 = theta[B2 + 4];
  let z5 = theta[B2 + 5];
  let z6 = theta[B2 + 6];
  let z7 = theta[B2 + 7];
  let z8 = theta[B2 + 8];
  let z9 = theta[B2 + 9];
  for (let h = 0, row = W2; h < HIDDEN; h++, row += CLASSES) {
    const a = hidden[h];
    z0 += a * theta[row];
    z1 += a * theta[row + 1];
    z2 += a * theta[row + 2];
    z3 += a * theta[row + 3];
    z4 += a * theta[row + 4];
    z5 += a * theta[row + 5];
    z6 += a * theta[row + 6];
    z7 += a * theta[row + 7];
    z8 += a * theta[row + 8];
    z9 += a * theta[row + 9];
  }
  logits[0] = z0;
  logits[1] = z1;
  logits[2] = z2;
  logits[3] = z3;
  logits[4] = z4;
  logits[5] = z5;
  logits[6] = z6;
  logits[7] = z7;
  logits[8] = z8;
  logits[9] = z9;
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
  const logits = new Float64Array(CLASSES);
  for (let b = 0; b < images.length; b++) {
    hiddenLayer(theta, images[b], hidden, kernels);
    outputLayer(theta, hidden, logits);
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < CLASSES; c++) {
      if (logits[c] > bestValue) {
        bestValue = logits[c];
        best = c;
      }
    }
    if (best === labels[b]) correct++;
  }
  return correct / images.length;
}
