import { describe, expect, it } from 'vitest';
import { judgedCheck, judgedControl } from '../src/theorems/judged.ts';
import { comparePairedGains } from '../src/theorems/pairedGainComparison.ts';
import { criterionSchema } from '../src/report/resultsSchema.ts';
import type { Criterion } from '../src/verdict/Criterion.ts';
import { allOf, anyOf, atMost, enoughData, noCounterexample, within } from '../src/verdict/criteria.ts';
import { judge } from '../src/verdict/judge.ts';

describe('judge', () => {
  it('passes at-most up to the bound plus the tolerance, and not beyond', () => {
    expect(judge(atMost(1.05, 1, 0.05)).passed).toBe(true);
    expect(judge(atMost(1.0500001, 1, 0.05)).passed).toBe(false);
    expect(judge(atMost(-1e300, 1, 0)).passed).toBe(true);
  });

  it('passes at-least down to the bound minus the tolerance, and not below', () => {
    const atLeast = (value: number): Criterion => ({ kind: 'at-least', value, bound: 0, tolerance: 1e-12, alpha: 0 });
    expect(judge(atLeast(-1e-12)).passed).toBe(true);
    expect(judge(atLeast(-2e-12)).passed).toBe(false);
  });

  it('passes within on either side of the expected value, and not outside', () => {
    const within = (value: number): Criterion => ({ kind: 'within', value, expected: 0.5, tolerance: 0.25, alpha: 0 });
    expect([0.25, 0.5, 0.75].map((value) => judge(within(value)).passed)).toEqual([true, true, true]);
    expect([0.24, 0.76].map((value) => judge(within(value)).passed)).toEqual([false, false]);
  });

  it('fails every criterion on a NaN, so a broken measurement never passes', () => {
    const broken: Criterion[] = [
      atMost(Number.NaN, 1, 0),
      atMost(0, Number.NaN, 0),
      atMost(0, 1, Number.NaN),
      { kind: 'at-least', value: Number.NaN, bound: 0, tolerance: 0, alpha: 0 },
      { kind: 'within', value: Number.NaN, expected: 0, tolerance: Number.POSITIVE_INFINITY, alpha: 0 },
      { kind: 'no-counterexample', cases: 10, counterexamples: Number.NaN, alpha: 0 },
      { kind: 'exceeds-margin', mean: 1, lower: Number.NaN, upper: 2, margin: 0, runs: 4, alpha: 0.01 },
    ];
    expect(broken.map((criterion) => judge(criterion).passed)).toEqual(broken.map(() => false));
  });

  it('needs at least one case and no counterexample for a property', () => {
    const property = (cases: number, counterexamples: number): Criterion => ({
      kind: 'no-counterexample',
      cases,
      counterexamples,
      alpha: 0,
    });
    expect(judge(property(100, 0)).passed).toBe(true);
    expect(judge(property(100, 1)).passed).toBe(false);
    expect(judge(property(0, 0)).passed).toBe(false);
  });

  it('decides exceeds-margin three ways: above, below, or not decisive', () => {
    const margin = (lower: number, upper: number): Criterion => ({
      kind: 'exceeds-margin',
      mean: (lower + upper) / 2,
      lower,
      upper,
      margin: 0.02,
      runs: 16,
      alpha: 0.01,
    });
    expect(judge(margin(0.03, 0.1))).toEqual({ passed: true, decisive: true });
    expect(judge(margin(-0.1, 0.01))).toEqual({ passed: false, decisive: true });
    expect(judge(margin(0.01, 0.1))).toEqual({ passed: false, decisive: false });
  });
});

