import { describe, expect, it } from 'vitest';
import { deriveStream, fillUniform, MedmeanError } from '../src/index.ts';

describe('deriveStream', () => {
  it('gives identical output for the same key', () => {
    const a = fillUniform(deriveStream(7, 'thm3', 2), new Float64Array(1000));
    const b = fillUniform(deriveStream(7, 'thm3', 2), new Float64Array(1000));
    expect(a).toEqual(b);
  });

  it('does not depend on the order in which streams are created', () => {
    const first = deriveStream(7, 'cell', 1);
    deriveStream(7, 'cell', 0).next();
    const again = deriveStream(7, 'cell', 1);
    expect(first.next()).toBe(again.next());
  });

  it('gives different streams for keys that differ in any part', () => {
    const keys: Array<Array<string | number>> = [
      [1, 'a', 0],
      [2, 'a', 0],
      [1, 'b', 0],
      [1, 'a', 1],
      [1, 'a0'],
      ['1', 'a', 0],
    ];
    const heads = keys.map(([seed, ...rest]) => deriveStream(seed, ...rest).next());
    expect(new Set(heads).size).toBe(keys.length);
  });

  it('gives uncorrelated streams for adjacent keys', () => {
    // n = 1e5 pairs: the sample correlation of independent U(0,1) has sd 1/√n ≈ 0.0032;
    // |r| < 0.0155 fails with probability ≈ 1e-6 (4.9 sd).
    const n = 100_000;
    const x = fillUniform(deriveStream(1, 'block', 0), new Float64Array(n));
    const y = fillUniform(deriveStream(1, 'block', 1), new Float64Array(n));
    let sx = 0,
      sy = 0,
      sxy = 0,
      sxx = 0,
      syy = 0;
    for (let i = 0; i < n; i++) {
      sx += x[i];
      sy += y[i];
      sxy += x[i] * y[i];
      sxx += x[i] * x[i];
      syy += y[i] * y[i];
    }
    const r = (sxy - (sx * sy) / n) / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
    expect(Math.abs(r)).toBeLessThan(0.0155);
  });

  it('draws 53-bit doubles in [0, 1) without ties in 1e6 draws', () => {
    const draws = fillUniform(deriveStream(3, 'ties'), new Float64Array(1_000_000));
    expect(Math.min(...draws.subarray(0, 1000))).toBeGreaterThanOrEqual(0);
    const sorted = Float64Array.from(draws).sort();
    let ties = 0;
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) ties++;
    // With 53-bit resolution P(any tie) ≈ n²/2^54 ≈ 6e-5; a 32-bit generator gives ~116 ties.
    expect(ties).toBe(0);
    expect(sorted[sorted.length - 1]).toBeLessThan(1);
  });

  it('rejects keys that are not strings or safe integers', () => {
    expect(() => deriveStream(1.5)).toThrow(MedmeanError);
    expect(() => deriveStream(1, Number.NaN)).toThrow(/key\[0\]/);
  });
});
