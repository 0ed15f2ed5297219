import { describe, expect, it } from 'vitest';
import { medianConfigurations } from '../src/estimators/medianConfigurations.ts';

const binomial = (m: number, r: number): number => (r === 0 ? 1 : (binomial(m, r - 1) * (m - r + 1)) / r);

describe('medianConfigurations', () => {
  it.each([1, 3, 5, 7, 9])('lists each of the M·C(2n, n) configurations of M = %i once, n below and n above', (M) => {
    const n = (M - 1) / 2;
    const seen = new Set<string>();
    for (const { median, below } of medianConfigurations(M)) {
      expect(below[median]).toBe(false);
      expect(below.filter(Boolean).length).toBe(n);
      seen.add(`${median}:${below.map(Number).join('')}`);
    }
    expect(seen.size).toBe(M * binomial(2 * n, n));
  });

  it('walks the subsets of each median in lexicographic order', () => {
    // The yielded object is reused: read each configuration as it comes.
    const subsets: string[] = [];
    for (const { median, below } of medianConfigurations(5))
      if (median === 2) subsets.push(below.flatMap((isBelow, k) => (isBelow ? [k] : [])).join(''));
    expect(subsets).toEqual(['01', '03', '04', '13', '14', '34']);
  });

  it.each([0, 2, -1, 1.5, Number.NaN])('refuses M = %s, naming the parameter', (M) => {
    expect(() => medianConfigurations(M).next()).toThrow(/`M`/);
  });
});
