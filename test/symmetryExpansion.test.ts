import { describe, expect, it } from 'vitest';
import { gaussian } from '../src/distributions/gaussian.ts';
import { gumbel } from '../src/distributions/gumbel.ts';
import { logistic } from '../src/distributions/logistic.ts';
import { MedmeanError } from '../src/errors/MedmeanError.ts';
import { orderStatisticModel } from '../src/estimators/orderStatisticModel.ts';
import {
  cdfExpansion,
  changeOfVariableDensity,
  densityExpansion,
  lagrangeRemainder,
  remainderMass,
  tailExpansion,
  zerothOrderTerm,
} from '../src/estimators/symmetryExpansion.ts';
import { symmetryExpansionSteps } from '../src/theorems/symmetryExpansionSteps.ts';

describe('App. E.2 expansion steps', () => {
  it('(45) by enumeration equals the engine density at ū + bz; the opposite shift gives the density at ū − bz', () => {
    const u = [0, 1, 5];
    const model = orderStatisticModel(Float64Array.from(u), 0.5, logistic, 2);
    for (const z of [-1, 0.3, 2]) {
      expect(changeOfVariableDensity(u, 0.5, logistic, z)).toBeCloseTo(model.density(z) / 0.5, 14);
      expect(changeOfVariableDensity(u, 0.5, logistic, z, -1)).toBeCloseTo(model.density(-z) / 0.5, 14);
      expect(Math.abs(changeOfVariableDensity(u, 0.5, logistic, z, -1) - model.density(z) / 0.5)).toBeGreaterThan(1e-3);
    }
  });

  it('finds a Lagrange point for a true expansion and none for a wrong one', () => {
    // e^x = 1 + x + e^t·x²/2 for some t in (0, x); with 1 + 2x as the expansion the required e^t is 8(e^0.5 − 2) < 0.
    expect(lagrangeRemainder(Math.exp(0.5), 1.5, 0.5, Math.exp, 0, 0.5).slack).toBeGreaterThan(0);
    expect(lagrangeRemainder(Math.exp(0.5), 2, 0.5, Math.exp, 0, 0.5).slack).toBeLessThan(0);
    for (const [z, delta] of [
      [0.7, 0.4],
      [-1.5, -1.5],
      [2, 0.05],
    ]) {
      expect(densityExpansion(gaussian, z, delta).slack).toBeGreaterThan(0);
      expect(cdfExpansion(gaussian, z, delta).slack).toBeGreaterThan(0);
      expect(tailExpansion(gaussian, z, delta, 'corrected').slack).toBeGreaterThan(0);
      expect(tailExpansion(gaussian, z, delta, 'printed').slack).toBeLessThan(0);
    }
  });

  it('(49) with k over [2n + 1] is the iid-median density; with [n] as printed it is not', () => {
    const g = orderStatisticModel(new Float64Array(5), 1, gaussian, 3).density(0.4);
    expect(zerothOrderTerm(gaussian, 5, 0.4, 'corrected')).toBeCloseTo(g, 14);
    expect(Math.abs(zerothOrderTerm(gaussian, 5, 0.4, 'printed') / g - 1)).toBeGreaterThan(0.01);
  });

  it('(55): the printed kernel integrates to ∫|R| for symmetric noise only; ∫|R| ≤ (δ²/2)∫|h0″|', () => {
    const symmetric = remainderMass(gaussian, 1);
    expect(Math.abs(symmetric.printedKernel / symmetric.mass - 1)).toBeLessThan(1e-7);
    expect(Math.abs(symmetric.correctedKernel / symmetric.mass - 1)).toBeLessThan(1e-7);
    expect(symmetric.mass).toBeLessThanOrEqual(symmetric.bound);
    const skewed = remainderMass(gumbel, 1);
    expect(Math.abs(skewed.correctedKernel / skewed.mass - 1)).toBeLessThan(1e-7);
    expect(Math.abs(skewed.printedKernel / skewed.mass - 1)).toBeGreaterThan(1e-4);
  });

  it('rejects bad sizes and shifts with typed errors', () => {
    expect(() => changeOfVariableDensity([0, 1], 1, gaussian, 0)).toThrow(MedmeanError);
    expect(() => changeOfVariableDensity([0, 1, 2], 0, gaussian, 0)).toThrow(/b/);
    expect(() => zerothOrderTerm(gaussian, 4, 0, 'corrected')).toThrow(/M/);
    expect(() => remainderMass(gaussian, -1)).toThrow(/delta/);
  });

  it('gives the atlas (45)–(47), (55) as holding and (48), (49) as typos, with both controls flagged', () => {
    const steps = symmetryExpansionSteps('quick');
    expect(Object.fromEntries(steps.proofSteps.map((step) => [step.equation, step.verdict]))).toEqual({
      '(45)': 'holds',
      '(46)': 'holds',
      '(47)': 'holds',
      '(48)': 'typo',
      '(49)': 'typo',
      '(55)': 'holds',
    });
    expect(steps.check.passed).toBe(true);
    expect(steps.controls.map((control) => control.flagged)).toEqual([true, true]);
  });
});
