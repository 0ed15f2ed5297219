import { MedmeanError } from '../errors/MedmeanError.ts';
import { deriveStream } from '../rng/RandomStream.ts';
import { heterogeneousLogistic } from './heterogeneousLogistic.ts';
import { heterogeneousQuadratic } from './heterogeneousQuadratic.ts';
import type { Problem } from './Problem.ts';
import { scalarProblem } from './scalarProblem.ts';

/**
 * Builds a problem from a spec string:
 * - `scalar:a1,a2,...`: Theorem 3's f(x) = (1/M)Σ½(x − a_i)²;
 * - `quadratic:M,d[,seed]`: a heterogeneous quadratic with M nodes in d dimensions, minimisers
 *   uniform on [−4, 4] and curvatures on [0.5, 1.5], drawn from the seed (default 1);
 * - `logistic:M,d[,seed]`: heterogeneous ℓ2-regularised logistic regression, 50 examples per node
 *   with node-specific feature shifts (see heterogeneousLogistic).
 */
export function parseProblemSpec(spec: unknown): Problem {
  const api = 'parseProblemSpec';
  if (typeof spec !== 'string')
    throw new MedmeanError(api, 'problem', 'a spec such as scalar:0,1,5 or quadratic:5,4', spec);
  const [kind, rest = ''] = spec.split(':', 2);
  const numbers = rest.split(',').map((part) => part.trim());
  const values = numbers.map(Number);
  if (rest.trim() === '' || numbers.some((part) => part === '') || values.some((v) => !Number.isFinite(v))) {
    throw new MedmeanError(
      api,
      'problem',
      'a spec such as scalar:0,1,5 or quadratic:5,4 (comma-separated finite numbers after the colon)',
      spec,
    );
  }
  if (kind === 'scalar') return scalarProblem(values);
  if (kind === 'quadratic') {
    const [M, d, seed = 1] = values;
    if (
      values.length < 2 ||
      values.length > 3 ||
      !Number.isInteger(M) ||
      M < 1 ||
      M > 10_000 ||
      !Number.isInteger(d) ||
      d < 1 ||
      d > 100_000 ||
      !Number.isSafeInteger(seed) ||
      M * d > 10_000_000
    ) {
      throw new MedmeanError(
        api,
        'problem',
        'quadratic:M,d[,seed] with integers 1 ≤ M ≤ 10000, 1 ≤ d ≤ 100000, M·d ≤ 1e7',
        spec,
      );
    }
    const stream = deriveStream(seed, 'problem', 'quadratic', M, d);
    const minimisers = Array.from({ length: M }, () => Array.from({ length: d }, () => stream.next() * 8 - 4));
    const curvatures = Array.from({ length: M }, () => Array.from({ length: d }, () => 0.5 + stream.next()));
    return heterogeneousQuadratic(minimisers, curvatures, spec);
  }
  if (kind === 'logistic') {
    const [M, d, seed = 1] = values;
    if (
      values.length < 2 ||
      values.length > 3 ||
      !Number.isInteger(M) ||
      M < 1 ||
      M > 1000 ||
      !Number.isInteger(d) ||
      d < 1 ||
      d > 1000 ||
      !Number.isSafeInteger(seed)
    ) {
      throw new MedmeanError(api, 'problem', 'logistic:M,d[,seed] with integers 1 ≤ M ≤ 1000, 1 ≤ d ≤ 1000', spec);
    }
    return heterogeneousLogistic(M, d, 50, deriveStream(seed, 'problem', 'logistic', M, d));
  }
  throw new MedmeanError(api, 'problem', 'a spec starting with scalar:, quadratic: or logistic:', spec);
}
