// The block kernels must give the bits of the TypeScript references: the ziggurat's draws, and
// runMonteCarloBlock's summaries on the TypeScript kernels (noisyMedians, noisyVotes, summarise).
import { describe, expect, it, vi } from 'vitest';
import { fillStandardNormalZiggurat, ZIGGURAT_TAIL_START } from '../src/distributions/ziggurat.ts';
import { runMonteCarloBlock } from '../src/estimators/monteCarloBlock.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { blockKernels } from '../src/wasm/blockKernels.ts';
import { KERNEL_CAPACITY, MAX_NETWORK_M } from '../src/wasm/monteCarloKernels.ts';
import { testSeed } from './helpers/testSeed.ts';

/** Positions where two arrays differ in any bit (Object.is: −0 and +0 differ, NaN equals NaN). */
function differingPositions(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const positions: number[] = [];
  if (a.length !== b.length) return [-1];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) positions.push(i);
  return positions;
}

describe('block kernels', () => {
  it('load on this Node (SIMD available), so the tests below exercise them', () => {
    expect(blockKernels()).not.toBeNull();
  });

  it("draw the ziggurat's normals bit for bit, slow path and tail included, fill after fill", () => {
    const kernels = blockKernels()!;
    const seed = testSeed();
    let tail = 0;
    let compared = 0;
    // Lengths below, at and across the window of 1024 and a whole chunk; five fills per stream.
    for (const n of [1, 63, 64, 1023, 1024, 1025, 5000, KERNEL_CAPACITY]) {
      const reference = deriveStream(seed, 'block-normals', n);
      const inKernels = deriveStream(seed, 'block-normals', n);
      for (let fill = 0; fill < 5; fill++) {
        const expected = fillStandardNormalZiggurat(reference, new Float64Array(n));
        kernels.fillNormals(inKernels, n);
        expect(differingPositions(kernels.draws.subarray(0, n), expected), `n = ${n}, fill ${fill}`).toEqual([]);
        for (const x of expected) if (Math.abs(x) > ZIGGURAT_TAIL_START) tail++;
        compared += n;
      }
    }
    // P(|x| > R) = 2.6e-4: about 20 tail draws among the 82 000 compared; none at all is below 1e-8.
    expect(compared).toBeGreaterThan(80_000);
    expect(tail).toBeGreaterThan(0);
  });

  it("give runMonteCarloBlock's summaries on the TypeScript kernels, bit for bit, for every M they serve", () => {
    const seed = testSeed();
    const cases: Array<{ statistic: 'median' | 'vote'; M: number }> = [
      ...[1, 3, 5, 7, 11, 13, 25, 27, 51, 101, MAX_NETWORK_M, MAX_NETWORK_M + 2].map((M) => ({
        statistic: 'median' as const,
        M,
      })),
      ...[1, 2, 3, 11, 12, 25, 26, 100, 257].map((M) => ({ statistic: 'vote' as const, M })),
    ];
    for (const { statistic, M } of cases) {
      const stream = deriveStream(seed, 'block-u', statistic, M);
      const u = Array.from({ length: M }, () => Math.round((stream.next() * 6 - 3) * 100) / 100);
      const chunk = Math.max(1, Math.floor(KERNEL_CAPACITY / M));
      for (const noise of ['gaussian', 'laplace']) {
        // One partial chunk, whole chunks, and a partial last chunk with an odd number of rows in
        // it (the deviation pass of each chunk runs in the next chunk's kernel, the last's alone).
        for (const size of [7, 2 * chunk, 3 * chunk + 7]) {
          const task = { u, b: 0.7, noise, statistic, seed, block: 3, size };
          expect(runMonteCarloBlock(task), `${statistic} M = ${M} ${noise} size ${size}`).toEqual(
            runMonteCarloBlock(task, 'typescript'),
          );
        }
      }
    }
  });

  it('give the same bits at the edges: signed zeros and ties (b below the smallest subnormal step), infinities (b near the largest double)', () => {
    const seed = testSeed();
    const cases: Array<{ statistic: 'median' | 'vote'; M: number }> = [
      ...[1, 3, 5, 11, 27].map((M) => ({ statistic: 'median' as const, M })),
      ...[2, 11, 30].map((M) => ({ statistic: 'vote' as const, M })),
    ];
    for (const { statistic, M } of cases) {
      const u = Array.from({ length: M }, (_, i) => [0, -0, 1, -1][i % 4]);
      for (const b of [5e-324, 1e308]) {
        const task = {
          u,
          b,
          noise: 'gaussian',
          statistic,
          seed,
          block: 0,
          size: 2 * Math.floor(KERNEL_CAPACITY / M) + 3,
        };
        expect(runMonteCarloBlock(task), `${statistic} M = ${M} b = ${b}`).toEqual(
          runMonteCarloBlock(task, 'typescript'),
        );
      }
    }
  });

  it('the comparisons have power: one ulp in one draw, or another block, is a difference', () => {
    const expected = fillStandardNormalZiggurat(deriveStream(1, 'power'), new Float64Array(100));
    const nudged = Float64Array.from(expected);
    nudged[57] = nudged[57] + Math.abs(nudged[57]) * Number.EPSILON;
    expect(differingPositions(nudged, expected)).toEqual([57]);
    const task = {
      u: [0, 1, 5],
      b: 0.7,
      noise: 'gaussian',
      statistic: 'median' as const,
      seed: 1,
      block: 0,
      size: 5000,
    };
    expect(runMonteCarloBlock({ ...task, block: 1 })).not.toEqual(runMonteCarloBlock(task, 'typescript'));
  });

  it('are what runMonteCarloBlock runs (else the comparisons above would compare the references with themselves)', () => {
    const kernels = blockKernels()!;
    const medians = vi.spyOn(kernels, 'medians');
    const votes = vi.spyOn(kernels, 'votes');
    const fills = vi.spyOn(kernels, 'fillNormals');
    try {
      const task = { u: [0, 1, 5], b: 0.7, noise: 'gaussian', seed: 1, block: 0, size: 5000 };
      runMonteCarloBlock({ ...task, statistic: 'median' });
      runMonteCarloBlock({ ...task, statistic: 'vote' });
      runMonteCarloBlock({ ...task, statistic: 'vote' }, 'typescript');
      // 5000 replicates of M = 3 are two chunks of at most 2730 each: two calls a statistic.
      expect([medians.mock.calls.length, votes.mock.calls.length, fills.mock.calls.length]).toEqual([2, 2, 4]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
