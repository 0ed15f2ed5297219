import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireInteger } from '../errors/validate.ts';
import { rebuildTransportedError } from './transportedError.ts';

// biome-ignore lint/suspicious/noExplicitAny: a task table holds functions of any signature.
type AnyTask = (...args: any[]) => unknown;

/** Named pure tasks: plain data in, plain data out, so that they can cross thread boundaries. */
export type TaskTable = Readonly<Record<string, AnyTask>>;

/**
 * A task table and the module that exports it as `tasks`: pool workers load that module by path,
 * so the runner itself knows nothing of the application.
 */
export interface TaskModule<T extends TaskTable> {
  readonly tasks: T;
  /** Absolute path of the module that exports `tasks`. */
  readonly file: string;
}

/** Declares the task module of a file: `taskModule(tasks, import.meta.url)`. */
export function taskModule<T extends TaskTable>(tasks: T, moduleUrl: string): TaskModule<T> {
  return { tasks, file: fileURLToPath(moduleUrl) };
}

/**
 * Runs many independent tasks of one kind and returns their results in input order, on this
 * thread or on a worker pool: the results do not depend on which.
 */
export interface TaskRunner<T extends TaskTable> {
  readonly workers: number;
  map<K extends keyof T & string>(
    name: K,
    inputs: ReadonlyArray<Parameters<T[K]>>,
  ): Promise<Array<Awaited<ReturnType<T[K]>>>>;
}

/** A runner with worker threads; destroy it when done (start-up is ~0.5 s per worker). */
export interface TaskPool<T extends TaskTable> extends TaskRunner<T> {
  destroy(): Promise<void>;
}

/** Runs every task on the calling thread, in order. */
export function inlineRunner<T extends TaskTable>(tasks: T): TaskRunner<T> {
  return {
    workers: 1,
    async map(name, inputs) {
      const task = tasks[name];
      if (typeof task !== 'function')
        throw new MedmeanError('TaskRunner.map', 'name', `one of ${Object.keys(tasks).join(', ')}`, name);
      const results: unknown[] = [];
      // One after another, as a single thread would.
      for (const args of inputs) results.push(await task(...(args as unknown[])));
      return results as never;
    },
  };
}

/** piscina's entry: CommonJS, so that its require() never loads an ES module (poolEntry.cjs says why). */
const poolEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'poolEntry.cjs');

export function createTaskPool<T extends TaskTable>(module: TaskModule<T>, workers: number): TaskPool<T> {
  requireInteger('createTaskPool', 'workers', workers, 1, 256);
  const pool = new Piscina({ filename: poolEntry, minThreads: workers, maxThreads: workers });
  return {
    workers,
    async map(name, inputs) {
      if (typeof module.tasks[name] !== 'function')
        throw new MedmeanError('TaskPool.map', 'name', `one of ${Object.keys(module.tasks).join(', ')}`, name);
      // Every task settles before the first failure (by input order) is thrown: destroying the
      // pool with tasks in flight made their late replies crash the process, and which error
      // surfaced depended on timing.
      const settled = await Promise.allSettled(inputs.map((args) => pool.run({ file: module.file, name, args })));
      const failure = settled.find((outcome) => outcome.status === 'rejected');
      if (failure !== undefined) throw rebuildTransportedError(failure.reason);
      return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as never;
    },
    destroy: () => pool.destroy(),
  };
}

/**
 * Runs `work` with a runner of `workers` threads over `module`'s tasks (inline for 1) and
 * destroys the pool afterwards, whether `work` succeeds or throws.
 */
export async function withTaskRunner<T extends TaskTable, R>(
  module: TaskModule<T>,
  workers: number,
  work: (runner: TaskRunner<T>) => Promise<R>,
): Promise<R> {
  requireInteger('withTaskRunner', 'workers', workers, 1, 256);
  if (workers === 1) return work(inlineRunner(module.tasks));
  const pool = createTaskPool(module, workers);
  try {
    return await work(pool);
  } finally {
    await pool.destroy();
  }
}
