import { defineConfig } from 'vitest/config';
import { mutationTestSelection } from './test/helpers/mutationTestSelection.ts';

// The fast tests of the special functions and the statistical estimators: StrykerJS reruns them
// once per mutant (`npm run mutation:numerics`).
export default defineConfig({
  test: {
    ...mutationTestSelection([
      'test/distributions.test.ts',
      'test/integrate.test.ts',
      'test/fuzz.test.ts',
      'test/publicApi.test.ts',
      'test/verdictHelpers.test.ts',
      'test/pairedMarginTest.test.ts',
      'test/ksStatistic.test.ts',
      'test/statisticalChecks.test.ts',
    ]),
    pool: 'threads',
    testTimeout: 300_000,
  },
});
