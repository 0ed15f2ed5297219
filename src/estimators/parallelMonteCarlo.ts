import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray, requireInteger, requirePositive } from '../errors/validate.ts';
import { createTaskPool, type TaskRunner } from '../parallel/TaskRunner.ts';
import { estimatorTaskModule, type EstimatorTasks } from './estimatorTasks.ts';
import { combineBlocks, runMonteCarloBlock, type MonteCarloBlockTask } from './monteCarloBlock.ts';

/** Replicates per block: large enough to amortise messaging, small enough to balance 2–8 workers. */
export const BLOCK_SIZE = 1 << 16;

export interface ParallelMonteCarloOptions {
  readonly u: readonly number[];
  readonly b: number;
  readonly noise?: string;
  readonly statistic?: 'median' | 'vote';
  readonly samples: number;
  readonly seed: number;
  /** Worker threads (1 runs in-process, without a pool, unless `pool` is given). */
  readonly workers: number;
  /** An existing runner or pool to reuse (its size overrides `workers`). */
  readonly pool?: TaskRunner<Pick<EstimatorTasks, 'monteCarloBlock'>>;
}

/**
 * Monte Carlo mean and variance of the noisy median (or vote), split into fixed blocks of
 * BLOCK_SIZE replicates keyed by (seed, block index) and combined in block order: the result is
 * bit-identical for any number of workers.
 */
export async function parallelMonteCarlo(
  options: ParallelMonteCarloOptions,
): Promise<ReturnType<typeof combineBlocks>> {
  const api = 'parallelMonteCarlo';
  const u = Array.from(requireFiniteArray(api, 'u', options.u));
  const statistic = options.statistic ?? 'median';
  if (statistic !== 'median' && statistic !== 'vote')
    throw new MedmeanError(api, 'statistic', 'median or vote', statistic);
  if (statistic === 'median' && u.length % 2 === 0)
    throw new MedmeanError(api, 'u', 'an odd number of values for the median', options.u);
  const b = requirePositive(api, 'b', options.b);
  const samples = requireInteger(api, 'samples', options.samples, 2, 1e11);
  const seed = requireInteger(api, 'seed', options.seed, 0);
  const workers = requireInteger(api, 'workers', options.workers, 1, 64);
  const tasks: MonteCarloBlockTask[] = [];
  for (let block = 0, done = 0; done < samples; block++) {
    const size = Math.min(BLOCK_SIZE, samples - done);
    tasks.push({ u, b, noise: options.noise ?? 'gaussian', statistic, seed, block, size });
    done += size;
  }
  if (workers === 1 && options.pool === undefined) return combineBlocks(tasks.map((task) => runMonteCarloBlock(task)));
  if (options.pool !== undefined)
    return combineBlocks(
      await options.pool.map(
        'monteCarloBlock',
        tasks.map((task) => [task] as [MonteCarloBlockTask]),
      ),
    );
  const pool = createTaskPool(estimatorTaskModule, workers);
  try {
    return combineBlocks(
      await pool.map(
        'monteCarloBlock',
        tasks.map((task) => [task] as [MonteCarloBlockTask]),
      ),
    );
  } finally {
    await pool.destroy();
  }
}
