import { getNoiseFamily } from '../distributions/noiseFamilies.ts';
import { taskModule } from '../parallel/TaskRunner.ts';
import { deriveStream, type KeyPart } from '../rng/RandomStream.ts';
import { runMonteCarloBlock } from './monteCarloBlock.ts';
import { monteCarloMedianMoments } from './monteCarloMedianMoments.ts';
import { noisyMedianMoments } from './noisyMedianMoments.ts';
import { sampledNoisyMedian } from './sampledNoisyMedian.ts';
import { stationaryGaps } from './stationaryGap.ts';

/**
 * The estimators that sweeps hand to worker threads. Arguments and results are plain data (noise
 * families by name, streams by seed and key), so a task gives the same result on any thread, and
 * a sweep the same result on any number of workers.
 */
export const tasks = {
  exactMoments: (u: readonly number[], b: number, noise: string) => noisyMedianMoments(u, b, noise),
  sampledNoisyMedian: (sets: ReadonlyArray<readonly number[]>, b: number, noise: string) =>
    sampledNoisyMedian(sets, b, getNoiseFamily(noise)),
  stationaryGaps: (a: readonly number[], b: number, noise: string) => stationaryGaps(a, b, getNoiseFamily(noise)),
  monteCarloMoments: (
    u: readonly number[],
    b: number,
    noise: string,
    samples: number,
    seed: number,
    key: readonly KeyPart[],
  ) => monteCarloMedianMoments(u, b, noise, samples, deriveStream(seed, ...key)),
  monteCarloBlock: runMonteCarloBlock,
};

export type EstimatorTasks = typeof tasks;
export const estimatorTaskModule = taskModule(tasks, import.meta.url);
