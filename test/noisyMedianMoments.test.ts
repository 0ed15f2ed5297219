import { describe, expect, it } from 'vitest';
import fixtures from '../data/noisy-median-moments.json' with { type: 'json' };
import randomPoints from './fixtures/random-median-moments.json' with { type: 'json' };
import largeMPoints from './fixtures/large-m-median-moments.json' with { type: 'json' };
import extremePoints from './fixtures/extreme-median-moments.json' with { type: 'json' };
import sigmaMidReference from './fixtures/sigma-mid.json' with { type: 'json' };
import asymmetryDistance from './fixtures/asymmetry-distance.json' with { type: 'json' };
import { MedmeanError } from '../src/index.ts';
import { noisyMedianMoments, sigmaMid2 } from '../src/estimators/noisyMedianMoments.ts';
import { evenMedianMonteCarloMoments } from '../src/estimators/evenMedianMonteCarloMoments.ts';
import { deriveStream } from '../src/rng/RandomStream.ts';
import { orderStatisticModel } from '../src/estimators/orderStatisticModel.ts';
import { integrate } from '../src/estimators/integrate.ts';
import { getNoiseFamily } from '../src/distributions/noiseFamilies.ts';

describe('noisyMedianMoments: reference values', () => {
  // Fixture: scripts/fixtures/noisy-median-moments.py, mpmath at 40 digits with an explicit
  // subset sum (no code shared with the engine), including small b, where the median sits
  // thousands of noise widths from ū. Target: 1e-11 relative (the engine reaches 1.1e-12 on the
  // variance at worst); its own error bounds must also cover the actual errors.
  it.each(fixtures.cases.map((c) => [c.noise, JSON.stringify(c.u), c.b, c] as const))(
    '%s u=%s b=%s matches mpmath to 1e-11',
    (_n, _u, _b, reference) => {
      const result = noisyMedianMoments(reference.u, reference.b, reference.noise);
      const mean = Number(reference.mean);
      const variance = Number(reference.variance);
      expect(Math.abs(result.mean - mean)).toBeLessThanOrEqual(1e-11 * Math.abs(mean));
      expect(Math.abs(result.variance - variance)).toBeLessThanOrEqual(1e-11 * variance);
      expect(Math.abs(result.mean - mean)).toBeLessThanOrEqual(result.errorBounds.mean + 4e-16 * Math.abs(mean));
      expect(Math.abs(result.variance - variance)).toBeLessThanOrEqual(result.errorBounds.variance + 4e-16 * variance);
    },
  );
});

describe('noisyMedianMoments: random points', () => {
  // Fixture: scripts/fixtures/random-median-moments.py, 48 seeded points (M = 1 … 11, the six noise
  // families, centres and b over six decades) by another route: the median's CDF as a
  // Poisson-binomial tail, mpmath at 30 digits. The mean is held relative to its scale √(μ² + σ²).
  // scripts/fixtures/large-m-median-moments.py: the same route at M = 51 and 101, 20 digits.
  // scripts/fixtures/extreme-median-moments.py: the same route at the domain's edges (b from 1e-3 to
  // 1e5 times the centres' spread, tied centres, one worker, centres offset by 1e6 and 1e9).
  it.each(
    [...randomPoints.cases, ...largeMPoints.cases, ...extremePoints.cases].map(
      (c) => [c.noise, c.u.length, c.b, c] as const,
    ),
  )('%s M=%i b=%s matches the CDF route to 1e-12', (_n, _M, _b, reference) => {
    const result = noisyMedianMoments(reference.u, reference.b, reference.noise);
    const mean = Number(reference.mean);
    const variance = Number(reference.variance);
    const scale = Math.sqrt(mean * mean + variance);
    expect(Math.abs(result.mean - mean)).toBeLessThanOrEqual(1e-12 * scale);
    expect(Math.abs(result.variance - variance)).toBeLessThanOrEqual(1e-12 * variance);
    expect(Math.abs(result.mean - mean)).toBeLessThanOrEqual(result.errorBounds.mean + 4e-16 * scale);
    expect(Math.abs(result.variance - variance)).toBeLessThanOrEqual(result.errorBounds.variance + 4e-16 * variance);
    // The bounds include the disagreement of the density and CDF routes, which the result reports.
    expect(Math.abs(result.mean - result.crossCheck.meanViaCdf)).toBeLessThanOrEqual(result.errorBounds.mean);
    expect(Math.abs(result.variance - result.crossCheck.varianceViaCdf)).toBeLessThanOrEqual(
      result.errorBounds.variance,
    );
    expect(result.evaluations).toBeGreaterThan(0);
  });
});

