import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireFiniteArray } from '../errors/validate.ts';
import type { Problem } from './Problem.ts';

/**
 * f_i(x) = ½·Σ_j c_{i,j}(x_j − a_{i,j})², with per-node minimisers a_i and curvatures c_i > 0.
 * f is L-smooth with L = max_j mean_i c_{i,j}; its minimiser is x*_j = Σ_i c_{i,j}a_{i,j} / Σ_i c_{i,j}.
 */
export function heterogeneousQuadratic(
  minimisers: ReadonlyArray<ArrayLike<number>>,
  curvatures?: ReadonlyArray<ArrayLike<number>>,
  name = 'quadratic',
): Problem {
  const api = 'heterogeneousQuadratic';
  if (!Array.isArray(minimisers) || minimisers.length === 0) {
    throw new MedmeanError(api, 'minimisers', 'a non-empty array of vectors', minimisers);
  }
  const a = minimisers.map((row, i) => requireFiniteArray(api, `minimisers[${i}]`, row));
  const M = a.length;
  const d = a[0].length;
  a.forEach((row, i) => {
    if (row.length !== d) throw new MedmeanError(api, `minimisers[${i}].length`, `equal to ${d}`, row.length);
  });
  if (curvatures !== undefined && !Array.isArray(curvatures))
    throw new MedmeanError(api, 'curvatures', 'an array of vectors (or omitted)', curvatures);
  const c =
    curvatures === undefined
      ? a.map(() => new Float64Array(d).fill(1))
      : curvatures.map((row, i) => requireFiniteArray(api, `curvatures[${i}]`, row));
  if (c.length !== M) throw new MedmeanError(api, 'curvatures.length', `equal to ${M}`, c.length);
  c.forEach((row, i) => {
    if (row.length !== d) throw new MedmeanError(api, `curvatures[${i}].length`, `equal to ${d}`, row.length);
    row.forEach((value, j) => {
      if (!(value > 0)) throw new MedmeanError(api, `curvatures[${i}][${j}]`, 'a positive number', value);
    });
  });
  const meanCurvature = new Float64Array(d);
  const minimiser = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let weight = 0;
    let weighted = 0;
    for (let i = 0; i < M; i++) {
      weight += c[i][j];
      weighted += c[i][j] * a[i][j];
    }
    meanCurvature[j] = weight / M;
    minimiser[j] = weighted / weight;
  }
  const f = (x: Float64Array): number => {
    let total = 0;
    for (let i = 0; i < M; i++) for (let j = 0; j < d; j++) total += 0.5 * c[i][j] * (x[j] - a[i][j]) ** 2;
    return total / M;
  };
  return {
    name,
    M,
    d,
    L: Math.max(...meanCurvature),
    minValue: f(minimiser),
    minimiser,
    f,
    gradient: (x) => {
      const g = new Float64Array(d);
      for (let i = 0; i < M; i++) for (let j = 0; j < d; j++) g[j] += c[i][j] * (x[j] - a[i][j]);
      for (let j = 0; j < d; j++) g[j] /= M;
      return g;
    },
    localGradients: (x) =>
      a.map((row, i) => {
        const g = new Float64Array(d);
        for (let j = 0; j < d; j++) g[j] = c[i][j] * (x[j] - row[j]);
        return g;
      }),
  };
}
