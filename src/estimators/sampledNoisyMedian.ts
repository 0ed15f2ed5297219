import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray, requirePositive } from '../errors/validate.ts';
import { iidMedianDensity } from './iidMedianDensity.ts';
import { integrateAbsolute } from './integrateAbsolute.ts';
import { noisyMedianMoments } from './noisyMedianMoments.ts';
import { bumpBreakpoints, orderStatisticModel } from './orderStatisticModel.ts';

/** Exact moments of median(q_i + b·ξ_i) with q_i drawn uniformly from a finite set A_i (Theorem F.1). */
export interface SampledMoments {
  readonly b: number;
  /** ū: the mean of the set means u_i. */
  readonly uBar: number;
  readonly mean: number;
  readonly bias: number;
  readonly variance: number;
  /** E_s[Var(median | q = s)]: the noise part of the variance. */
  readonly withinVariance: number;
  /** Var_s(E[median | q = s]): the sampling part of the variance (the O(1) term of (65)). */
  readonly betweenVariance: number;
  /** ∫|r_b(ū + z) − (1/b)g(z/b)|dz, the remainder mass of (60)/(62). */
  readonly remainderMass: number;
  /** ½∫|r_b(ū + z) − r_b(ū − z)|dz. */
  readonly asymmetry: number;
  readonly sigmaMid2: number;
  readonly realizations: number;
}

/** Every element of A_1 × … × A_M, in mixed-radix order. */
export function cartesianProduct(sets: ReadonlyArray<readonly number[]>): number[][] {
  let product: number[][] = [[]];
  for (const set of sets) product = product.flatMap((prefix) => set.map((value) => [...prefix, value]));
  return product;
}

/**
 * Averages the exact engine over all |S_A| = Π|A_i| equally likely realizations s of q:
 * E = mean_s E_s, Var = mean_s Var_s + Var_s(E_s) (law of total variance), and the mixture
 * density r_b = mean_s h_s for the remainder and asymmetric masses.
 */
export function sampledNoisyMedian(
  sets: ReadonlyArray<readonly number[]>,
  b: number,
  family: string | NoiseFamily,
): SampledMoments {
  const api = 'sampledNoisyMedian';
  if (!Array.isArray(sets) || sets.length % 2 === 0)
    throw new MedmeanError(api, 'sets', 'an odd number of finite sets', sets);
  const checked = sets.map((set, i) => Array.from(requireFiniteArray(api, `sets[${i}]`, set)));
  requirePositive(api, 'b', b);
  const noise = resolveNoiseFamily(family, api, 'family');
  const realizations = cartesianProduct(checked);
  if (realizations.length > 5000)
    throw new MedmeanError(api, 'sets', 'at most 5000 realizations in total', realizations.length);
  const M = checked.length;
  const u = checked.map((set) => set.reduce((s, v) => s + v, 0) / set.length);
  const uBar = u.reduce((s, v) => s + v, 0) / M;
  const conditional = realizations.map((s) => noisyMedianMoments(s, b, noise, { relTol: 1e-12 }));
  const mean = conditional.reduce((acc, m) => acc + m.mean, 0) / conditional.length;
  const withinVariance = conditional.reduce((acc, m) => acc + m.variance, 0) / conditional.length;
  const betweenVariance = conditional.reduce((acc, m) => acc + (m.mean - mean) ** 2, 0) / conditional.length;

  const n = (M - 1) / 2;
  const models = realizations.map((s) => ({
    model: orderStatisticModel(Float64Array.from(s), b, noise, n + 1),
    shift: (uBar - s.reduce((acc, v) => acc + v, 0) / M) / b,
  }));
  const mixture = (x: number) => {
    let total = 0;
    for (const { model, shift } of models) total += model.density(x + shift);
    return total / models.length;
  };
  const g = iidMedianDensity(noise, n);
  // Each realization's model splits at its workers' centres and the noise widths around them (a
  // narrow bump at small b); on the mixture's scale they sit shifted by −shift.
  const breakpoints = [...new Set(models.flatMap(({ model, shift }) => model.breakpoints.map((x) => x - shift)))];
  const floor = M * Number.EPSILON;
  const remainderMass = integrateAbsolute((x) => mixture(x) - g(x), -Infinity, Infinity, {
    breakpoints: [...breakpoints, ...noise.breakpoints, ...bumpBreakpoints([0])],
    relTol: 1e-10,
    absTol: floor,
  }).value;
  const mirrored = [...new Set([...breakpoints, ...breakpoints.map((x) => -x)])].filter((x) => x > 0);
  const asymmetry = integrateAbsolute((x) => mixture(x) - mixture(-x), 0, Infinity, {
    breakpoints: mirrored,
    relTol: 1e-10,
    absTol: floor,
  }).value;
  return {
    b,
    uBar,
    mean,
    bias: mean - uBar,
    variance: withinVariance + betweenVariance,
    withinVariance,
    betweenVariance,
    remainderMass,
    asymmetry,
    sigmaMid2: conditional[0].sigmaMid2,
    realizations: realizations.length,
  };
}
