import { describe, expect, it } from 'vitest';
import { checkFixture, isCaught } from './helpers/statisticalChecks.ts';
import { fixtureAggregators } from './helpers/fixtureAggregators.ts';
import { testSeed } from './helpers/testSeed.ts';

// Every deliberately buggy aggregator (test/fixtures/aggregators/buggy, one realistic bug each,
// described in its first comment) must fail at least one check, with a minimal counterexample.
describe.each(fixtureAggregators('buggy').map((f) => [f.name, f] as const))('buggy %s', (_name, fixture) => {
  it('is caught', async () => {
    const results = await checkFixture('buggy', fixture, testSeed());
    expect(isCaught(results), JSON.stringify(results, null, 1)).toBe(true);
  });
});
