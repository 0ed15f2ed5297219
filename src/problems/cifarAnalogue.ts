/** Placeholder until the trainer lands. */
export function cifarTrainingTask(options: unknown, keys: unknown): unknown {
  return { options, keys };
}
