import { describe, expect, it } from 'vitest';
import { createRule } from '../../src/check/rules.ts';

const vectorsOf = (rows: number[][]) => rows.map((row) => Float64Array.from(row));

describe('medmean check tolerances', () => {
  // Calibration seed 178: lo + (hi − lo)/2 on two middle values ≈ ±1000 is 1.1e-13 off a result of
  // 4e-13, a rounding of the operands that a tolerance relative to the result called a bug.
  it('accepts every usual formula for the average of two middle values, cancellation included', () => {
    const rule = createRule('median');
    const vectors = vectorsOf([
      [0, 999.999999988505, 0],
      [0, -999.9999999885058, 0],
    ]);
    const expected = rule.reference({ vectors });
    const [a, b] = [-999.9999999885058, 999.999999988505];
    for (const formula of [a + (b - a) / 2, (a + b) / 2, a / 2 + b / 2]) {
      expect(rule.mismatch(Float64Array.from([0, formula, 0]), expected, { vectors })).toBeUndefined();
    }
  });
  it('still tells a wrong middle value from a rounding of the right one', () => {
    const rule = createRule('median');
    const vectors = vectorsOf([[1], [2], [3], [10]]);
    const expected = rule.reference({ vectors });
    expect(rule.mismatch(Float64Array.from([2]), expected, { vectors })).toMatch(/got 2, expected 2\.5/);
    expect(rule.mismatch(Float64Array.from([2.5 + 1e-14]), expected, { vectors })).toMatch(/tolerance/);
    expect(rule.mismatch(Float64Array.from([2.5 + 8e-16]), expected, { vectors })).toBeUndefined(); // within 2ε·3
  });
});
