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
}

/** Every parameter tensor in the order the forward pass uses them. */
export function resnetParameters(shape: ResnetShape): ParameterSpec[] {
  const specs: ParameterSpec[] = [];
  const conv = (name: string, size: number, from: number, to: number) => {
    specs.push({ name: `${name}/kernel`, shape: [size, size, from, to], fanIn: size * size * from, bias: false });
    specs.push({ name: `${name}/bias`, shape: [to], fanIn: size * size * from, bias: true });
  };
  conv('conv0', 3, shape.inputChannels, shape.widths[0]);
  let channels = shape.widths[0];
  shape.widths.forEach((width, stage) => {
    for (let block = 0; block < shape.blocksPerStage; block++) {
      const name = `stage${stage}/block${block}`;
      conv(`${name}/a`, 3, channels, width);
      conv(`${name}/b`, 3, width, width);
      if (width !== channels || (stage > 0 && block === 0)) conv(`${name}/shortcut`, 1, channels, width);
      channels = width;
    }
  });
  specs.push({ name: 'dense/kernel', shape: [channels, shape.classes], fanIn: channels, bias: false });
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

function logits(tf: TensorFlow, shape: ResnetShape, parameters: readonly Tensor[], input: Tensor4D) {
  let next = 0;
  const take = () => parameters[next++];
  const conv = (x: Tensor4D, stride: number) => {
    const kernel = take() as Tensor4D;
    return tf.add(tf.conv2d(x, kernel, stride, 'same'), take()) as Tensor4D;
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
  return tf.add(tf.matMul(pooled, take() as Tensor2D), take()) as Tensor2D;
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
 * The batch's images, one-hot labels and the parameters as tensors (inside the caller's
 * tf.tidy), after checking them; `api` names the caller in errors.
 */
function batchTensors(api: string, shape: ResnetShape, parameters: readonly Float32Array[], batch: ImageBatch) {
  const count = checkBatch(api, shape, parameters, batch);
  const tf = tensorflow();
  const specs = resnetParameters(shape);
  return {
    tf,
    input: tf.tensor4d(batch.pixels, [count, shape.inputSize, shape.inputSize, shape.inputChannels]),
    targets: tf.oneHot(tf.tensor1d(batch.labels, 'int32'), shape.classes),
    tensors: parameters.map((values, k) => tf.tensor(values, specs[k].shape as number[])),
  };
}

/** Mean softmax cross-entropy over the batch and its gradient with respect to every parameter tensor. */
export function resnetLossAndGradients(
  shape: ResnetShape,
  parameters: readonly Float32Array[],
  batch: ImageBatch,
): { loss: number; gradients: Float32Array[] } {
  let result: { loss: number; gradients: Float32Array[] } | undefined;
  // The arrays leave tf.tidy by assignment: a returned value is walked entry by entry in search
  // of tensors, which for these arrays took longer than the convolutions.
  tensorflow().tidy(() => {
    const { tf, input, targets, tensors } = batchTensors('resnetLossAndGradients', shape, parameters, batch);
    const { value, grads } = tf.valueAndGrads(
      (...current: Tensor[]) => tf.losses.softmaxCrossEntropy(targets, logits(tf, shape, current, input)) as Scalar,
    )(tensors);
    result = { loss: value.dataSync()[0], gradients: grads.map((gradient) => gradient.dataSync() as Float32Array) };
  });
  return result!;
}

/** Mean softmax cross-entropy over the batch (the forward pass alone). */
export function resnetLoss(shape: ResnetShape, parameters: readonly Float32Array[], batch: ImageBatch): number {
  return tensorflow().tidy(() => {
    const { tf, input, targets, tensors } = batchTensors('resnetLoss', shape, parameters, batch);
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
