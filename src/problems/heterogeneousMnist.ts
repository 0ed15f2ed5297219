import { addNoise } from '../aggregators/addNoise.ts';
import { majorityVote } from '../aggregators/majorityVote.ts';
import { mean } from '../aggregators/mean.ts';
import { median } from '../aggregators/median.ts';
import type { AlgorithmName } from '../algorithms/algorithmNames.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import { loadDigits } from './mnistDigits.ts';
import {
  accuracy,
  initialParameters,
  lossAndGradient,
  PARAMETERS,
  sparseImage,
  type SparseImage,
} from './twoLayerNetwork.ts';

export interface MnistRunOptions {
  readonly algorithm: AlgorithmName;
  readonly steps: number;
  readonly lr: number;
  readonly batch: number;
  readonly b?: number;
  /** 'heterogeneous': node k holds digit k (App. I); 'homogeneous': every node samples all digits. */
  readonly split: 'heterogeneous' | 'homogeneous';
  /** Evaluate every this many steps. */
  readonly every: number;
  /** Streams for initialisation (shared by all algorithms), minibatches and noise. */
  readonly initStream: RandomStream;
  readonly batchStream: RandomStream;
  readonly noiseStream: RandomStream;
}

export interface MnistCurvePoint {
  readonly step: number;
  readonly trainLoss: number;
  readonly testAccuracy: number;
}

/**
 * Trains the 784-128-10 network with 10 nodes. Each step every node computes a minibatch
 * gradient on its own data; the server aggregates them by the algorithm's rule (mean, majority
 * vote or coordinate-wise median, optionally after adding b·ξ, Gaussian) and steps by δ.
 * Evaluation: train loss on 100 fixed images per digit, test accuracy on the held-out 20%.
 */
export function trainHeterogeneousMnist(options: MnistRunOptions): MnistCurvePoint[] {
  const digits = sparseDigits();
  const theta = initialParameters(options.initStream);
  const nodes = 10;
  const pool = digits.flatMap((set) => set.train.map((image) => ({ image, label: set.digit })));
  const evalTrain = digits.flatMap((set) => set.train.slice(0, 100).map((image) => ({ image, label: set.digit })));
  const test = digits.flatMap((set) => set.test.map((image) => ({ image, label: set.digit })));
  const gradients = Array.from({ length: nodes }, () => new Float64Array(PARAMETERS));
  const curve: MnistCurvePoint[] = [];
  const evalTrainImages = evalTrain.map((e) => e.image);
  const evalTrainLabels = evalTrain.map((e) => e.label);
  const testImages = test.map((e) => e.image);
  const testLabels = test.map((e) => e.label);
  const evaluate = (step: number) =>
    curve.push({
      step,
      trainLoss: lossAndGradient(theta, evalTrainImages, evalTrainLabels),
      testAccuracy: accuracy(theta, testImages, testLabels),
    });
  evaluate(0);
  for (let step = 1; step <= options.steps; step++) {
    for (let node = 0; node < nodes; node++) {
      const images: SparseImage[] = [];
      const labels: number[] = [];
      for (let k = 0; k < options.batch; k++) {
        if (options.split === 'heterogeneous') {
          const own = digits[node].train;
          images.push(own[Math.floor(options.batchStream.next() * own.length)]);
          labels.push(node);
        } else {
          const pick = pool[Math.floor(options.batchStream.next() * pool.length)];
          images.push(pick.image);
          labels.push(pick.label);
        }
      }
      lossAndGradient(theta, images, labels, gradients[node]);
    }
    const noisy = options.algorithm.startsWith('noisy-')
      ? addNoise('trainHeterogeneousMnist', gradients, { b: options.b!, stream: options.noiseStream })
      : gradients;
    const direction =
      options.algorithm === 'sgd'
        ? mean(noisy)
        : options.algorithm.endsWith('signsgd')
          ? majorityVote(noisy)
          : median(noisy);
    for (let p = 0; p < PARAMETERS; p++) theta[p] -= options.lr * direction[p];
    if (step % options.every === 0 || step === options.steps) evaluate(step);
  }
  return curve;
}

let sparseCache:
  | Array<{ readonly digit: number; readonly train: SparseImage[]; readonly test: SparseImage[] }>
  | undefined;

/** The digits by their nonzero pixels, converted once per thread. */
function sparseDigits() {
  sparseCache ??= loadDigits().map((set) => ({
    digit: set.digit,
    train: set.train.map(sparseImage),
    test: set.test.map(sparseImage),
  }));
  return sparseCache;
}
