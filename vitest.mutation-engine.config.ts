import { defineConfig } from 'vitest/config';

// The fast tests of the exact order-statistic engine (the noisy median's moments at odd and even
// M, the Gaussian closed form and the stationary gap): StrykerJS reruns them once per mutant
// (`npm run mutation:engine`). MUTATION_TESTS=a,b runs those test files instead, for a run over
// one source file against its own tests.
export default defineConfig({
  test: {
    include: process.env.MUTATION_TESTS?.split(',') ?? [
      'test/noisyMedianMoments.test.ts',
      'test/evenMedianMoments.test.ts',
      'test/gaussianMedianMoments.test.ts',
      'test/smallNoiseScale.test.ts',
      'test/stationaryGaps.test.ts',
      'test/symmetryExpansion.test.ts',
      'test/sampledExpansion.test.ts',
    ],
    // MUTATION_SKIP=pattern leaves out the tests whose names match it (the M = 51 and 101 cases,
    // whose quadratures under StrykerJS's instrumentation take minutes per surviving mutant).
    ...(process.env.MUTATION_SKIP ? { testNamePattern: new RegExp(`^((?!${process.env.MUTATION_SKIP}).)*$`) } : {}),
    pool: 'threads',
    testTimeout: 300_000,
  },
});
