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
