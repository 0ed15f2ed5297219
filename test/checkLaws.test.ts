import { describe, expect, it } from 'vitest';
import { lawsFor } from '../src/check/laws.ts';
import { createRule, ruleNames, type RuleName } from '../src/check/rules.ts';

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
    const { runChecks, LARGE_M_CHECK_NAME } = await import('../src/check/runChecks.ts');
    const { inProcessAggregator } = await import('../src/check/inProcessAggregator.ts');
    const { median } = await import('../src/aggregators/median.ts');
    const results = await runChecks(
      inProcessAggregator('median', ({ vectors }) => median(vectors as Float64Array[])),
      ruleOf('median'),
      { seed: 2, runs: 40, budgetMs: 60_000 },
    );
    const largeM = results.find((result) => result.name === LARGE_M_CHECK_NAME);
    // max(3, 40/40) generated cases, and the two fixed inputs of one sign.
    expect(largeM).toMatchObject({ status: 'pass', runs: 5, detail: '2 fixed and 3 generated cases' });
  });
});
