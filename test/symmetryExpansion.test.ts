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

  // By hand at z = 0, δ = 0.4 (Φ(0.4), φ(0), φ(0.4) from mpmath): the printed (48) asks
  // h0′(−z3) = 2(Φ(0) − Φ(0.4) − φ(0)·0.4)/0.16 of a derivative t ↦ φ′(−t) = tφ(t) that ranges over
  // [0, 0.4·φ(0.4)] on [z, z + δ]; the corrected form asks 2(Φ(0.4) − Φ(0) − φ(0)·0.4)/0.16 of
  // the same function on [z − δ, z], where it ranges over [−0.4·φ(0.4), 0].
  it('(48) asks of h0′ the value and range computed by hand, as printed and corrected', () => {
    const [Phi04, phi0, phi04] = [0.6554217416103242, 0.3989422804014327, 0.3682701403033233];
    const printed = tailExpansion(gaussian, 0, 0.4, 'printed');
    expect(Math.abs(printed.required - (2 * (0.5 - Phi04 - phi0 * 0.4)) / 0.16)).toBeLessThan(1e-13);
    expect(Math.abs(printed.lowest)).toBeLessThan(1e-15);
    expect(Math.abs(printed.highest - 0.4 * phi04)).toBeLessThan(1e-15);
    const corrected = tailExpansion(gaussian, 0, 0.4, 'corrected');
    expect(Math.abs(corrected.required - (2 * (Phi04 - 0.5 - phi0 * 0.4)) / 0.16)).toBeLessThan(1e-13);
    expect(Math.abs(corrected.lowest + 0.4 * phi04)).toBeLessThan(1e-15);
    expect(Math.abs(corrected.highest)).toBeLessThan(1e-15);
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
    // φ″ = (t² − 1)φ changes sign at ±1, so ∫|φ″| = 4φ(1) and the bound at δ = 1 is 2φ(1) (mpmath).
    expect(Math.abs(symmetric.bound - 0.4839414490382867)).toBeLessThan(1e-10);
    const skewed = remainderMass(gumbel, 1);
    expect(Math.abs(skewed.correctedKernel / skewed.mass - 1)).toBeLessThan(1e-7);
    expect(Math.abs(skewed.printedKernel / skewed.mass - 1)).toBeGreaterThan(1e-4);
  });

  it('rejects bad sizes and shifts with typed errors', () => {
    expect(() => changeOfVariableDensity([0, 1], 1, gaussian, 0)).toThrow(MedmeanError);
    expect(() => changeOfVariableDensity([0, 1], 1, gaussian, 0)).toThrow(/changeOfVariableDensity: .*`u`/);
    expect(() => changeOfVariableDensity(new Array(13).fill(0), 1, gaussian, 0)).toThrow(
      /changeOfVariableDensity: .*`u`/,
    );
    expect(() => changeOfVariableDensity([0, 1, 2], 0, gaussian, 0)).toThrow(/changeOfVariableDensity: .*`b`/);
    expect(() => zerothOrderTerm(gaussian, 4, 0, 'corrected')).toThrow(/zerothOrderTerm: .*`M` must be an odd integer/);
    expect(() => zerothOrderTerm(gaussian, 13, 0, 'corrected')).toThrow(
      /zerothOrderTerm: .*`M` must be an odd integer/,
    );
    expect(() => remainderMass(gaussian, -1)).toThrow(/remainderMass: .*`delta`/);
    expect(() => remainderMass(gaussian, 0)).toThrow(/remainderMass: .*`delta`/);
  });

  it('gives the atlas (45)–(47), (55) as holding and (48), (49) as typos, with every control flagged', () => {
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
    expect(steps.controls.map((control) => control.flagged)).toEqual([true, true, true, true, true]);
  });
});
