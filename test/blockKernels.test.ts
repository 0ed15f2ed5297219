// The block kernels must give the bits of the TypeScript references: the ziggurat's draws, and
// runMonteCarloBlock's summaries on the TypeScript kernels (noisyMedians, noisyVotes, summarise).
import { describe, expect, it, vi } from 'vitest';
import { fillStandardNormalZiggurat, ZIGGURAT_TAIL_START } from '../src/distributions/ziggurat.ts';
import { runMonteCarloBlock } from '../src/estimators/monteCarloBlock.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { blockKernels, KERNEL_CAPACITY, MAX_NETWORK_M } from '../src/wasm/blockKernels.ts';
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
        const expected = fillStandardNormalZiggurat(reference, new Float64Array(n), 'typescript');
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

  it("fill other callers' arrays without touching the block's draws", () => {
    const kernels = blockKernels()!;
    kernels.fillNormals(deriveStream(testSeed(), 'block-draws'), KERNEL_CAPACITY);
    const before = Float64Array.from(kernels.draws);
    // A fill of more than a chunk, as a noise family drawing Gaussians of its own would make.
    const n = 2 * KERNEL_CAPACITY + 5;
    const drawn = fillStandardNormalZiggurat(deriveStream(testSeed(), 'other-caller'), new Float64Array(n));
    expect(differingPositions(kernels.draws, before)).toEqual([]);
    const reference = fillStandardNormalZiggurat(
      deriveStream(testSeed(), 'other-caller'),
      new Float64Array(n),
      'typescript',
    );
    expect(differingPositions(drawn, reference)).toEqual([]);
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

describe("the block kernels' window selection (M ≥ 45)", () => {
  /** The medians of the prepared rows with the network alone, then with the window [low, high]. */
  function mediansBothWays(M: number, low: number, high: number) {
    const kernels = blockKernels()!;
    const stream = deriveStream(testSeed(), 'window', M);
    const u = Float64Array.from({ length: M }, () => stream.next() * 4 - 2);
    kernels.prepare(u, 'median');
    const rows = Math.floor(KERNEL_CAPACITY / M);
    kernels.fillNormals(stream, rows * M);
    const networkSum = kernels.medians(0.9, rows);
    const network = Array.from(kernels.values.subarray(0, rows));
    const windowSum = kernels.medians(0.9, rows, 0, 0, low, high);
    return {
      network,
      networkSum,
      window: Array.from(kernels.values.subarray(0, rows)),
      windowSum,
      misses: kernels.windowMisses,
      rows,
    };
  }

  it('gives the network medians for any window: a good one, one too narrow, one beside the medians, one wider than 32 values, one empty', () => {
    for (const M of [45, 101, 255]) {
      const { network } = mediansBothWays(M, Number.NaN, Number.NaN);
      const sorted = [...network].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))];
      const windows: Array<[string, number, number, (misses: number, rows: number) => boolean]> = [
        ['the medians’ 2%–98% range', q(0.02), q(0.98), (misses, rows) => misses < rows / 4],
        ['their 45%–55% range', q(0.45), q(0.55), (misses, rows) => misses > rows / 4 && misses < rows],
        [
          'above every median',
          sorted[sorted.length - 1] + 1,
          sorted[sorted.length - 1] + 2,
          (misses, rows) => misses === rows,
        ],
        ['all of the line', -Infinity, Infinity, (misses, rows) => misses === rows],
        ['one point', q(0.5), q(0.5), (misses, rows) => misses >= rows - 1],
      ];
      for (const [name, low, high, expectedMisses] of windows) {
        const both = mediansBothWays(M, low, high);
        expect(both.window, `M = ${M}, ${name}`).toEqual(both.network);
        expect(both.windowSum, `M = ${M}, ${name}`).toBe(both.networkSum);
        expect(
          expectedMisses(both.misses, both.rows),
          `M = ${M}, ${name}: ${both.misses} of ${both.rows} rows missed`,
        ).toBe(true);
      }
    }
  });

  it('runs only from M = 45, and only with a window', () => {
    expect(mediansBothWays(43, -1, 1).misses).toBe(-1);
    expect(mediansBothWays(45, Number.NaN, Number.NaN).misses).toBe(-1);
    expect(mediansBothWays(45, -1, 1).misses).toBeGreaterThanOrEqual(0);
  });
});
