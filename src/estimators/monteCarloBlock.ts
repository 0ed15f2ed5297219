import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import { noisyMedians, noisyVotes } from './noisyStatisticKernels.ts';
import { KERNEL_CAPACITY, MonteCarloKernels, monteCarloKernels } from '../wasm/monteCarloKernels.ts';

/** Draws per chunk; the WebAssembly kernels hold one chunk (KERNEL_CAPACITY values). */
const CHUNK_VALUES = KERNEL_CAPACITY;

/** One block of a Monte Carlo estimate: its size, mean and sum of squared deviations. */
export interface BlockSummary {
  readonly count: number;
  readonly mean: number;
  /** Σ (x − mean)² over the block. */
  readonly m2: number;
}

export interface MonteCarloBlockTask {
  readonly u: readonly number[];
  readonly b: number;
  readonly noise: string;
  /** 'median' (odd M) or 'vote' (sign(Σ sign(u_i + b·ξ_i))). */
  readonly statistic: 'median' | 'vote';
  readonly seed: number;
  readonly block: number;
  readonly size: number;
}

/**
 * Replicates `size` draws of the statistic of u_i + b·ξ_i with the stream derived from
 * (seed, 'mc-block', block): a block's result depends on its key alone, so blocks can run on any
 * worker in any order. Hot loop on preallocated typed arrays, no allocation per replicate.
 * `kernelChoice` 'typescript' skips the WebAssembly kernels (for tests and benchmarks: same values).
 */
export function runMonteCarloBlock(
  task: MonteCarloBlockTask,
  kernelChoice: 'auto' | 'typescript' = 'auto',
): BlockSummary {
  const family = resolveNoiseFamily(task.noise, 'runMonteCarloBlock', 'noise');
  const stream = deriveStream(task.seed, 'mc-block', task.statistic, task.block);
  const M = task.u.length;
  const u = Float64Array.from(task.u);
  // Noise is drawn in chunks of whole replicates, so bulk samplers (the ziggurat) amortise their set-up.
  const chunkReplicates = Math.max(1, Math.floor(CHUNK_VALUES / M));
  // The WebAssembly kernels where they serve (M), else the TypeScript ones: the same values.
  const kernels = kernelChoice === 'auto' && MonteCarloKernels.supports(task.statistic, M) ? monteCarloKernels() : null;
  kernels?.prepare(u, task.statistic);
  const draws =
    kernels !== null ? kernels.draws.subarray(0, chunkReplicates * M) : new Float64Array(chunkReplicates * M);
  const values = kernels !== null ? kernels.values : new Float64Array(chunkReplicates);
  const kernel = task.statistic === 'median' ? noisyMedians : noisyVotes;
  let summary: BlockSummary = { count: 0, mean: 0, m2: 0 };
  for (let done = 0; done < task.size; ) {
    const replicates = Math.min(chunkReplicates, task.size - done);
    family.sample(stream, draws);
    if (kernels === null) kernel(draws, u, task.b, values, replicates);
    else if (task.statistic === 'median') kernels.medians(task.b, replicates);
    else kernels.votes(task.b, replicates);
    summary = mergeSummaries(summary, summarise(values, replicates));
    done += replicates;
  }
  return summary;
}

/** Mean and Σ (x − mean)² of values[0…n), by two passes (exact enough, and no division per value). */
function summarise(values: Float64Array, n: number): BlockSummary {
  let sum = 0;
  for (let r = 0; r < n; r++) sum += values[r];
  const mean = sum / n;
  let m2 = 0;
  for (let r = 0; r < n; r++) {
    const d = values[r] - mean;
    m2 += d * d;
  }
  return { count: n, mean, m2 };
}

/** Chan et al.'s pairwise update of (count, mean, m2). */
function mergeSummaries(a: BlockSummary, b: BlockSummary): BlockSummary {
  if (a.count === 0) return b;
  const count = a.count + b.count;
  const delta = b.mean - a.mean;
  return {
    count,
    mean: a.mean + (delta * b.count) / count,
    m2: a.m2 + b.m2 + (delta * delta * a.count * b.count) / count,
  };
}

/** Chan et al.'s pairwise combination, applied in block order so the result is the same on any worker count. */
export function combineBlocks(blocks: readonly BlockSummary[]): {
  count: number;
  mean: number;
  variance: number;
  meanStandardError: number;
} {
  const { count, mean, m2 } = blocks.reduce(mergeSummaries, { count: 0, mean: 0, m2: 0 });
  const variance = m2 / (count - 1);
  return { count, mean, variance, meanStandardError: Math.sqrt(variance / count) };
}
