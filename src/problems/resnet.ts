// ResNet v1 without batch normalisation (App. I.2: the paper removes it because per-node batch
// statistics disagree on heterogeneous data), on TensorFlow.js. ResNet-20 is 3 stages of 3 blocks
// with 16, 32 and 64 channels; smaller members of the family scale the blocks and widths down.
import { fillStandardNormal } from '../distributions/gaussian.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import type { Scalar, Tensor, Tensor2D, Tensor4D } from '@tensorflow/tfjs';
import { type TensorFlow, tensorflow } from './tensorflow.ts';

export interface ResnetShape {
  /** Height and width of the (square) input images. */
  readonly inputSize: number;
  readonly inputChannels: number;
  /** Residual blocks per stage: 3 for ResNet-20 (depth 6n + 2). */
  readonly blocksPerStage: number;
  /** Channels of the three stages: [16, 32, 64] for ResNet-20. */
  readonly widths: readonly [number, number, number];
  readonly classes: number;
}

export const RESNET20: Omit<ResnetShape, 'inputSize' | 'inputChannels'> = {
  blocksPerStage: 3,
  widths: [16, 32, 64],
  classes: 10,
};

interface ParameterSpec {
  readonly name: string;
  readonly shape: readonly number[];
  /** Inputs feeding one output unit (kernel height × width × input channels), for the initialisation. */
  readonly fanIn: number;
  readonly bias: boolean;
  /** On a layer's kernel: the shape of the layer's output for one image. */
  readonly output?: readonly number[];
}

/** Every parameter tensor in the order the forward pass uses them. */
export function resnetParameters(shape: ResnetShape): ParameterSpec[] {
  const specs: ParameterSpec[] = [];
  // 'same' padding: a convolution of stride s maps a side of n pixels to ⌈n/s⌉.
  const conv = (name: string, size: number, from: number, to: number, inputSide: number, stride: number) => {
    const side = Math.ceil(inputSide / stride);
    const fanIn = size * size * from;
    specs.push({ name: `${name}/kernel`, shape: [size, size, from, to], fanIn, bias: false, output: [side, side, to] });
    specs.push({ name: `${name}/bias`, shape: [to], fanIn, bias: true });
    return side;
  };
  let side = conv('conv0', 3, shape.inputChannels, shape.widths[0], shape.inputSize, 1);
  let channels = shape.widths[0];
  shape.widths.forEach((width, stage) => {
    for (let block = 0; block < shape.blocksPerStage; block++) {
      const name = `stage${stage}/block${block}`;
      const stride = stage > 0 && block === 0 ? 2 : 1;
      const out = conv(`${name}/a`, 3, channels, width, side, stride);
      conv(`${name}/b`, 3, width, width, out, 1);
      if (width !== channels || stride !== 1) conv(`${name}/shortcut`, 1, channels, width, side, stride);
      side = out;
      channels = width;
    }
  });
  specs.push({
    name: 'dense/kernel',
    shape: [channels, shape.classes],
    fanIn: channels,
    bias: false,
    output: [shape.classes],
  });
  specs.push({ name: 'dense/bias', shape: [shape.classes], fanIn: channels, bias: true });
  return specs;
}

/**
 * Keras's initialisation of its ResNet v1 (App. I.2): kernels from he_normal, a normal with
 * standard deviation √(2/fan_in) truncated at two standard deviations (and rescaled by
 * 1/0.8796, the standard deviation of the truncated unit normal), biases 0.
 */
export function initialResnetParameters(shape: ResnetShape, stream: RandomStream): Float32Array[] {
  const draw = new Float64Array(1);
  return resnetParameters(shape).map((spec) => {
    const values = new Float32Array(spec.shape.reduce((size, extent) => size * extent, 1));
    if (spec.bias) return values;
    const scale = Math.sqrt(2 / spec.fanIn) / 0.87962566103423978;
    for (let k = 0; k < values.length; k++) {
      do fillStandardNormal(stream, draw);
      while (Math.abs(draw[0]) > 2);
      values[k] = draw[0] * scale;
    }
    return values;
  });
}

/** Images as one NHWC array of `count` images of the network's input shape. */
export interface ImageBatch {
  readonly pixels: Float32Array;
  readonly labels: Int32Array;
}

/**
 * What a pass that takes each node's gradient apart needs from the forward pass: a zero tensor
 * added to each layer's output (the gradient with respect to it is the layer's output gradient,
 * image by image), and, kept for after the pass, each convolution's input and the pooled features.
 */
interface LayerTaps {
  readonly probes: readonly Tensor[];
  readonly convolutions: Array<{ input: Tensor4D; size: number; stride: number }>;
  pooled?: Tensor2D;
}

