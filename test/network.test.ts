import { describe, expect, it } from 'vitest';
import { deriveStream, majorityVote, mean, median } from '../src/index.ts';
import { aggregateStep } from '../src/algorithms/aggregateStep.ts';
import { mnistNodeData, trainHeterogeneousMnist } from '../src/problems/heterogeneousMnist.ts';
import { loadDigits } from '../src/problems/mnistDigits.ts';
import {
  accuracy,
  CLASSES,
  HIDDEN,
  INPUTS,
  initialParameters,
  lossAndGradient,
  PARAMETERS,
  sparseImage,
} from '../src/problems/twoLayerNetwork.ts';
import { networkKernels } from '../src/wasm/networkKernels.ts';
import { testSeed } from './helpers/testSeed.ts';

describe('784-128-10 network', () => {
  it('has a gradient that matches central finite differences', () => {
    const digits = loadDigits();
    const images = [digits[3].train[0], digits[7].train[1], digits[0].train[2]].map(sparseImage);
    const labels = [3, 7, 0];
    const theta = initialParameters(deriveStream(2, 'init'));
    const gradient = new Float64Array(PARAMETERS);
    lossAndGradient(theta, images, labels, gradient);
    // Check the entries with the largest gradients in each block (W1, b1, W2, b2).
    const blocks = [
      [0, 784 * 128],
      [784 * 128, 784 * 128 + 128],
      [784 * 128 + 128, PARAMETERS - 10],
      [PARAMETERS - 10, PARAMETERS],
    ];
    for (const [from, to] of blocks) {
      let index = from;
      for (let p = from; p < to; p++) if (Math.abs(gradient[p]) > Math.abs(gradient[index])) index = p;
      const h = 1e-5;
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[index] += h;
      minus[index] -= h;
      const numeric = (lossAndGradient(plus, images, labels) - lossAndGradient(minus, images, labels)) / (2 * h);
      expect(gradient[index]).toBeCloseTo(numeric, 6);
    }
  });
  it.each(['auto', 'typescript'] as const)(
    'gives the same bits as a dense reference that visits every pixel and every hidden unit (kernels: %s)',
    (kernelChoice) => {
      const digits = loadDigits();
      const dense = [digits[1].train[5], digits[1].train[9], digits[8].train[3], digits[4].train[0]];
      const labels = [1, 1, 8, 4];
      const theta = initialParameters(deriveStream(4, 'init'));
      const gradient = new Float64Array(PARAMETERS);
      const loss = lossAndGradient(theta, dense.map(sparseImage), labels, gradient, kernelChoice);
      const reference = denseLossAndGradient(theta, dense, labels);
      expect(Object.is(loss, reference.loss)).toBe(true);
      const differing = gradient.findIndex((value, p) => !Object.is(value, reference.gradient[p]));
      expect(differing).toBe(-1);
    },
  );
  it('computes loss, gradient and accuracy with the same bits in WebAssembly and in TypeScript, batch after batch', () => {
    expect(networkKernels()).not.toBeNull();
    const digits = loadDigits();
    const stream = deriveStream(testSeed(), 'network-kernels');
    const theta = initialParameters(stream);
    const [wasm, typescript] = [new Float64Array(PARAMETERS), new Float64Array(PARAMETERS)];
    for (let step = 0; step < 5; step++) {
      const labels = Array.from({ length: 16 }, () => Math.floor(stream.next() * 10));
      const images = labels.map((label) =>
        sparseImage(digits[label].train[Math.floor(stream.next() * digits[label].train.length)]),
      );
      expect(
        Object.is(
          lossAndGradient(theta, images, labels, wasm),
          lossAndGradient(theta, images, labels, typescript, 'typescript'),
        ),
      ).toBe(true);
      expect(wasm.findIndex((value, p) => !Object.is(value, typescript[p]))).toBe(-1);
      expect(accuracy(theta, images, labels)).toBe(accuracy(theta, images, labels, 'typescript'));
      // Move θ so that later batches see other activation patterns.
      for (let p = 0; p < PARAMETERS; p++) theta[p] -= 0.5 * wasm[p];
    }
  });
  it('splits each digit class 80/20 and loads about 10,000 images', () => {
    const digits = loadDigits();
    const total = digits.reduce((sum, set) => sum + set.train.length + set.test.length, 0);
    expect(total).toBeGreaterThan(9000);
    for (const set of digits) expect(set.train.length / (set.train.length + set.test.length)).toBeCloseTo(0.8, 2);
  });
  it('trains reproducibly from its streams, and SGD lowers the loss', () => {
    const options = {
      algorithm: 'sgd' as const,
      lr: 0.1,
      steps: 10,
      batch: 4,
      dataset: 'digits-10k' as const,
      split: 'one-class' as const,
      imagesPerNode: 20,
      every: 10,
    };
    const streams = () => ({
      initStream: deriveStream(1, 'i'),
      batchStream: deriveStream(1, 'b'),
      noiseStream: deriveStream(1, 'n'),
    });
    const first = trainHeterogeneousMnist({ ...options, ...streams() });
    const second = trainHeterogeneousMnist({ ...options, ...streams() });
    expect(first).toEqual(second);
    expect(first.diverged).toBe(false);
    expect(first.curve.at(-1)!.trainLoss).toBeLessThan(first.curve[0].trainLoss);
  });
  it('uses every image of a node in a full-batch step, so the minibatch stream plays no part', () => {
    const run = (batchKey: string) =>
      trainHeterogeneousMnist({
        algorithm: 'signsgd',
        lr: 0.01,
        steps: 3,
        batch: 'full',
        dataset: 'digits-10k',
        split: 'two-class',
        imagesPerNode: 20,
        every: 3,
        initStream: deriveStream(4, 'i'),
        batchStream: deriveStream(4, batchKey),
        noiseStream: deriveStream(4, 'n'),
      });
    expect(run('first')).toEqual(run('second'));
  });
  it.each(['one-class', 'two-class', 'homogeneous'] as const)(
    'deals the same images to the 10 nodes in the %s split',
    (split) => {
      const N = 40;
      const { nodes, train } = mnistNodeData('test', 'digits-10k', split, N);
      expect(nodes.map((node) => node.images.length)).toEqual(Array(10).fill(N));
      expect(new Set(nodes.flatMap((node) => node.images))).toEqual(new Set(train.images));
      expect(train.images.length).toBe(10 * N);
      const classes = nodes.map((node) => [...new Set(node.labels)].sort((a, b) => a - b));
      if (split === 'one-class') expect(classes).toEqual(classes.map((_, k) => [k]));
      if (split === 'two-class')
        expect(classes).toEqual(classes.map((_, k) => [k, (k + 1) % 10].sort((a, b) => a - b)));
      if (split === 'homogeneous')
        for (const node of nodes)
          for (let digit = 0; digit < 10; digit++)
            expect(node.labels.filter((label) => label === digit).length).toBe(N / 10);
    },
  );
  it.each([
    ['imagesPerNode', { imagesPerNode: 15 }],
    ['imagesPerNode', { imagesPerNode: 1e6 }],
    ['batch', { batch: 0 }],
    ['split', { split: 'heterogeneous' }],
    ['dataset', { dataset: 'cifar' }],
    ['algorithm', { algorithm: 'mediansgd2' }],
    ['lr', { lr: Number.NaN }],
    ['steps', { steps: 0 }],
    ['every', { every: 1.5 }],
  ])('rejects a bad %s with an error naming it (%o)', (parameter, override) => {
    const options = {
      algorithm: 'sgd' as const,
      lr: 0.1,
      steps: 1,
      batch: 'full' as const,
      dataset: 'digits-10k' as const,
      split: 'one-class' as const,
      imagesPerNode: 20,
      every: 1,
      initStream: deriveStream(1, 'i'),
      batchStream: deriveStream(1, 'b'),
      noiseStream: deriveStream(1, 'n'),
      ...override,
    } as Parameters<typeof trainHeterogeneousMnist>[0];
    expect(() => trainHeterogeneousMnist(options)).toThrow(new RegExp(`trainHeterogeneousMnist.*${parameter}`));
  });
});
/** The textbook forward and backward passes, dense, in the same summation order. */
function denseLossAndGradient(theta: Float64Array, images: readonly Float64Array[], labels: readonly number[]) {
  const [W1, B1, W2, B2] = [0, INPUTS * HIDDEN, INPUTS * HIDDEN + HIDDEN, INPUTS * HIDDEN + HIDDEN + HIDDEN * CLASSES];
  const gradient = new Float64Array(PARAMETERS);
  let loss = 0;
  for (const [b, x] of images.entries()) {
    const hidden = Array.from({ length: HIDDEN }, (_, h) => theta[B1 + h]);
    for (let i = 0; i < INPUTS; i++)
      for (let h = 0; h < HIDDEN; h++) if (x[i] !== 0) hidden[h] += x[i] * theta[W1 + i * HIDDEN + h];
    for (let h = 0; h < HIDDEN; h++) hidden[h] = Math.max(hidden[h], 0);
    const logits = Array.from({ length: CLASSES }, (_, c) =>
      hidden.reduce((z, value, h) => z + value * theta[W2 + h * CLASSES + c], theta[B2 + c]),
    );
    const top = Math.max(...logits);
    const logNormaliser = top + Math.log(logits.reduce((sum, z) => sum + Math.exp(z - top), 0));
    loss += logNormaliser - logits[labels[b]];
    const dLogits = logits.map((z, c) => (Math.exp(z - logNormaliser) - (c === labels[b] ? 1 : 0)) / images.length);
    const dHidden = hidden.map((value, h) =>
      value === 0 ? 0 : dLogits.reduce((back, d, c) => back + theta[W2 + h * CLASSES + c] * d, 0),
    );
    for (let h = 0; h < HIDDEN; h++)
      for (let c = 0; c < CLASSES; c++) if (hidden[h] !== 0) gradient[W2 + h * CLASSES + c] += hidden[h] * dLogits[c];
    for (let c = 0; c < CLASSES; c++) gradient[B2 + c] += dLogits[c];
    for (let h = 0; h < HIDDEN; h++) gradient[B1 + h] += dHidden[h];
    for (let i = 0; i < INPUTS; i++)
      for (let h = 0; h < HIDDEN; h++) if (x[i] !== 0) gradient[W1 + i * HIDDEN + h] += x[i] * dHidden[h];
  }
  return { loss: loss / images.length, gradient };
}

describe('aggregateStep', () => {
  const vectors = [
    [1, -2, 0.5],
    [3, -1, -4],
    [-5, 4, 2],
  ];
  it('is the mean for SGD, the majority vote for the SIGNSGD family and the median for the MEDIANSGD family', () => {
    expect(aggregateStep('sgd', vectors)).toEqual(mean(vectors));
    for (const name of ['signsgd', 'noisy-signsgd'] as const)
      expect(aggregateStep(name, vectors)).toEqual(majorityVote(vectors));
    for (const name of ['mediansgd', 'noisy-mediansgd'] as const)
      expect(aggregateStep(name, vectors)).toEqual(median(vectors));
  });
  it('rejects an unknown algorithm, naming it', () => {
    expect(() => aggregateStep('trimmed' as never, vectors)).toThrow(/aggregateStep.*`algorithm`.*trimmed/);
  });
});
