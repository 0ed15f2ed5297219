import { describe, expect, it } from 'vitest';
import { deriveStream, gaussian, logistic, studentT5 } from '../src/index.ts';
import {
  betaIdentityProduct,
  cancellationSum,
  firstOrderTerms,
  remainderIdentity,
} from '../src/estimators/proofSteps.ts';
import { testSeed } from './helpers/testSeed.ts';

describe('App. E.1 proof steps', () => {
  it('Beta identity C(2n,n)·∫yⁿ(1−y)ⁿdy = 1/(2n+1) holds exactly for n = 0..60', () => {
    for (let n = 0; n <= 60; n++) {
      const result = betaIdentityProduct(n);
      expect(result.value, `n = ${n}`).toBe(result.expected);
    }
  });
  it('the exact check has power: a wrong coefficient C(2n, n+1) breaks it', () => {
    // 1/(2n+1)·n/(n+1) ≠ 1/(2n+1): compare the identity's value with a perturbed expectation.
    expect(betaIdentityProduct(5).value).not.toBe('1/12');
  });
  it('Σ_i Σ_{J} Σ_{j∈J} (u_i − u_j) cancels to 0 by explicit enumeration (n ≤ 4)', () => {
    const stream = deriveStream(testSeed(), 'cancellation');
    for (const M of [3, 5, 7, 9]) {
      const u = Array.from({ length: M }, () => stream.next() * 10 - 5);
      const { sum, scale, subsets } = cancellationSum(u);
      expect(subsets).toBe(M * binomial(M - 1, (M - 1) / 2));
      expect(Math.abs(sum)).toBeLessThanOrEqual(1e-13 * scale);
    }
  });
  it.each([gaussian, logistic, studentT5].map((family) => [family.name, family] as const))(
    'remainder identity (56) holds numerically for %s',
    (_name, family) => {
      for (const delta of [0.3, 1, 2.5]) {
        const { left, right } = remainderIdentity(family, delta);
        expect(Math.abs(left - right)).toBeLessThanOrEqual(1e-8 * right);
      }
    },
  );
});

function binomial(m: number, r: number): number {
  let value = 1;
  for (let j = 1; j <= r; j++) value = (value * (m - r + j)) / j;
  return Math.round(value);
}

describe('firstOrderTerms (E.2, (50)–(52))', () => {
  it('vanish exactly around the mean and not around the median (u = (0, 1, 5))', () => {
    // M·ū = 6; the median is 1, M·1 = 3.
    expect(firstOrderTerms([0, 1, 5], 6).sums).toEqual([0, 0, 0]);
    expect(firstOrderTerms([0, 1, 5], 3).sums.some((sum) => sum !== 0)).toBe(true);
  });
  it('rejects non-integer input with a typed error', () => {
    expect(() => firstOrderTerms([0, 0.5, 1], 3)).toThrow(/firstOrderTerms: invalid argument/);
  });
});
