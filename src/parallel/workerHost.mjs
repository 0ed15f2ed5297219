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
  return tasks[name](...args);
}
