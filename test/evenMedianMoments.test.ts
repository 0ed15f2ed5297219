import { describe, expect, it } from 'vitest';
import { evenMedianMoments, EVEN_MEDIAN_MAX_M } from '../src/estimators/evenMedianMoments.ts';
import { MedmeanError } from '../src/errors/MedmeanError.ts';

/** |got − expected| within the result's own error bound (plus rounding of the reference). */
const withinBound = (got: number, expected: number, bound: number) =>
  Math.abs(got - expected) <= bound + 4e-16 * Math.abs(expected);

describe('evenMedianMoments: exact cases', () => {
  // M = 2: the median is the mean of two independent values, so Var = (b² + b²)/4 = b²/2 whatever u
  // and the family. Control: the variance without the covariance of the two order statistics
  // (min and max are positively correlated) must miss it by far more than the bound.
  it.each(['gaussian', 'laplace', 'centred-exponential'])('M = 2, %s: Var = b²/2 and E = ū', (noise) => {
    const b = 1.5;
    const result = evenMedianMoments([0, 3], b, noise);
    expect(withinBound(result.variance, (b * b) / 2, result.errorBounds.variance)).toBe(true);
    expect(withinBound(result.mean, 1.5, result.errorBounds.mean)).toBe(true);
    const withoutCovariance = (result.parts.lowerVariance + result.parts.upperVariance) / 4;
    expect(Math.abs(withoutCovariance - (b * b) / 2)).toBeGreaterThan(1e6 * result.errorBounds.variance);
  });

  // iid uniform on [−√3, √3]: 12·Var((U_(n) + U_(n+1))/2) with Var U_(k) = k(N+1−k)/((N+1)²(N+2)) and
  // Cov(U_(n), U_(n+1)) = n·n/((N+1)²(N+2)), N = 2n. iid centred exponential (Rényi's representation
  // X_(k) = Σ_{i≤k} E_i/(N−i+1)): Var = ¼[4·Σ_{i≤n} 1/(N−i+1)² + 1/n²].
  const uniformIid = (N: number) => {
    const n = N / 2;
    const scale = (N + 1) ** 2 * (N + 2);
    return (12 * (n * (N + 1 - n) + (n + 1) * (N - n) + 2 * n * n)) / (4 * scale);
  };
  const exponentialIid = (N: number) => {
    const n = N / 2;
    let sum = 0;
    for (let i = 1; i <= n; i++) sum += 1 / (N - i + 1) ** 2;
    return (4 * sum + 1 / n ** 2) / 4;
  };
  it.each([
    ['uniform', 4, uniformIid(4)],
    ['uniform', 6, uniformIid(6)],
    ['centred-exponential', 4, exponentialIid(4)],
    ['centred-exponential', 6, exponentialIid(6)],
  ] as const)('iid %s, M = %i: σ²_mid in closed form', (noise, M, expected) => {
    const result = evenMedianMoments(new Array(M).fill(0), 1, noise);
    expect(withinBound(result.sigmaMid2, expected, result.errorBounds.sigmaMid2)).toBe(true);
    expect(withinBound(result.variance, expected, result.errorBounds.variance)).toBe(true);
  });
  // Three tied workers and one 20 noise widths above, centred exponential noise: the far worker
  // lies below the third value only in the three's far tail, which moves the variance by 7.8e-11.
  // Reference: scripts/fixtures/even-median-tied-exponential.py (a reduction to one-dimensional
  // integrals, mpmath at 40 digits; its values rounded to doubles), where the quadrature of
  // even-median-variance.py is off by 1.4e-12.
  // Control: the three tied workers' value alone, b²·11/18, must miss by more than 10 bounds.
  it('u = (5, 5, 5, 6), b = 0.05, centred exponential: the far tail event, to its bound', () => {
    const b = 0.05;
    const result = evenMedianMoments([5, 5, 5, 6], b, 'centred-exponential');
    expect(withinBound(result.mean, 5.016666666589374, result.errorBounds.mean)).toBe(true);
    expect(withinBound(result.variance, 0.001527777699196296, result.errorBounds.variance)).toBe(true);
    expect(Math.abs(result.variance - (b * b * 11) / 18)).toBeGreaterThan(10 * result.errorBounds.variance);
  });
});

