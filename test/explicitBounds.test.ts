import jstat from 'jstat';
import { describe, expect, it } from 'vitest';
import { boundRatio } from '../src/theorems/boundRatio.ts';
import { bound90, searchInstance90 } from '../src/theorems/theorem5Bound.ts';
import { bound92, searchInstance } from '../src/theorems/theorem6Bound.ts';
import { testSeed } from './helpers/testSeed.ts';

const { jStat } = jstat;

describe('boundRatio', () => {
  it('is left/right for right > 0, 0 when nothing is violated, the largest double when right ≤ 0 < left', () => {
    expect(boundRatio(1, 4)).toBe(0.25);
    expect(boundRatio(-1, -2)).toBe(0);
    expect(boundRatio(0, 0)).toBe(0);
    expect(boundRatio(1, 0)).toBe(Number.MAX_VALUE);
    expect(boundRatio(1, -3)).toBe(Number.MAX_VALUE);
  });
});

// The tight families the proofs predict: MEDIANSGD's stall point, b = 0.01, δ at 1e-3 of its cap.
describe('(92) with every term exact', () => {
  const instance = searchInstance([-2, -3, 0, 1], testSeed(), 12);
  it('holds and is tight on its tight family; (91) holds at every state', () => {
    const runs = 12;
    const outcome = bound92(instance, runs, testSeed(), ['test']);
    expect(outcome.violated).toBe(false);
    // (91) at every state of every run: T states per run.
    expect(outcome.step91.states).toBe(runs * instance.T);
    // With the conditional descent E[f(x_{t+1}) | x_t], (92) must hold on every trajectory: exact.
    expect(outcome.largestRunRatio).toBeGreaterThan(0.99);
    expect(outcome.largestRunRatio).toBeLessThanOrEqual(1 + 1e-9);
    expect(outcome.step91.violations).toBe(0);
    // The printed form, with the realised f(x_{T+1}), is a t-test over runs. The bound is tight here,
    // so at the claim's α = 1e-3 per instance (stated and calibrated there) a true bound fails about
    // one seed in a thousand: with 3 runs, SEED=2412 did (t = 24.6 against 22.3). Held here at
    // t_{1−1e-7} with 11 degrees of freedom: false failure ≤ 1e-7 under normality of the runs.
    const t = outcome.difference / outcome.standardError;
    expect(t).toBeLessThan(jStat.studentt.inv(1 - 1e-7, runs - 1));
  });
  it('controls: 0.9 × the right-hand side, and the bound and (91) without their gap term, fail there', () => {
    expect(bound92(instance, 3, testSeed(), ['test'], 'tightened by 10%').violated).toBe(true);
    const noGap = bound92(instance, 3, testSeed(), ['test'], 'without the gap term');
    expect(noGap.violated).toBe(true);
    // (91) without its gap term promises more descent than the step delivers at the stall point.
    expect(noGap.step91.violations).toBeGreaterThan(0);
  });
});

describe('(89) and (90) with every term exact', () => {
  const instance = searchInstance90([-2, -3, 0, 0], testSeed(), 12);
  it('hold; (89) is tight with equal curvatures, (90) is not; (87) and (88) hold at every state', () => {
    const outcome = bound90(instance, 3, testSeed(), ['test']);
    expect(outcome.violated).toBe(false);
    // (74) on every realised step and (88) at every state: T of each per run.
    expect(outcome.step74.steps).toBe(3 * instance.T);
    expect(outcome.states).toBe(3 * instance.T);
    expect(outcome.ratio89).toBeGreaterThan(0.999);
    expect(outcome.ratio90).toBeLessThan(0.9);
    expect(outcome.gaussMargin).toBeGreaterThanOrEqual(-1e-12);
    expect(outcome.step88.violations).toBe(0);
  });
  it("(90)'s right-hand side is 3·descent + 3·O(1/b²) term + (3L/2)δd, the terms it reports (one run)", () => {
    const outcome = bound90(instance, 1, testSeed(), ['test', 'one run']);
    const d = instance.x1.length;
    // δ = stepFraction/L, so (3L/2)δd = (3/2)·stepFraction·d whatever L is.
    expect(outcome.smoothnessTerm).toBeCloseTo(1.5 * instance.stepFraction * d, 12);
    const right90 = outcome.descent + outcome.remainder + outcome.smoothnessTerm;
    expect(outcome.ratio90).toBeCloseTo(boundRatio(outcome.left90, right90), 12);
  });
  it('controls: 0.9 × the right-hand side, and (89) without its O(1/b²) term, fail there', () => {
    const tightened = bound90(instance, 3, testSeed(), ['test'], 'tightened by 10%');
    expect(tightened.violated).toBe(true);
    expect(tightened.ratio89).toBeGreaterThan(1);
    // (74) and (88) are equalities with equal curvatures: tightened, they fail at every step.
    expect(tightened.step74.violations).toBe(tightened.step74.steps);
    expect(tightened.step88.violations).toBe(tightened.states);
    expect(bound90(instance, 3, testSeed(), ['test'], 'without the O(1/b²) term').violated).toBe(true);
  });
});
