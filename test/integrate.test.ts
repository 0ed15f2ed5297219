import { describe, expect, it } from 'vitest';
import { integrate, MedmeanError } from '../src/index.ts';

describe('integrate', () => {
  it('is exact for polynomials within its degree (Kronrod nodes and weights are right)', () => {
    expect(integrate((x) => x ** 13, 0, 1).value).toBeCloseTo(1 / 14, 15);
    expect(integrate(() => 1, -1, 1).value).toBe(2);
  });
  it('integrates over infinite ranges and reports an error estimate', () => {
    const result = integrate((x) => Math.exp(-x * x), -Infinity, Infinity);
    expect(Math.abs(result.value - Math.sqrt(Math.PI))).toBeLessThan(1e-14);
    expect(result.converged).toBe(true);
    expect(result.errorEstimate).toBeLessThan(1e-11);
  });
  it('handles kinks given as breakpoints', () => {
    expect(integrate((x) => Math.abs(x - 0.3), -1, 1, { breakpoints: [0.3] }).value).toBeCloseTo(
      0.5 * 1.3 ** 2 + 0.5 * 0.7 ** 2,
      14,
    );
  });
  it('reports non-convergence instead of a wrong value silently', () => {
    const result = integrate((x) => 1 / Math.sqrt(Math.abs(x)), -1, 1, { maxIntervals: 20 });
    expect(result.converged).toBe(false);
  });
  it('rejects a reversed interval', () => {
    expect(() => integrate((x) => x, 1, 0)).toThrow(MedmeanError);
  });
});

describe('integrate: slow tails, endpoint singularities, NaN', () => {
  it('resolves a tail like x^−1.5 to the tolerance (the mapping on t = 1 − u lost 2e-8 of it and reported convergence)', () => {
    const result = integrate((x) => x ** -1.5, 1, Infinity);
    expect(result.converged).toBe(true);
    expect(Math.abs(result.value - 2)).toBeLessThan(1e-11);
    const left = integrate((x) => Math.abs(x) ** -1.5, -Infinity, -1);
    expect(Math.abs(left.value - 2)).toBeLessThan(1e-11);
  });

  it('resolves a singularity at the finite end of an infinite range: ∫₀^∞ e^−x/√x = √π', () => {
    const result = integrate((x) => Math.exp(-x) / Math.sqrt(x), 0, Infinity);
    expect(result.converged).toBe(true);
    expect(Math.abs(result.value - Math.sqrt(Math.PI))).toBeLessThan(1e-11);
  });

  it('a tail heavier than its reach (x^−1.01 from 1) is not converged, with the mass past the reach in its estimate', () => {
    const result = integrate((x) => x ** -1.01, 1, Infinity);
    expect(result.converged).toBe(false);
    expect(result.errorEstimate).toBeGreaterThanOrEqual(0.5 * Math.abs(result.value - 100));
    expect(integrate((x) => 1 / x, 1, Infinity).converged).toBe(false);
  });

  it('an endpoint singularity narrower than the doubles there is not converged, with a finite value (it was Infinity)', () => {
    const result = integrate((x) => (1 - x) ** -0.5, 0, 1);
    expect(result.converged).toBe(false);
    expect(Math.abs(result.value - 2)).toBeLessThan(1e-6);
    expect(Math.abs(result.value - 2)).toBeLessThanOrEqual(result.errorEstimate);
  });

  it('an integrand that returns NaN is a MedmeanError naming f and a point, not a NaN result', () => {
    expect(() => integrate((x) => (x > 0.5 ? Number.NaN : x), 0, 1)).toThrow(
      /`f` must be .*Value: `NaN at x = 0\.[5-9]/,
    );
  });
});
