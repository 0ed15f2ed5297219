import { describe, expect, it } from 'vitest';
import { moduleAggregator } from '../src/check/moduleAggregator.ts';
import { createRule } from '../src/check/rules.ts';
import { runChecks } from '../src/check/runChecks.ts';
import { fixtureAggregators } from './helpers/fixtureAggregators.ts';
import { testSeed } from './helpers/testSeed.ts';

// Every deliberately buggy aggregator (test/fixtures/aggregators/buggy, one realistic bug each,
// described in its first comment) must fail at least one check, with a minimal counterexample.
describe.each(fixtureAggregators('buggy').map((f) => [f.name, f] as const))('buggy %s', (_name, fixture) => {
  it('is caught', async () => {
    const target = await moduleAggregator(fixture.file, 2000);
    try {
      const results = await runChecks(target, createRule(fixture.rule), { seed: testSeed(), runs: 40, budgetMs: 20_000 });
      const failures = results.filter((r) => r.status === 'fail');
      expect(failures.length, JSON.stringify(results, null, 1)).toBeGreaterThan(0);
      expect(failures[0].counterexample).toBeDefined();
      expect(failures[0].counterexample!.length).toBeLessThan(400);
    } finally {
      await target.close();
    }
  });
});