describe('evenMedianMoments: heterogeneous workers', () => {
  // References from scripts/fixtures/even-median-variance.py: a different route (conditioning on the
  // lower middle value, subsets enumerated) and a different quadrature (composite Gauss–Legendre),
  // accurate to about 1e-13: the mean, the variance, then Var X_(n), Var X_(n+1) and their
  // covariance. The centred exponential is asymmetric: for a symmetric family and for M = 2 the
  // covariance of the reflected configuration (offsets of the wrong sign) is the same, and only an
  // asymmetric family at M ≥ 4 tells the two apart.
  it.each([
    [
      [0, 1, 5, 2],
      2,
      'gaussian',
      [1.8047474511707564, 1.4063645449583575, 1.8062683544556508, 1.928472554634702, 0.9453586353715395],
    ],
    [
      [0, 1, 2, 10],
      0.7,
      'laplace',
      [1.5450226777532032, 0.2168070116222922, 0.29941446771423297, 0.39709127292977353, 0.0853611529225815],
    ],
    [
      [0, 1, 5, 2],
      1.3,
      'centred-exponential',
      [1.607947207075586, 0.7315659756116211, 0.6725885980012385, 1.3999523626901977, 0.4268614708775238],
    ],
    [
      [0, 3, 1, -2, 4, 0.5],
      0.8,
      'centred-exponential',
      [0.8448511395393896, 0.287819384418176, 0.24254625318563525, 0.557700828583668, 0.17551522795170038],
    ],
  ] as const)(
    'u = %j, b = %s, %s: mean, bias, variance and its parts match an independent reference',
    (u, b, noise, reference) => {
      const [mean, variance, lowerVariance, upperVariance, covariance] = reference;
      const result = evenMedianMoments(u, b, noise);
      const uBar = u.reduce((sum: number, x: number) => sum + x, 0) / u.length;
      expect(Math.abs(result.mean - mean)).toBeLessThanOrEqual(result.errorBounds.mean + 1e-13);
      expect(Math.abs(result.bias - (mean - uBar))).toBeLessThanOrEqual(result.errorBounds.mean + 1e-13);
      expect(Math.abs(result.variance - variance)).toBeLessThanOrEqual(result.errorBounds.variance + 1e-13);
      expect(result.errorBounds.variance).toBeLessThan(1e-8 * variance);
      // The variance is a quarter of (Var X_(n) + Var X_(n+1) + 2 Cov): its bound, four times over, bounds each part.
      const partBound = 4 * result.errorBounds.variance + 1e-13;
      expect(Math.abs(result.parts.lowerVariance - lowerVariance)).toBeLessThanOrEqual(partBound);
      expect(Math.abs(result.parts.upperVariance - upperVariance)).toBeLessThanOrEqual(partBound);
      expect(Math.abs(result.parts.covariance - covariance)).toBeLessThanOrEqual(partBound);
    },
  );

  // At small b the middle values are two workers' bumps, 10⁵ noise widths apart: Var = b²/2 up to
  // terms below e^(−10⁹). The rounding of s + (ū − u_i)/b at that distance (about 1e-11 widths) is
  // what the bound must cover there.
  it.each([1e-3, 1e-5])('u = (0, 1, 2, 10), b = %s: Var = b²/2 within the bound', (b) => {
    const result = evenMedianMoments([0, 1, 2, 10], b, 'gaussian');
    expect(withinBound(result.variance, (b * b) / 2, result.errorBounds.variance)).toBe(true);
    expect(withinBound(result.mean, 1.5, result.errorBounds.mean)).toBe(true);
  });

  // Against Monte Carlo (student-t, M = 6): the statistical test even-median-variance, run by
  // test/statisticalChecks.test.ts with SEED and calibrated over 1000 seeds (reports/calibration.md).

  it('rejects odd M, more than EVEN_MEDIAN_MAX_M workers and a bad scale with a MedmeanError naming the parameter', () => {
    expect(() => evenMedianMoments([0, 1, 5], 1)).toThrow(/`u` must be an even number of values/);
    expect(() => evenMedianMoments(new Array(EVEN_MEDIAN_MAX_M + 2).fill(0), 1)).toThrow(MedmeanError);
    expect(() => evenMedianMoments(new Array(EVEN_MEDIAN_MAX_M + 2).fill(0), 1)).toThrow(/`u.length`/);
    expect(() => evenMedianMoments([0, 1], 0)).toThrow(/`b`/);
    expect(() => evenMedianMoments([0, 1], 1, 'cauchy')).toThrow(/`noise`/);
  });
});
