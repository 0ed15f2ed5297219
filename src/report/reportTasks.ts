import { MedmeanError } from '../errors/MedmeanError.ts';
import { taskModule } from '../parallel/TaskRunner.ts';
import type { ClaimId, ClaimInputs, Preset } from '../theorems/Claim.ts';
import { tasks as claimTasks } from '../theorems/claimTasks.ts';
import { claims } from '../theorems/claims.ts';
import { createVerifyContext } from '../theorems/verifyContext.ts';

/** The report's pool: the claims' tasks, and a whole claim on one thread. */
export const tasks = {
  ...claimTasks,
  /** A whole claim at (seed, preset), on one thread: for claims whose work is one long sequential run. */
  verifyClaim: async (id: ClaimId, seed: number, preset: Preset, inputs: ClaimInputs = {}) => {
    const claim = claims.find((candidate) => candidate.id === id);
    if (claim === undefined) throw new MedmeanError('verifyClaim', 'id', 'an implemented claim id', id);
    return claim.verify(createVerifyContext(seed, id, preset, undefined, inputs));
  },
};

export type ReportTasks = typeof tasks;
export const reportTaskModule = taskModule(tasks, import.meta.url);
