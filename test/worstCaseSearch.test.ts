import { describe, expect, it } from 'vitest';
import type { GeneratedProblem } from '../src/theorems/heterogeneousProblemArbitrary.ts';
import { DEFAULT_SEARCH_SPACE, searchWorstCase } from '../src/theorems/worstCaseSearch.ts';
import { testSeed } from './helpers/testSeed.ts';

// One small cell and few evaluations: what is tested is how candidates join the search's result.
const SMALL = {
  key: ['worst-case-search-test'],
  startsPerCell: 1,
  evaluationsPerDimension: 5,
  space: { ...DEFAULT_SEARCH_SPACE, cells: [{ M: 3, d: 1, T: 5 }] },
};
/** A problem outside the search's box (start at 100, where the box stops at 5). */
const outside: GeneratedProblem = {
  M: 3,
  d: 1,
  T: 5,
  minimisers: [[0], [0], [0]],
  curvatures: [[1], [1], [1]],
  x1: [100],
};
const startOf = (instance: GeneratedProblem) => instance.x1[0];

describe('searchWorstCase', () => {
  it('returns a candidate that beats everything the search found, and counts its evaluation', async () => {
    const alone = await searchWorstCase(startOf, { seed: testSeed(), ...SMALL });
    expect(alone.supremum).toBeLessThanOrEqual(DEFAULT_SEARCH_SPACE.maxAbs);
    const withCandidate = await searchWorstCase(startOf, { seed: testSeed(), ...SMALL, candidates: [outside] });
    expect(withCandidate.supremum).toBe(100);
    expect(withCandidate.instance).toBe(outside);
    expect(withCandidate.evaluations).toBe(alone.evaluations + 1);
    expect(withCandidate.starts).toBe(alone.starts);
  });

  it('keeps its own best when a candidate is no better or outside the hypotheses', async () => {
    const alone = await searchWorstCase(startOf, { seed: testSeed(), ...SMALL });
    const lower = { ...outside, x1: [-100] };
    const rejected = (instance: GeneratedProblem) => (instance === outside ? undefined : startOf(instance));
    for (const [objective, candidate] of [
      [startOf, lower],
      [rejected, outside],
    ] as const) {
      const result = await searchWorstCase(objective, { seed: testSeed(), ...SMALL, candidates: [candidate] });
      expect(result.supremum).toBe(alone.supremum);
      expect(result.instance).toEqual(alone.instance);
    }
  });
});
