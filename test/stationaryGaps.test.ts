import { describe, expect, it } from 'vitest';
import { getNoiseFamily, stationaryGaps } from '../src/index.ts';
import references from './fixtures/stationary-gaps.json' with { type: 'json' };

// Fixture: scripts/fixtures/stationary-gaps.py, mpmath at 40 digits: the median of the noisy
// median by bisection on its Poisson-binomial CDF, its mean by quadrature. The gaps are differences
// from the workers' mean ā, which in doubles is rounded by about ε·max|a_i|, and the sign gap is
// found where the median's CDF crosses 1/2, to about ε noise widths: both are allowed 8ε·(max|a_i| + b)
// (measured: at most 1.6ε for the sign gap, 0.6ε for the median gap).
const allowance = (a: readonly number[], b: number) => 8 * Number.EPSILON * (Math.max(...a.map(Math.abs)) + b);

describe('stationaryGaps against mpmath', () => {
  it.each(references.cases.map((c) => [c.noise, c.a.length, c.b, c] as const))(
    '%s, M = %s, b = %s',
    (_noise, _M, _b, reference) => {
      const gaps = stationaryGaps(reference.a, reference.b, getNoiseFamily(reference.noise));
      const allowed = allowance(reference.a, reference.b);
      expect(Math.abs(gaps.signSgd - Number(reference.signSgd))).toBeLessThanOrEqual(allowed);
      if (reference.medianSgd !== undefined)
        expect(Math.abs(gaps.medianSgd - Number(reference.medianSgd))).toBeLessThanOrEqual(allowed);
    },
  );

  it('tells the gradients x − a_i from their mirror image: with the asymmetric centred exponential, a and −a settle apart', () => {
    const asymmetric = references.cases.filter((c) => c.noise === 'centred-exponential' && c.a.length > 1);
    expect(asymmetric.length).toBeGreaterThanOrEqual(4);
    for (const reference of asymmetric) {
      const mirrored = stationaryGaps(
        reference.a.map((x) => -x),
        reference.b,
        getNoiseFamily(reference.noise),
      );
      expect(Math.abs(mirrored.signSgd - Number(reference.signSgd))).toBeGreaterThan(
        1e3 * allowance(reference.a, reference.b),
      );
    }
  });
});
