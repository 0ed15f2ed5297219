import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import { CandidateKernels, candidateKernels } from '../wasm/candidateKernels.ts';
import { KERNEL_CAPACITY } from '../wasm/monteCarloKernels.ts';
import { type BlockSummary, type MonteCarloBlockTask, runMonteCarloBlock } from './monteCarloBlock.ts';

/**
 * runMonteCarloBlock on the candidate kernels (src/wasm/candidateKernels.ts), with the same
 * result bit for bit (test/candidateKernels.test.ts): Gaussian draws straight into the kernels'
 * memory, slow path included, then the statistic there. Staged for the switch that re-runs the
 * calibration; the bench times it beside runMonteCarloBlock. Where the candidate kernels do not
 * serve the task (M, or no WebAssembly SIMD), it is runMonteCarloBlock.
 */
export function runCandidateMonteCarloBlock(task: MonteCarloBlockTask): BlockSummary {
  const family = resolveNoiseFamily(task.noise, 'runCandidateMonteCarloBlock', 'noise');
  const M = task.u.length;
  const kernels = CandidateKernels.supports(task.statistic, M) ? candidateKernels() : null;
  if (kernels === null) return runMonteCarloBlock(task);
  const stream = deriveStream(task.seed, 'mc-block', task.statistic, task.block);
  kernels.prepare(Float64Array.from(task.u), task.statistic);
  const chunkReplicates = Math.max(1, Math.floor(KERNEL_CAPACITY / M));
  const draws = kernels.draws.subarray(0, chunkReplicates * M);
  // The Gaussian family fills bulk draws with the ziggurat, which the kernels run themselves (a
  // chunk holds at least 4097 draws, above the 64 from which gaussian.sample takes the ziggurat).
  const inKernels = family.name === 'gaussian';
  let summary: BlockSummary = { count: 0, mean: 0, m2: 0 };
  // runMonteCarloBlock's two passes per chunk: the sum comes from the kernel, the deviations from
  // the kernel of the next chunk (or, for the last, a pass of their own); merged in chunk order.
  let pendingCount = 0;
  let pendingMean = 0;
  for (let done = 0; done < task.size; ) {
    const replicates = Math.min(chunkReplicates, task.size - done);
    if (inKernels) kernels.fillNormals(stream, draws.length);
    else family.sample(stream, draws);
    const sum =
      task.statistic === 'median'
        ? kernels.medians(task.b, replicates, pendingCount, pendingMean)
        : kernels.votes(task.b, replicates, pendingCount, pendingMean);
    if (pendingCount > 0)
      summary = mergeSummaries(summary, { count: pendingCount, mean: pendingMean, m2: kernels.previousDeviations });
    pendingCount = replicates;
    pendingMean = sum / replicates;
    done += replicates;
  }
  if (pendingCount > 0)
    summary = mergeSummaries(summary, {
      count: pendingCount,
      mean: pendingMean,
      m2: kernels.squaredDeviations(pendingCount, pendingMean),
    });
  return summary;
}

// monteCarloBlock.ts's merge, in the same order of operations (the same bits); it moves there
// with the switch.
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
