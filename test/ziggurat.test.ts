import { describe, expect, it } from 'vitest';
import { deriveStream, gaussian } from '../src/index.ts';
import { fillStandardNormalZiggurat } from '../src/distributions/ziggurat.ts';
import { ksCriticalValue, ksStatistic } from '../src/estimators/ksStatistic.ts';
import { testSeed } from './helpers/testSeed.ts';

describe('ziggurat normal sampler', () => {
  // n = 1e6 draws. Each z-test below uses 4.5 standard errors (two-sided 6.8e-6); with the KS test
  // at α = 1e-4 the family-wise false-failure probability is below 1.3e-4.
  const n = 1_000_000;
  const draws = fillStandardNormalZiggurat(deriveStream(testSeed(), 'ziggurat'), new Float64Array(n));

  it('has mean 0, variance 1, skewness 0 and kurtosis 3', () => {
    let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (const x of draws) {
      m1 += x;
      m2 += x * x;
      m3 += x ** 3;
      m4 += x ** 4;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(4.5 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(4.5 * Math.sqrt(2 / n));
    expect(Math.abs(m3 / n)).toBeLessThan(4.5 * Math.sqrt(15 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(4.5 * Math.sqrt(96 / n));
  });
  it('puts the right mass in the tail beyond the base block (R = 3.4426)', () => {
    const p = 2 * gaussian.sf(3.442619855899);
    const count = draws.filter((x) => Math.abs(x) > 3.442619855899).length;
    expect(Math.abs(count - n * p)).toBeLessThan(4.5 * Math.sqrt(n * p * (1 - p)));
  });
  it('agrees with the normal CDF (Kolmogorov–Smirnov, α = 1e-4)', () => {
    expect(ksStatistic(Float64Array.from(draws), gaussian.cdf)).toBeLessThan(ksCriticalValue(1e-4, n));
  });
  it('has 53-bit resolution: no ties in 1e6 draws', () => {
    const sorted = Float64Array.from(draws).sort();
    let ties = 0;
    for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) ties++;
    expect(ties).toBe(0);
  });
  it('the KS check has power: a variance-1.04 normal is rejected', () => {
    const scaled = draws.map((x) => x * Math.sqrt(1.04));
    expect(ksStatistic(scaled, gaussian.cdf)).toBeGreaterThan(ksCriticalValue(1e-4, n));
  });
});
