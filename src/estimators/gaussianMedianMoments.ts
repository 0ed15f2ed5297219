import { gaussian } from '../distributions/gaussian.ts';
import { orderStatisticModel } from './orderStatisticModel.ts';

// 8-point Gauss–Legendre nodes and weights on [−1, 1].
const NODES = [
  -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
  0.525532409916329, 0.7966664774136267, 0.9602898564975363,
];
const WEIGHTS = [
  0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362, 0.3137066458778873,
  0.2223810344533745, 0.1012285362903763,
];
/** How far from the middle worker's offset, in the standardised variable s, the median's CDF still moves (see below). */
const REACH = 9;

/** ∫_a^b f and ∫_a^b s·f (a < b) by 8-point Gauss–Legendre on panels of width ≤ `panel`. */
function panels(f: (s: number) => number, a: number, b: number, panel: number): [number, number] {
  const count = Math.max(1, Math.ceil((b - a) / panel));
  const width = (b - a) / count;
  let total = 0;
  let moment = 0;
  for (let p = 0; p < count; p++) {
    const centre = a + (p + 0.5) * width;
    for (let k = 0; k < 8; k++) {
      const s = centre + 0.5 * width * NODES[k];
      const value = WEIGHTS[k] * f(s);
      total += value;
      moment += s * value;
    }
  }
  return [0.5 * width * total, 0.5 * width * moment];
}

/**
 * E and Var of median(u_i + b·ξ_i), ξ_i standard Gaussian, odd M = 2n + 1: a fixed-rule kernel for
 * the checks that need E[median | x_t] at every step of many trajectories. On s = (z − ū)/b, about
 * the middle worker's offset c: E[s] = c + ∫_c^∞ P(S > s) ds − ∫_{−∞}^c P(S ≤ s) ds and
 * E[(S − c)²] = 2∫_c^∞ (s − c) P(S > s) ds + 2∫_{−∞}^c (c − s) P(S ≤ s) ds.
 *
 * Both integrands vanish farther than REACH = 9 from c, however far apart the workers are: S ≤ s
 * needs n + 1 values below s, so at least one of the n + 1 workers at or above c, whence
 * P(S ≤ s) ≤ (n + 1)·Φ(s − c); likewise P(S > s) ≤ (n + 1)·Φ(c − s). What lies past 9 is then at
 * most (n + 1)·φ(9)/81 ≈ (n + 1)·1.3e-20 in ∫P and (n + 1)·1.1e-19 in the second moments, and
 * the rest is 8-point Gauss–Legendre on panels over the smooth (analytic) CDF. Its steepest part
 * narrows like 1/√M (the median of M close workers has a spread of about 1.25/√M), so the panels
 * are 1/⌈√(M/5)⌉ wide: with width 1 at every M, the error beyond the adaptive engine's bound grew
 * from 2e-13 at M = 5 to 6e-12 at M = 9, 2e-7 at M = 51 and 2e-5 at M = 201 (relative to b²); with
 * these it stays below 5e-13 up to M = 201 (700 seeded instances, M from 1 to 201, spreads from
 * 1e-3 to 1e2, a third of them 1e3 from 0, b from 0.03 to 30). Over ±9 about c that is 144·⌈√(M/5)⌉ evaluations of the
 * median's CDF, where integrating to 9 past every worker, as this kernel did, took up to M times
 * as many (thm6's trajectories, M = 5: 4.7 times).
 * Agrees with the adaptive engine (noisyMedianMoments) to about 1e-12
 * (test/gaussianMedianMoments.test.ts) at a fraction of its cost. Kernel: no validation.
 */
export function gaussianMedianMoments(u: Float64Array, b: number): { mean: number; variance: number } {
  const model = orderStatisticModel(u, b, gaussian, (u.length + 1) / 2);
  // About the middle worker, where the median sits at small b: about the span's midpoint the
  // variance 2∫… − shift² cancelled the square of a shift of hundreds of widths (5e-11 relative).
  const c = model.centres[(model.centres.length - 1) / 2];
  const panel = 1 / Math.ceil(Math.sqrt(u.length / 5));
  const [above, firstAbove] = panels((s) => model.sf(s), c, c + REACH, panel);
  const [below, firstBelow] = panels((s) => model.cdf(s), c - REACH, c, panel);
  const secondAbove = firstAbove - c * above;
  const secondBelow = c * below - firstBelow;
  const shift = above - below;
  const variance = b * b * Math.max(0, 2 * (secondAbove + secondBelow) - shift * shift);
  return { mean: model.uBar + b * (c + shift), variance };
}
