// App. I's CIFAR-10 experiment: ResNet v1 without batch normalisation, 5 nodes with heterogeneous
// class splits, SIGNSGD with majority vote, and Noisy SIGNSGD with App. I.3's per-tensor
// adaptive noise b = 0.1 · max_j max|g| and its step schedule. On CIFAR-10 when the user has it
// (--cifar10 DIR); otherwise on the shipped digits, with the network scaled to the budget.
import { majorityVote } from '../aggregators/majorityVote.ts';
import { mean } from '../aggregators/mean.ts';
import { gaussian } from '../distributions/gaussian.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { deriveStream, type KeyPart, type RandomStream } from '../rng/RandomStream.ts';
import { loadCifar10 } from './cifar10.ts';
import { loadDigits } from './mnistDigits.ts';
import {
  type ImageBatch,
  initialResnetParameters,
  type ResnetShape,
  resnetAccuracy,
  resnetLoss,
  resnetLossAndGradients,
  resnetNodeLossesAndGradients,
} from './resnet.ts';
import { loadTensorflow } from './tensorflow.ts';

export const CIFAR_NODES = 5;
/** App. I.3: b = 0.1 · max_j Q_{i,j}, with Q_{i,j} the largest |entry| of node j's gradient of tensor i. */
export const ADAPTIVE_NOISE_FACTOR = 0.1;
/** App. I.3: the step size is divided by 2, 10 and 20 after 1000, 3000 and 5000 iterations. */
export const STEP_DIVISORS = [2, 10, 20] as const;

/**
 * The shipped 28×28 digits averaged over `block`×`block` squares (block 2: 14×14, block 4: 7×7),
 * or CIFAR-10's binary version in a directory.
 */
export type CifarData = { readonly digitsBlock: 2 | 4 } | { readonly cifar10Directory: string };

export interface CifarRunOptions {
  readonly algorithm: 'sgd' | 'signsgd' | 'noisy-signsgd';
  readonly data: CifarData;
  /** 'heterogeneous': node k holds classes 2k and 2k + 1; 'homogeneous': a fifth of every class. */
  readonly split: 'heterogeneous' | 'homogeneous';
  readonly blocksPerStage: number;
  readonly widths: readonly [number, number, number];
  /** Training images of each class the nodes share out (all when absent). */
  readonly trainImagesPerClass?: number;
  /** Test images of each class (all when absent). */
  readonly testImagesPerClass?: number;
  readonly steps: number;
  /** The initial step size. */
  readonly lr: number;
  /** Minibatch of each node, drawn with replacement from its images. */
  readonly batch: number;
  /** The iterations after which δ becomes δ/2, δ/10 and δ/20. */
  readonly milestones: readonly [number, number, number];
  readonly every: number;
}

export interface CifarCurvePoint {
  readonly step: number;
  /** Mean cross-entropy on the first (up to) 50 training images of each class. */
  readonly trainLoss: number;
  readonly testAccuracy: number;
}

export interface CifarRun {
  readonly curve: readonly CifarCurvePoint[];
  readonly diverged: boolean;
  /** Images in the test set the accuracies are measured on. */
  readonly testImages: number;
  /** For Noisy SIGNSGD: the smallest and largest per-tensor b used. */
  readonly noiseScaleRange?: readonly [number, number];
}

interface LabelledImages {
  readonly perImage: number;
  readonly pixels: Float32Array[];
  readonly labels: number[];
}

interface Prepared {
  readonly shape: Omit<ResnetShape, 'blocksPerStage' | 'widths'>;
  readonly nodes: LabelledImages[];
  readonly evaluationTrain: ImageBatch;
  readonly test: ImageBatch;
}

/** Trains the network with 5 nodes and returns its curve; every stream is given by its key (seed first). */
export function cifarTrainingTask(
  options: CifarRunOptions,
  keys: { readonly init: readonly KeyPart[]; readonly batches: readonly KeyPart[]; readonly noise: readonly KeyPart[] },
): Promise<CifarRun> {
  const stream = (key: readonly KeyPart[]) => deriveStream(key[0], ...key.slice(1));
  return trainCifarAnalogue(options, stream(keys.init), stream(keys.batches), stream(keys.noise));
}

