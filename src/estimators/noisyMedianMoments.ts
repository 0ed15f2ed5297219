import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray, requirePositive } from '../errors/validate.ts';
import { iidMedianDensity } from './iidMedianDensity.ts';
import { integrate } from './integrate.ts';
import { integrateAbsolute } from './integrateAbsolute.ts';
import { bumpBreakpoints, orderStatisticModel, type OrderStatisticModel } from './orderStatisticModel.ts';

export interface NoisyMedianMomentsOptions {
  /** Relative tolerance of each quadrature (default 1e-13). */
  readonly relTol?: number;
}

/** Exact (quadrature) moments of median(u_i + b·ξ_i) for odd M = 2n+1 (Theorem 4). */
export interface NoisyMedianMoments {
  readonly M: number;
  readonly b: number;
  readonly noise: string;
  /** ū, the mean of u. */
  readonly uBar: number;
  /** E[median(û)]. */
  readonly mean: number;
  /** E[median(û)] − ū. */
  readonly bias: number;
  /** Var(median(û)). */
  readonly variance: number;
  /** ½∫|h(ū + z) − h(ū − z)| dz: the mass of the antisymmetric part of the median's density about ū. */
  readonly asymmetry: number;
  /** ∫|h(ū + z) − (1/b)·g(z/b)| dz: the mass of the paper's remainder v in (53), g the iid-median density (54). */
  readonly distanceToIid: number;
  /** σ²_mid, the variance of the median of 2n+1 iid draws from h0 (the variance of g). */
  readonly sigmaMid2: number;
  /** ∫h: 1 up to quadrature error. */
  readonly mass: number;
  /** Absolute error bound on `mean` (and `bias`): quadrature estimate, the disagreement of two formulas, and rounding. */
  readonly errorBound: number;
  readonly errorBounds: {
    readonly mean: number;
    readonly variance: number;
    readonly asymmetry: number;
    readonly distanceToIid: number;
    readonly sigmaMid2: number;
  };
  /** The same mean and variance from the CDF (E = ∫(1 − F) − ∫F): an independent route. */
  readonly crossCheck: { readonly meanViaCdf: number; readonly varianceViaCdf: number };
  readonly evaluations: number;
}

/**
 * E[median], Var(median), the asymmetric mass and σ²_mid for median(u_i + b·ξ_i), i = 1..2n+1,
 * by adaptive Gauss–Kronrod quadrature of the exact order-statistic density (43)/(44), on the
 * standardised scale s = (z − ū)/b (so E = ū + b·∫s·f, Var = b²·(∫s²f − (∫sf)²)).
 *
 * The mean and variance are computed twice, from the density and from the CDF; the
 * disagreement enters the error bound, so the bound also covers errors in either formula.
 */
export function noisyMedianMoments(
  u: ArrayLike<number>,
  b: number,
  noise: string | NoiseFamily = 'gaussian',
  options: NoisyMedianMomentsOptions = {},
): NoisyMedianMoments {
  const api = 'noisyMedianMoments';
  const values = requireFiniteArray(api, 'u', u);
  if (values.length % 2 === 0)
    throw new MedmeanError(api, 'u', 'an odd number of values (M = 2n+1); for even M use evenMedianMoments', u);
  if (values.length > 2001) throw new MedmeanError(api, 'u.length', 'at most 2001', values.length);
  requirePositive(api, 'b', b);
  requireResolvableScale(api, values, b);
  const family = resolveNoiseFamily(noise, api, 'noise');
  const relTol = options.relTol ?? 1e-13;
  if (!(relTol > 0 && relTol < 1)) throw new MedmeanError(api, 'options.relTol', 'a number in (0, 1)', relTol);
  const n = (values.length - 1) / 2;
  const model = orderStatisticModel(values, b, family, n + 1);
  const moments = momentsFromModel(model, family, n, relTol);
  if (
    ![moments.mean, moments.variance, moments.asymmetry, moments.distanceToIid, moments.errorBound].every(
      Number.isFinite,
    )
  ) {
    throw new MedmeanError(
      api,
      'u, b',
      'values whose moments the engine can resolve (the quadrature did not converge)',
      [...values, b],
    );
  }
  return moments;
}

/**
 * The engine works on the scale s = (z − ū)/b: it resolves the noisy median only while the offsets
 * (u_i − ū)/b stay moderate and the values stay far from overflow.
 */
