import { describe, expect, it } from 'vitest';
import { integrate } from '../src/estimators/integrate.ts';
import { integrateAbsolute } from '../src/estimators/integrateAbsolute.ts';
import { signChanges } from '../src/estimators/signChanges.ts';

describe('signChanges', () => {
  it('finds every sign change of sin on [0, 10]: π, 2π and 3π', () => {
    const roots = signChanges(Math.sin, 0, 10, [], 1);
    expect(roots).toHaveLength(3);
    for (const [k, root] of roots.entries()) expect(Math.abs(root - (k + 1) * Math.PI)).toBeLessThan(1e-9);
  });

  it('finds a sign change a millionth past a cut, where f jumps, to 1e-10 scales, and not the jump itself', () => {
    const f = (x: number) => (x < 0 ? 1 : x - 1e-6);
    const roots = signChanges(f, -1, 1, [0], 1);
    expect(roots).toHaveLength(1);
    expect(Math.abs(roots[0] - 1e-6)).toBeLessThan(1e-10);
  });

  it('takes no underflowed tail for a sign change', () => {
    // exp(−x²)·(x − 0.5) is 0 in double precision beyond |x| ≈ 27: only 0.5 is a sign change.
    const roots = signChanges((x) => Math.exp(-x * x) * (x - 0.5), -Infinity, Infinity, [], 1);
    expect(roots).toHaveLength(1);
    expect(Math.abs(roots[0] - 0.5)).toBeLessThan(1e-10);
  });

  it('takes sign changes below 1e-14 of the largest sample for rounding noise, and not those above', () => {
    // 1 on (−1, 1), else a ripple of amplitude a that changes sign about every 0.63.
    const rippled = (a: number) => (x: number) => (Math.abs(x) < 1 ? 1 : 0) + a * Math.sin(5 * x);
    expect(signChanges(rippled(1e-20), -10, 10, [-1, 1], 1)).toEqual([]);
    expect(signChanges(rippled(1e-10), -10, 10, [-1, 1], 1).length).toBeGreaterThan(20);
  });
});

describe('integrateAbsolute', () => {
  it('∫_0^10 |sin x| dx = 7 + cos 10, within its estimate', () => {
    const result = integrateAbsolute(Math.sin, 0, 10, { relTol: 1e-13 });
    const exact = 7 + Math.cos(10);
    expect(result.signChanges).toBe(3);
    expect(Math.abs(result.value - exact)).toBeLessThanOrEqual(result.errorEstimate + 4e-16 * exact);
  });

  it('sees a bend that lies between a cut and the quadrature rule’s first node; plain quadrature of |f| does not', () => {
    // f jumps at the cut 0 and changes sign 1e-6 later, closer than any Kronrod node of [0, 1].
    const f = (x: number) => (x < 0 ? 1 : x - 1e-6);
    const exact = 1 + (1e-6 * 1e-6) / 2 + ((1 - 1e-6) * (1 - 1e-6)) / 2;
    const options = { breakpoints: [0], relTol: 1e-15, absTol: 0 };
    const bent = integrateAbsolute(f, -1, 1, options);
    expect(Math.abs(bent.value - exact)).toBeLessThanOrEqual(bent.errorEstimate + 4e-16 * exact);
    // The control: the same integrand through integrate alone claims an error it does not have.
    const plain = integrate((x) => Math.abs(f(x)), -1, 1, options);
    expect(Math.abs(plain.value - exact)).toBeGreaterThan(10 * (plain.errorEstimate + 4e-16 * exact));
  });
});
