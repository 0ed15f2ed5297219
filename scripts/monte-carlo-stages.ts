// npx tsx scripts/monte-carlo-stages.ts: where a Monte Carlo block's time goes, in ns per noisy
// value, for the bench's estimators (u_i = (i mod 5) − 2, b = 2, Gaussian noise): the ziggurat
// filling a chunk, the WebAssembly median or vote kernel on it, and the whole block
// (runMonteCarloBlock); the rest of the block is the running summary and the glue between them.
// Each stage is timed alone over about 4e7 values on one thread, after a warm-up. docs/performance.md
// reads these numbers against the bench's 2.5× target. A second table times the same stages on the
// candidate kernels (src/wasm/candidateKernels.ts), whose kernels also sum their values (the
// summary's first pass) and run the previous chunk's second pass.
import { fillStandardNormalZiggurat } from '../src/distributions/ziggurat.ts';
import { runCandidateMonteCarloBlock } from '../src/estimators/candidateMonteCarloBlock.ts';
import { runMonteCarloBlock } from '../src/estimators/monteCarloBlock.ts';
import { candidateKernels } from '../src/wasm/candidateKernels.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { KERNEL_CAPACITY, monteCarloKernels } from '../src/wasm/monteCarloKernels.ts';

const VALUES = 4e7;
const kernels = monteCarloKernels();
const candidates = candidateKernels();
if (kernels === null || candidates === null) {
  process.stderr.write('WebAssembly SIMD is not available here: the kernels cannot be timed\n');
  process.exit(1);
}

/** ns per value of `work`, which handles `values` values per call. */
function nsPerValue(values: number, work: () => void): number {
  for (let k = 0; k < 20; k++) work();
  const calls = Math.ceil(VALUES / values);
  const start = performance.now();
  for (let k = 0; k < calls; k++) work();
  return ((performance.now() - start) * 1e6) / (calls * values);
}

const HEADER = [
  '| statistic, M | sampler | kernel | whole block | rest | block throughput |',
  '|---|---|---|---|---|---|',
];
const CASES = [
  ['median', 3],
  ['median', 11],
  ['median', 101],
  ['vote', 11],
] as const;
const ns = (x: number) => x.toFixed(2);
const row = (label: string, sampler: number, kernel: number, block: number) =>
  `| ${label} | ${ns(sampler)} | ${ns(kernel)} | ${ns(block)} | ${ns(block - sampler - kernel)} | ${(1e3 / block).toFixed(0)} M/s |`;

const rows: string[] = [...HEADER];
const candidateRows: string[] = [...HEADER];
for (const [statistic, M] of CASES) {
  const u = Array.from({ length: M }, (_, i) => (i % 5) - 2);
  const replicates = Math.floor(KERNEL_CAPACITY / M);
  const values = replicates * M;
  const size = Math.floor(VALUES / M);
  const task = { u, b: 2, noise: 'gaussian', statistic, seed: 1, block: 0, size };

  const draws = kernels.draws.subarray(0, values);
  const stream = deriveStream(1, 'monte-carlo-stages', statistic, M);
  const sampler = nsPerValue(values, () => fillStandardNormalZiggurat(stream, draws));
  kernels.prepare(Float64Array.from(u), statistic);
  const kernel = nsPerValue(values, () =>
    statistic === 'median' ? kernels.medians(2, replicates) : kernels.votes(2, replicates),
  );
  rows.push(
    row(
      `${statistic}, ${M}`,
      sampler,
      kernel,
      nsPerValue(size * M, () => runMonteCarloBlock(task)),
    ),
  );

  const candidateStream = deriveStream(1, 'monte-carlo-stages', statistic, M);
  const candidateSampler = nsPerValue(values, () => candidates.fillNormals(candidateStream, values));
  candidates.prepare(Float64Array.from(u), statistic);
  // As the block calls it: with the previous chunk's deviation pass (fused for M ≤ 25).
  const candidateKernel = nsPerValue(values, () =>
    statistic === 'median'
      ? candidates.medians(2, replicates, replicates, 0.5)
      : candidates.votes(2, replicates, replicates, 0.5),
  );
  const candidateBlock = nsPerValue(size * M, () => runCandidateMonteCarloBlock(task));
  candidateRows.push(row(`${statistic}, ${M}`, candidateSampler, candidateKernel, candidateBlock));
}
process.stdout.write(
  `ns per noisy value, one thread:\n\n${rows.join('\n')}\n\n` +
    `The candidate kernels (kernel: the statistic, its sum and the previous chunk's deviation pass):\n\n${candidateRows.join('\n')}\n`,
);