describe('noisyMedianMoments: asymmetry and distance to the iid median', () => {
  // Fixture: scripts/fixtures/asymmetry-distance.py, mpmath at 30 digits, each |difference| split at
  // its own sign changes. The first five points are where the engine's values fell outside their
  // stated bounds (by up to 3e5 times) while |·| was integrated across its bends; each value must
  // now lie within its bound, and the bound be a real one (at most 1e-9 relative).
  it.each(asymmetryDistance.cases.map((c) => [c.noise, c.u.length, c.b, c] as const))(
    '%s M=%i b=%s: within the stated error bounds of mpmath',
    (_n, _M, _b, reference) => {
      const result = noisyMedianMoments(reference.u, reference.b, reference.noise);
      for (const key of ['asymmetry', 'distanceToIid'] as const) {
        const exact = Number(reference[key]);
        expect(Math.abs(result[key] - exact), key).toBeLessThanOrEqual(result.errorBounds[key] + 4e-16 * exact);
        expect(result.errorBounds[key], key).toBeLessThanOrEqual(1e-9 * Math.max(exact, 1e-5));
      }
    },
  );
});

describe('even-M median: reference means', () => {
  // Same fixture script: the mean of the two middle order statistics, mpmath at 40 digits. At
  // b = 1e-3 the middle order statistics are bumps at u = 1 and 2, a thousand noise widths from
  // the other workers; quadrature split only at the span's ends and ū once returned ū = 3.25.
  it.each(fixtures.evenCases.map((c) => [c.noise, JSON.stringify(c.u), c.b, c] as const))(
    '%s u=%s b=%s matches mpmath to 1e-11',
    (_n, _u, _b, reference) => {
      const result = evenMedianMonteCarloMoments(reference.u, reference.b, reference.noise, 2, deriveStream(1, 'even'));
      const mean = Number(reference.mean);
      expect(Math.abs(result.mean - mean)).toBeLessThanOrEqual(1e-11 * Math.abs(mean));
      expect(Math.abs(result.mean - mean)).toBeLessThanOrEqual(result.meanErrorBound + 4e-16 * Math.abs(mean));
    },
  );
});

