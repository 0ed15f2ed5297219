import { describe, expect, it } from 'vitest';
import { deriveStream } from '../src/index.ts';
import { trainHeterogeneousMnist } from '../src/problems/heterogeneousMnist.ts';
import { loadDigits } from '../src/problems/mnistDigits.ts';
import { initialParameters, lossAndGradient, PARAMETERS } from '../src/problems/twoLayerNetwork.ts';

describe('784-128-10 network', () => {
  it('has a gradient that matches central finite differences', () => {
    const digits = loadDigits();
    const images = [digits[3].train[0], digits[7].train[1], digits[0].train[2]];
    const labels = [3, 7, 0];
    const theta = initialParameters(deriveStream(2, 'init'));
    const gradient = new Float64Array(PARAMETERS);
    lossAndGradient(theta, images, labels, gradient);
    // Check the entries with the largest gradients in each block (W1, b1, W2, b2).
    const blocks = [[0, 784 * 128], [784 * 128, 784 * 128 + 128], [784 * 128 + 128, PARAMETERS - 10], [PARAMETERS - 10, PARAMETERS]];
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
  it('splits each digit class 80/20 and loads about 10,000 images', () => {
    const digits = loadDigits();
    const total = digits.reduce((sum, set) => sum + set.train.length + set.test.length, 0);
    expect(total).toBeGreaterThan(9000);
    for (const set of digits) expect(set.train.length / (set.train.length + set.test.length)).toBeCloseTo(0.8, 2);
  });
  it('trains reproducibly from its streams, and SGD lowers the loss', () => {
    const options = { algorithm: 'sgd' as const, lr: 0.1, steps: 10, batch: 4, split: 'heterogeneous' as const, every: 10 };
    const streams = () => ({ initStream: deriveStream(1, 'i'), batchStream: deriveStream(1, 'b'), noiseStream: deriveStream(1, 'n') });
    const first = trainHeterogeneousMnist({ ...options, ...streams() });
    const second = trainHeterogeneousMnist({ ...options, ...streams() });
    expect(first).toEqual(second);
    expect(first.at(-1)!.trainLoss).toBeLessThan(first[0].trainLoss);
  });
});
