import { defineConfig } from 'vitest/config';
import { mutationTestSelection } from './test/helpers/mutationTestSelection.ts';

// The fast tests of the exact order-statistic engine (the noisy median's moments at odd and even
// M, the Gaussian closed form, the stationary gap and App. E.2's expansion): StrykerJS reruns them
// once per mutant (`npm run mutation:engine`).
export default defineConfig({
  test: {
    ...mutationTestSelection([
      'test/noisyMedianMoments.test.ts',
      'test/evenMedianMoments.test.ts',
      'test/gaussianMedianMoments.test.ts',
      'test/smallNoiseScale.test.ts',
      'test/stationaryGaps.test.ts',
      'test/symmetryExpansion.test.ts',
      'test/sampledExpansion.test.ts',
    ]),
    pool: 'threads',
    testTimeout: 300_000,
  },
});
