import { tasks as estimatorTasks } from '../estimators/estimatorTasks.ts';
import { taskModule } from '../parallel/TaskRunner.ts';
import { trainHeterogeneousMnist, type MnistRunOptions } from '../problems/heterogeneousMnist.ts';
import { deriveStream, type KeyPart } from '../rng/RandomStream.ts';

/** The tasks a claim's verify may spread over context.parallel: the estimators, and MNIST training. */
export const tasks = {
  ...estimatorTasks,
  /** One MNIST training run; its streams are given by their keys (seed first). */
  mnistTraining: (
    options: Omit<MnistRunOptions, 'initStream' | 'batchStream' | 'noiseStream'>,
    keys: {
      readonly init: readonly KeyPart[];
      readonly batches: readonly KeyPart[];
      readonly noise: readonly KeyPart[];
    },
  ) =>
    trainHeterogeneousMnist({
      ...options,
      initStream: deriveStream(keys.init[0], ...keys.init.slice(1)),
      batchStream: deriveStream(keys.batches[0], ...keys.batches.slice(1)),
      noiseStream: deriveStream(keys.noise[0], ...keys.noise.slice(1)),
    }),
};

export type ClaimTasks = typeof tasks;
export const claimTaskModule = taskModule(tasks, import.meta.url);
