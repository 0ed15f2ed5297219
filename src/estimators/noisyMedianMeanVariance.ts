import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { integrate } from './integrate.ts';
import { orderStatisticModel } from './orderStatisticModel.ts';

/**
 * E and Var of median(u_i + b·ξ_i) for odd M from the order-statistic density alone (three
 * quadratures): the fast path for algorithms that need E[median | x_t] at every step. Kernel:
 * no validation (callers pass checked values).
 */
export function noisyMedianMeanVariance(u: Float64Array, b: number, family: NoiseFamily): { mean: number; variance: number } {
  const model = orderStatisticModel(u, b, family, (u.length + 1) / 2);
  // Every worker's position: at small b the density is a narrow bump that quadrature between the span's ends can miss.
  const breakpoints = [...new Set([...model.breakpoints, ...model.centres, 0])].sort((x, y) => x - y);
  const options = { relTol: 1e-10, absTol: u.length * Number.EPSILON, breakpoints };
  const m0 = integrate(model.density, -Infinity, Infinity, options).value;
  const m1 = integrate((s) => s * model.density(s), -Infinity, Infinity, options).value / m0;
  const m2 = integrate((s) => s * s * model.density(s), -Infinity, Infinity, options).value / m0;
  return { mean: model.uBar + b * m1, variance: b * b * (m2 - m1 * m1) };
}
