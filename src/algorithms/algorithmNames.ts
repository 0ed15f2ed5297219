/** The five distributed algorithms, by their CLI names. */
export const algorithmNames = ['sgd', 'signsgd', 'mediansgd', 'noisy-signsgd', 'noisy-mediansgd'] as const;
export type AlgorithmName = (typeof algorithmNames)[number];

/** Whether the algorithm adds b·ξ to each local gradient. */
export function isNoisy(name: AlgorithmName): boolean {
  return name === 'noisy-signsgd' || name === 'noisy-mediansgd';
}