export async function trainCifarAnalogue(
  options: CifarRunOptions,
  initStream: RandomStream,
  batchStream: RandomStream,
  noiseStream: RandomStream,
): Promise<CifarRun> {
  const api = 'trainCifarAnalogue';
  const positive = (name: keyof CifarRunOptions, value: unknown) => {
    if (!(Number.isInteger(value) && (value as number) >= 1))
      throw new MedmeanError(api, name, 'a positive integer', value);
  };
  positive('steps', options.steps);
  positive('batch', options.batch);
  positive('every', options.every);
  positive('blocksPerStage', options.blocksPerStage);
  if (!(typeof options.lr === 'number' && options.lr > 0 && Number.isFinite(options.lr)))
    throw new MedmeanError(api, 'lr', 'a positive finite number', options.lr);
  if (!['sgd', 'signsgd', 'noisy-signsgd'].includes(options.algorithm))
    throw new MedmeanError(api, 'algorithm', "'sgd', 'signsgd' or 'noisy-signsgd'", options.algorithm);
  if (
    !Array.isArray(options.widths) ||
    options.widths.length !== 3 ||
    !options.widths.every((w) => Number.isInteger(w) && w >= 1)
  )
    throw new MedmeanError(api, 'widths', 'three positive integers', options.widths);
  const prepared = cifarAnalogueData(api, options);
  await loadTensorflow();
  const shape: ResnetShape = { ...prepared.shape, blocksPerStage: options.blocksPerStage, widths: options.widths };
  const parameters = initialResnetParameters(shape, initStream);
  const curve: CifarCurvePoint[] = [];
  const testImages = prepared.test.labels.length;
  let noiseScaleRange: [number, number] | undefined;
  const evaluate = (step: number) => {
    const loss = resnetLoss(shape, parameters, prepared.evaluationTrain);
    if (!Number.isFinite(loss) || !parameters.every((tensor) => tensor.every(Number.isFinite))) return false;
    curve.push({ step, trainLoss: loss, testAccuracy: resnetAccuracy(shape, parameters, prepared.test) });
    return true;
  };
  evaluate(0);
  // Each step's noise for every node and tensor in one fill (node by node, tensors in order):
  // one seeding of the ziggurat sampler instead of a polar-method call per tensor and node.
  // Where each tensor's draws start within a node's, and how many a node takes.
  const offsets: number[] = [];
  let perNode = 0;
  for (const tensor of parameters) {
    offsets.push(perNode);
    perNode += tensor.length;
  }
  const noise = new Float64Array(options.algorithm === 'noisy-signsgd' ? prepared.nodes.length * perNode : 0);
  // One pass over all the nodes' images pays on the digits (at most 14×14): half the CPU time at
  // 7×7; on CIFAR-10's 32×32×3 the nodes' separate passes are faster (see resnetNodeLossesAndGradients).
  const nodesInOnePass = shape.inputSize * shape.inputSize * shape.inputChannels <= 14 * 14;
  for (let step = 1; step <= options.steps; step++) {
    const batches = prepared.nodes.map((node) => {
      const count = options.batch;
      const pixels = new Float32Array(count * node.perImage);
      const labels = new Int32Array(count);
      for (let k = 0; k < count; k++) {
        const pick = Math.floor(batchStream.next() * node.labels.length);
        pixels.set(node.pixels[pick], k * node.perImage);
        labels[k] = node.labels[pick];
      }
      return { pixels, labels };
    });
    const gradients = nodesInOnePass
      ? resnetNodeLossesAndGradients(shape, parameters, batches).gradients
      : batches.map((batch) => resnetLossAndGradients(shape, parameters, batch).gradients);
    if (noise.length > 0) gaussian.sample(noiseStream, noise);
    const passed = options.milestones.filter((milestone) => step > milestone).length;
    const lr = passed === 0 ? options.lr : options.lr / STEP_DIVISORS[passed - 1];
    parameters.forEach((tensor, i) => {
      const local = gradients.map((node) => node[i]);
      if (options.algorithm === 'noisy-signsgd') {
        let largest = 0;
        for (const g of local) for (let k = 0; k < g.length; k++) largest = Math.max(largest, Math.abs(g[k]));
        const b = ADAPTIVE_NOISE_FACTOR * largest;
        noiseScaleRange =
          noiseScaleRange === undefined ? [b, b] : [Math.min(noiseScaleRange[0], b), Math.max(noiseScaleRange[1], b)];
        // In place: each node's gradient array is its own, fresh from this step.
        local.forEach((g, node) => {
          const draws = noise.subarray(node * perNode + offsets[i]);
          for (let k = 0; k < g.length; k++) g[k] += b * draws[k];
        });
      }
      const direction = options.algorithm === 'sgd' ? mean(local) : majorityVote(local);
      for (let k = 0; k < tensor.length; k++) tensor[k] -= lr * direction[k];
    });
    if ((step % options.every === 0 || step === options.steps) && !evaluate(step))
      return { curve, diverged: true, testImages, noiseScaleRange };
  }
  return { curve, diverged: false, testImages, noiseScaleRange };
}

