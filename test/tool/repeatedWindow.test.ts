import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRepeatedWindow } from '../../src/check/noisy/repeatedWindow.ts';
import { gaussian } from '../../src/distributions/gaussian.ts';
import { deriveStream } from '../../src/rng/RandomStream.ts';
import { fuzzSeeds, testSeed } from '../helpers/testSeed.ts';

const R = 20_000;
/** Votes in {−1, 0, 1} with P(+1) = p, P(0) = zero: independent, as a correct noisy vote returns them. */
function votes(seed: number, p: number, zero = 0): Float64Array {
  const stream = deriveStream(seed, 'repeatedWindow', 'votes', String(p));
  return Float64Array.from({ length: R }, () => {
    const x = stream.next();
    return x < p ? 1 : x < p + zero ? 0 : -1;
  });
}
/** The first `period` values repeated over R coordinates: a noise table of that length, cycled. */
function cycled(values: Float64Array, period: number): Float64Array {
  return Float64Array.from({ length: R }, (_, j) => values[j % period]);
}

describe('findRepeatedWindow', () => {
  // Independent outputs repeat a window with probability ≤ 1e-9 per call: these cannot fail by chance.
  it('finds no repeat in independent normals, float32-rounded normals or votes', () => {
    const seed = testSeed();
    const normals = gaussian.sample(deriveStream(seed, 'repeatedWindow', 'normals'), new Float64Array(R));
    expect(findRepeatedWindow(normals).repeat).toBeUndefined();
    expect(findRepeatedWindow(normals.map(Math.fround)).repeat).toBeUndefined();
    for (const p of [0.5, 0.8, 0.92]) expect(findRepeatedWindow(votes(seed, p)).repeat).toBeUndefined();
    expect(findRepeatedWindow(votes(seed, 0.4, 0.3)).repeat).toBeUndefined();
  });

  it('does not count overlapping windows: a run of identical outputs shorter than 2W is not a repeat', () => {
    const outputs = votes(testSeed(), 0.8);
    const { width } = findRepeatedWindow(outputs);
    // A run of W + W/2 ones holds overlapping equal windows (one output apart) but no two disjoint ones.
    const run = width! + Math.floor(width! / 2);
    outputs.fill(1, 5000, 5000 + run);
    expect(findRepeatedWindow(outputs).repeat).toBeUndefined();
    outputs.fill(1, 5000, 5000 + 3 * width!);
    expect(findRepeatedWindow(outputs).repeat).toBeDefined();
  });

  // Tables shorter than 64 shrink the outputs' spread so much that the z-tests of the mean fail them.
  it('finds a cycled table of any period from 64 to R − 2W, and reports the period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: R - 600 }),
        fc.constantFrom(0.5, 0.8),
        fc.boolean(),
        (period, p, asVotes) => {
          const source = asVotes
            ? votes(period, p)
            : gaussian.sample(deriveStream(period, 'repeatedWindow', 'table'), new Float64Array(R));
          const search = findRepeatedWindow(cycled(source, period));
          expect(2 * search.width!).toBeLessThanOrEqual(R - period);
          expect(search.repeat).toBeDefined();
          // The table itself is independent draws, which repeat a run by chance with probability ≤ 1e-9:
          // the repeat found is the cycle's, a whole number of periods on.
          expect((search.repeat!.second - search.repeat!.first) % period).toBe(0);
        },
      ),
      { seed: fuzzSeeds()[0], numRuns: 40 },
    );
  });

  it('widens the window as the outputs concentrate, and gives up when one value takes nearly all', () => {
    const seed = testSeed();
    const widths = [0.5, 0.8, 0.92].map((p) => findRepeatedWindow(votes(seed, p)).width!);
    expect(widths[0]).toBeLessThan(widths[1]);
    expect(widths[1]).toBeLessThan(widths[2]);
    expect(findRepeatedWindow(new Float64Array(R).fill(1)).width).toBeUndefined();
  });
});
