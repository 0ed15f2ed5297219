import { tasks as estimatorTasks } from '../estimators/estimatorTasks.ts';
import { taskModule } from '../parallel/TaskRunner.ts';
import { networkTasks } from './networkTasks.ts';

/** The tasks a claim's verify may spread over context.parallel: the estimators, and network training. */
export const tasks = { ...estimatorTasks, ...networkTasks };

export type ClaimTasks = typeof tasks;
export const claimTaskModule = taskModule(tasks, import.meta.url);
