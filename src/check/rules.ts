import { majorityVote } from '../aggregators/majorityVote.ts';
import { mean } from '../aggregators/mean.ts';
import { median, type EvenMedianRule } from '../aggregators/median.ts';

import type { RuleName } from './ruleNames.ts';

export { ruleNames, type RuleName } from './ruleNames.ts';

/** The rule a user's aggregator claims to implement: its reference and how outputs are compared. */
export interface Rule {
  readonly name: RuleName;
  reference(vectors: readonly Float64Array[]): Float64Array;
  /** Undefined when `got` matches `expected` for these inputs, else a description of the mismatch. */
  mismatch(got: Float64Array, expected: Float64Array, vectors: readonly Float64Array[]): string | undefined;
}

const EPS = Number.EPSILON;
const TINY = 2 * Number.MIN_VALUE;

/** −0 and +0 count as equal; everything else must be identical. */
const sameNumber = (a: number, b: number) => a === b;

function firstDifference(got: Float64Array, expected: Float64Array, allowed: (j: number) => number): string | undefined {
  for (let j = 0; j < expected.length; j++) {
    const tolerance = allowed(j);
    const ok = tolerance === 0 ? sameNumber(got[j], expected[j]) : Math.abs(got[j] - expected[j]) <= tolerance;
    if (!ok) return `coordinate ${j}: got ${got[j]}, expected ${expected[j]}${tolerance === 0 ? ' (exact)' : ` (tolerance ${tolerance.toExponential(2)})`}`;
  }
  return undefined;
}

/**
 * Tolerances: odd-M medians and votes must match exactly (they select or count; no rounding). The
 * average of two middle values may round differently ((a+b)/2 vs a/2 + b/2): 4 ulps. A mean may
 * sum in any order: 2ε·Σ|v_i| bounds the difference between any two summation orders.
 */
export function createRule(name: RuleName, even: EvenMedianRule = 'average'): Rule {
  if (name === 'median') {
    return {
      name,
      reference: (vectors) => median(vectors, { even }),
      mismatch: (got, expected, vectors) =>
        firstDifference(got, expected, (j) => (vectors.length % 2 === 0 && even === 'average' ? 4 * EPS * Math.abs(expected[j]) + TINY : 0)),
    };
  }
  if (name === 'sign-vote') {
    return { name, reference: (vectors) => majorityVote(vectors), mismatch: (got, expected) => firstDifference(got, expected, () => 0) };
  }
  return {
    name,
    reference: (vectors) => mean(vectors),
    mismatch: (got, expected, vectors) =>
      firstDifference(got, expected, (j) => {
        let total = 0;
        for (const vector of vectors) total += Math.abs(vector[j]);
        return 2 * EPS * total + TINY;
      }),
  };
}
