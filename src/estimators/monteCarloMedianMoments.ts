import { requireStream } from '../distributions/requireSamplerArguments.ts';
import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray, requireInteger, requirePositive } from '../errors/validate.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import { selectKth } from './selectKth.ts';

/** A Monte Carlo estimate of E and Var of median(u_i + b·ξ_i), with standard errors. */
export interface MonteCarloMoments {
  readonly samples: number;
  readonly mean: number;
  readonly meanStandardError: number;
  readonly variance: number;
  /** Delta-method standard error of the sample variance: sqrt((m4 − s⁴)/N). */
  readonly varianceStandardError: number;
}

/**
 * Estimates E[median(û)] and Var(median(û)) from `samples` independent replicates of the M noisy
 * values (odd M; the (n+1)-th smallest by quickselect). Noise is drawn replicate by replicate
 * from `stream`, so the estimate depends only on the stream's key.
 */
export function monteCarloMedianMoments(
  u: ArrayLike<number>,
  b: number,
  noise: string | NoiseFamily,
  samples: number,
  stream: RandomStream,
): MonteCarloMoments {
  const api = 'monteCarloMedianMoments';
  const values = requireFiniteArray(api, 'u', u);
  if (values.length % 2 === 0) throw new MedmeanError(api, 'u', 'an odd number of values', u);
  requirePositive(api, 'b', b);
  requireInteger(api, 'samples', samples, 2, 1e7);
  const family = resolveNoiseFamily(noise, api, 'noise');
  requireStream(api, stream);
  const M = values.length;
  const middle = (M - 1) / 2;
  const buffer = new Float64Array(M);
  const medians = new Float64Array(samples);
  for (let r = 0; r < samples; r++) {
    family.sample(stream, buffer);
    for (let i = 0; i < M; i++) buffer[i] = values[i] + b * buffer[i];
    medians[r] = selectKth(buffer, middle);
  }
  const moments = summarise(medians);
  // Near the largest double the squares of the deviations overflow (Infinity − Infinity is NaN):
  // an error naming the inputs, never a NaN moment (the fuzz test found one at SEED=8122).
  if (
    ![moments.mean, moments.meanStandardError, moments.variance, moments.varianceStandardError].every(Number.isFinite)
  )
    throw new MedmeanError(api, 'u, b', "values whose medians' moments are finite in double precision", [...values, b]);
  return moments;
}

/** Sample mean, variance and their standard errors (two-pass, shifted for stability). */
export function summarise(draws: Float64Array): MonteCarloMoments {
  const N = draws.length;
  let mean = 0;
  for (let r = 0; r < N; r++) mean += draws[r];
  mean /= N;
  let m2 = 0;
  let m4 = 0;
  for (let r = 0; r < N; r++) {
    const d = draws[r] - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  const variance = m2 / (N - 1);
  m4 /= N;
  return {
    samples: N,
    mean,
    meanStandardError: Math.sqrt(variance / N),
    variance,
    varianceStandardError: Math.sqrt(Math.max(0, m4 - (m2 / N) ** 2) / N),
  };
}
