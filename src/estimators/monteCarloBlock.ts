import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import { selectKth } from './selectKth.ts';

const CHUNK_VALUES = 8192;

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
 */
export function runMonteCarloBlock(task: MonteCarloBlockTask): BlockSummary {
  const family = resolveNoiseFamily(task.noise, 'runMonteCarloBlock', 'noise');
  const stream = deriveStream(task.seed, 'mc-block', task.statistic, task.block);
  const M = task.u.length;
  const u = Float64Array.from(task.u);
  const noise = new Float64Array(M);
  // Noise is drawn in chunks of whole replicates, so bulk samplers (the ziggurat) amortise their set-up.
  const chunkReplicates = Math.max(1, Math.floor(CHUNK_VALUES / M));
  const chunk = new Float64Array(chunkReplicates * M);
  let offset = chunk.length;
  const middle = (M - 1) >> 1;
  let mean = 0;
  let m2 = 0;
  for (let r = 0; r < task.size; r++) {
    if (offset === chunk.length) {
      family.sample(stream, chunk);
      offset = 0;
    }
    for (let i = 0; i < M; i++) noise[i] = chunk[offset + i];
    offset += M;
    let value: number;
    if (task.statistic === 'median') {
      for (let i = 0; i < M; i++) noise[i] = u[i] + task.b * noise[i];
      value = selectKth(noise, middle);
    } else {
      let votes = 0;
      for (let i = 0; i < M; i++) {
        const x = u[i] + task.b * noise[i];
        votes += x > 0 ? 1 : x < 0 ? -1 : 0;
      }
      value = votes > 0 ? 1 : votes < 0 ? -1 : 0;
    }
    const delta = value - mean;
    mean += delta / (r + 1);
    m2 += delta * (value - mean);
  }
  return { count: task.size, mean, m2 };
}

/** Chan et al.'s pairwise combination, applied in block order so the result is the same on any worker count. */
export function combineBlocks(blocks: readonly BlockSummary[]): { count: number; mean: number; variance: number; meanStandardError: number } {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (const block of blocks) {
    const total = count + block.count;
    const delta = block.mean - mean;
    mean += (delta * block.count) / total;
    m2 += block.m2 + (delta * delta * count * block.count) / total;
    count = total;
  }
  const variance = m2 / (count - 1);
  return { count, mean, variance, meanStandardError: Math.sqrt(variance / count) };
}
