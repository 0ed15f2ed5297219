import { afterEach, describe, expect, it } from 'vitest';
import { CORPUS_SHARES, withThisSeedsShare } from '../helpers/corpusShare.ts';

describe("npm run test:tool's share of the aggregator corpus", () => {
  const saved = { SEED: process.env.SEED, CORPUS: process.env.CORPUS };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });
  const chosen = (seed: number, corpus?: string) => {
    process.env.SEED = String(seed);
    if (corpus === undefined) delete process.env.CORPUS;
    else process.env.CORPUS = corpus;
    return withThisSeedsShare(Array.from({ length: 10 }, (_, k) => ({ name: `fixture ${k}`, k })))
      .filter(([, , runs]) => runs)
      .map(([, { k }]) => k);
  };

  it('runs each fixture on exactly one of any CORPUS_SHARES consecutive seeds', () => {
    const shares = Array.from({ length: CORPUS_SHARES }, (_, k) => chosen(1000 + k));
    expect(shares.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(chosen(1000)).toEqual(chosen(1000 + CORPUS_SHARES));
  });

  it('runs every fixture under CORPUS=all, and names a bad CORPUS value', () => {
    expect(chosen(7, 'all')).toHaveLength(10);
    expect(chosen(7, 'share')).toEqual(chosen(7));
    expect(() => chosen(7, 'everything')).toThrow(/CORPUS must be "all" or "share", got everything/);
  });
});
