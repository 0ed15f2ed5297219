import { describe, expect, it } from 'vitest';
import { median } from '../../src/aggregators/median.ts';
import { inProcessAggregator } from '../../src/check/inProcessAggregator.ts';
import { lawsFor } from '../../src/check/laws.ts';
import { LARGE_M_CHECK_NAME, runChecks } from '../../src/check/runChecks.ts';
import type { CheckSpec } from '../../src/check/CheckSpec.ts';
import { createRule, ruleNames, type RuleName } from '../../src/check/rules.ts';
import { testSeed } from '../helpers/testSeed.ts';

const ruleOf = (name: RuleName) => createRule(name === 'trimmed-mean' ? { rule: name, trim: { count: 1 } } : name);

describe('the laws of medmean check', () => {
  it('are chosen from the rule’s declared traits, never from its name', () => {
    for (const name of ruleNames) {
      const rule = ruleOf(name);
      const lawNames = lawsFor(rule, true).map((law) => law.name);
      for (const other of ruleNames) {
        const renamed = { ...rule, name: other };
        expect(
          lawsFor(renamed, true).map((law) => law.name),
          `${name} renamed ${other}`,
        ).toEqual(lawNames);
      }
    }
  });

  it('state Proposition 1 for the median and the vote, selection for the median only, and scale invariance for the vote', () => {
    const names = (name: RuleName) => lawsFor(ruleOf(name), false).map((law) => law.name);
    const proposition1 = (name: RuleName) => names(name).some((law) => law.startsWith('Proposition 1'));
    expect(ruleNames.filter(proposition1)).toEqual(['median', 'sign-vote']);
    expect(ruleNames.filter((name) => names(name).includes('odd-M median is one of the inputs'))).toEqual(['median']);
    expect(
      ruleNames.filter((name) => names(name).includes('positive-scale invariant: A(s·v) = A(v) for s > 0')),
    ).toEqual(['sign-vote']);
    expect(ruleNames.filter((name) => names(name).some((law) => law.startsWith('translation equivariant')))).toEqual([
      'median',
      'mean',
      'weighted-mean',
      'trimmed-mean',
    ]);
  });
});

describe('fixed examples of a law', () => {
  it('come on top of its generated cases (fast-check counts them among numRuns)', async () => {
    const results = await runChecks(
      inProcessAggregator('median', ({ vectors }) => median(vectors as Float64Array[])),
      ruleOf('median'),
      { seed: 2, runs: 40, budgetMs: 60_000 },
    );
    const largeM = results.find((result) => result.name === LARGE_M_CHECK_NAME);
    // max(3, 40/40) generated cases, and the fixed inputs: two of one sign, one of even M.
    expect(largeM).toMatchObject({ status: 'pass', runs: 6, detail: '3 fixed and 3 generated cases' });
  });
});

// An aggregator declared for |v| ≤ maxAbs may clip to that range or reject anything outside it:
// every input of every check (edge cases, laws, fixed examples, large d, Theorem 4, timing) must
// stay within it. This one throws outside the range and otherwise returns the rule's reference.
describe('the declared range (--max-abs)', () => {
  const guarded = async (spec: CheckSpec, enforced: number) => {
    const rule = createRule(spec);
    const target = inProcessAggregator('guarded reference', (request) => {
      for (const vector of request.vectors)
        for (const x of vector) if (!(Math.abs(x) <= enforced)) throw new RangeError(`${x} is outside ±${enforced}`);
      return rule.reference(request);
    });
    return runChecks(target, rule, { seed: testSeed(), runs: 10, budgetMs: 120_000 });
  };

  // Each run includes medmean check's Theorem 4 z-tests (false failure ≤ 2e-5 per run).
  it.each<[string, CheckSpec]>([
    ['median, |v| ≤ 1', { rule: 'median', maxAbs: 1 }],
    ['median, float32, |v| ≤ 0.001', { rule: 'median', dtype: 'float32', maxAbs: 0.001 }],
    ['mean, |v| ≤ 1', { rule: 'mean', maxAbs: 1 }],
    ['weighted mean, |v| ≤ 3', { rule: 'weighted-mean', maxAbs: 3 }],
    ['trimmed mean, |v| ≤ 1', { rule: 'trimmed-mean', trim: { count: 1 }, maxAbs: 1 }],
    ['sign vote, |v| ≤ 0.5', { rule: 'sign-vote', maxAbs: 0.5 }],
  ])('%s: no check sends a value outside it', async (_name, spec) => {
    const results = await guarded(spec, spec.maxAbs!);
    expect(results.filter((r) => r.status !== 'pass' && r.status !== 'info')).toEqual([]);
  });

  it('reaches its edge: an aggregator that rejects the top half of the declared range fails', async () => {
    const results = await guarded({ rule: 'median', maxAbs: 1 }, 0.5);
    expect(results.find((r) => r.status === 'fail')?.detail).toMatch(/outside ±0\.5/);
  });
});

describe('the time budget', () => {
  // fast-check marks a property interrupted before its first case as failed, with no
  // counterexample: a budget shorter than one call must give incomplete checks, never a failure.
  it('reports a property whose budget runs out before its first case as incomplete, not failed', async () => {
    const rule = createRule('median');
    const reference = inProcessAggregator('reference median', (request) => rule.reference(request));
    // Every call waits 20 ms first, four times the 5 ms budget.
    const slow = {
      ...reference,
      call: async (request: Parameters<typeof reference.call>[0]) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return reference.call(request);
      },
    };
    const results = await runChecks(slow, rule, { seed: testSeed(), runs: 10, budgetMs: 5 });
    expect(results.filter((result) => result.status === 'fail')).toEqual([]);
    expect(results.some((result) => /^no failure in 0 of /.test(result.detail))).toBe(true);
  });
});

// The large-M law drops workers from a failing input until none can go; under --weights normalized
// every input it tries must still be within the convention, so the weights left are normalised again.
describe('a large-M counterexample under --weights normalized', () => {
  it('keeps weights that sum to 1: dropped workers take their share with them', async () => {
    // FedAvg on normalised weights that stops at the first 100 clients.
    const firstHundred = inProcessAggregator('weighted mean of the first 100 clients', ({ vectors, weights }) => {
      const out = new Float64Array(vectors[0].length);
      for (let i = 0; i < Math.min(100, vectors.length); i++)
        for (let j = 0; j < out.length; j++) out[j] += weights![i] * vectors[i][j];
      return out;
    });
    const results = await runChecks(
      firstHundred,
      createRule({ rule: 'weighted-mean', weights: 'normalized', maxAbs: 1e300 }),
      { seed: testSeed(), runs: 40, budgetMs: 300_000 },
    );
    const largeM = results.find((result) => result.name === LARGE_M_CHECK_NAME);
    expect(largeM?.status).toBe('fail');
    const { vectors, weights } = JSON.parse(largeM!.counterexample!) as { vectors: number[][]; weights: number[] };
    expect(vectors.length).toBeLessThan(1001);
    expect(weights.length).toBe(vectors.length);
    const sum = weights.reduce((total, w) => total + w, 0);
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(vectors.length * Number.EPSILON);
  });
});
