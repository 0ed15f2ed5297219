import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussianMedianMoments } from '../src/estimators/gaussianMedianMoments.ts';
import { noisyMedianMoments } from '../src/estimators/noisyMedianMoments.ts';
import { testSeed } from './helpers/testSeed.ts';

describe('gaussianMedianMoments (fixed-rule kernel)', () => {
  it('agrees with the adaptive engine to 1e-11 (relative to b and b²) on generated instances', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((n) =>
            fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 2 * n + 1, maxLength: 2 * n + 1 }),
          ),
        fc.double({ min: 0.05, max: 50, noNaN: true }),
        (u, b) => {
          const fast = gaussianMedianMoments(Float64Array.from(u), b);
          const exact = noisyMedianMoments(u, b, 'gaussian');
          expect(Math.abs(fast.mean - exact.mean)).toBeLessThanOrEqual(1e-11 * b + exact.errorBound);
          expect(Math.abs(fast.variance - exact.variance)).toBeLessThanOrEqual(
            1e-11 * b * b + exact.errorBounds.variance,
          );
        },
      ),
      { seed: testSeed(), numRuns: 40 },
    );
  });

  // Panels of width 1 at every M were off by 2e-7·b² at M = 51 (the median's CDF narrows like 1/√M).
  it.each([
    [21, 1e-3],
    [21, 30],
    [51, 1e-3],
    [51, 30],
  ])('agrees with the adaptive engine to 1e-11 at M = %i, workers spread over %f noise widths', (M, spread) => {
    const u = Array.from({ length: M }, (_, i) => spread * Math.sin(1 + 7 * i));
    const fast = gaussianMedianMoments(Float64Array.from(u), 1);
    const exact = noisyMedianMoments(u, 1, 'gaussian');
    expect(Math.abs(fast.mean - exact.mean)).toBeLessThanOrEqual(1e-11 + exact.errorBound);
    expect(Math.abs(fast.variance - exact.variance)).toBeLessThanOrEqual(1e-11 + exact.errorBounds.variance);
  });

  it("matches the engine to 1e-12 on Theorem 3's a = (0, 1, 5) at b = 1", () => {
    const exact = noisyMedianMoments([0, 1, 5], 1, 'gaussian');
    const fast = gaussianMedianMoments(Float64Array.from([0, 1, 5]), 1);
    expect(Math.abs(fast.mean - exact.mean)).toBeLessThan(1e-12);
    expect(Math.abs(fast.variance - exact.variance)).toBeLessThan(1e-12);
  });
});

describe('gaussianMedianMoments at small b', () => {
  it('resolves the narrow bump of a median far from ū (the adaptive fast path it replaced returned a variance of 7e16 here)', () => {
    const u = Float64Array.from([-1.54, 1.49, -1.03, 3.67, 0]);
    const fixed = gaussianMedianMoments(u, 0.01);
    const exact = noisyMedianMoments(u, 0.01, 'gaussian');
    expect(Math.abs(fixed.mean)).toBeLessThan(1e-12);
    expect(Math.abs(fixed.variance - 1e-4)).toBeLessThan(1e-12);
    expect(Math.abs(fixed.mean - exact.mean)).toBeLessThanOrEqual(1e-12 + exact.errorBound);
  });
});
