// The one worker-thread entry of medmean: the task pools of the report, the bench and the
// calibration (piscina), and medmean check's aggregator worker.
import { isMainThread, workerData } from 'node:worker_threads';
import { loadModule } from './loadModule.mjs';

// A plain worker (new Worker(host, { workerData: { medmeanEntry } })) runs its entry module.
if (!isMainThread && typeof workerData?.medmeanEntry === 'string') await loadModule(workerData.medmeanEntry);

const taskModules = new Map();

/** A pool task names the module whose `tasks` table holds it: { file, name, args }. */
export default async function run({ file, name, args }) {
  if (!taskModules.has(file)) taskModules.set(file, loadModule(file));
  const { tasks } = await taskModules.get(file);
  try {
    return await tasks[name](...args);
  } catch (error) {
    // Cloning to the main thread keeps an Error's message but not its class, so medmean's typed
    // errors (bad input: exit 2; a missing optional dependency: exit 2, naming it) travel as data
    // that the pool turns back into their classes (src/parallel/transportedError.ts).
    if (TYPED_ERRORS.has(error?.name)) {
      throw {
        transportedError: { name: error.name, message: error.message, stack: error.stack, fields: { ...error } },
      };
    }
    throw error;
  }
}

const TYPED_ERRORS = new Set(['MedmeanError', 'MissingOptionalDependencyError']);
