import { fillStandardNormalZiggurat } from '../distributions/ziggurat.ts';
import { runCandidateMonteCarloBlock } from '../estimators/candidateMonteCarloBlock.ts';
import { runMonteCarloBlock, type MonteCarloBlockTask } from '../estimators/monteCarloBlock.ts';
import { parallelMonteCarlo } from '../estimators/parallelMonteCarlo.ts';
import { taskModule } from '../parallel/TaskRunner.ts';
import { bestSeconds } from './bestSeconds.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import { candidateKernels } from '../wasm/candidateKernels.ts';
import { KERNEL_CAPACITY } from '../wasm/monteCarloKernels.ts';

/**
 * One Monte Carlo block, with the WebAssembly kernels ('auto'), the TypeScript ones, or the
 * candidate kernels the estimators do not use yet (the same results).
 */
const timeMonteCarloBlock = (task: MonteCarloBlockTask, kernels: BenchKernels, repeats: number) =>
  bestSeconds(repeats, () =>
    kernels === 'candidate' ? runCandidateMonteCarloBlock(task) : runMonteCarloBlock(task, kernels),
  );

/** Which kernels a bench row times. */
export type BenchKernels = 'auto' | 'typescript' | 'candidate';

/**
 * The sampler alone, as the estimators draw: `chunks` fills of a chunk of KERNEL_CAPACITY values
 * (it stays in cache), each seeding its generator from the stream. One large buffer would add
 * cache misses the estimators never pay, and understate the limit. `kernels` 'candidate' draws
 * the same values with the candidate kernels; NaN where they did not load.
 */
const timeSampler = (round: number, chunks: number, repeats: number, kernels: 'auto' | 'candidate' = 'auto') => {
  const candidates = kernels === 'candidate' ? candidateKernels() : null;
  if (kernels === 'candidate' && candidates === null) return Number.NaN;
  const chunk = new Float64Array(KERNEL_CAPACITY);
  return bestSeconds(repeats, () => {
    const stream = deriveStream(1, 'bench-limit', round);
    for (let k = 0; k < chunks; k++)
      if (candidates === null) fillStandardNormalZiggurat(stream, chunk);
      else candidates.fillNormals(stream, KERNEL_CAPACITY);
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
 * WebAssembly rows and the sampler in one new thread, the TypeScript rows in another, the
 * candidate rows and their sampler in a third, and the throughputs are the best over the rounds.
 */
export const tasks = { timeMonteCarloBlock, timeSampler, timeInlineParallel };

export const benchTaskModule = taskModule(tasks, import.meta.url);
