import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { noisyMedianMoments, type NoisyMedianMoments } from './noisyMedianMoments.ts';

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

/** Computes the exact moments of the noisy median for every (family, u, b). */
export function noiseScaleSweep(families: readonly NoiseFamily[], uSets: ReadonlyArray<{ label: string; u: readonly number[] }>, bs: readonly number[]): SweepCell[] {
  const cells: SweepCell[] = [];
  for (const family of families) {
    for (const { label, u } of uSets) {
      const uBar = u.reduce((s, v) => s + v, 0) / u.length;
      cells.push({
        family,
        uLabel: label,
        u,
        M: u.length,
        p3: u.reduce((s, v) => s + (v - uBar) ** 3, 0),
        spread: Math.max(...u.map((v) => Math.abs(v - uBar))),
        points: bs.map((b) => ({ b, moments: noisyMedianMoments(u, b, family) })),
      });
    }
  }
  return cells;
}