function logits(tf: TensorFlow, shape: ResnetShape, parameters: readonly Tensor[], input: Tensor4D, taps?: LayerTaps) {
  let next = 0;
  let layer = 0;
  const take = () => parameters[next++];
  const tapped = <T extends Tensor>(output: T): T =>
    taps === undefined ? output : tf.add(output, taps.probes[layer++]);
  const conv = (x: Tensor4D, stride: number) => {
    const kernel = take() as Tensor4D;
    taps?.convolutions.push({ input: tf.keep(x), size: kernel.shape[0], stride });
    return tapped(tf.add(tf.conv2d(x, kernel, stride, 'same'), take()) as Tensor4D);
  };
  let x: Tensor4D = tf.relu(conv(input, 1));
  let channels = shape.widths[0];
  shape.widths.forEach((width, stage) => {
    for (let block = 0; block < shape.blocksPerStage; block++) {
      const stride = stage > 0 && block === 0 ? 2 : 1;
      const y = conv(tf.relu(conv(x, stride)), 1);
      const shortcut = width !== channels || stride !== 1 ? conv(x, stride) : x;
      x = tf.relu(tf.add(y, shortcut)) as Tensor4D;
      channels = width;
    }
  });
  const pooled = tf.mean(x, [1, 2]) as Tensor2D;
  if (taps !== undefined) taps.pooled = tf.keep(pooled);
  return tapped(tf.add(tf.matMul(pooled, take() as Tensor2D), take()) as Tensor2D);
}

/** The output shape of every layer, in the order of the forward pass, for `count` images. */
function layerOutputShapes(shape: ResnetShape, count: number): number[][] {
  return resnetParameters(shape).flatMap((spec) => (spec.output === undefined ? [] : [[count, ...spec.output]]));
}

function checkBatch(api: string, shape: ResnetShape, parameters: readonly Float32Array[], batch: ImageBatch): number {
  const specs = resnetParameters(shape);
  if (parameters.length !== specs.length)
    throw new MedmeanError(api, 'parameters', `${specs.length} tensors for this network`, parameters.length);
  const perImage = shape.inputSize * shape.inputSize * shape.inputChannels;
  const count = batch.labels.length;
  if (count < 1 || batch.pixels.length !== count * perImage)
    throw new MedmeanError(api, 'batch', `pixels of ${count} images of ${perImage} values`, batch.pixels.length);
  return count;
}

/**
 * The batch of `count` images (as checkBatch counted them), its one-hot labels and the parameters
 * as tensors, inside the caller's tf.tidy.
 */
function batchTensors(shape: ResnetShape, parameters: readonly Float32Array[], batch: ImageBatch, count: number) {
  const tf = tensorflow();
  const specs = resnetParameters(shape);
  return {
    tf,
    input: tf.tensor4d(batch.pixels, [count, shape.inputSize, shape.inputSize, shape.inputChannels]),
    targets: tf.oneHot(tf.tensor1d(batch.labels, 'int32'), shape.classes),
    tensors: parameters.map((values, k) => tf.tensor(values, specs[k].shape as number[])),
  };
}

/**
 * Mean softmax cross-entropy over the batch and its gradient with respect to every parameter
 * tensor, by TensorFlow.js's automatic differentiation: the reference `resnetNodeLossesAndGradients`
 * is tested against, and the trainer's pass for each node on CIFAR-10's 32×32×3 images.
 */
export function resnetLossAndGradients(
  shape: ResnetShape,
  parameters: readonly Float32Array[],
  batch: ImageBatch,
): { loss: number; gradients: Float32Array[] } {
  const count = checkBatch('resnetLossAndGradients', shape, parameters, batch);
  let result: { loss: number; gradients: Float32Array[] } | undefined;
  // The arrays leave tf.tidy by assignment: a returned value is walked entry by entry in search
  // of tensors, which for these arrays took longer than the convolutions.
  tensorflow().tidy(() => {
    const { tf, input, targets, tensors } = batchTensors(shape, parameters, batch, count);
    const { value, grads } = tf.valueAndGrads(
      (...current: Tensor[]) => tf.losses.softmaxCrossEntropy(targets, logits(tf, shape, current, input)) as Scalar,
    )(tensors);
    result = { loss: value.dataSync()[0], gradients: grads.map((gradient) => gradient.dataSync() as Float32Array) };
  });
  return result!;
}