export function requireResolvableScale(api: string, values: Float64Array, b: number): void {
  let mean = 0;
  for (const value of values) {
    if (Math.abs(value) > 1e150)
      throw new MedmeanError(api, 'u', 'values of magnitude at most 1e150', Array.from(values));
    mean += value / values.length;
  }
  if (b > 1e150) throw new MedmeanError(api, 'b', 'at most 1e150', b);
  for (const value of values) {
    if (Math.abs(value - mean) / b > 1e6)
      throw new MedmeanError(
        api,
        'b',
        `at least 1e-6 × max|u_i − ū| (${Math.abs(value - mean)}) for the exact engine`,
        b,
      );
  }
}

function momentsFromModel(
  model: OrderStatisticModel,
  family: NoiseFamily,
  n: number,
  relTol: number,
): NoisyMedianMoments {
  const { b } = model;
  // The model's breakpoints include every worker's centre and the points around it where a narrow
  // bump of the density may sit (small b); 0 is ū.
  const breakpoints = [...new Set([...model.breakpoints, 0])].sort((x, y) => x - y);
  const mirrored = [...new Set([...breakpoints, ...breakpoints.map((x) => -x), 0])].sort((x, y) => x - y);
  const options = { relTol, absTol: 1e-300, breakpoints, scale: 1, maxIntervals: 20000 };
  let evaluations = 0;
  const run = (f: (s: number) => number, lo: number, hi: number, extra: object = {}, rule = integrate) => {
    const result = rule(f, lo, hi, { ...options, ...extra });
    evaluations += result.evaluations;
    return result;
  };

  const m0 = run(model.density, -Infinity, Infinity);
  // Integrands are sums of O(M) rounded products: below ~M·ε (absolute) the quadrature would
  // only chase rounding noise, so that is the floor of the absolute tolerance.
  const noiseFloor = model.M * Number.EPSILON;
  const m1 = run((s) => s * model.density(s), -Infinity, Infinity, { absTol: noiseFloor });
  // The variance as a central moment about the mean: E[S²] − E[S]² loses the digits that E[S]²
  // shares with E[S²], all of them when b is small and the median sits far from ū on this scale.
  const meanStd = m1.value / m0.value;
  const central2 = run((s) => (s - meanStd) * (s - meanStd) * model.density(s), -Infinity, Infinity, {
    breakpoints: [...new Set([...breakpoints, meanStd])].sort((x, y) => x - y),
  });
  // The CDF route's half-line integrals are held to relTol of the total they add up to (√E[S²] for
  // the first moment, E[(S − c)²] for the central second): one half can be tiny (a median far on one side of ū),
  // and a tolerance relative to that half alone would chase rounding forever.
  const halfLine = (side: 'positive' | 'negative', scale: number) => ({
    breakpoints: breakpoints.filter((x) => (side === 'positive' ? x > 0 : x < 0)),
    absTol: Math.max(noiseFloor, relTol * scale),
  });
  const firstMomentScale = Math.sqrt(central2.value + meanStd * meanStd);
  const upper1 = run(model.sf, 0, Infinity, halfLine('positive', firstMomentScale));
  const lower1 = run(model.cdf, -Infinity, 0, halfLine('negative', firstMomentScale));
  const m1ViaCdf = upper1.value - lower1.value;
  // The central moment by the CDF route: E[(S − c)²] = ∫_c^∞ 2(s − c)·(1 − F) + ∫_−∞^c 2(c − s)·F.
  const aroundMean = (side: 'above' | 'below') => ({
    breakpoints: breakpoints.filter((x) => (side === 'above' ? x > meanStd : x < meanStd)),
    absTol: Math.max(noiseFloor, relTol * central2.value),
  });
  const central2ViaCdf =
    run((s) => 2 * (s - meanStd) * model.sf(s), meanStd, Infinity, aroundMean('above')).value +
    run((s) => 2 * (meanStd - s) * model.cdf(s), -Infinity, meanStd, aroundMean('below')).value;

  // Both are integrals of |difference|, bent wherever the difference changes sign: integrateAbsolute
  // makes those points breakpoints.
  const asymmetryIntegral = run(
    (s) => model.density(s) - model.density(-s),
    0,
    Infinity,
    { breakpoints: mirrored.filter((x) => x > 0), relTol: Math.max(relTol, 1e-10), absTol: noiseFloor },
    integrateAbsolute,
  );
  const g = iidMedianDensity(family, n);
  // g is a bump at 0: far from the workers' centres at small b, it needs its own breakpoints.
  const iidBreakpoints = [...new Set([...breakpoints, ...family.breakpoints, ...bumpBreakpoints([0])])];
  const distance = run(
    (s) => model.density(s) - g(s),
    -Infinity,
    Infinity,
    { breakpoints: iidBreakpoints, relTol: Math.max(relTol, 1e-10), absTol: noiseFloor },
    integrateAbsolute,
  );
  const sigma = sigmaMid2Integral(family, n, relTol);
  evaluations += sigma.evaluations;

  const variance = (b * b * central2.value) / m0.value;
  // Rounding in the integrands (a sum of O(M) products per point) is not seen by the quadrature
  // estimate; 16 ulps of the integrals' scale bound it with room to spare.
  const roundingScale = 16 * Number.EPSILON;
  // Nor is the rounding of the arguments s + (ū − u_i)/b (see OrderStatisticModel).
  const { argumentRounding } = model;
  const meanError =
    roundingScale * (Math.abs(model.uBar) + b * firstMomentScale) +
    b * (m1.errorEstimate + Math.abs(m1.value - m1ViaCdf) + Math.abs(m1.value) * Math.abs(m0.value - 1));
  // About the computed mean, an error e in that mean moves the variance by e² only.
  const varianceError =
    (roundingScale + argumentRounding) * b * b * central2.value +
    b *
      b *
      (central2.errorEstimate + Math.abs(central2.value - central2ViaCdf) + central2.value * Math.abs(m0.value - 1)) +
    meanError * meanError;
  return {
    M: model.M,
    b,
    noise: family.name,
    uBar: model.uBar,
    mean: model.uBar + b * meanStd,
    bias: b * meanStd,
    variance,
    asymmetry: asymmetryIntegral.value,
    distanceToIid: distance.value,
    sigmaMid2: sigma.value,
    mass: m0.value,
    errorBound: meanError,
    errorBounds: {
      mean: meanError,
      variance: varianceError,
      asymmetry: Math.max(asymmetryIntegral.errorEstimate, noiseFloor) + Math.abs(m0.value - 1),
      distanceToIid: Math.max(distance.errorEstimate, noiseFloor) + Math.abs(m0.value - 1),
      sigmaMid2: sigma.errorEstimate,
    },
    crossCheck: {
      meanViaCdf: model.uBar + b * m1ViaCdf,
      varianceViaCdf: b * b * (central2ViaCdf - (m1ViaCdf - meanStd) ** 2),
    },
    evaluations,
  };
}

