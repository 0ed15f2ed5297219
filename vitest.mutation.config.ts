import { defineConfig } from 'vitest/config';

// The fast aggregator tests only: StrykerJS reruns them once per mutant of src/aggregators.
export default defineConfig({
  test: {
    include: [
      'test/aggregators.test.ts',
      'test/aggregators-fedavg-trimmed.test.ts',
      'properties/aggregators.property.test.ts',
      'test/aggregators-mutation.test.ts',
    ],
    pool: 'threads',
  },
});
