// npx tsx scripts/monte-carlo-stages.ts: where a Monte Carlo block's time goes, in ns per noisy
// value, for the bench's estimators (u_i = (i mod 5) − 2, b = 2, Gaussian noise): the block
// kernels' ziggurat filling a chunk, their median or vote kernel on it as the block calls it (with
// the statistics' sum, the previous chunk's deviation pass and, for the median, the window that
// the block's first 100 000 medians give), and the whole block
// (runMonteCarloBlock); the rest of the block is the glue between them. The last column times the
// median's kernel without the window (the network alone), which the window replaces from M = 45. Each stage is timed alone
// over about 4e7 values on one thread, after a warm-up. docs/performance.md reads these numbers
// against the bench's 2.5× target.
import { medianWindow, runMonteCarloBlock } from '../src/estimators/monteCarloBlock.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { blockKernels, KERNEL_CAPACITY } from '../src/wasm/blockKernels.ts';

const VALUES = 4e7;
const kernels = blockKernels();
if (kernels === null) {
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

const CASES = [
  ['median', 3],
  ['median', 11],
  ['median', 101],
  ['vote', 11],
] as const;
const ns = (x: number) => x.toFixed(2);

const rows = [
  '| statistic, M | sampler | kernel | whole block | rest | block throughput | kernel without the window |',
  '|---|---|---|---|---|---|---|',
];
for (const [statistic, M] of CASES) {
  const u = Array.from({ length: M }, (_, i) => (i % 5) - 2);
  const replicates = Math.floor(KERNEL_CAPACITY / M);
  const values = replicates * M;
  const stream = deriveStream(1, 'monte-carlo-stages', statistic, M);
  const sampler = nsPerValue(values, () => kernels.fillNormals(stream, values));
  const size = Math.floor(VALUES / M);
  const task = { u, b: 2, noise: 'gaussian', statistic, seed: 1, block: 0, size };
  const [low, high] = medianWindow(runMonteCarloBlock({ ...task, size: 100_000 }), M);
  kernels.prepare(Float64Array.from(u), statistic);
  const kernel = nsPerValue(values, () =>
    statistic === 'median'
      ? kernels.medians(2, replicates, replicates, 0.5, low, high)
      : kernels.votes(2, replicates, replicates, 0.5),
  );
  const block = nsPerValue(size * M, () => runMonteCarloBlock(task));
  const withoutWindow =
    statistic === 'median' ? ns(nsPerValue(values, () => kernels.medians(2, replicates, replicates, 0.5))) : '—';
  rows.push(
    `| ${statistic}, ${M} | ${ns(sampler)} | ${ns(kernel)} | ${ns(block)} | ${ns(block - sampler - kernel)} | ${(1e3 / block).toFixed(0)} M/s | ${withoutWindow} |`,
  );
}
process.stdout.write(`ns per noisy value, one thread:\n\n${rows.join('\n')}\n`);