const preparedCache = new Map<string, Prepared>();

/** Per-class images in NHWC order, dealt to the nodes; cached per thread. */
export function cifarAnalogueData(api: string, options: CifarRunOptions): Prepared {
  const data = options.data as Partial<{ digitsBlock: unknown; cifar10Directory: unknown }> | null;
  const source =
    data?.digitsBlock === 2 || data?.digitsBlock === 4 ? `digits/${data.digitsBlock}` : data?.cifar10Directory;
  if (typeof source !== 'string')
    throw new MedmeanError(api, 'data', '{ digitsBlock: 2 | 4 } or { cifar10Directory }', options.data);
  if (options.split !== 'heterogeneous' && options.split !== 'homogeneous')
    throw new MedmeanError(api, 'split', "'heterogeneous' or 'homogeneous'", options.split);
  const key = JSON.stringify([source, options.split, options.trainImagesPerClass, options.testImagesPerClass]);
  let prepared = preparedCache.get(key);
  if (prepared === undefined) {
    const classes =
      'digitsBlock' in options.data
        ? digitClasses(options.data.digitsBlock)
        : cifarClasses(options.data.cifar10Directory);
    const limit = (images: Float32Array[], count: number | undefined) => images.slice(0, count);
    const train = classes.classes.map((set) => limit(set.train, options.trainImagesPerClass));
    const test = classes.classes.map((set) => limit(set.test, options.testImagesPerClass));
    const nodes: LabelledImages[] = Array.from({ length: CIFAR_NODES }, () => ({
      perImage: classes.perImage,
      pixels: [],
      labels: [],
    }));
    train.forEach((images, label) => {
      images.forEach((image, k) => {
        const node =
          options.split === 'heterogeneous'
            ? Math.floor(label / 2) % CIFAR_NODES
            : Math.min(CIFAR_NODES - 1, Math.floor((k * CIFAR_NODES) / images.length));
        nodes[node].pixels.push(image);
        nodes[node].labels.push(label);
      });
    });
    const batchOf = (sets: Float32Array[][]): ImageBatch => ({
      pixels: concatenate(sets.flat(), classes.perImage),
      labels: Int32Array.from(sets.flatMap((images, label) => images.map(() => label))),
    });
    prepared = {
      shape: { inputSize: classes.size, inputChannels: classes.channels, classes: 10 },
      nodes,
      evaluationTrain: batchOf(train.map((images) => images.slice(0, 50))),
      test: batchOf(test),
    };
    preparedCache.set(key, prepared);
  }
  return prepared;
}

function concatenate(images: readonly Float32Array[], perImage: number): Float32Array {
  const all = new Float32Array(images.length * perImage);
  for (const [k, image] of images.entries()) all.set(image, k * perImage);
  return all;
}

interface ClassImages {
  readonly size: number;
  readonly channels: number;
  readonly perImage: number;
  readonly classes: ReadonlyArray<{ readonly train: Float32Array[]; readonly test: Float32Array[] }>;
}

/** The shipped digits, each 28×28 image averaged over block×block squares (block 2: a quarter of the work). */
function digitClasses(block: 2 | 4): ClassImages {
  const size = 28 / block;
  const shrink = (image: Float64Array) => {
    const out = new Float32Array(size * size);
    for (let r = 0; r < 28; r++)
      for (let c = 0; c < 28; c++) out[Math.floor(r / block) * size + Math.floor(c / block)] += image[r * 28 + c];
    for (let k = 0; k < out.length; k++) out[k] /= block * block;
    return out;
  };
  return {
    size,
    channels: 1,
    perImage: size * size,
    classes: loadDigits().map((set) => ({ train: set.train.map(shrink), test: set.test.map(shrink) })),
  };
}

/** CIFAR-10's images (stored as three 32×32 planes) in height × width × channel order. */
function cifarClasses(directory: string): ClassImages {
  const { train, test } = loadCifar10(directory);
  const toHwc = (image: Float64Array) => {
    const out = new Float32Array(3072);
    for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) out[p * 3 + c] = image[c * 1024 + p];
    return out;
  };
  const byClass = (part: { images: Float64Array[]; labels: Uint8Array }, label: number) =>
    part.images.filter((_, k) => part.labels[k] === label).map(toHwc);
  return {
    size: 32,
    channels: 3,
    perImage: 3072,
    classes: Array.from({ length: 10 }, (_, label) => ({ train: byClass(train, label), test: byClass(test, label) })),
  };
}
