import { describe, expect, it } from 'vitest';
import { ksCriticalValue, ksStatistic } from '../src/estimators/ksStatistic.ts';

// The sampler checks reject on these two functions; their negative controls (uniform draws
// against a Gaussian) are flagged even by a statistic with one of its two halves missing, so
// each half is pinned here by hand-computed cases against the uniform cdf F(x) = x on [0, 1].
describe('ksStatistic', () => {
  const uniformCdf = (x: number) => x;

  it('takes the ECDF step above F: D+ = max((i + 1)/n − F(x_i))', () => {
    // D+ = max(1/3 − 0.1, 2/3 − 0.4, 1 − 0.7) = 0.3 at the last draw; D− = 0.1.
    expect(ksStatistic(Float64Array.from([0.7, 0.1, 0.4]), uniformCdf)).toBeCloseTo(0.3, 15);
  });

  it('takes the ECDF step below F: D− = max(F(x_i) − i/n), attained past the first draw', () => {
    // D− = max(0.02, 0.7 − 1/3, 0.75 − 2/3) = 0.3667 at the second draw; D+ = 1/3 − 0.02.
    expect(ksStatistic(Float64Array.from([0.75, 0.02, 0.7]), uniformCdf)).toBeCloseTo(0.7 - 1 / 3, 15);
  });

  it('gives the Dvoretzky–Kiefer–Wolfowitz critical value sqrt(ln(2/α)/2)/√n', () => {
    // α = 1e-4, n = 20000, as the sampler checks use it: Python's math gives 0.015734903520943595.
    expect(ksCriticalValue(1e-4, 20000)).toBeCloseTo(0.015734903520943595, 15);
  });
});
