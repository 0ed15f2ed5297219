import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
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
 */
export function stationaryGaps(
  a: readonly number[],
  b: number,
  family: NoiseFamily,
): { medianSgd: number; signSgd: number } {
  const u = Float64Array.from(a, (value) => -value);
  const medianSgd = Math.abs(noisyMedianMoments(u, b, family, { relTol: 1e-12 }).bias);
  const model = orderStatisticModel(u, b, family, (u.length + 1) / 2);
  let lo = -50;
  let hi = 50;
  for (let iteration = 0; iteration < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); iteration++) {
    const mid = (lo + hi) / 2;
    // Compare lower and upper tails directly: no cancellation in 1 − F near the middle.
    if (model.cdf(mid) < model.sf(mid)) lo = mid;
    else hi = mid;
  }
  return { medianSgd, signSgd: b * Math.abs((lo + hi) / 2) };
}
