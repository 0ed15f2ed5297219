import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import type { NoisyMedianMoments } from './noisyMedianMoments.ts';
import { inlineRunner, type TaskRunner } from '../parallel/TaskRunner.ts';
import { tasks as estimatorTasks, type EstimatorTasks } from './estimatorTasks.ts';

/** One (noise family, u) cell of a sweep over the noise scale b. */
export interface SweepCell {
  readonly family: NoiseFamily;
  readonly uLabel: string;
  readonly u: readonly number[];
  readonly M: number;
  /** p3 = Σ(u_i − ū)³, the third central sum that sets the leading bias coefficient. */
  readonly p3: number;
  /** max_i |u_i − ū|. */
  readonly spread: number;
  readonly points: ReadonlyArray<{ readonly b: number; readonly moments: NoisyMedianMoments }>;
}

/**
 * Computes the exact moments of the noisy median for every (family, u, b). The points are
 * independent, so `runner` may spread them over worker threads; the cells come back in order.
 */
export async function noiseScaleSweep(
  families: readonly NoiseFamily[],
  uSets: ReadonlyArray<{ label: string; u: readonly number[] }>,
  bs: readonly number[],
  runner: TaskRunner<Pick<EstimatorTasks, 'exactMoments'>> = inlineRunner(estimatorTasks),
): Promise<SweepCell[]> {
  const grid = families.flatMap((family) => uSets.map(({ label, u }) => ({ family, label, u })));
  const moments = await runner.map(
    'exactMoments',
    grid.flatMap(({ family, u }) => bs.map((b) => [u, b, family.name] as [readonly number[], number, string])),
  );
  return grid.map(({ family, label, u }, cellIndex) => {
    const uBar = u.reduce((s, v) => s + v, 0) / u.length;
    return {
      family,
      uLabel: label,
      u,
      M: u.length,
      p3: u.reduce((s, v) => s + (v - uBar) ** 3, 0),
      spread: Math.max(...u.map((v) => Math.abs(v - uBar))),
      points: bs.map((b, i) => ({ b, moments: moments[cellIndex * bs.length + i] })),
    };
  });
}
