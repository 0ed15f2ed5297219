import { fillStandardNormalZiggurat } from '../distributions/ziggurat.ts';
import { runMonteCarloBlock, type MonteCarloBlockTask } from '../estimators/monteCarloBlock.ts';
import { parallelMonteCarlo } from '../estimators/parallelMonteCarlo.ts';
import { taskModule } from '../parallel/TaskRunner.ts';
import { bestSeconds } from './bestSeconds.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import { blockKernels, KERNEL_CAPACITY } from '../wasm/blockKernels.ts';

/** One Monte Carlo block, with the WebAssembly kernels ('auto') or the TypeScript ones (the same results). */
const timeMonteCarloBlock = (task: MonteCarloBlockTask, kernels: BenchKernels, repeats: number) =>
  bestSeconds(repeats, () => runMonteCarloBlock(task, kernels));

/** Which kernels a bench row times. */
export type BenchKernels = 'auto' | 'typescript';

/**
 * The sampler alone, as the estimators draw: `chunks` fills of a chunk of KERNEL_CAPACITY values
 * (it stays in cache), each seeding its generator from the stream, by the block kernels (where
 * WebAssembly SIMD is missing, by fillStandardNormalZiggurat, as runMonteCarloBlock then draws).
 * One large buffer would add cache misses the estimators never pay, and understate the limit.
 */
const timeSampler = (round: number, chunks: number, repeats: number) => {
  const kernels = blockKernels();
  const chunk = new Float64Array(KERNEL_CAPACITY);
  return bestSeconds(repeats, () => {
    const stream = deriveStream(1, 'bench-limit', round);
    for (let k = 0; k < chunks; k++)
      if (kernels === null) fillStandardNormalZiggurat(stream, chunk);
      else kernels.fillNormals(stream, KERNEL_CAPACITY);
  });
};

/** parallelMonteCarlo with workers: 1, its blocks run inline on this thread (no pool). */
const timeInlineParallel = (task: Omit<Parameters<typeof parallelMonteCarlo>[0], 'workers'>, repeats: number) =>
  bestSeconds(repeats, () => parallelMonteCarlo({ ...task, workers: 1 }));

/**
 * The bench's timings, each run in a fresh thread of its own. The same code runs at different
 * speeds in different isolates, as the JIT happens to compile it (the median at M = 11 held 117 M/s
 * through every round of one bench on the main thread, against 186–192 in others), and code
 * timed in one thread feeds the JIT what the next timing runs on (the TypeScript-kernel rows
 * moved the WebAssembly median at M = 3 from about 160 to 140 M/s): so every round times the
 * WebAssembly rows and the sampler in one new thread, the TypeScript rows in another, and the
 * throughputs are the best over the rounds.
 */
export const tasks = { timeMonteCarloBlock, timeSampler, timeInlineParallel };

export const benchTaskModule = taskModule(tasks, import.meta.url);
