import { runAlgorithm, type RunTrace } from '../algorithms/runAlgorithm.ts';
import type { AlgorithmName } from '../algorithms/algorithmNames.ts';
import type { Problem } from '../problems/Problem.ts';
import type { RandomStream } from '../rng/RandomStream.ts';

export interface ReplicatedStatistic {
  readonly mean: number;
  readonly standardError: number;
  readonly runs: number;
}

/**
 * Runs `runs` independent replicates of an algorithm (replicate r draws its noise from
 * stream(r)) and averages a per-run statistic of the trace, with its standard error across runs.
 */
export function replicatedRuns(
  options: {
    algorithm: AlgorithmName;
    problem: Problem;
    steps: number;
    lr: number;
    b?: number;
    noise?: string;
    x0?: ArrayLike<number>;
    batch?: number;
    observe?: (t: number, x: Float64Array, gradient: Float64Array) => void;
  },
  runs: number,
  stream: (replicate: number) => RandomStream,
  statistic: (trace: RunTrace) => number,
  batchStream?: (replicate: number) => RandomStream,
): ReplicatedStatistic {
  const values: number[] = [];
  for (let r = 0; r < runs; r++)
    values.push(
      statistic(
        runAlgorithm({
          ...options,
          stream: stream(r),
          batchStream: options.batch === undefined ? undefined : batchStream?.(r),
        }),
      ),
    );
  const mean = values.reduce((s, v) => s + v, 0) / runs;
  const variance = runs > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (runs - 1) : 0;
  return { mean, standardError: Math.sqrt(variance / runs), runs };
}
