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
/** Panel width in the standardised variable s, and how far from the workers' offsets the CDF still moves (Gaussian tail mass beyond 9: 1e-19). */
const PANEL = 1;
const REACH = 9;

/** ∫_a^b f and ∫_a^b s·f (a < b) by 8-point Gauss–Legendre on panels of width ≤ PANEL. */
function panels(f: (s: number) => number, a: number, b: number): [number, number] {
  const count = Math.max(1, Math.ceil((b - a) / PANEL));
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
 * ∫_a^b f and ∫_a^b s·f where f is constant outside `cover` (merged intervals): quadrature inside
 * the cover, the exact integral of the constant on the gaps between, so the cost does not grow
 * with the distance between the workers.
 */
function piecewise(
  f: (s: number) => number,
  a: number,
  b: number,
  cover: readonly (readonly [number, number])[],
): [number, number] {
  const cuts = [a, b, ...cover.flat().filter((x) => x > a && x < b)].sort((x, y) => x - y);
  let total = 0;
  let moment = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [x0, x1] = [cuts[k], cuts[k + 1]];
    if (x1 <= x0) continue;
    const middle = 0.5 * (x0 + x1);
    if (cover.some(([low, high]) => middle >= low && middle <= high)) {
      const [piece, pieceMoment] = panels(f, x0, x1);
      total += piece;
      moment += pieceMoment;
    } else {
      const value = f(middle);
      total += value * (x1 - x0);
      moment += value * 0.5 * (x1 * x1 - x0 * x0);
    }
  }
  return [total, moment];
}

/**
 * E and Var of median(u_i + b·ξ_i), ξ_i standard Gaussian, odd M: a fixed-rule kernel for the
 * checks that need E[median | x_t] at every step of many trajectories. On s = (z − ū)/b, about a
 * centre c: E[s] = c + ∫_c^∞ P(S > s) ds − ∫_{−∞}^c P(S ≤ s) ds and
 * E[(S − c)²] = 2∫_c^∞ (s − c) P(S > s) ds + 2∫_{−∞}^c (c − s) P(S ≤ s) ds, the CDF being smooth
 * (analytic) and flat farther than 9 units from every worker's offset (Gaussian tail mass beyond
 * 9: 1e-19), where it is integrated exactly. Agrees with the adaptive
 * engine (noisyMedianMoments) to about 1e-12 (test/gaussianMedianMoments.test.ts) at a fraction
 * of its cost. Kernel: no validation.
 */
export function gaussianMedianMoments(u: Float64Array, b: number): { mean: number; variance: number } {
  const model = orderStatisticModel(u, b, gaussian, (u.length + 1) / 2);
  const [low, high] = model.span;
  // Each worker's CDF moves only within REACH of its offset: elsewhere the median's CDF is flat.
  const centres = Array.from(u, (ui) => (ui - model.uBar) / b).sort((x, y) => x - y);
  // About the middle worker, where the median sits at small b: about the span's midpoint the
  // variance 2∫… − shift² cancelled the square of a shift of hundreds of widths (5e-11 relative).
  const c = centres[(centres.length - 1) / 2];
  const cover: Array<[number, number]> = [];
  for (const centre of centres) {
    const last = cover[cover.length - 1];
    if (last !== undefined && centre - REACH <= last[1]) last[1] = centre + REACH;
    else cover.push([centre - REACH, centre + REACH]);
  }
  const [above, firstAbove] = piecewise((s) => model.sf(s), c, high + REACH, cover);
  const [below, firstBelow] = piecewise((s) => model.cdf(s), low - REACH, c, cover);
  const secondAbove = firstAbove - c * above;
  const secondBelow = c * below - firstBelow;
  const shift = above - below;
  const variance = b * b * Math.max(0, 2 * (secondAbove + secondBelow) - shift * shift);
  return { mean: model.uBar + b * (c + shift), variance };
}
