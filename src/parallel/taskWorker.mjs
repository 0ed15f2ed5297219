// Piscina worker for the task pool: Node 20's module hooks do not reach worker threads, so the
// TypeScript task registry is loaded here through tsx's tsImport.
import { tsImport } from 'tsx/esm/api';

const { tasks } = await tsImport('./tasks.ts', import.meta.url);

export default function run({ name, args }) {
  return tasks[name](...args);
}
