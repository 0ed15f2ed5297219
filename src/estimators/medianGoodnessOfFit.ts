import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import { orderStatisticModel } from './orderStatisticModel.ts';
import { selectKth } from './selectKth.ts';

/**
 * Pearson's χ² statistic of `samples` simulated medians of u_i + shift + b·ξ_i against the exact
 * order-statistic CDF of median(u_i + b·ξ_i), in `bins` equiprobable bins (edges by bisection on
 * the exact CDF). Under the exact distribution (shift = 0) it is χ²(bins − 1).
 */
export function medianGoodnessOfFit(
  u: readonly number[],
  b: number,
  family: NoiseFamily,
  samples: number,
  stream: RandomStream,
  bins = 20,
  shift = 0,
): number {
  const M = u.length;
  const model = orderStatisticModel(Float64Array.from(u), b, family, (M + 1) / 2);
  const uBar = u.reduce((s, v) => s + v, 0) / M;
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    let lo = -60;
    let hi = 60;
    for (let iteration = 0; iteration < 200; iteration++) {
      const mid = (lo + hi) / 2;
      if (model.cdf(mid) < k / bins) lo = mid;
      else hi = mid;
    }
    edges.push(uBar + (b * (lo + hi)) / 2);
  }
  const counts = new Float64Array(bins);
  const buffer = new Float64Array(M);
  for (let r = 0; r < samples; r++) {
    family.sample(stream, buffer);
    for (let i = 0; i < M; i++) buffer[i] = u[i] + shift + b * buffer[i];
    const value = selectKth(buffer, (M - 1) / 2);
    let lo = 0;
    let hi = bins - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (value > edges[mid]) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  const expected = samples / bins;
  let statistic = 0;
  for (let k = 0; k < bins; k++) statistic += (counts[k] - expected) ** 2 / expected;
  return statistic;
}
