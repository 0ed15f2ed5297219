import { selectKthInRange } from './selectKth.ts';

/**
 * The statistic of each replicate of u_i + b·ξ_i, for `replicates` replicates laid out row by
 * row in `draws` (M = u.length standard draws per row): the hot loops of the Monte Carlo
 * estimators. `draws` is overwritten (it is a scratch buffer); `out[r]` receives replicate r.
 */
export function noisyMedians(
  draws: Float64Array,
  u: Float64Array,
  b: number,
  out: Float64Array,
  replicates: number,
): void {
  const M = u.length;
  if (M === 1) {
    const u0 = u[0];
    for (let r = 0; r < replicates; r++) out[r] = u0 + b * draws[r];
    return;
  }
  if (M === 3) {
    // Median of three by min/max, without branches on the data.
    const u0 = u[0];
    const u1 = u[1];
    const u2 = u[2];
    for (let r = 0, k = 0; r < replicates; r++, k += 3) {
      const x0 = u0 + b * draws[k];
      const x1 = u1 + b * draws[k + 1];
      const x2 = u2 + b * draws[k + 2];
      out[r] = Math.max(Math.min(x0, x1), Math.min(Math.max(x0, x1), x2));
    }
    return;
  }
  const middle = (M - 1) >> 1;
  for (let r = 0, start = 0; r < replicates; r++, start += M) {
    for (let i = 0; i < M; i++) draws[start + i] = u[i] + b * draws[start + i];
    out[r] = selectKthInRange(draws, start, start + M - 1, start + middle);
  }
}

/** sign(Σ_i sign(u_i + b·ξ_i)) per replicate: the majority vote of the noisy signs. */
export function noisyVotes(
  draws: Float64Array,
  u: Float64Array,
  b: number,
  out: Float64Array,
  replicates: number,
): void {
  const M = u.length;
  for (let r = 0, start = 0; r < replicates; r++, start += M) {
    let votes = 0;
    for (let i = 0; i < M; i++) {
      const x = u[i] + b * draws[start + i];
      votes += (x > 0 ? 1 : 0) - (x < 0 ? 1 : 0);
    }
    out[r] = votes > 0 ? 1 : votes < 0 ? -1 : 0;
  }
}
