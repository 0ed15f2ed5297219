import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { integrate, type Integral } from './integrate.ts';
import { orderStatisticModel, type OrderStatisticModel } from './orderStatisticModel.ts';

/** One of the two middle order statistics of an even M, with its mean on the standardised scale. */
export interface MiddleOrderStatistic {
  readonly model: OrderStatisticModel;
  /** ∫ s·f_(k)(s) ds, s = (z − ū)/b. */
  readonly first: Integral;
}

/**
 * X_(n) and X_(n+1) of M = 2n values u_i + b·ξ_i: their models and means by quadrature of the
 * order-statistic density (43), split at the model's breakpoints and at ū. The even-M median's
 * mean is the average of the two means.
 */
export function middleOrderStatistics(
  values: Float64Array,
  b: number,
  family: NoiseFamily,
  relTol: number,
): readonly [MiddleOrderStatistic, MiddleOrderStatistic] {
  const n = values.length / 2;
  const [low, high] = [n, n + 1].map((k) => {
    const model = orderStatisticModel(values, b, family, k);
    const first = integrate((s) => s * model.density(s), -Infinity, Infinity, {
      breakpoints: [...model.breakpoints, 0],
      relTol,
      absTol: values.length * Number.EPSILON,
    });
    return { model, first };
  });
  return [low, high];
}
