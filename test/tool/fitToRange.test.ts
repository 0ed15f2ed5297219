import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitRows, rangeExponent, scaleBy } from '../../src/check/fitToRange.ts';
import { testSeed } from '../helpers/testSeed.ts';

describe('rangeExponent', () => {
  it('is the largest integer e ≤ 0 with 2^e·largest ≤ limit, for any two magnitudes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5e-324, max: 1.7976931348623157e308, noNaN: true }),
        fc.double({ min: 5e-324, max: 1.7976931348623157e308, noNaN: true }),
        (largest, limit) => {
          const e = rangeExponent(largest, limit);
          expect(Number.isInteger(e) && e <= 0).toBe(true);
          expect(scaleBy(largest, e)).toBeLessThanOrEqual(limit);
          if (e < 0) expect(scaleBy(largest, e + 1)).toBeGreaterThan(limit);
        },
      ),
      { seed: testSeed(), numRuns: 2000 },
    );
  });

  it('leaves values within the limit alone, and scales the others exactly', () => {
    const rows = [
      [3, -0.5],
      [0, 1],
    ];
    expect(fitRows(rows, 3)).toBe(rows);
    expect(fitRows(rows, 1)).toEqual([
      [0.75, -0.125],
      [0, 0.25],
    ]);
    expect(rangeExponent(0, 1)).toBe(0);
    // A ratio below the smallest double: 2^e is not a double, x·2^e is.
    expect(rangeExponent(1e300, 1e-300)).toBeLessThan(-1074);
    expect(fitRows([[1e300]], 1e-300)[0][0]).toBeLessThanOrEqual(1e-300);
  });
});
