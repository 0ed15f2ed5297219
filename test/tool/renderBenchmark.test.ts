import { describe, expect, it } from 'vitest';
import { renderBenchmark } from '../../src/bench/renderBenchmark.ts';
import type { BenchReport } from '../../src/bench/runBenchmark.ts';

const report = (
  ratios: Array<[number, [number, number]] | null>,
  speedup: number,
  kernels: 'auto' | 'typescript' = 'auto',
): BenchReport => ({
  results: ratios.map((entry, index) => ({
    name: `median, M = ${index}`,
    kernels,
    medmeanPerSec: 1e8,
    numpyPerSec: entry === null ? null : 1e8 / entry[0],
    ratio: entry === null ? null : entry[0],
    ratioRange: entry === null ? null : entry[1],
  })),
  numpy: 'NumPy 2, single thread',
  rounds: 3,
  parallel: {
    inProcessPerSec: 1e8,
    workers1PerSec: 1e8,
    workers2PerSec: speedup * 1e8,
    speedup,
    speedupOverInProcess: speedup,
  },
  exactEngine: [],
  generators: [{ name: 'normal: ziggurat on xoshiro256++ (bulk fills)', perSec: 2e8 }],
  samplerPerSec: 2e8,
  numpyNormalsPerSec: 5e7,
  numpyNormalsFormulation: 'Generator(SFC64).standard_normal(out=...) into one buffer of 2^22',
  quadrature: [
    {
      u: [0, 1, 5],
      b: 4,
      medmeanSeconds: 0.01,
      scipySeconds: 0.02,
      mpmathSeconds: 10,
      medmeanError: 1e-15,
      scipyError: 1e-13,
    },
  ],
  quadratureStatus: 'test',
});

describe('bench report', () => {
  it('judges the targets from the measured ratios: best round and every round, and the 2-worker speed-up', () => {
    const markdown = renderBenchmark(
      report(
        [
          [3, [2.6, 3.1]],
          [2.7, [2.2, 2.8]],
          [2, [1.9, 2.1]],
        ],
        1.9,
      ),
      'test machine',
    );
    expect(markdown).toContain(
      'Targets: ratio ≥ 2.5 for the WebAssembly rows: 2 of 3 on the best round, 1 of 3 in every round (short: median, M = 2 needs 125 M/s, 0.625 of the sampler limit, where the ratio would be 4); 1 → 2 workers ≥ 1.8×: met (1.9×).',
    );
    expect(renderBenchmark(report([[3, [3, 3]]], 1.5), 'test machine')).toContain(
      '1 → 2 workers ≥ 1.8×: not met (1.5×)',
    );
  });
  it('shows how close each estimator comes to its sampler, and the engine beside SciPy and mpmath', () => {
    const markdown = renderBenchmark(report([[3, [3, 3]]], 2), 'test machine');
    expect(markdown).toContain('| median, M = 0 | 100 M/s | 0.5 |');
    expect(markdown).toContain("the share column says how close medmean's comes.");
    expect(markdown).toContain(
      "NumPy's 50 M/s (Generator(SFC64).standard_normal(out=...) into one buffer of 2^22: the fastest",
    );
    // A share above 1 cannot be: the limit's timing is wrong, and the report says so.
    const over = renderBenchmark({ ...report([[3, [3, 3]]], 2), samplerPerSec: 5e7 }, 'test machine');
    expect(over).toContain('| median, M = 0 | 100 M/s | 2 |');
    expect(over).toContain("(median, M = 0 measured above it: the limit's timing is understated)");
    expect(markdown).toContain('| (0, 1, 5), 4 | 10 ms, 1.0e-15 | 20 ms, 1.0e-13 | 10 s | 2 |');
  });
  it('judges the WebAssembly rows only: the TypeScript references are not what the estimators run', () => {
    const references = report([[3, [3, 3]]], 1.9, 'typescript');
    const markdown = renderBenchmark(
      { ...references, results: [...report([[1.5, [1.4, 1.6]]], 1.9).results, ...references.results] },
      'test machine',
    );
    expect(markdown).toContain('for the WebAssembly rows: 0 of 1 on the best round, 0 of 1 in every round');
  });
  it('says when NumPy was not timed instead of judging', () => {
    expect(renderBenchmark(report([null], 2), 'test machine')).toContain('not judged (NumPy was not timed)');
  });
});
