import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireInteger } from '../errors/validate.ts';
import { tasks, type TaskName, type Tasks } from './tasks.ts';

/**
 * Runs many independent tasks of one kind and returns their results in input order, on this
 * thread or on a worker pool: the results do not depend on which.
 */
export interface TaskRunner {
  readonly workers: number;
  map<K extends TaskName>(name: K, inputs: ReadonlyArray<Parameters<Tasks[K]>>): Promise<Array<Awaited<ReturnType<Tasks[K]>>>>;
}

/** A runner with worker threads; destroy it when done (start-up is ~0.5 s per worker). */
export interface TaskPool extends TaskRunner {
  destroy(): Promise<void>;
}

type AnyTask = (...args: unknown[]) => unknown;

/** Runs every task on the calling thread, in order. */
export const inlineRunner: TaskRunner = {
  workers: 1,
  async map(name, inputs) {
    const task = tasks[name] as AnyTask;
    const results: unknown[] = [];
    // One after another, as a single thread would.
    for (const args of inputs) results.push(await task(...(args as unknown[])));
    return results as never;
  },
};

const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'taskWorker.mjs');

export function createTaskPool(workers: number): TaskPool {
  requireInteger('createTaskPool', 'workers', workers, 1, 256);
  const pool = new Piscina({ filename: workerFile, minThreads: workers, maxThreads: workers });
  return {
    workers,
    async map(name, inputs) {
      if (!(name in tasks)) throw new MedmeanError('TaskPool.map', 'name', `one of ${Object.keys(tasks).join(', ')}`, name);
      return (await Promise.all(inputs.map((args) => pool.run({ name, args })))) as never;
    },
    destroy: () => pool.destroy(),
  };
}

/**
 * Runs `work` with a runner of `workers` threads (inline for 1) and destroys the pool afterwards,
 * whether `work` succeeds or throws.
 */
export async function withTaskRunner<T>(workers: number, work: (runner: TaskRunner) => Promise<T>): Promise<T> {
  requireInteger('withTaskRunner', 'workers', workers, 1, 256);
  if (workers === 1) return work(inlineRunner);
  const pool = createTaskPool(workers);
  try {
    return await work(pool);
  } finally {
    await pool.destroy();
  }
}