/** σ²_mid = ∫s²·g(s) ds for the median of 2n+1 iid draws from h0 (g symmetric, so its mean is 0). */
/**
 * σ²_mid, the variance of g (86): about g's mean, which is 0 for the symmetric families the paper
 * assumes and not for an asymmetric one (centred exponential), where ∫s²g would not be a variance.
 */
function sigmaMid2Integral(family: NoiseFamily, n: number, relTol: number) {
  const g = iidMedianDensity(family, n);
  const [lo, hi] = family.support;
  const options = { relTol, breakpoints: family.breakpoints, scale: 1 };
  const centre = integrate((s) => s * g(s), lo, hi, { ...options, absTol: Number.EPSILON });
  const second = integrate((s) => (s - centre.value) * (s - centre.value) * g(s), lo, hi, options);
  return {
    value: second.value,
    // The integrand's rounding (a few ulps of g, measured against mpmath) is not in the quadrature's estimate.
    errorEstimate: second.errorEstimate + centre.errorEstimate ** 2 + 16 * Number.EPSILON * second.value,
    evaluations: centre.evaluations + second.evaluations,
  };
}

/** σ²_mid for 2n+1 iid draws from the family (Theorem 5's σ_mid², (86)). */
export function sigmaMid2(noise: string | NoiseFamily, n: number): number {
  const family = resolveNoiseFamily(noise, 'sigmaMid2', 'noise');
  if (!Number.isInteger(n) || n < 0 || n > 5000) throw new MedmeanError('sigmaMid2', 'n', 'an integer in [0, 5000]', n);
  return sigmaMid2Integral(family, n, 1e-13).value;
}
