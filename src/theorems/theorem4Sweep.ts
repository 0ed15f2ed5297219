import { noiseFamilies } from '../distributions/noiseFamilies.ts';
import { noiseScaleSweep, type SweepCell } from '../estimators/noiseScaleSweep.ts';
import { fitLogLogSlope, type SlopeFit } from '../estimators/fitLogLogSlope.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import type { Preset } from './Claim.ts';
import { inlineRunner, type TaskRunner } from '../parallel/TaskRunner.ts';
import { tasks as estimatorTasks, type EstimatorTasks } from '../estimators/estimatorTasks.ts';

type SweepRunner = TaskRunner<Pick<EstimatorTasks, 'exactMoments'>>;

/** b = 2^k for k in [lowest, highest]: the sweep's noise scales (at least 10 octaves). */
export function octaves(lowest: number, highest: number): number[] {
  return Array.from({ length: highest - lowest + 1 }, (_, i) => 2 ** (lowest + i));
}

/** Where rates are fitted: b ≥ 16, the asymptotic range for |u_i − ū| ≲ 5. */
export const ASYMPTOTIC_B = 16;
/** A measured exponent "at or below" a claimed one allows this much fit-range curvature. */
export const EXPONENT_TOLERANCE = 0.05;

export interface Theorem4Sweep {
  readonly bs: readonly number[];
  readonly cells: readonly SweepCell[];
  readonly uSets: ReadonlyArray<{ label: string; u: readonly number[] }>;
}

const cache = new Map<string, Promise<Theorem4Sweep>>();

/**
 * The sweep shared by thm4a-bias, thm4a-variance and thm4b-symmetry: every noise family, u =
 * (0, 1, 5) and random u for M ∈ {3, 5, 11, 51} (u_i uniform on [−3, 3], 3 decimals, from the
 * seed), b over 14 octaves (2^-3 … 2^10). Computed once per (seed, preset); the points are
 * spread over `runner`'s workers.
 */
export function theorem4Sweep(
  seed: number,
  preset: Preset,
  runner: SweepRunner = inlineRunner(estimatorTasks),
): Promise<Theorem4Sweep> {
  const key = `${seed}/${preset}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const sweep = computeSweep(seed, preset, runner);
  cache.set(key, sweep);
  // A failed computation is not cached.
  sweep.catch(() => cache.delete(key));
  return sweep;
}

async function computeSweep(seed: number, preset: Preset, runner: SweepRunner): Promise<Theorem4Sweep> {
  const sizes = preset === 'quick' ? [3, 5] : preset === 'full' ? [3, 5, 11, 51, 101] : [3, 5, 11, 51];
  const perSize = preset === 'quick' ? 1 : 2;
  const uSets: Array<{ label: string; u: number[] }> = [{ label: 'u = (0, 1, 5)', u: [0, 1, 5] }];
  for (const M of sizes) {
    for (let r = 0; r < perSize; r++) {
      const stream = deriveStream(seed, 'thm4-sweep', 'u', M, r);
      const u = Array.from({ length: M }, () => Math.round((stream.next() * 6 - 3) * 1000) / 1000);
      uSets.push({ label: `random u, M = ${M} (#${r + 1})`, u });
    }
  }
  const bs = preset === 'full' ? octaves(-3, 12) : octaves(-3, 10);
  return { bs, uSets, cells: await noiseScaleSweep(noiseFamilies, uSets, bs, runner) };
}

/** A rate fit over the asymptotic range, skipping values at the numerical floor. */
export interface RateFit {
  readonly fit?: SlopeFit;
  /** Points used, and points dropped because |value| ≤ 20 × its error bound. */
  readonly used: number;
  readonly belowFloor: number;
}

export function fitRate(
  cell: SweepCell,
  value: (m: SweepCell['points'][number]['moments']) => number,
  error: (m: SweepCell['points'][number]['moments']) => number,
): RateFit {
  const xs: number[] = [];
  const ys: number[] = [];
  let belowFloor = 0;
  for (const { b, moments } of cell.points) {
    if (b < ASYMPTOTIC_B) continue;
    const y = value(moments);
    if (!(Math.abs(y) > 20 * error(moments))) {
      belowFloor++;
      continue;
    }
    xs.push(b);
    ys.push(y);
  }
  return { fit: xs.length >= 4 ? fitLogLogSlope(xs, ys) : undefined, used: xs.length, belowFloor };
}
