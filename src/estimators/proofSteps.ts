import type { Fraction, MathJsInstance } from 'mathjs';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { integrate } from './integrate.ts';
import { signChanges } from './signChanges.ts';
import { requireOptional } from '../package/optionalDependency.ts';
import { medianConfigurations } from './medianConfigurations.ts';

// Exact rationals: mathjs fractions backed by native BigInt. Loaded on first use (mathjs's cold
// import is ~1.3 s): a static import made every CLI start and every worker thread pay for it.
let math: MathJsInstance | undefined;
const exact = (): MathJsInstance => {
  if (math === undefined) {
    const { all, create } = requireOptional<typeof import('mathjs')>('mathjs', 'mathjs', 'Exact rational proof steps');
    math = create(all!, {});
  }
  return math;
};

function binomial(m: number, r: number): bigint {
  let value = 1n;
  for (let j = 1; j <= r; j++) value = (value * BigInt(m - r + j)) / BigInt(j);
  return value;
}

/**
 * App. E.1's Beta-integral chain, exactly: C(2n, n)·∫₀¹ yⁿ(1 − y)ⁿ dy = 1/(2n + 1).
 *
 * The integral is expanded independently of the Beta function, ∫₀¹ yⁿ(1 − y)ⁿ dy =
 * Σ_k C(n, k)(−1)^k/(n + k + 1), summed as exact fractions; returns the product as "p/q".
 */
export function betaIdentityProduct(n: number): { value: string; expected: string; holds: boolean } {
  if (!Number.isInteger(n) || n < 0 || n > 500)
    throw new MedmeanError('betaIdentityProduct', 'n', 'an integer in [0, 500]', n);
  const m = exact();
  let integral = m.fraction(0n, 1n) as Fraction;
  for (let k = 0; k <= n; k++) {
    const term = m.fraction(binomial(n, k) * (k % 2 === 0 ? 1n : -1n), BigInt(n + k + 1)) as Fraction;
    integral = m.add(integral, term) as Fraction;
  }
  const product = m.multiply(m.fraction(binomial(2 * n, n), 1n), integral) as Fraction;
  const expected = m.fraction(1n, BigInt(2 * n + 1)) as Fraction;
  return {
    value: `${product.n}/${product.d}`,
    expected: `${expected.n}/${expected.d}`,
    holds: m.equal(product, expected) as boolean,
  };
}

/**
 * The cancellation used in E.1: Σ_i Σ_{J ⊂ [2n+1]∖{i}, |J| = n} Σ_{j∈J} (u_i − u_j) = 0, by explicit
 * enumeration of the subsets (no symmetry argument). Returns the sum and the sum of |terms|.
 */
export function cancellationSum(u: readonly number[]): { sum: number; scale: number; subsets: number } {
  const M = u.length;
  if (M % 2 === 0 || M > 13) throw new MedmeanError('cancellationSum', 'u', 'an odd number of at most 13 values', u);
  let sum = 0;
  let scale = 0;
  let subsets = 0;
  for (const { median: i, below } of medianConfigurations(M)) {
    subsets++;
    for (let j = 0; j < M; j++) {
      if (!below[j]) continue;
      sum += u[i] - u[j];
      scale += Math.abs(u[i] - u[j]);
    }
  }
  return { sum, scale, subsets };
}

/**
 * The first-order terms of E.2, (50)–(52), by explicit enumeration: with weights w_k = M·(c − u_k)
 * for an expansion centre c (the proof's c is ū), the sums
 *   (50) Σ_i w_i·|S_i|,  (51) Σ_i Σ_{S∈S_i} Σ_{j∈S} w_j,  (52) Σ_i Σ_{S∈S_i} Σ_{k∉S∪{i}} w_k,
 * S_i the n-subsets of [2n+1]∖{i}. They vanish for c = ū. Pass integer u and M·c: every term is then
 * an integer and the sums are exact in double precision.
 */
export function firstOrderTerms(
  u: readonly number[],
  scaledCentre: number,
): { sums: [number, number, number]; subsets: number } {
  const M = u.length;
  if (M % 2 === 0 || M > 13 || !u.every(Number.isInteger) || !Number.isInteger(scaledCentre)) {
    throw new MedmeanError('firstOrderTerms', 'u', 'an odd number of at most 13 integers, with an integer M·centre', u);
  }
  const weight = u.map((value) => scaledCentre - M * value);
  const sums: [number, number, number] = [0, 0, 0];
  let subsets = 0;
  for (const { median: i, below } of medianConfigurations(M)) {
    subsets++;
    sums[0] += weight[i];
    for (let j = 0; j < M; j++) {
      if (j === i) continue;
      if (below[j]) sums[1] += weight[j];
      else sums[2] += weight[j];
    }
  }
  return { sums, subsets };
}

/**
 * The remainder identity (56): ∫∫_{x ≤ t ≤ x+δ} |h0″(t)|(t − x) dt dx = (δ²/2)·∫|h0″(t)| dt, both
 * sides by quadrature (the left as a nested integral).
 */
export function remainderIdentity(family: NoiseFamily, delta: number): { left: number; right: number } {
  if (!(delta > 0) || !Number.isFinite(delta))
    throw new MedmeanError('remainderIdentity', 'delta', 'a positive finite number', delta);
  const absSecond = (t: number) => Math.abs(family.d2pdf(t));
  const [lo, hi] = family.support;
  // |h0″| has kinks where h0″ changes sign: signChanges locates them, as breakpoints for every integral below.
  const kinks = [
    ...family.breakpoints,
    ...signChanges(family.d2pdf, Math.max(lo, -20), Math.min(hi, 20), family.breakpoints, 1),
  ];
  const inner = (x: number) =>
    integrate((t) => absSecond(t) * (t - x), x, x + delta, { relTol: 1e-12, breakpoints: kinks }).value;
  const outerKinks = [...kinks, ...kinks.map((k) => k - delta)];
  const left = integrate(inner, Number.isFinite(lo) ? lo - delta : -Infinity, hi, {
    relTol: 1e-11,
    breakpoints: outerKinks,
  }).value;
  const right = ((delta * delta) / 2) * integrate(absSecond, lo, hi, { relTol: 1e-12, breakpoints: kinks }).value;
  return { left, right };
}