describe('judged checks and controls', () => {
  it('carry the criterion, its α as the false-failure probability, and decisiveness', () => {
    const gains = comparePairedGains([0.5, 0.52, 0.49, 0.51], [0.3, 0.31, 0.3, 0.29], 0.02, 0.01);
    const check = judgedCheck('gain', gains.criterion, gains.detail);
    expect(check).toMatchObject({ passed: true, falseFailureProbability: 0.01, criterion: gains.criterion });
    expect(check.decisive).toBeUndefined();
    const unclear = comparePairedGains([0.5, 0.3, 0.5], [0.3, 0.31, 0.3], 0.02, 0.01);
    expect(judgedCheck('gain', unclear.criterion, unclear.detail)).toMatchObject({ passed: false, decisive: false });
    expect(judgedCheck('exact', atMost(0, 1, 0), '').falseFailureProbability).toBeUndefined();
  });

  it('flag a control exactly when its criterion does not pass', () => {
    const control = { name: 'homogeneous', description: 'no gain expected', detail: '' };
    const noGain = comparePairedGains([0.5, 0.5, 0.51, 0.49], [0.5, 0.51, 0.5, 0.5], 0.02, 0.01);
    expect(judgedControl(control, noGain.criterion).flagged).toBe(true);
    const gain = comparePairedGains([0.6, 0.61, 0.6, 0.59], [0.5, 0.51, 0.5, 0.5], 0.02, 0.01);
    expect(judgedControl(control, gain.criterion).flagged).toBe(false);
  });

  it('do not count a NaN as flagging a control: a broken measurement shows no power', () => {
    const control = { name: 'wrong variant', description: 'must fail', detail: '' };
    expect(judgedControl(control, atMost(2, 1)).flagged).toBe(true);
    expect(judgedControl(control, atMost(Number.NaN, 1)).flagged).toBe(false);
    expect(judgedControl(control, allOf({ a: atMost(2, 1), b: atMost(0, Number.POSITIVE_INFINITY) })).flagged).toBe(
      false,
    );
    expect(judgedControl(control, allOf({ a: atMost(2, 1), b: atMost(0, 1) })).flagged).toBe(true);
  });

  it('compares paired runs index by index, without mutating them', () => {
    const better = [0.3, 0.5];
    const worse = [0.1, 0.2];
    const { gainsPerRun, criterion } = comparePairedGains(better, worse, 0, 0.01);
    expect(gainsPerRun.map((gain) => Number(gain.toFixed(12)))).toEqual([0.2, 0.3]);
    expect(criterion).toMatchObject({ kind: 'exceeds-margin', runs: 2, margin: 0 });
    expect([better, worse]).toEqual([
      [0.3, 0.5],
      [0.1, 0.2],
    ]);
  });
});

describe('composite criteria', () => {
  it('pass all parts only when every part passes, and sum their α', () => {
    const both = allOf({ mean: atMost(0.5, 1), rate: atMost(-0.4, -1 / 3, 0.05, 0.001) });
    expect(both.alpha).toBe(0.001);
    expect(judge(both)).toEqual({ passed: true, decisive: true });
    expect(judge(allOf({ mean: atMost(0.5, 1), rate: atMost(0, -1 / 3, 0.05) })).passed).toBe(false);
    expect(judge(allOf({})).passed).toBe(false);
  });

  it('pass any part when one part passes, so a control that needs every cell refuted is not flagged by most', () => {
    expect(judge(anyOf({ a: atMost(2, 1), b: atMost(0, 1) }))).toEqual({ passed: true, decisive: true });
    expect(judge(anyOf({ a: atMost(2, 1), b: atMost(3, 1) }))).toEqual({ passed: false, decisive: true });
    expect(judge(anyOf({ a: atMost(2, 1), b: enoughData(1, 2) }))).toEqual({ passed: false, decisive: false });
    expect(judge(anyOf({})).passed).toBe(false);
    const control = { name: 'asymmetric noise', description: 'every cell must fail', detail: '' };
    expect(judgedControl(control, anyOf({ a: atMost(2, 1), b: atMost(3, 1) })).flagged).toBe(true);
    expect(judgedControl(control, anyOf({ a: atMost(2, 1), b: atMost(0, 1) })).flagged).toBe(false);
    expect(judgedControl(control, anyOf({ a: atMost(2, 1), b: atMost(Number.NaN, 1) })).flagged).toBe(false);
    // No cells measured: nothing refuted, whatever the (vacuous) verdict.
    expect(judgedControl(control, anyOf({})).flagged).toBe(false);
  });

  it('judge a shortage of data as not decisive, alone or inside all parts, but a decisive failure as decisive', () => {
    expect(judge(enoughData(3, 4))).toEqual({ passed: false, decisive: false });
    expect(judge(enoughData(4, 4))).toEqual({ passed: true, decisive: true });
    expect(judge(allOf({ data: enoughData(3, 4), bound: atMost(0, 1) }))).toEqual({ passed: false, decisive: false });
    expect(judge(allOf({ data: enoughData(3, 4), bound: atMost(2, 1) }))).toEqual({ passed: false, decisive: true });
  });

  it('survive results.json: NaN written as null is read back as NaN and still fails', () => {
    const criterion = allOf({ exact: within(Number.NaN, 1, 1e-9), property: noCounterexample(10, 0) });
    const parsed = criterionSchema.parse(JSON.parse(JSON.stringify(criterion)));
    expect(judge(parsed).passed).toBe(false);
    expect(
      Number.isNaN((parsed as unknown as { parts: Array<{ criterion: { value: number } }> }).parts[0].criterion.value),
    ).toBe(true);
    expect(() => criterionSchema.parse({ kind: 'at-most', value: 1 })).toThrow();
  });
});
