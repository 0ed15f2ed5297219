// Direct tests of the helpers whose numbers decide verdicts: the log-log slope fits, the exact
// stall points of the noisy algorithms, and the sampled noisy median of Theorem F.1.
import { describe, expect, it } from 'vitest';
import {
  gaussian,
  laplace,
  fitLogLogSlope,
  noisyMedianMoments,
  sampledNoisyMedian,
  stationaryGaps,
} from '../src/index.ts';
import { fitLogLogSlopeWeighted } from '../src/estimators/fitLogLogSlope.ts';
import slopeReferences from './fixtures/loglog-slope.json' with { type: 'json' };

describe('fitLogLogSlope', () => {
  // Fixture: scripts/fixtures/loglog-slope.py, mpmath at 50 digits on the same inputs, near-exact
  // power laws, with the 95% interval from Student's t quantile solved in mpmath. A standard error
  // from 1 − r², as scipy.stats.linregress computes it, is off by up to 1.7e-4 here and fails 6 of
  // the 16 cases at this tolerance.
  it.each(slopeReferences.cases.map((c, i) => [i, c.x.length, c] as const))(
    'slope and standard error against mpmath, case %i (%i points)',
    (_i, _n, reference) => {
      const fit = fitLogLogSlope(reference.x, reference.y);
      const slope = Number(reference.slope);
      expect(Math.abs(fit.slope - slope)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(slope)));
      expect(Math.abs(fit.standardError - Number(reference.standardError))).toBeLessThanOrEqual(
        1e-8 * Number(reference.standardError),
      );
      // slope ± t·SE with t on n − 2 degrees of freedom, its half-width to 1e-6: jStat's t quantile
      // is iterative, 2e-8 off at 20 degrees of freedom (measured), while a t on n − 1 or n
      // degrees of freedom, or the normal 1.96, moves the half-width by 0.1% or more here.
      reference.ci95.forEach((bound, side) => {
        const expected = Number(bound);
        expect(Math.abs(fit.ci95[side] - expected), `ci95[${side}]`).toBeLessThanOrEqual(
          1e-6 * Math.abs(expected - slope) + 1e-12 * Math.max(1, Math.abs(slope)),
        );
      });
    },
  );

  it('recovers the exponent of an exact power law, and only that', () => {
    const x = [1, 2, 4, 8, 16, 32];
    expect(
      fitLogLogSlope(
        x,
        x.map((v) => 3 * v ** -2),
      ).slope,
    ).toBeCloseTo(-2, 12);
    expect(
      fitLogLogSlope(
        x,
        x.map((v) => 0.5 * v ** 1.5),
      ).slope,
    ).toBeCloseTo(1.5, 12);
    // A power law with a second term bends: the slope of 1/b + 1/b² over this range is not −1.
    expect(
      Math.abs(
        fitLogLogSlope(
          x,
          x.map((v) => 1 / v + 1 / v ** 2),
        ).slope + 1,
      ),
    ).toBeGreaterThan(0.05);
  });
  it('rejects x without two distinct values with a MedmeanError naming x (0/0 was a silent NaN)', () => {
    expect(() => fitLogLogSlope([2, 2, 2], [1, 2, 3])).toThrow(/`x` must be at least two distinct values/);
    expect(fitLogLogSlope([1, 2, 4], [5, 5, 5]).slope).toBe(0);
  });
  it('weighs points by their standard errors', () => {
    const x = [1, 10, 100, 1000];
    const y = x.map((v) => v ** (-1 / 3));
    const fit = fitLogLogSlopeWeighted(
      x,
      y,
      y.map((v) => v * 0.01),
    );
    expect(fit.slope).toBeCloseTo(-1 / 3, 10);
    expect(fit.standardError).toBeGreaterThanOrEqual(0);
  });
});

describe('stationaryGaps', () => {
  it('is 0 when the median of the a_i is their mean (symmetric a), for any noise', () => {
    for (const family of [gaussian, laplace]) {
      const gaps = stationaryGaps([-1, 0, 1], 2, family);
      expect(gaps.medianSgd).toBeLessThan(1e-12);
      expect(gaps.signSgd).toBeLessThan(1e-12);
    }
  });
  it('equals the exact bias of the noisy median for MEDIANSGD, and shrinks as b grows (a = (0, 1, 5))', () => {
    const small = stationaryGaps([0, 1, 5], 1, gaussian);
    const large = stationaryGaps([0, 1, 5], 16, gaussian);
    expect(small.medianSgd).toBeCloseTo(Math.abs(noisyMedianMoments([0, -1, -5], 1, gaussian).bias), 10);
    expect(large.medianSgd).toBeLessThan(small.medianSgd / 10);
    expect(large.signSgd).toBeLessThan(small.signSgd / 10);
  });
});

describe('sampledNoisyMedian', () => {
  it('with one value per node is the noisy median of those values', () => {
    const sampled = sampledNoisyMedian([[0], [1], [5]], 2, gaussian);
    const exact = noisyMedianMoments([0, 1, 5], 2, gaussian);
    expect(sampled.mean).toBeCloseTo(exact.mean, 10);
    expect(sampled.variance).toBeCloseTo(exact.variance, 10);
  });
  it('adds the sampling variance: with two values per node its variance exceeds the within-sample part', () => {
    const sampled = sampledNoisyMedian(
      [
        [-1, 1],
        [0, 2],
        [4, 6],
      ],
      2,
      gaussian,
    );
    expect(sampled.variance).toBeGreaterThan(sampled.withinVariance);
    expect(sampled.uBar).toBeCloseTo(2, 12);
  });
});
