import { requireStream } from '../distributions/requireSamplerArguments.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { fillStandardNormal } from '../distributions/gaussian.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import type { Problem } from './Problem.ts';

/**
 * Heterogeneous ℓ2-regularised logistic regression: node i holds n examples (a, y) whose features
 * are shifted by a node-specific mean μ_i (so the local gradients disagree) and whose labels follow
 * a shared true weight vector; f_i(x) = (1/n)Σ log(1 + e^{−y·a·x}) + (λ/2)‖x‖².
 * L = λ + (1/M)Σ_i (1/(4n))Σ_k ‖a_k‖² bounds the Hessian; min f is found by gradient descent to a
 * gradient norm below 1e-12 (f is λ-strongly convex), and its minimiser is exposed.
 */
export function heterogeneousLogistic(M: number, d: number, n: number, stream: RandomStream, lambda = 0.1): Problem {
  const api = 'heterogeneousLogistic';
  if (!Number.isInteger(M) || M < 1 || M > 1000) throw new MedmeanError(api, 'M', 'an integer in [1, 1000]', M);
  if (!Number.isInteger(d) || d < 1 || d > 1000) throw new MedmeanError(api, 'd', 'an integer in [1, 1000]', d);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new MedmeanError(api, 'n', 'an integer in [1, 10000]', n);
  if (typeof lambda !== 'number' || !(lambda > 0) || !Number.isFinite(lambda))
    throw new MedmeanError(api, 'lambda', 'a positive finite number', lambda);
  requireStream(api, stream);
  const truth = fillStandardNormal(stream, new Float64Array(d));
  const features: Float64Array[][] = [];
  const labels: number[][] = [];
  let curvature = 0;
  for (let i = 0; i < M; i++) {
    const shift = fillStandardNormal(stream, new Float64Array(d)).map((v) => 2 * v);
    const rows: Float64Array[] = [];
    const ys: number[] = [];
    for (let k = 0; k < n; k++) {
      const a = fillStandardNormal(stream, new Float64Array(d));
      for (let j = 0; j < d; j++) a[j] += shift[j];
      let margin = 0;
      for (let j = 0; j < d; j++) margin += a[j] * truth[j];
      ys.push(stream.next() < 1 / (1 + Math.exp(-margin)) ? 1 : -1);
      rows.push(a);
      curvature += a.reduce((s, v) => s + v * v, 0) / (4 * n * M);
    }
    features.push(rows);
    labels.push(ys);
  }
  const localGradient = (i: number, x: Float64Array, out: Float64Array, examples?: readonly number[]) => {
    for (let j = 0; j < d; j++) out[j] = lambda * x[j];
    const count = examples?.length ?? n;
    for (let e = 0; e < count; e++) {
      const k = examples === undefined ? e : examples[e];
      const a = features[i][k];
      let margin = 0;
      for (let j = 0; j < d; j++) margin += a[j] * x[j];
      const weight = -labels[i][k] / (1 + Math.exp(labels[i][k] * margin)) / count;
      for (let j = 0; j < d; j++) out[j] += weight * a[j];
    }
    return out;
  };
  const f = (x: Float64Array) => {
    let total = 0;
    for (let i = 0; i < M; i++) {
      let local = 0;
      for (let k = 0; k < n; k++) {
        let margin = 0;
        for (let j = 0; j < d; j++) margin += features[i][k][j] * x[j];
        const z = -labels[i][k] * margin;
        local += z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      }
      total += local / n;
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += x[j] * x[j];
    return total / M + (lambda / 2) * norm;
  };
  const gradient = (x: Float64Array) => {
    const g = new Float64Array(d);
    const scratch = new Float64Array(d);
    for (let i = 0; i < M; i++) {
      localGradient(i, x, scratch);
      for (let j = 0; j < d; j++) g[j] += scratch[j] / M;
    }
    return g;
  };
  const L = lambda + curvature;
  const minimiser = new Float64Array(d);
  for (let iteration = 0; iteration < 100_000; iteration++) {
    const g = gradient(minimiser);
    let norm = 0;
    for (let j = 0; j < d; j++) norm += g[j] * g[j];
    if (Math.sqrt(norm) < 1e-12) break;
    for (let j = 0; j < d; j++) minimiser[j] -= g[j] / L;
  }
  return {
    name: `logistic:${M},${d},${n}`,
    M,
    d,
    L,
    minValue: f(minimiser),
    minimiser,
    f,
    gradient,
    localGradients: (x) => Array.from({ length: M }, (_, i) => localGradient(i, x, new Float64Array(d))),
    minibatchGradients: (x, batch, batchStream) =>
      Array.from({ length: M }, (_, i) =>
        localGradient(
          i,
          x,
          new Float64Array(d),
          Array.from({ length: batch }, () => Math.floor(batchStream.next() * n)),
        ),
      ),
  };
}
