import { runMonteCarloBlock, type MonteCarloBlockTask } from '../estimators/monteCarloBlock.ts';
import { taskModule } from '../parallel/TaskRunner.ts';

/** Best of `repeats` wall-clock timings of one Monte Carlo block, in seconds. */
function timeMonteCarloBlock(task: MonteCarloBlockTask, kernels: 'auto' | 'typescript', repeats: number): number {
  let fastest = Infinity;
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    runMonteCarloBlock(task, kernels);
    fastest = Math.min(fastest, (performance.now() - start) / 1000);
  }
  return fastest;
}

/**
 * The bench's timings that run in a thread of their own: the TypeScript-kernel rows, so that the
 * JIT's feedback from their loops never reaches the code the WebAssembly rows run on the main
 * thread (in one thread, timing both kinds alternately moved the WebAssembly median at M = 3
 * between 140 and 200 M/s, depending on what had run before).
 */
export const tasks = { timeMonteCarloBlock };

export const benchTaskModule = taskModule(tasks, import.meta.url);
