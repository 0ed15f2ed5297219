import { describe, expect, it } from 'vitest';
import { getNoiseFamily } from '../src/distributions/noiseFamilies.ts';
import { MedmeanError } from '../src/errors/MedmeanError.ts';
import { evenMedianAverageCdf } from '../src/estimators/evenMedianAverageCdf.ts';
import { evenMedianMoments } from '../src/estimators/evenMedianMoments.ts';
import { integrate } from '../src/estimators/integrate.ts';
import { orderStatisticModel } from '../src/estimators/orderStatisticModel.ts';
import references from './fixtures/even-median-average-cdf.json' with { type: 'json' };

const gaussian = getNoiseFamily('gaussian');

/** Mean and variance of a law given by its CDF, by quadrature of 1 − F and F. */
function momentsOfCdf(cdf: (y: number) => number, centre: number): { mean: number; variance: number } {
  const options = { relTol: 1e-9, absTol: 1e-12, breakpoints: [] };
  const right = (power: number) =>
    integrate((x) => power * x ** (power - 1) * (1 - cdf(centre + x)), 0, Infinity, options).value;
  const left = (power: number) =>
    integrate((x) => power * x ** (power - 1) * cdf(centre - x), 0, Infinity, options).value;
  // E[(Y − c)] and E[(Y − c)²] from the tails on either side of c.
  const first = right(1) - left(1);
  const second = right(2) + left(2);
  return { mean: centre + first, variance: second - first * first };
}

describe('evenMedianAverageCdf', () => {
  // M = 2: the average of the two middle values is the mean of both, N(ū, b²/2) for Gaussian noise.
  it('M = 2, Gaussian: the CDF of N(ū, b²/2)', () => {
    const b = 0.8;
    const cdf = evenMedianAverageCdf(Float64Array.from([0.3, 1.7]), b, gaussian);
    for (let z = -2; z <= 4; z += 0.25)
      expect(Math.abs(cdf(z) - gaussian.cdf((z - 1) / (b / Math.SQRT2)))).toBeLessThan(1e-12);
  });

  // scripts/fixtures/even-median-average-cdf.py: mpmath's double integral of the two middle order
  // statistics' joint density (15 digits), an independent route.
  it('agrees with mpmath on the joint density of the two middle values', () => {
    for (const { u, z, cdf } of references.cases) {
      const got = evenMedianAverageCdf(Float64Array.from(u), 1, gaussian)(z);
      expect(Math.abs(got - Number(cdf)), `u = ${u}, z = ${z}`).toBeLessThan(1e-13);
    }
  });

  // The moments the CDF implies against evenMedianMoments, an independent route (the two middle
  // order statistics' variances and their covariance, src/estimators/adjacentOrderCovariance.ts).
  // Control: the lower middle's CDF, which the same quadrature must tell apart.
  it.each([
    ['gaussian', [-1, 0, 0.5, 2]],
    ['laplace', [-2, -1, -0.5, 0, 0.25, 1, 1.5, 3]],
    ['centred-exponential', [0, 0.4, 3, 3.1]],
    // h0 jumps at ±√3: the integrand has kinks wherever z ± bτ is √3 from a centre.
    ['uniform', [-1, 0, 0.5, 2]],
  ] as const)('%s, u = %j: mean and variance agree with evenMedianMoments', (noise, u) => {
    const family = getNoiseFamily(noise);
    const centres = Float64Array.from(u);
    const exact = evenMedianMoments([...u], 1, noise);
    const fromCdf = momentsOfCdf(evenMedianAverageCdf(centres, 1, family), 0.5);
    expect(Math.abs(fromCdf.mean - exact.mean)).toBeLessThan(1e-7);
    expect(Math.abs(fromCdf.variance - exact.variance) / exact.variance).toBeLessThan(1e-7);
    const lower = orderStatisticModel(centres, 1, family, u.length / 2);
    const fromLower = momentsOfCdf((y) => lower.cdf(y - lower.uBar), 0.5);
    expect(Math.abs(fromLower.variance - exact.variance) / exact.variance).toBeGreaterThan(1e-2);
  });

  it('is a CDF: 0 far below, 1 far above, non-decreasing, NaN for NaN', () => {
    const cdf = evenMedianAverageCdf(Float64Array.from([-2, -1, -0.5, 0, 0.25, 1, 1.5, 3]), 1, gaussian);
    expect(cdf(-40)).toBeLessThan(1e-15);
    expect(cdf(40)).toBe(1);
    let before = 0;
    for (let z = -6; z <= 6; z += 0.05) {
      const value = cdf(z);
      expect(value).toBeGreaterThanOrEqual(before - 1e-12);
      before = value;
    }
    expect(cdf(Number.NaN)).toBeNaN();
  });

  it('rejects an odd count, a bad scale or a non-finite centre with a typed error naming it', () => {
    expect(() => evenMedianAverageCdf(Float64Array.from([0, 1, 2]), 1, gaussian)).toThrow(/`u`/);
    expect(() => evenMedianAverageCdf(Float64Array.from([0, Number.NaN]), 1, gaussian)).toThrow(MedmeanError);
    expect(() => evenMedianAverageCdf(Float64Array.from([0, 1]), 0, gaussian)).toThrow(/`b`/);
    expect(() => evenMedianAverageCdf([0, 1] as unknown as Float64Array, 1, gaussian)).toThrow(/`u`/);
  });
});
