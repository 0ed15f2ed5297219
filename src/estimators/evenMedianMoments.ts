import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray, requirePositive } from '../errors/validate.ts';
import { adjacentOrderCovariance } from './adjacentOrderCovariance.ts';
import { integrate } from './integrate.ts';
import { requireResolvableScale } from './noisyMedianMoments.ts';
import { middleOrderStatistics, type MiddleOrderStatistic } from './middleOrderStatistics.ts';

/**
 * The largest even M the covariance's double integral is run for: its cost grows with M·n per
 * point and with the square of the breakpoints (M = 8 takes about 2–9 s, M = 16 up to 36 s).
 */
export const EVEN_MEDIAN_MAX_M = 8;

/** Moments of the even-M median (the average of the two middle values) of u_i + b·ξ_i. */
export interface EvenMedianMoments {
  readonly M: number;
  readonly uBar: number;
  /** The average of E[X_(n)] and E[X_(n+1)], each by quadrature of its order-statistic density. */
  readonly mean: number;
  readonly bias: number;
  /** ¼(Var X_(n) + Var X_(n+1) + 2 Cov(X_(n), X_(n+1))), the covariance by Hoeffding's identity. */
  readonly variance: number;
  /** The parts of the variance: Var X_(n), Var X_(n+1) and their covariance (on the scale of u). */
  readonly parts: { readonly lowerVariance: number; readonly upperVariance: number; readonly covariance: number };
  /** The same variance for 2n iid draws from h0 (u_i all equal, b = 1). */
  readonly sigmaMid2: number;
  /** Absolute error bounds: quadrature estimates, the disagreement of two integration orders, rounding. */
  readonly errorBounds: { readonly mean: number; readonly variance: number; readonly sigmaMid2: number };
}

interface Spread {
  readonly uBar: number;
  readonly mean: number;
  readonly variance: number;
  readonly parts: EvenMedianMoments['parts'];
  readonly meanError: number;
  readonly varianceError: number;
}

/**
 * For even M = 2n, on the standardised scale s = (z − ū)/b: the mean and variance of
 * (X_(n) + X_(n+1))/2 from the two order statistics' densities (43) and their covariance
 * (adjacentOrderCovariance). Exact up to quadrature, as noisyMedianMoments is for odd M.
 */
function evenMedianSpread(values: Float64Array, b: number, family: NoiseFamily): Spread {
  const M = values.length;
  const relTol = 1e-12;
  // The double integral to 1e-10: its error bound stays far below any Monte Carlo error.
  const covarianceRelTol = 1e-10;
  const noiseFloor = M * Number.EPSILON;
  const middle = middleOrderStatistics(values, b, family, relTol);
  const offsets = Float64Array.from(values, (ui) => (middle[0].model.uBar - ui) / b);
  const breakpoints = [...new Set([...middle[0].model.breakpoints, 0])].sort((x, y) => x - y);
  const moments = ({ model, first }: MiddleOrderStatistic) => {
    const centred = integrate((s) => (s - first.value) ** 2 * model.density(s), -Infinity, Infinity, {
      breakpoints: [...breakpoints, first.value],
      relTol,
      absTol: noiseFloor,
    });
    return { first, centred };
  };
  const [low, high] = middle.map(moments);
  const covariance = adjacentOrderCovariance(family, offsets, middle[0].model.breakpoints, covarianceRelTol);
  // Rounding of the integrands, and of their arguments (see OrderStatisticModel).
  const rounding = 16 * Number.EPSILON + middle[0].model.argumentRounding;
  const variance = (low.centred.value + high.centred.value + 2 * covariance.value) / 4;
  const meanError = (low.first.errorEstimate + high.first.errorEstimate) / 2;
  const varianceError =
    (low.centred.errorEstimate +
      high.centred.errorEstimate +
      2 * (covariance.errorEstimate + Math.abs(covariance.value - covariance.swapped))) /
      4 +
    rounding * (low.centred.value + high.centred.value + 2 * Math.abs(covariance.value));
  return {
    uBar: middle[0].model.uBar,
    mean: (low.first.value + high.first.value) / 2,
    variance,
    parts: { lowerVariance: low.centred.value, upperVariance: high.centred.value, covariance: covariance.value },
    meanError,
    varianceError,
  };
}

const iidSpreads = new WeakMap<NoiseFamily, Map<number, Spread>>();
/** σ²_mid for even M depends on M and the family only: computed once per pair (keyed by the family object, not its name). */
function iidSpread(M: number, family: NoiseFamily): Spread {
  if (!iidSpreads.has(family)) iidSpreads.set(family, new Map());
  const byM = iidSpreads.get(family)!;
  if (!byM.has(M)) byM.set(M, evenMedianSpread(new Float64Array(M), 1, family));
  return byM.get(M)!;
}

/**
 * The exact mean and variance of the even-M median of u_i + b·ξ_i, M = 2n ≤ EVEN_MEDIAN_MAX_M.
 * Theorem 4 concerns odd M; this serves `medmean moments` for even M and the aggregators that
 * average the two middle values.
 */
export function evenMedianMoments(
  u: ArrayLike<number>,
  b: number,
  noise: string | NoiseFamily = 'gaussian',
): EvenMedianMoments {
  const api = 'evenMedianMoments';
  const values = requireFiniteArray(api, 'u', u);
  if (values.length % 2 === 1)
    throw new MedmeanError(api, 'u', 'an even number of values (for odd M use noisyMedianMoments)', u);
  if (values.length > EVEN_MEDIAN_MAX_M)
    throw new MedmeanError(
      api,
      'u.length',
      `at most ${EVEN_MEDIAN_MAX_M} (for more workers, evenMedianMonteCarloMoments estimates the variance)`,
      values.length,
    );
  requirePositive(api, 'b', b);
  requireResolvableScale(api, values, b);
  const family = resolveNoiseFamily(noise, api, 'noise');
  const spread = evenMedianSpread(values, b, family);
  const iid = iidSpread(values.length, family);
  const { uBar } = spread;
  const rounding = 16 * Number.EPSILON;
  const result: EvenMedianMoments = {
    M: values.length,
    uBar,
    mean: uBar + b * spread.mean,
    bias: b * spread.mean,
    variance: b * b * spread.variance,
    parts: {
      lowerVariance: b * b * spread.parts.lowerVariance,
      upperVariance: b * b * spread.parts.upperVariance,
      covariance: b * b * spread.parts.covariance,
    },
    sigmaMid2: iid.variance,
    errorBounds: {
      mean: b * spread.meanError + rounding * (Math.abs(uBar) + b * Math.sqrt(spread.variance)),
      variance: b * b * spread.varianceError + (b * spread.meanError) ** 2,
      sigmaMid2: iid.varianceError,
    },
  };
  if (![result.mean, result.variance, result.sigmaMid2, ...Object.values(result.errorBounds)].every(Number.isFinite))
    throw new MedmeanError(api, 'u, b', 'values whose moments the engine can resolve', [...values, b]);
  return result;
}
