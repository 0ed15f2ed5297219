import { describe, expect, it } from 'vitest';
import { createNoisyRule } from '../../src/check/noisy/noisyRules.ts';
import { continuousLaw, discreteLaw, lawDistance } from '../../src/check/noisy/outputLaw.ts';

describe('lawDistance', () => {
  it('takes the largest gap of F_n against F at every value and left limit of a discrete law', () => {
    const law = discreteLaw([-1, 0, 1], [0.25, 0.25, 0.5]);
    // F_n: P(−1) = 0.5, P(0) = 0, P(+1) = 0.5: F_n(−1) = 0.5 vs 0.25, F_n(0) = 0.5 vs 0.5.
    const outputs = Float64Array.from([1, -1, 1, -1]);
    const result = lawDistance(outputs, law);
    expect(result.distance).toBeCloseTo(0.25, 15);
    expect(result.at).toBe(-1);
    expect([...outputs]).toEqual([1, -1, 1, -1]);
    // The same frequencies as the law: no gap.
    expect(lawDistance(Float64Array.from([-1, 0, 1, 1]), law).distance).toBe(0);
  });

  it('sees a left limit: all mass at a point the law puts below it', () => {
    const law = discreteLaw([0, 1], [1, 0]);
    expect(lawDistance(Float64Array.from([1, 1]), law).distance).toBe(1);
  });

  it('compares a continuous law at quantiles of the outputs, and a NaN from the law fails', () => {
    const uniform = continuousLaw((t) => Math.min(1, Math.max(0, t)));
    const evenlySpread = Float64Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    expect(lawDistance(evenlySpread, uniform).distance).toBeLessThanOrEqual(0.001);
    const squeezed = evenlySpread.map((x) => x / 2);
    expect(lawDistance(squeezed, uniform).distance).toBeGreaterThan(0.49);
    expect(
      lawDistance(
        evenlySpread,
        continuousLaw(() => Number.NaN),
      ).distance,
    ).toBe(Infinity);
  });

  it('sorts a copy of the outputs first: the order they come in changes nothing', () => {
    const law = discreteLaw([-1, 0, 1], [0.2, 0.3, 0.5]);
    const inOrder = Float64Array.from([-1, 0, 0, 1, 1, 1, 1, 1]);
    const shuffled = Float64Array.from([1, 1, 0, 1, -1, 1, 0, 1]);
    expect(lawDistance(shuffled, law)).toEqual(lawDistance(inOrder, law));
    const uniform = continuousLaw((t) => Math.min(1, Math.max(0, t)));
    const spread = Float64Array.from({ length: 999 }, (_, i) => ((i * 7) % 999) / 999);
    expect(lawDistance(spread, uniform).distance).toBeLessThan(0.002);
  });

  it('sees an atom through the left limit where the CDF itself agrees', () => {
    // Half the outputs exactly at 0.5, the rest spread over (0.5, 1]: F_n(t) = t from 0.5 on, as
    // for the uniform law, but F_n(0.5−) = 0 against 0.5.
    const atom = Float64Array.from({ length: 1000 }, (_, i) => (i < 500 ? 0.5 : 0.5 + (i - 499) / 1000));
    const result = lawDistance(
      atom,
      continuousLaw((t) => Math.min(1, Math.max(0, t))),
    );
    expect(result.distance).toBeCloseTo(0.5, 12);
    expect(result.at).toBe(0.5);
    expect(result.empirical).toBe(0);
  });
});

describe('the noisy rules’ laws', () => {
  // Proposition 1 computed twice: the vote's law from the count of positive workers, its mean from
  // the median's order-statistic CDF.
  it.each([
    [[0, 1, 5], 0],
    [[-2, -1, 0.5, 1, 4], 0],
    [[-1, 0, 0.5, 2], 0],
    [[-1, 0, 0.5, 2], 1],
  ] as const)(
    'the vote law at u = %j (tie %d) has the rule’s mean, and P(0) only at even M with ties to 0',
    (u, tie) => {
      const rule = createNoisyRule('noisy-sign-vote', 'gaussian', 1, { tie });
      const law = rule.law([...u]);
      const [minus, zero, plus] = [law.atMost(-1), law.atMost(0) - law.atMost(-1), 1 - law.atMost(0)];
      expect(Math.abs(plus - minus - rule.expectation([...u]).mean)).toBeLessThan(1e-13);
      if (u.length % 2 === 1 || tie === 1) expect(zero).toBe(0);
      else expect(zero).toBeGreaterThan(0.1);
      expect(law.below(-1)).toBe(0);
    },
  );

  it('the median law follows the declared middle at even M', () => {
    const u = [-1, 0, 0.5, 2];
    const cdfAt = (even: 'average' | 'lower' | 'upper') =>
      createNoisyRule('noisy-median', 'gaussian', 1, { even }).law(u).atMost(0.25);
    const [lower, average, upper] = [cdfAt('lower'), cdfAt('average'), cdfAt('upper')];
    expect(lower).toBeGreaterThan(average);
    expect(average).toBeGreaterThan(upper);
  });
});
