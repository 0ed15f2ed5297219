import { describe, expect, it } from 'vitest';
import { pairedMarginTest } from '../src/estimators/pairedMarginTest.ts';
import { MedmeanError } from '../src/index.ts';

// Reference quantile from scipy.stats.t.ppf(0.99, 2).
const T_099_DF2 = 6.9645567342832715;

describe('pairedMarginTest', () => {
  it('gives the one-sided Student-t bounds of the mean gain', () => {
    const test = pairedMarginTest([1, 2, 3], 0, 0.01);
    expect(test.mean).toBe(2);
    expect(test.sd).toBe(1);
    expect(test.lower).toBeCloseTo(2 - T_099_DF2 / Math.sqrt(3), 6);
    expect(test.upper).toBeCloseTo(2 + T_099_DF2 / Math.sqrt(3), 6);
  });

  it('exceeds only when the lower bound clears the margin, falls short only when the upper bound is below it', () => {
    const clear = pairedMarginTest([0.2, 0.21, 0.19, 0.2], 0.05, 0.01);
    expect([clear.exceeds, clear.fallsShort]).toEqual([true, false]);
    const short = pairedMarginTest([0.0, 0.01, -0.01, 0.0], 0.05, 0.01);
    expect([short.exceeds, short.fallsShort]).toEqual([false, true]);
    // Spread too wide for 3 runs to tell: neither.
    const unclear = pairedMarginTest([0.0, 0.1, 0.2], 0.05, 0.01);
    expect([unclear.exceeds, unclear.fallsShort]).toEqual([false, false]);
    // The same mean with a narrower spread is decisive.
    expect(pairedMarginTest([0.09, 0.1, 0.11], 0.05, 0.01).exceeds).toBe(true);
  });

  it('does not mutate its input', () => {
    const gains = [0.3, 0.1, 0.2];
    pairedMarginTest(gains, 0.05, 0.01);
    expect(gains).toEqual([0.3, 0.1, 0.2]);
  });

  it('rejects bad input with a typed error naming the parameter', () => {
    const cases: Array<[unknown, unknown, unknown, RegExp]> = [
      [[1], 0, 0.01, /gains/],
      ['1,2', 0, 0.01, /gains/],
      [[1, Number.NaN], 0, 0.01, /gains\[1\]/],
      [[1, 2], Number.POSITIVE_INFINITY, 0.01, /margin/],
      [[1, 2], 0, 0.5, /alpha/],
      [[1, 2], 0, 0, /alpha/],
    ];
    for (const [gains, margin, alpha, parameter] of cases) {
      expect(() => pairedMarginTest(gains as number[], margin as number, alpha as number)).toThrow(MedmeanError);
      expect(() => pairedMarginTest(gains as number[], margin as number, alpha as number)).toThrow(parameter);
    }
  });
});
