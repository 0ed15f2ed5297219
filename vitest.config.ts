import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'threads',
    // Two files at a time on the 2-core machines this runs on (the default leaves one core idle).
    maxWorkers: 2,
    // The JSON report feeds .ci/run's closing line `N passed, N failed`.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
