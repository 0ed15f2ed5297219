import { describe, expect, it } from 'vitest';
import { gaussian } from '../src/distributions/gaussian.ts';
import { logistic } from '../src/distributions/logistic.ts';
import { iidMedianDensity, iidMedianDensityDerivatives } from '../src/estimators/iidMedianDensity.ts';
import { sampledExpansionSteps } from '../src/theorems/sampledExpansionSteps.ts';

describe('g′ and g″ of the iid-median density', () => {
  it('match central differences of g and g′ (step 1e-4: truncation about 1e-8)', () => {
    for (const family of [gaussian, logistic]) {
      for (const n of [0, 1, 2, 5]) {
        const g = iidMedianDensity(family, n);
        const { slope, curvature } = iidMedianDensityDerivatives(family, n);
        const h = 1e-4;
        for (const s of [-2, -0.6, 0.1, 1.3]) {
          expect(Math.abs(slope(s) - (g(s + h) - g(s - h)) / (2 * h))).toBeLessThan(1e-6);
          expect(Math.abs(curvature(s) - (slope(s + h) - slope(s - h)) / (2 * h))).toBeLessThan(1e-5);
        }
      }
    }
  });
  it('g′ is odd and g″ even (g is symmetric)', () => {
    const { slope, curvature } = iidMedianDensityDerivatives(logistic, 2);
    expect(slope(0.7)).toBeCloseTo(-slope(-0.7), 14);
    expect(curvature(0.7)).toBeCloseTo(curvature(-0.7), 14);
  });
});

describe('App. F proof steps', () => {
  it('give (63), (64), (68)–(70) as holding and (67) as a sign typo, with every control flagged', () => {
    const steps = sampledExpansionSteps('quick');
    expect(Object.fromEntries(steps.proofSteps.map((step) => [step.equation, step.verdict]))).toEqual({
      '(63)': 'holds',
      '(64)': 'holds',
      '(67)': 'typo',
      '(68)': 'holds',
      '(69)': 'holds',
      '(70)': 'holds',
    });
    expect(steps.check.passed).toBe(true);
    expect(steps.controls.map((control) => control.flagged)).toEqual([true, true, true, true, true]);
  });
});
