import { testSeed } from './testSeed.ts';

/**
 * How many seeds it takes `npm run test:tool` to sweep each aggregator corpus once (the correct, buggy and
 * noisy fixtures through medmean check). Every seed runs one share of each corpus: the fixture at
 * position p when p ≡ SEED (mod CORPUS_SHARES); the others are reported as skipped. The sweeps are
 * the calibration rows check-fixtures and check-noisy-fixtures, which run every fixture on 200 seeds
 * (reports/calibration.md), so a run of `npm run test:tool` adds one seed to a third of them; CORPUS=all runs
 * every fixture (`npm run test:corpus`).
 */
export const CORPUS_SHARES = 3;

/** Whether `npm run test:tool` runs every fixture (CORPUS=all) or this seed's share (unset or CORPUS=share). */
function wholeCorpus(): boolean {
  const raw = process.env.CORPUS;
  if (raw === undefined || raw === '' || raw === 'share') return false;
  if (raw === 'all') return true;
  throw new Error(`CORPUS must be "all" or "share", got ${raw}`);
}

/**
 * Each fixture as a `describe.each` row (its name, itself, and whether this run checks it): all of
 * them under CORPUS=all, else this seed's share.
 */
export function withThisSeedsShare<T extends { readonly name: string }>(
  fixtures: readonly T[],
): Array<readonly [string, T, boolean]> {
  const all = wholeCorpus();
  const share = testSeed() % CORPUS_SHARES;
  return fixtures.map((fixture, position) => [fixture.name, fixture, all || position % CORPUS_SHARES === share]);
}
