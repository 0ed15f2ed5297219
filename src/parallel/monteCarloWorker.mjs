// Piscina worker: Node 20's module hooks do not reach worker threads, so the TypeScript block
// runner is loaded here through tsx's tsImport.
import { tsImport } from 'tsx/esm/api';

const { runMonteCarloBlock } = await tsImport('../estimators/monteCarloBlock.ts', import.meta.url);

export default function run(task) {
  return runMonteCarloBlock(task);
}
