// The expansion steps of App. E.2 (Theorem 4(b)), each computed from its printed form so that it
// can be compared with what it claims: (45) the change of variable, (46)–(48) the second-order
// Taylor expansions with Lagrange remainder, (49) the zeroth-order term, and (55) the remainder mass.
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { integrate } from './integrate.ts';
import { integrateAbsolute } from './integrateAbsolute.ts';
import { medianConfigurations } from './medianConfigurations.ts';

/**
 * The right-hand side of (45), h(ū + bz, b), by enumeration of every configuration: worker i at the
 * median, the n workers of S below it, the rest above, each argument shifted by `sign`·(ū − u_i)/b
 * (sign +1 as printed; −1 is the wrong shift, a negative control).
 */
export function changeOfVariableDensity(
  u: readonly number[],
  b: number,
  family: NoiseFamily,
  z: number,
  sign: 1 | -1 = 1,
): number {
  const M = u.length;
  if (M % 2 !== 1 || M > 11)
    throw new MedmeanError('changeOfVariableDensity', 'u', 'an odd number of centres, at most 11', u);
  if (!(b > 0) || !Number.isFinite(b))
    throw new MedmeanError('changeOfVariableDensity', 'b', 'a positive finite number', b);
  const uBar = u.reduce((total, ui) => total + ui, 0) / M;
  const shift = u.map((ui) => (sign * (uBar - ui)) / b + z);
  // Each worker's three factors, once: the configurations only choose among them.
  const atMedian = shift.map((s) => family.pdf(s) / b);
  const isBelow = shift.map((s) => family.cdf(s));
  const isAbove = shift.map((s) => family.cdf(-s));
  let total = 0;
  for (const { median: i, below } of medianConfigurations(M)) {
    let term = atMedian[i];
    for (let k = 0; k < M; k++) if (k !== i) term *= below[k] ? isBelow[k] : isAbove[k];
    total += term;
  }
  return total;
}

/** Where the remainder of a second-order expansion lands against the range of the derivative it names. */
export interface LagrangeRemainder {
  /** 2·(value − first-order expansion)/δ²: what the derivative must equal at the intermediate point. */
  readonly required: number;
  /** The range of that derivative over the interval (attained values, from a fine grid). */
  readonly lowest: number;
  readonly highest: number;
  /** (required − lowest)/(highest − lowest) clipped to its distance from [0, 1]: ≥ 0 inside the range (an intermediate point exists), < 0 outside. */
  readonly slack: number;
}

const GRID = 4000;

/**
 * Whether f(x + δ) = f(x) + f′(x)δ + d(t)·δ²/2 for some t between `from` and `to`: by the
 * intermediate value theorem, exactly when the required value lies in the range of d over the
 * interval. The range is taken over attained values, so "inside" is a proof of existence.
 */
export function lagrangeRemainder(
  value: number,
  expansion: number,
  delta: number,
  derivative: (t: number) => number,
  from: number,
  to: number,
): LagrangeRemainder {
  const required = (2 * (value - expansion)) / (delta * delta);
  let lowest = Infinity;
  let highest = -Infinity;
  for (let k = 0; k <= GRID; k++) {
    const d = derivative(from + ((to - from) * k) / GRID);
    lowest = Math.min(lowest, d);
    highest = Math.max(highest, d);
  }
  const width = highest - lowest || Math.abs(required) || 1;
  const position = (required - lowest) / width;
  return { required, lowest, highest, slack: Math.min(position, 1 - position) };
}

/**
 * (46): h0(z + δ) with the remainder h0″(z1)δ²/2, z1 between z and z + δ. A first-order sign of −1
 * is the slip (48)'s print makes, kept as a wrong variant the check must refute.
 */
export const densityExpansion = (
  family: NoiseFamily,
  z: number,
  delta: number,
  firstOrderSign: 1 | -1 = 1,
): LagrangeRemainder =>
  lagrangeRemainder(
    family.pdf(z + delta),
    family.pdf(z) + firstOrderSign * family.dpdf(z) * delta,
    delta,
    (t) => family.d2pdf(t),
    z,
    z + delta,
  );

/** (47): H0(z + δ) with the remainder h0′(z2)δ²/2, z2 between z and z + δ (sign as in (46)). */
export const cdfExpansion = (
  family: NoiseFamily,
  z: number,
  delta: number,
  firstOrderSign: 1 | -1 = 1,
): LagrangeRemainder =>
  lagrangeRemainder(
    family.cdf(z + delta),
    family.cdf(z) + firstOrderSign * family.pdf(z) * delta,
    delta,
    (t) => family.dpdf(t),
    z,
    z + delta,
  );

