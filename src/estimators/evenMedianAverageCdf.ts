import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { integrate } from './integrate.ts';
import { bumpBreakpoints, orderStatisticModel } from './orderStatisticModel.ts';

/**
 * The CDF of the median of an even count M = 2k under the average convention,
 * P((X_(k) + X_(k+1))/2 ≤ z), for independent X_i = u_i + b·ξ_i, ξ_i iid from `family`.
 *
 * ## Method
 * The average is at most z when X_(k+1) ≤ z, or when exactly k values are ≤ z and the nearest
 * one above z is no farther from z than the nearest one below. With δ = b·τ that distance and j
 * the worker above,
 *   P(X_(k+1) ≤ z) + ∫_0^∞ Σ_j h0(t_j + τ) · P(exactly k of the others ≤ z − bτ, the other k − 1 > z + bτ) dτ,
 * t_i = (z − u_i)/b. The first term is an order statistic's CDF (orderStatisticModel); the
 * probability in the integrand is a Poisson-binomial count over the others, each below with
 * H0(t_i − τ) or above with the survival function at t_i + τ, so no term cancels. The integral is
 * one-dimensional, where the even median's variance needs a double one (the covariance of the
 * two middle values).
 */
export function evenMedianAverageCdf(u: Float64Array, b: number, family: NoiseFamily): (z: number) => number {
  const api = 'evenMedianAverageCdf';
  if (!(u instanceof Float64Array) || u.length < 2 || u.length % 2 !== 0 || !u.every(Number.isFinite))
    throw new MedmeanError(api, 'u', 'a Float64Array of an even count (≥ 2) of finite numbers', u);
  if (!(typeof b === 'number' && b > 0 && Number.isFinite(b)))
    throw new MedmeanError(api, 'b', 'a positive finite number', b);
  const M = u.length;
  const k = M / 2;
  const upperMiddle = orderStatisticModel(u, b, family, k + 1);
  const t = new Float64Array(M);
  const below = new Float64Array(M);
  const above = new Float64Array(M);
  const counts = new Float64Array(k + 1);

  const integrand = (tau: number): number => {
    for (let i = 0; i < M; i++) {
      below[i] = family.cdf(t[i] - tau);
      above[i] = family.sf(t[i] + tau);
    }
    let total = 0;
    for (let j = 0; j < M; j++) {
      const h = family.pdf(t[j] + tau);
      if (h === 0) continue;
      // counts[c]: P(c of the others so far below z − bτ and the rest above z + bτ), c ≤ k.
      counts.fill(0);
      counts[0] = 1;
      let seen = 0;
      for (let i = 0; i < M; i++) {
        if (i === j) continue;
        seen++;
        for (let c = Math.min(seen, k); c >= 1; c--) counts[c] = counts[c] * above[i] + counts[c - 1] * below[i];
        counts[0] *= above[i];
      }
      total += h * counts[k];
    }
    return total;
  };

  return (z: number): number => {
    if (Number.isNaN(z)) return Number.NaN;
    for (let i = 0; i < M; i++) t[i] = (z - u[i]) / b;
    // The integrand changes shape where z ± bτ meets a worker's centre or a kink of the noise.
    const breakpoints = bumpBreakpoints(Array.from(t, Math.abs));
    for (let i = 0; i < M; i++) for (const kink of family.breakpoints) breakpoints.push(kink - t[i], t[i] - kink);
    const inside = [...new Set(breakpoints.filter((point) => point > 0 && Number.isFinite(point)))].sort(
      (x, y) => x - y,
    );
    const tail = integrate(integrand, 0, Infinity, { breakpoints: inside, relTol: 1e-10, absTol: 1e-14 });
    return Math.min(1, upperMiddle.cdf((z - upperMiddle.uBar) / b) + tail.value);
  };
}