describe('noisyMedianMoments: hand-worked cases', () => {
  it('M = 1: the mean is u and the variance b²', () => {
    const result = noisyMedianMoments([2.5], 3, 'laplace');
    expect(result.mean).toBeCloseTo(2.5, 13);
    expect(result.variance).toBeCloseTo(9, 11);
    expect(result.asymmetry).toBeLessThan(1e-14);
  });
  // Within 8 ulps up to the largest n accepted: the coefficient (2n+1)·C(2n, n)/4ⁿ is exact to an
  // ulp and the power is taken about the middle (the log-space form lost 1e4 ulps at n = 1000).
  const ulpsOff = (got: number, expected: number) => Math.abs(got - expected) / (Number.EPSILON * expected);
  it('uniform noise: σ²_mid = 3/(2n+3), the variance of a scaled Beta(n+1, n+1), to 8 ulps up to n = 5000', () => {
    for (const n of [0, 1, 2, 5, 25, 200, 1000, 5000])
      expect(ulpsOff(sigmaMid2('uniform', n), 3 / (2 * n + 3)), `n = ${n}`).toBeLessThanOrEqual(8);
  });
  it('σ²_mid against mpmath at 30 digits: five families, n up to 200, to 8 ulps (scripts/fixtures/sigma-mid.py)', () => {
    for (const [family, rows] of Object.entries(sigmaMidReference))
      for (const [n, expected] of rows)
        expect(ulpsOff(sigmaMid2(family, n), expected), `${family}, n = ${n}`).toBeLessThanOrEqual(8);
  });
  it('σ²_mid is a variance for an asymmetric family too: Rényi’s Σ 1/(2n+1−j)² for the centred exponential', () => {
    // The (n+1)-th of 2n+1 iid Exp(1) draws is Σ_{j<n+1} E_j/(2n+1−j) with iid E_j ~ Exp(1);
    // its variance does not move with the shift by −1. ∫s²g(s)ds would add the squared mean.
    for (const n of [0, 1, 2, 7, 100]) {
      let expected = 0;
      for (let j = 0; j <= n; j++) expected += 1 / (2 * n + 1 - j) ** 2;
      expect(ulpsOff(sigmaMid2('centred-exponential', n), expected), `n = ${n}`).toBeLessThanOrEqual(8);
    }
  });
  it('equal u: no bias, no asymmetry, Var = b²σ²_mid', () => {
    const result = noisyMedianMoments([1, 1, 1, 1, 1], 2, 'gaussian');
    expect(result.bias).toBeCloseTo(0, 14);
    expect(result.asymmetry).toBeLessThan(1e-13);
    expect(result.variance).toBeCloseTo(4 * result.sigmaMid2, 12);
    expect(result.distanceToIid).toBeLessThan(1e-12);
  });
  it('u symmetric about its mean: the bias vanishes exactly (the odd-order argument)', () => {
    expect(Math.abs(noisyMedianMoments([-3, 0.5, 1, 1.5, 5], 7, 'logistic').bias)).toBeLessThan(1e-14);
  });
  it('the density integrates to 1 and agrees with the CDF route', () => {
    const u = Float64Array.from([0, 1, 5, -2, 0.3]);
    const model = orderStatisticModel(u, 0.7, getNoiseFamily('student-t'), 3);
    const mass = integrate(model.density, -Infinity, Infinity, { breakpoints: [...u].map((x) => (x - 0.86) / 0.7) });
    expect(mass.value).toBeCloseTo(1, 12);
    const partial = integrate(model.density, -Infinity, 0.4, {}).value;
    expect(partial).toBeCloseTo(model.cdf(0.4), 11);
    expect(model.cdf(0.4) + model.sf(0.4)).toBeCloseTo(1, 14);
  });
  it('resolves a median far from ū at small b: its density is a narrow bump at the middle worker', () => {
    // Sorted u: −1.54, −1.03, 0, 1.49, 3.67; ū = 0.318. At b = 0.01 the median is the middle worker's
    // 0 + 0.01·ξ, 32 units of s away from ū: its mean is 0 and its density does not overlap its
    // mirror image about ū (asymmetric mass 1). Quadrature with breakpoints at the span's ends only
    // missed the bump (mean 0.518 with an error bound of 0.518, asymmetry 3.6e-18 with a bound of 1.8e-15).
    const far = noisyMedianMoments([-1.54, 1.49, -1.03, 3.67, 0], 0.01, 'gaussian');
    expect(Math.abs(far.mean)).toBeLessThan(1e-12);
    expect(far.errorBound).toBeLessThan(1e-12);
    expect(Math.abs(far.asymmetry - 1)).toBeLessThan(1e-9);
    expect(Math.abs(far.mass - 1)).toBeLessThan(1e-12);
    // The other workers are hundreds of standard deviations away: the median is the middle worker's value, variance b².
    expect(Math.abs(far.variance - 0.01 ** 2)).toBeLessThan(1e-9 * 0.01 ** 2);
    // The iid median's density g is a bump at ū, 32 widths from this one: they do not overlap, so
    // ∫|h − g| = 2 (the quadrature must find g's bump, far from every worker's centre).
    expect(Math.abs(far.distanceToIid - 2)).toBeLessThanOrEqual(far.errorBounds.distanceToIid);
  });

  // At the smallest b the engine accepts, the workers' bumps are 10⁵ noise widths from ū, and the
  // arguments s + (ū − u_i)/b are rounded to about 1e-11 widths, which the quadrature estimates do
  // not see: the bound must cover it (Gaussian at b = 1e-5 missed by 6% without that term).
  it.each(['gaussian', 'laplace', 'logistic', 'uniform'])(
    'u = (0, 1, 5), b = 1e-5, %s: Var = b² within the bound',
    (noise) => {
      const b = 1e-5;
      const result = noisyMedianMoments([0, 1, 5], b, noise);
      expect(Math.abs(result.variance - b * b)).toBeLessThanOrEqual(result.errorBounds.variance);
      expect(Math.abs(result.mean - 1)).toBeLessThanOrEqual(result.errorBounds.mean);
      // The median's bump sits 10⁵ widths from ū, where g's bump is: disjoint from g and from its
      // own mirror image, so ∫|h − g| = 2 and the asymmetric mass is 1 (up to e^(−10⁹)).
      expect(Math.abs(result.distanceToIid - 2)).toBeLessThanOrEqual(result.errorBounds.distanceToIid);
      expect(Math.abs(result.asymmetry - 1)).toBeLessThanOrEqual(result.errorBounds.asymmetry);
    },
  );

  it('rejects even M, b ≤ 0 and unknown families with typed errors', () => {
    expect(() => noisyMedianMoments([0, 1], 1)).toThrow(MedmeanError);
    expect(() => noisyMedianMoments([0, 1, 5], 0)).toThrow(/`b` must be a positive finite number/);
    expect(() => noisyMedianMoments([0, 1, 5], 1, 'cauchy')).toThrow(/`noise`/);
    expect(() => noisyMedianMoments([0, Number.NaN, 5], 1)).toThrow(/u\[1\]/);
  });

  // Each limit of the engine's domain is its own check, named by its parameter: without them the
  // call ran on and failed deep inside (an even M ended in integrate's "NaN at x = −16.7") or
  // returned a value computed at a tolerance of 5.
  it.each([
    ['even M', () => noisyMedianMoments([0, 1], 1), /noisyMedianMoments: .*`u` must be an odd number of values/],
    ['M > 2001', () => noisyMedianMoments(new Array(2003).fill(0), 1), /`u.length` must be at most 2001/],
    ['relTol ≥ 1', () => noisyMedianMoments([0, 1, 5], 1, 'gaussian', { relTol: 5 }), /`options.relTol`/],
    ['relTol ≤ 0', () => noisyMedianMoments([0, 1, 5], 1, 'gaussian', { relTol: 0 }), /`options.relTol`/],
    ['|u_i| > 1e150', () => noisyMedianMoments([0, 1, 2e150], 1), /`u` must be values of magnitude at most 1e150/],
    ['b > 1e150', () => noisyMedianMoments([0, 1, 5], 2e150), /`b` must be at most 1e150/],
    [
      'offsets beyond 1e6 widths',
      () => noisyMedianMoments([0, 1, 5e7], 1),
      /`b` must be at least 1e-6 × max\|u_i − ū\|/,
    ],
    ['sigmaMid2, n > 5000', () => sigmaMid2('gaussian', 5001), /sigmaMid2: .*`n` must be an integer in \[0, 5000\]/],
    ['sigmaMid2, n not an integer', () => sigmaMid2('gaussian', 1.5), /`n` must be an integer/],
    ['sigmaMid2, n < 0', () => sigmaMid2('gaussian', -1), /`n` must be an integer/],
  ] as const)('rejects %s with a MedmeanError naming the parameter', (_what, call, message) => {
    expect(call).toThrow(MedmeanError);
    expect(call).toThrow(message);
  });
});
