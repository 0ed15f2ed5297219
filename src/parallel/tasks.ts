import { getNoiseFamily } from '../distributions/noiseFamilies.ts';
import { runMonteCarloBlock } from '../estimators/monteCarloBlock.ts';
import { monteCarloMedianMoments } from '../estimators/monteCarloMedianMoments.ts';
import { noisyMedianMoments } from '../estimators/noisyMedianMoments.ts';
import { sampledNoisyMedian } from '../estimators/sampledNoisyMedian.ts';
import { stationaryGaps } from '../estimators/stationaryGap.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { trainHeterogeneousMnist, type MnistRunOptions } from '../problems/heterogeneousMnist.ts';
import { deriveStream, type KeyPart } from '../rng/RandomStream.ts';
import type { ClaimId, Preset } from '../theorems/Claim.ts';

/**
 * The pure computations that sweeps hand to worker threads. Arguments and results are plain
 * data (noise families by name, streams by seed and key), so a task gives the same result on
 * any thread, and a sweep the same result on any number of workers.
 */
export const tasks = {
  exactMoments: (u: readonly number[], b: number, noise: string) => noisyMedianMoments(u, b, noise),
  sampledNoisyMedian: (sets: ReadonlyArray<readonly number[]>, b: number, noise: string) => sampledNoisyMedian(sets, b, getNoiseFamily(noise)),
  stationaryGaps: (a: readonly number[], b: number, noise: string) => stationaryGaps(a, b, getNoiseFamily(noise)),
  monteCarloMoments: (u: readonly number[], b: number, noise: string, samples: number, seed: number, key: readonly KeyPart[]) =>
    monteCarloMedianMoments(u, b, noise, samples, deriveStream(seed, ...key)),
  monteCarloBlock: runMonteCarloBlock,
  /** One MNIST training run; its streams are given by their keys (seed first). */
  mnistTraining: (options: Omit<MnistRunOptions, 'initStream' | 'batchStream' | 'noiseStream'>, keys: { readonly init: readonly KeyPart[]; readonly batches: readonly KeyPart[]; readonly noise: readonly KeyPart[] }) =>
    trainHeterogeneousMnist({
      ...options,
      initStream: deriveStream(keys.init[0], ...keys.init.slice(1)),
      batchStream: deriveStream(keys.batches[0], ...keys.batches.slice(1)),
      noiseStream: deriveStream(keys.noise[0], ...keys.noise.slice(1)),
    }),
  /** A whole claim at (seed, preset), on one thread: for claims whose work is one long sequential run. */
  verifyClaim: async (id: ClaimId, seed: number, preset: Preset) => {
    // Imported when called: the claims themselves import the task runner.
    const { claims } = await import('../theorems/claims.ts');
    const { createVerifyContext } = await import('../theorems/verifyContext.ts');
    const claim = claims.find((candidate) => candidate.id === id);
    if (claim === undefined) throw new MedmeanError('verifyClaim', 'id', 'an implemented claim id', id);
    return claim.verify(createVerifyContext(seed, id, preset));
  },
};

export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
