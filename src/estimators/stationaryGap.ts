import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray, requirePositive } from '../errors/validate.ts';
import { noisyMedianMoments } from './noisyMedianMoments.ts';
import { orderStatisticModel } from './orderStatisticModel.ts';

/**
 * Where the noisy algorithms settle on the scalar problem f(x) = (1/M)Σ½(x − a_i)² (full local
 * gradients x − a_i, noise b·ξ), and the gradient norm |∇f| = |x* − ā| there.
 *
 * - Noisy MEDIANSGD's expected step vanishes where E[median(x − a_i + b·ξ_i)] = 0. The median is
 *   shift-equivariant, so x* = ā − bias, bias = E[median(−a_i + b·ξ_i)] − mean(−a): the gap is |bias|.
 * - Noisy SIGNSGD's expected step vanishes where P(median > 0) = 1/2, i.e. where the median of the
 *   noisy median's distribution is 0: x* = ā − b·s½ with F(s½) = 1/2 on the standardised scale.
 *
 * Accuracy: both gaps are differences from ā, which doubles round by about ε·max|a_i|, and s½ is
 * where the CDF crosses 1/2, found to about ε noise widths; against 40-digit references
 * (test/fixtures/stationary-gaps.json, 42 points, six families) both were within 2ε·(max|a_i| + b).
 * A gap far below that scale (ā ≈ 1e3, gap 1e-3) keeps correspondingly fewer digits.
 */
export function stationaryGaps(
  a: readonly number[],
  b: number,
  family: NoiseFamily,
): { medianSgd: number; signSgd: number } {
  const api = 'stationaryGaps';
  const values = requireFiniteArray(api, 'a', a);
  if (values.length % 2 === 0) throw new MedmeanError(api, 'a', 'an odd number of values (M = 2n+1)', a);
  requirePositive(api, 'b', b);
  const noise = resolveNoiseFamily(family, api, 'family');
  const u = Float64Array.from(values, (value) => -value);
  const medianSgd = Math.abs(noisyMedianMoments(u, b, noise, { relTol: 1e-12 }).bias);
  const model = orderStatisticModel(u, b, noise, (u.length + 1) / 2);
  // The median of the noisy median lies between the outermost workers' centres, give or take a
  // few noise widths; at small b those centres are far beyond any fixed bracket on this scale.
  let lo = model.span[0] - 50;
  let hi = model.span[1] + 50;
  for (let iteration = 0; iteration < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); iteration++) {
    const mid = (lo + hi) / 2;
    // Compare lower and upper tails directly: no cancellation in 1 − F near the middle.
    if (model.cdf(mid) < model.sf(mid)) lo = mid;
    else hi = mid;
  }
  return { medianSgd, signSgd: b * Math.abs((lo + hi) / 2) };
}
