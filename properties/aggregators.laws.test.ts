import { describe, expect, it } from 'vitest';
import type { CheckSpec } from '../src/check/CheckSpec.ts';
import { inProcessAggregator } from '../src/check/inProcessAggregator.ts';
import { createRule } from '../src/check/rules.ts';
import { runChecks } from '../src/check/runChecks.ts';
import { majorityVote, mean, median, trimmedMean, weightedMean } from '../src/index.ts';
import { fuzzSeeds } from '../test/helpers/testSeed.ts';

// medmean's own aggregators under the laws medmean check holds users' code to (src/check/laws.ts),
// each under the conventions it implements, in float64 and float32. The buggy fixtures
// (test/tool/check-buggy.test.ts) are these laws' negative controls.
const library: Array<[string, CheckSpec, Parameters<typeof inProcessAggregator>[1]]> = [
  ['median (average)', { rule: 'median' }, ({ vectors }) => median(vectors)],
  ['median (lower)', { rule: 'median', even: 'lower' }, ({ vectors }) => median(vectors, { even: 'lower' })],
  [
    'median (upper), float32',
    { rule: 'median', even: 'upper', dtype: 'float32' },
    ({ vectors }) => median(vectors, { even: 'upper' }),
  ],
  ['median (average), float32', { rule: 'median', dtype: 'float32' }, ({ vectors }) => median(vectors)],
  ['majorityVote', { rule: 'sign-vote' }, ({ vectors }) => majorityVote(vectors)],
  [
    'majorityVote (1-bit)',
    { rule: 'sign-vote', signOfZero: 1, tie: 1 },
    ({ vectors }) => majorityVote(vectors, { signOfZero: 1, tie: 1 }),
  ],
  [
    'majorityVote (zero votes +1), float32',
    { rule: 'sign-vote', signOfZero: 1, dtype: 'float32' },
    ({ vectors }) => majorityVote(vectors, { signOfZero: 1 }),
  ],
  ['mean', { rule: 'mean' }, ({ vectors }) => mean(vectors)],
  ['mean, float32', { rule: 'mean', dtype: 'float32' }, ({ vectors }) => mean(vectors)],
  ['weightedMean', { rule: 'weighted-mean' }, ({ vectors, weights }) => weightedMean(vectors, weights!)],
  [
    'weightedMean, float32',
    { rule: 'weighted-mean', dtype: 'float32' },
    ({ vectors, weights }) => weightedMean(vectors, weights!),
  ],
  [
    'trimmedMean (β = 0.1)',
    { rule: 'trimmed-mean', trim: { fraction: 0.1 } },
    ({ vectors }) => trimmedMean(vectors, { fraction: 0.1 }),
  ],
  [
    'trimmedMean (k = 2)',
    { rule: 'trimmed-mean', trim: { count: 2 } },
    ({ vectors }) => trimmedMean(vectors, { count: 2 }),
  ],
];

describe.each(fuzzSeeds())('the library aggregators satisfy the laws of medmean check (seed %i)', (seed) => {
  it.each(library)('%s', async (_name, spec, aggregate) => {
    // Each check has its stated false-failure probability (the Theorem 4 z-tests: 2e-5); the rest are exact or bounded.
    const results = await runChecks(inProcessAggregator('library', aggregate), createRule(spec), {
      seed,
      runs: 30,
      budgetMs: 60_000,
    });
    expect(results.filter((r) => r.status === 'fail' || r.status === 'incomplete')).toEqual([]);
    expect(results.filter((r) => r.status === 'pass').length).toBeGreaterThanOrEqual(10);
  });
});
