// Piscina worker for `npm run calibrate`: runs one (group, seed) task. Node 20's module hooks do
// not reach worker threads, so the TypeScript sources are loaded through tsx's tsImport.
import { tsImport } from 'tsx/esm/api';

const { calibrationGroups } = await tsImport('./calibrationGroups.ts', import.meta.url);
const groups = new Map();

export default function run({ group, seed, seeds, claimSeeds }) {
  const key = `${seeds}/${claimSeeds}`;
  if (!groups.has(key)) groups.set(key, new Map(calibrationGroups(seeds, claimSeeds).map((g) => [g.id, g])));
  return groups.get(key).get(group).run(seed);
}
