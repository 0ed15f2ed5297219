import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, parallelMonteCarlo } from '../src/estimators/parallelMonteCarlo.ts';
import { testSeed } from './helpers/testSeed.ts';

describe('parallelMonteCarlo', () => {
  it('gives bit-identical results on 1, 2 and 5 workers (more workers than its 4 blocks)', async () => {
    const options = { u: [0, 1, 5], b: 2, samples: 3 * BLOCK_SIZE + 123, seed: testSeed() };
    const one = await parallelMonteCarlo({ ...options, workers: 1 });
    const two = await parallelMonteCarlo({ ...options, workers: 2 });
    const five = await parallelMonteCarlo({ ...options, workers: 5 });
    expect(two).toEqual(one);
    expect(five).toEqual(one);
    expect(one.count).toBe(options.samples);
  });
  it('rejects bad options with typed errors', async () => {
    await expect(parallelMonteCarlo({ u: [0, 1], b: 1, samples: 10, seed: 1, workers: 1 })).rejects.toThrow(
      /`u` must be an odd number/,
    );
    await expect(parallelMonteCarlo({ u: [0, 1, 5], b: 1, samples: 10, seed: 1, workers: 0 })).rejects.toThrow(
      /`workers`/,
    );
  });
});
