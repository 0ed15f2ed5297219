import { gaussian } from '../distributions/gaussian.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import { deriveStream, type RandomStream } from '../rng/RandomStream.ts';
import { noisyMedians, noisyVotes } from './noisyStatisticKernels.ts';
import { BlockKernels, blockKernels, KERNEL_CAPACITY } from '../wasm/blockKernels.ts';

/** Values of a row that the median's window is meant to hold (the kernels select among at most 32). */
const WINDOW_VALUES = 22;

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
 * worker in any order. Hot loop on preallocated memory, no allocation per replicate.
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
  const kernels = kernelChoice === 'auto' && BlockKernels.supports(task.statistic, M) ? blockKernels() : null;
  if (kernels !== null) return runOnBlockKernels(kernels, task, family, stream, u, chunkReplicates);
  const draws = new Float64Array(chunkReplicates * M);
  const values = new Float64Array(chunkReplicates);
  const kernel = task.statistic === 'median' ? noisyMedians : noisyVotes;
  let summary: BlockSummary = { count: 0, mean: 0, m2: 0 };
  for (let done = 0; done < task.size; ) {
    const replicates = Math.min(chunkReplicates, task.size - done);
    family.sample(stream, draws);
    kernel(draws, u, task.b, values, replicates);
    summary = mergeSummaries(summary, summarise(values, replicates));
    done += replicates;
  }
  return summary;
}

/**
 * The loop above on the WebAssembly kernels, with its bits: Gaussian draws straight into the
 * kernels' memory, and summarise's two passes fused into the kernels. Each kernel returns the sum
 * of its chunk's statistics in row order; the deviations of chunk c are summed by the kernel of
 * chunk c + 1 (or, for the last chunk, by a pass of their own); merged in chunk order.
 */
function runOnBlockKernels(
  kernels: BlockKernels,
  task: MonteCarloBlockTask,
  family: NoiseFamily,
  stream: RandomStream,
  u: Float64Array,
  chunkReplicates: number,
): BlockSummary {
  kernels.prepare(u, task.statistic);
  const draws = kernels.draws.subarray(0, chunkReplicates * u.length);
  // gaussian.sample fills bulk draws with the ziggurat, which the kernels run themselves (a chunk
  // holds at least 4097 draws, above the 64 from which gaussian.sample takes the ziggurat).
  const inKernels = family === gaussian;
  let summary: BlockSummary = { count: 0, mean: 0, m2: 0 };
  let pendingCount = 0;
  let pendingMean = 0;
  for (let done = 0; done < task.size; ) {
    const replicates = Math.min(chunkReplicates, task.size - done);
    if (inKernels) kernels.fillNormals(stream, draws.length);
    else family.sample(stream, draws);
    const sum =
      task.statistic === 'median'
        ? kernels.medians(task.b, replicates, pendingCount, pendingMean, ...medianWindow(summary, u.length))
        : kernels.votes(task.b, replicates, pendingCount, pendingMean);
    if (pendingCount > 0)
      summary = mergeSummaries(summary, { count: pendingCount, mean: pendingMean, m2: kernels.previousDeviations });
    pendingCount = replicates;
    pendingMean = sum / replicates;
    done += replicates;
  }
  if (pendingCount === 0) return summary;
  const m2 = kernels.squaredDeviations(pendingCount, pendingMean);
  return mergeSummaries(summary, { count: pendingCount, mean: pendingMean, m2 });
}

/**
 * Where the next medians of M values should fall, from the summary of those so far: mean ± z·sd,
 * which holds at most about z·√M of a row's values (the median's sd is √(Σ F_i(1 − F_i)) / Σ f_i,
 * at most √M / (2 Σ f_i)), so about WINDOW_VALUES, and misses a row's median with probability
 * about 2(1 − Φ(z)): 3% at M = 101. NaN before two medians. Any window gives the same medians
 * (the kernels check it); a good one gives them sooner.
 */
export function medianWindow(summary: BlockSummary, M: number): [number, number] {
  if (summary.count < 2) return [Number.NaN, Number.NaN];
  const z = Math.min(4, WINDOW_VALUES / Math.sqrt(M));
  const sd = Math.sqrt(summary.m2 / (summary.count - 1));
  return [summary.mean - z * sd, summary.mean + z * sd];
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
