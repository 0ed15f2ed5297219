import { requireStream } from '../distributions/requireSamplerArguments.ts';
import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray, requireInteger, requirePositive } from '../errors/validate.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import { requireResolvableScale } from './noisyMedianMoments.ts';
import { summarise } from './monteCarloMedianMoments.ts';
import { middleOrderStatistics } from './middleOrderStatistics.ts';
import { selectKth } from './selectKth.ts';

/** Moments of the even-M median (average of the two middle values) of u_i + b·ξ_i, variances by Monte Carlo. */
export interface EvenMedianMonteCarloMoments {
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
 * For even M = 2n beyond EVEN_MEDIAN_MAX_M, where the exact covariance's double integral costs too
 * much: the exact mean, and Monte Carlo variances from `samples` replicates drawn from `stream`.
 */
export function evenMedianMonteCarloMoments(
  u: ArrayLike<number>,
  b: number,
  noise: string | NoiseFamily,
  samples: number,
  stream: RandomStream,
): EvenMedianMonteCarloMoments {
  const api = 'evenMedianMonteCarloMoments';
  const values = requireFiniteArray(api, 'u', u);
  if (values.length % 2 === 1)
    throw new MedmeanError(api, 'u', 'an even number of values (for odd M use noisyMedianMoments)', u);
  requirePositive(api, 'b', b);
  requireResolvableScale(api, values, b);
  requireInteger(api, 'samples', samples, 2, 1e7);
  const family = resolveNoiseFamily(noise, api, 'noise');
  requireStream(api, stream);
  const M = values.length;
  const n = M / 2;
  const middle = middleOrderStatistics(values, b, family, 1e-13);
  const uBar = middle[0].model.uBar;
  const mean = uBar + (b * (middle[0].first.value + middle[1].first.value)) / 2;
  const meanErrorBound =
    (b * (middle[0].first.errorEstimate + middle[1].first.errorEstimate)) / 2 +
    16 * Number.EPSILON * (Math.abs(uBar) + b);
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