/**
 * (48) for H0(−(ū − u_k)/b − z) = H0(δ − z), δ = (u_k − ū)/b. As printed: H0(−z) − h0(−z)δ −
 * h0′(−z3)δ²/2 with z3 between z and z + δ. Corrected (the expansion of H0(−z + δ)):
 * H0(−z) + h0(−z)δ + h0′(−z3)δ²/2 with z3 between z and z − δ.
 */
export function tailExpansion(
  family: NoiseFamily,
  z: number,
  delta: number,
  form: 'printed' | 'corrected',
): LagrangeRemainder {
  const value = family.cdf(delta - z);
  if (form === 'printed') {
    // value = H0(−z) − h0(−z)δ − h0′(−z3)δ²/2  ⇔  −value = −H0(−z) + h0(−z)δ + h0′(−z3)δ²/2.
    return lagrangeRemainder(
      -value,
      -family.cdf(-z) + family.pdf(-z) * delta,
      delta,
      (t) => family.dpdf(-t),
      z,
      z + delta,
    );
  }
  return lagrangeRemainder(value, family.cdf(-z) + family.pdf(-z) * delta, delta, (t) => family.dpdf(-t), z, z - delta);
}

/**
 * (49)'s sum Σ_i h0(z) Σ_{S ∈ S_i} ∏_{j∈S} H0(z) ∏_{k ∈ K \ {i, S}} H0(−z) for M = 2n + 1,
 * with K = [2n + 1] (what g of (54) needs) or K = [n] as printed.
 */
export function zerothOrderTerm(family: NoiseFamily, M: number, z: number, indexSet: 'printed' | 'corrected'): number {
  if (!Number.isInteger(M) || M % 2 !== 1 || M > 11)
    throw new MedmeanError('zerothOrderTerm', 'M', 'an odd integer ≤ 11', M);
  const n = (M - 1) / 2;
  // Workers 0 … K − 1 (the proof's 1 … K) carry H0(−z) when above the median.
  const K = indexSet === 'printed' ? n : M;
  const leading = family.pdf(z) * family.cdf(z) ** n;
  const above = family.cdf(-z);
  let total = 0;
  for (const { median: i, below } of medianConfigurations(M)) {
    let term = leading;
    for (let k = 0; k < K; k++) if (k !== i && !below[k]) term *= above;
    total += term;
  }
  return total;
}

/** (55) for one shift δ: the remainder mass and the integral forms of the Taylor remainder. */
export interface RemainderMass {
  /** ∫ R(x)·H0(x)H0(−x) dx, R(x) = h0(x + δ) − h0(x) − h0′(x)δ: the left side of (55). */
  readonly weighted: number;
  /** ∫ |R(x)| dx: what the "≤" of (55) bounds the left side by (‖H0‖∞ = 1). */
  readonly mass: number;
  /** ∫ |∫_x^{x+δ} h0″(t)(t − x) dt| dx: the printed integral form. */
  readonly printedKernel: number;
  /** ∫ |∫_x^{x+δ} h0″(t)(x + δ − t) dt| dx: the integral form of Taylor's remainder. */
  readonly correctedKernel: number;
  /** (δ²/2)∫|h0″|, where (56) takes the chain. */
  readonly bound: number;
}

export function remainderMass(family: NoiseFamily, delta: number): RemainderMass {
  if (!(delta > 0) || !Number.isFinite(delta))
    throw new MedmeanError('remainderMass', 'delta', 'a positive finite number', delta);
  const [lo, hi] = family.support;
  const low = Number.isFinite(lo) ? lo - delta : -Infinity;
  const breakpoints = [...family.breakpoints, ...family.breakpoints.map((k) => k - delta)];
  // The equalities are judged at 1e-8, the integrals held to 1e-9; integrateAbsolute splits each |·| where its argument changes sign.
  const options = { relTol: 1e-9, breakpoints };
  const R = (x: number) => family.pdf(x + delta) - family.pdf(x) - family.dpdf(x) * delta;
  // At the kernel's zeros (which integrateAbsolute seeks out) no relative tolerance can be met: 1e-15
  // absolute, far below the 1e-8 the equalities are judged at, stops the refinement there.
  const kernel = (x: number, weight: (t: number) => number) =>
    integrate((t) => family.d2pdf(t) * weight(t), x, x + delta, {
      relTol: 1e-11,
      absTol: 1e-15,
      breakpoints: family.breakpoints,
    }).value;
  return {
    weighted: integrate((x) => R(x) * family.cdf(x) * family.cdf(-x), low, hi, options).value,
    mass: integrateAbsolute(R, low, hi, options).value,
    printedKernel: integrateAbsolute((x) => kernel(x, (t) => t - x), low, hi, options).value,
    correctedKernel: integrateAbsolute((x) => kernel(x, (t) => x + delta - t), low, hi, options).value,
    bound:
      ((delta * delta) / 2) *
      integrateAbsolute(family.d2pdf, lo, hi, { relTol: 1e-12, breakpoints: family.breakpoints }).value,
  };
}
