// At small b every density the estimators integrate is a bump of width about b at one worker,
// thousands of widths from ū and from the other workers: quadrature that does not split at the
// bump integrates it to 0. For u = (0, 1, 5) and b ≤ 1e-3 the answers are known in closed form
// to double precision (the other workers are a thousand noise widths away).
import { describe, expect, it } from 'vitest';
import {
  gaussian,
  laplace,
  MedmeanError,
  noisyMedianMoments,
  sampledNoisyMedian,
  stationaryGaps,
} from '../src/index.ts';

describe('estimators at small noise scales', () => {
  it.each([1e-2, 1e-3, 1e-5])('stationaryGaps: both algorithms settle at a2 = 1, gap 1 (b = %s)', (b) => {
    for (const family of [gaussian, laplace]) {
      const gaps = stationaryGaps([0, 1, 5], b, family);
      expect(Math.abs(gaps.medianSgd - 1)).toBeLessThan(1e-12);
      expect(Math.abs(gaps.signSgd - 1)).toBeLessThan(1e-12);
    }
  });

  it('noisyMedianMoments: a median disjoint from g is at distance 2 and has asymmetric mass 1', () => {
    const moments = noisyMedianMoments([0, 1, 5], 1e-3, 'gaussian');
    expect(Math.abs(moments.distanceToIid - 2)).toBeLessThan(1e-9);
    expect(Math.abs(moments.asymmetry - 1)).toBeLessThan(1e-9);
  });

  it('sampledNoisyMedian: the mixture of bumps is at distance 2 from g, and its moments are the bumps’', () => {
    const single = sampledNoisyMedian([[0], [1], [5]], 1e-3, gaussian);
    expect(Math.abs(single.remainderMass - 2)).toBeLessThan(1e-9);
    expect(Math.abs(single.asymmetry - 1)).toBeLessThan(1e-9);
    // Two equally likely middle values 1 and 1.2: mean 1.1, variance b² + 0.1².
    const mixed = sampledNoisyMedian(
      [
        [0, 0.5],
        [1, 1.2],
        [5, 6],
      ],
      1e-3,
      gaussian,
    );
    expect(Math.abs(mixed.mean - 1.1)).toBeLessThan(1e-12);
    expect(Math.abs(mixed.variance - (1e-6 + 0.01)) / (1e-6 + 0.01)).toBeLessThan(1e-9);
    expect(Math.abs(mixed.remainderMass - 2)).toBeLessThan(1e-9);
  });

  it('stationaryGaps names its own parameters in errors', () => {
    // Its own check, not the engine's: the engine would name noisyMedianMoments and `u`.
    expect(() => stationaryGaps([0, 1], 1, gaussian)).toThrow(MedmeanError);
    expect(() => stationaryGaps([0, 1], 1, gaussian)).toThrow(/stationaryGaps: .*`a` must be an odd number of values/);
    expect(() => stationaryGaps([0, 1, Infinity], 1, gaussian)).toThrow(/stationaryGaps.*`a\[2\]`.*Infinity/);
    expect(() => stationaryGaps([0, 1, 5], 0, gaussian)).toThrow(/stationaryGaps.*`b`/);
    expect(() => stationaryGaps([0, 1, 5], 1, 'cauchy' as never)).toThrow(/stationaryGaps.*`family`/);
  });
});