/**
 * Each node's mean softmax cross-entropy over its own batch, and its gradient with respect to every
 * parameter tensor, from one forward and one backward pass over all the nodes' images. The pass
 * gives each layer's output gradient image by image; a node's bias gradient sums its images'
 * rows, and its kernel gradient is a depthwise convolution of the layer's input with the output
 * gradient (batch as channels, so that no two images are summed) whose results are then summed
 * over the node's images. Equal to `resnetLossAndGradients` node by node up to float32 rounding.
 * Five nodes of 16 digits took 7.7 ms of CPU against 15–19 ms for five separate passes on 7×7
 * images (widths 4, 8, 16), where hundreds of small kernels are the cost, and 118–123 against
 * 130–141 ms on 14×14 (widths 8, 16, 32, three blocks a stage); on ResNet-20 with 32 CIFAR-sized
 * images a node, where arithmetic is the cost, 3.4 s against 2.9 s.
 */
export function resnetNodeLossesAndGradients(
  shape: ResnetShape,
  parameters: readonly Float32Array[],
  batches: readonly ImageBatch[],
): { losses: number[]; gradients: Float32Array[][] } {
  const api = 'resnetNodeLossesAndGradients';
  if (!Array.isArray(batches) || batches.length < 1)
    throw new MedmeanError(api, 'batches', 'a non-empty array of image batches', batches);
  const perNode = checkBatch(api, shape, parameters, batches[0]);
  for (const batch of batches)
    if (checkBatch(api, shape, parameters, batch) !== perNode)
      throw new MedmeanError(api, 'batches', `batches of ${perNode} images each, as the first`, batch.labels.length);
  const nodes = batches.length;
  const count = nodes * perNode;
  const pixels = new Float32Array((count * batches[0].pixels.length) / perNode);
  const labels = new Int32Array(count);
  batches.forEach((batch, node) => {
    pixels.set(batch.pixels, node * batch.pixels.length);
    labels.set(batch.labels, node * perNode);
  });
  const taps: LayerTaps = {
    probes: layerOutputShapes(shape, count).map((outputShape) => tensorflow().zeros(outputShape)),
    convolutions: [],
  };
  let result: { losses: number[]; gradients: Float32Array[][] } | undefined;
  let perImage: Tensor | undefined;
  try {
    tensorflow().tidy(() => {
      const { tf, input, targets, tensors } = batchTensors(shape, parameters, { pixels, labels }, count);
      // Σ over all images / perNode: each image's gradient is that of its node's mean loss.
      const outputGradients = tf.grads(() => {
        perImage = tf.keep(
          tf.losses.softmaxCrossEntropy(
            targets,
            logits(tf, shape, tensors, input, taps),
            undefined,
            undefined,
            tf.Reduction.NONE,
          ),
        );
        return tf.div(tf.sum(perImage), perNode) as Scalar;
      })(taps.probes as Tensor[]);
      const gradients: Float32Array[][] = Array.from({ length: nodes }, () => []);
      const deal = (tensor: Tensor) => {
        const values = tensor.dataSync() as Float32Array;
        const size = values.length / nodes;
        for (let node = 0; node < nodes; node++) gradients[node].push(values.slice(node * size, (node + 1) * size));
      };
      const transposed = new Map<Tensor, Tensor4D>();
      taps.convolutions.forEach(({ input: x, size, stride }, layer) => {
        const dy = outputGradients[layer] as Tensor4D;
        const [, outHeight, outWidth, outChannels] = dy.shape;
        const kernels = nodeKernelGradients(tf, x, dy, size, stride, nodes, transposed);
        for (let node = 0; node < nodes; node++) gradients[node].push(kernels[node]);
        deal(tf.sum(tf.reshape(dy, [nodes, perNode * outHeight * outWidth, outChannels]), 1));
      });
      const dLogits = tf.reshape(outputGradients.at(-1)!, [nodes, perNode, shape.classes]);
      const pooled = tf.reshape(taps.pooled!, [nodes, perNode, taps.pooled!.shape[1]]);
      deal(tf.matMul(pooled, dLogits, true, false));
      deal(tf.sum(dLogits, 1));
      const losses = Array.from(tf.mean(tf.reshape(perImage!, [nodes, perNode]), 1).dataSync());
      result = { losses, gradients };
    });
  } finally {
    for (const tensor of taps.probes) tensor.dispose();
    for (const { input } of taps.convolutions) input.dispose();
    taps.pooled?.dispose();
    perImage?.dispose();
  }
  return result!;
}

/**
 * The kernel gradient of a 'same' convolution for each of `nodes` equal runs of images, each in
 * the kernel's [size, size, in, out] order. Image n's gradient dW_n[i, j, c, o] =
 * Σ x_n[y·s + i − top, x·s + j − left, c] · dy_n[y, x, o] is a depthwise convolution of x (as
 * [c, row, column, image]: images as channels) with dy (as [row, column, image, o]: o as the
 * channel multiplier) at dilation s; the sum over a node's images follows. `transposed` holds x
 * as images-as-channels for a tensor two layers read (a block's first convolution and shortcut).
 */
