import { taskModule } from '../../src/parallel/TaskRunner.ts';
import { calibrationGroups, type CalibrationGroup, type SeedOutcome } from './calibrationGroups.ts';

const groupsBySize = new Map<string, Map<string, CalibrationGroup>>();

/** `npm run calibrate`'s pool: one (group, seed) run per task. */
export const tasks = {
  runSeed: (group: string, seed: number, seeds: number, claimSeeds: number): Promise<SeedOutcome[]> => {
    const key = `${seeds}/${claimSeeds}`;
    if (!groupsBySize.has(key))
      groupsBySize.set(key, new Map(calibrationGroups(seeds, claimSeeds).map((g) => [g.id, g])));
    const found = groupsBySize.get(key)!.get(group);
    if (found === undefined) throw new Error(`no calibration group ${group}`);
    return found.run(seed);
  },
};

export const calibrationTaskModule = taskModule(tasks, import.meta.url);
