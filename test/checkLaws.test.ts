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