function nodeKernelGradients(
  tf: TensorFlow,
  x: Tensor4D,
  dy: Tensor4D,
  size: number,
  stride: number,
  nodes: number,
  transposed: Map<Tensor, Tensor4D>,
): Float32Array[] {
  const [count, height, width, inChannels] = x.shape;
  const [, outHeight, outWidth, outChannels] = dy.shape;
  const top = Math.floor(Math.max((outHeight - 1) * stride + size - height, 0) / 2);
  const left = Math.floor(Math.max((outWidth - 1) * stride + size - width, 0) / 2);
  // Rows past the last one a tap reaches are cropped; a negative `bottom` says how many.
  const bottom = size + (outHeight - 1) * stride - height - top;
  const right = size + (outWidth - 1) * stride - width - left;
  // Rank-3 transposes: the backend's rank-4 ones took up to three times as long.
  let imagesAsChannels = transposed.get(x);
  if (imagesAsChannels === undefined) {
    imagesAsChannels = tf.reshape(tf.transpose(tf.reshape(x, [count, height * width, inChannels]), [2, 1, 0]), [
      inChannels,
      height,
      width,
      count,
    ]) as Tensor4D;
    transposed.set(x, imagesAsChannels);
  }
  if (bottom < 0 || right < 0)
    imagesAsChannels = tf.slice(imagesAsChannels, 0, [
      inChannels,
      height + Math.min(bottom, 0),
      width + Math.min(right, 0),
      count,
    ]);
  const dyAsFilter = tf.reshape(tf.transpose(tf.reshape(dy, [count, outHeight * outWidth, outChannels]), [1, 0, 2]), [
    outHeight,
    outWidth,
    count,
    outChannels,
  ]) as Tensor4D;
  const perImage = tf.depthwiseConv2d(
    imagesAsChannels,
    dyAsFilter,
    1,
    [
      [0, 0],
      [top, Math.max(bottom, 0)],
      [left, Math.max(right, 0)],
      [0, 0],
    ],
    'NHWC',
    [stride, stride],
  );
  // [c, i, j, node, o], put in each node's [i, j, c, o] order here rather than by another transpose.
  const summed = tf
    .sum(tf.reshape(perImage, [inChannels * size * size * nodes, count / nodes, outChannels]), 1)
    .dataSync() as Float32Array;
  const taps = size * size;
  return Array.from({ length: nodes }, (_, node) => {
    const gradient = new Float32Array(taps * inChannels * outChannels);
    for (let c = 0; c < inChannels; c++)
      for (let tap = 0; tap < taps; tap++) {
        const from = ((c * taps + tap) * nodes + node) * outChannels;
        const to = (tap * inChannels + c) * outChannels;
        // A loop: set(subarray(…)), a view per run of 4 to 16 values, was this file's hottest line in a profile.
        for (let o = 0; o < outChannels; o++) gradient[to + o] = summed[from + o];
      }
    return gradient;
  });
}

/** Mean softmax cross-entropy over the batch (the forward pass alone). */
export function resnetLoss(shape: ResnetShape, parameters: readonly Float32Array[], batch: ImageBatch): number {
  const count = checkBatch('resnetLoss', shape, parameters, batch);
  return tensorflow().tidy(() => {
    const { tf, input, targets, tensors } = batchTensors(shape, parameters, batch, count);
    return tf.losses.softmaxCrossEntropy(targets, logits(tf, shape, tensors, input)).dataSync()[0];
  });
}

/** Fraction of the images classified correctly, evaluated in chunks of 256. */
export function resnetAccuracy(shape: ResnetShape, parameters: readonly Float32Array[], batch: ImageBatch): number {
  const count = checkBatch('resnetAccuracy', shape, parameters, batch);
  const tf = tensorflow();
  const specs = resnetParameters(shape);
  const perImage = shape.inputSize * shape.inputSize * shape.inputChannels;
  let correct = 0;
  for (let start = 0; start < count; start += 256) {
    const size = Math.min(256, count - start);
    correct += tf.tidy(() => {
      const input = tf.tensor4d(batch.pixels.subarray(start * perImage, (start + size) * perImage), [
        size,
        shape.inputSize,
        shape.inputSize,
        shape.inputChannels,
      ]);
      const tensors = parameters.map((values, k) => tf.tensor(values, specs[k].shape as number[]));
      const predicted = tf.argMax(logits(tf, shape, tensors, input), 1).dataSync();
      let hits = 0;
      for (let k = 0; k < size; k++) if (predicted[k] === batch.labels[start + k]) hits++;
      return hits;
    });
  }
  return correct / count;
}
