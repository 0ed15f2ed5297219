import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray, requireInteger, requirePositive } from '../errors/validate.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import { integrate } from './integrate.ts';
import { requireResolvableScale } from './noisyMedianMoments.ts';
import { summarise } from './monteCarloMedianMoments.ts';
import { orderStatisticModel } from './orderStatisticModel.ts';
import { selectKth } from './selectKth.ts';

/** Moments of the even-M median (average of the two middle values) of u_i + b·ξ_i. */
export interface EvenMedianMoments {
  readonly M: number;
  readonly uBar: number;
  /** Exact: the average of E[X_(n)] and E[X_(n+1)], each by quadrature of its order-statistic density. */
  readonly mean: number;
  readonly bias: number;
  readonly meanErrorBound: number;
  /** Monte Carlo (the average of two order statistics has no one-dimensional density formula here). */
  readonly variance: number;
  readonly varianceStandardError: number;
  /** Monte Carlo: the variance of the even-M median of 2n iid draws from h0. */
  readonly sigmaMid2: number;
  readonly sigmaMid2StandardError: number;
  readonly samples: number;
}

/**
 * For even M = 2n: the exact mean, and Monte Carlo variances from `samples` replicates drawn from
 * `stream`. The Theorem 4 statements concern odd M; this serves `medmean moments` for even M.
 */
export function evenMedianMoments(
  u: ArrayLike<number>,
  b: number,
  noise: string | NoiseFamily,
  samples: number,
  stream: RandomStream,
): EvenMedianMoments {
  const api = 'evenMedianMoments';
  const values = requireFiniteArray(api, 'u', u);
  if (values.length % 2 === 1)
    throw new MedmeanError(api, 'u', 'an even number of values (for odd M use noisyMedianMoments)', u);
  requirePositive(api, 'b', b);
  requireResolvableScale(api, values, b);
  requireInteger(api, 'samples', samples, 2, 1e7);
  const family = resolveNoiseFamily(noise, api, 'noise');
  const M = values.length;
  const n = M / 2;
  let mean = 0;
  let meanErrorBound = 0;
  let uBar = 0;
  for (const k of [n, n + 1]) {
    const model = orderStatisticModel(values, b, family, k);
    uBar = model.uBar;
    const breakpoints = [...model.breakpoints, model.span[0], 0, model.span[1]];
    const first = integrate((s) => s * model.density(s), -Infinity, Infinity, {
      breakpoints,
      relTol: 1e-13,
      absTol: M * Number.EPSILON,
    });
    mean += (uBar + b * first.value) / 2;
    meanErrorBound += (b * first.errorEstimate) / 2 + 16 * Number.EPSILON * (Math.abs(uBar) + b);
  }
  const noisy = new Float64Array(M);
  const draws = new Float64Array(samples);
  const iid = new Float64Array(samples);
  for (let r = 0; r < samples; r++) {
    family.sample(stream, noisy);
    const pure = Float64Array.from(noisy);
    for (let i = 0; i < M; i++) noisy[i] = values[i] + b * noisy[i];
    draws[r] = (selectKth(noisy, n - 1) + selectKth(noisy, n)) / 2;
    iid[r] = (selectKth(pure, n - 1) + selectKth(pure, n)) / 2;
  }
  const noisySummary = summarise(draws);
  const iidSummary = summarise(iid);
  return {
    M,
    uBar,
    mean,
    bias: mean - uBar,
    meanErrorBound,
    variance: noisySummary.variance,
    varianceStandardError: noisySummary.varianceStandardError,
    sigmaMid2: iidSummary.variance,
    sigmaMid2StandardError: iidSummary.varianceStandardError,
    samples,
  };
}
