import { majorityVote } from '../aggregators/majorityVote.ts';
import { mean } from '../aggregators/mean.ts';
import { median } from '../aggregators/median.ts';
import { addNoise } from '../aggregators/addNoise.ts';
import { getNoiseFamily } from '../distributions/noiseFamilies.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requireInteger, requirePositive, requireFiniteArray } from '../errors/validate.ts';
import type { Problem } from '../problems/Problem.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import { algorithmNames, isNoisy, type AlgorithmName } from './algorithmNames.ts';

export interface RunOptions {
  readonly algorithm: AlgorithmName;
  readonly problem: Problem;
  /** Number of steps T ≥ 1. */
  readonly steps: number;
  /** Step size δ > 0. */
  readonly lr: number;
  /** Starting point x_1 (default: the zero vector). */
  readonly x0?: ArrayLike<number>;
  /** Noise scale b > 0 (noisy algorithms only). */
  readonly b?: number;
  /** Noise family name (default 'gaussian'). */
  readonly noise?: string;
  /** Random stream for the noise (noisy algorithms only). */
  readonly stream?: RandomStream;
  /** Minibatch size for problems with finite local data (default: full local gradients). */
  readonly batch?: number;
  /** Stream for the minibatches (required with `batch`). */
  readonly batchStream?: RandomStream;
  /** Called at every recorded iterate t = 0..T with x_t and ∇f(x_t) (read-only views; do not keep them). */
  readonly observe?: (t: number, x: Float64Array, gradient: Float64Array) => void;
}

/** Per-iteration metrics, index t = 0..T (t = 0 is x_1, before the first step). */
export interface RunTrace {
  readonly x: Float64Array;
  /** The first coordinate of x_t, for plotting scalar problems. */
  readonly x1: Float64Array;
  readonly f: Float64Array;
  readonly gradNormL1: Float64Array;
  readonly gradNormL2Sq: Float64Array;
  /** ‖median({∇f_i(x_t)}) − ∇f(x_t)‖₁: the gap term of Theorem 1 with full gradients. */
  readonly medianGapL1: Float64Array;
  /** ‖median({∇f_i(x_t)}) − ∇f(x_t)‖²: the gap term of Theorem 2 with full gradients. */
  readonly medianGapL2Sq: Float64Array;
  /** ‖median({∇f_i(x_t)})‖₁: the left side of Theorem 1's (30) with full gradients. */
  readonly medianNormL1: Float64Array;
}

/**
 * Runs one of the five algorithms: x_{t+1} = x_t − δ·A({g_{t,i} [+ b·ξ_{t,i}]}), where g_{t,i} is the
 * full local gradient ∇f_i(x_t) or, with `batch`, a minibatch gradient, and A is the mean (sgd), the
 * majority vote (signsgd), or the coordinate-wise median (mediansgd). Metrics use full gradients.
 */
export function runAlgorithm(options: RunOptions): RunTrace {
  const api = 'runAlgorithm';
  if (!algorithmNames.includes(options.algorithm)) {
    throw new MedmeanError(api, 'algorithm', `one of ${algorithmNames.join(', ')}`, options.algorithm);
  }
  const T = requireInteger(api, 'steps', options.steps, 1, 1e7);
  const lr = requirePositive(api, 'lr', options.lr);
  const { problem } = options;
  const x = options.x0 === undefined ? new Float64Array(problem.d) : requireFiniteArray(api, 'x0', options.x0);
  if (x.length !== problem.d)
    throw new MedmeanError(api, 'x0.length', `equal to the problem's d (${problem.d})`, x.length);
  const noisy = isNoisy(options.algorithm);
  let family: NoiseFamily | undefined;
  let b = 0;
  if (noisy) {
    b = requirePositive(api, 'b', options.b);
    family = getNoiseFamily(options.noise ?? 'gaussian', api, 'noise');
    if (options.stream === undefined)
      throw new MedmeanError(api, 'stream', 'a RandomStream for a noisy algorithm', options.stream);
  }
  let batch: number | undefined;
  if (options.batch !== undefined) {
    batch = requireInteger(api, 'batch', options.batch, 1, 1_000_000);
    if (problem.minibatchGradients === undefined)
      throw new MedmeanError(api, 'batch', `omitted: problem ${problem.name} has no finite local data`, options.batch);
    if (options.batchStream === undefined)
      throw new MedmeanError(api, 'batchStream', 'a RandomStream when batch is given', options.batchStream);
  }
  const trace: RunTrace = {
    x,
    x1: new Float64Array(T + 1),
    f: new Float64Array(T + 1),
    gradNormL1: new Float64Array(T + 1),
    gradNormL2Sq: new Float64Array(T + 1),
    medianGapL1: new Float64Array(T + 1),
    medianGapL2Sq: new Float64Array(T + 1),
    medianNormL1: new Float64Array(T + 1),
  };
  const record = (t: number, local: Float64Array[]) => {
    const gradient = problem.gradient(x);
    options.observe?.(t, x, gradient);
    const medianGradient = median(local);
    let l1 = 0;
    let l2 = 0;
    let gap = 0;
    let gapSq = 0;
    let medianL1 = 0;
    for (let j = 0; j < problem.d; j++) {
      l1 += Math.abs(gradient[j]);
      l2 += gradient[j] * gradient[j];
      gap += Math.abs(medianGradient[j] - gradient[j]);
      gapSq += (medianGradient[j] - gradient[j]) ** 2;
      medianL1 += Math.abs(medianGradient[j]);
    }
    trace.x1[t] = x[0];
    trace.f[t] = problem.f(x);
    trace.gradNormL1[t] = l1;
    trace.gradNormL2Sq[t] = l2;
    trace.medianGapL1[t] = gap;
    trace.medianGapL2Sq[t] = gapSq;
    trace.medianNormL1[t] = medianL1;
  };
  for (let t = 0; t < T; t++) {
    const local = problem.localGradients(x);
    record(t, local);
    const stochastic = batch === undefined ? local : problem.minibatchGradients!(x, batch, options.batchStream!);
    const perturbed = noisy ? addNoise(api, stochastic, { b, noise: family, stream: options.stream! }) : stochastic;
    const step =
      options.algorithm === 'sgd'
        ? mean(perturbed)
        : options.algorithm.endsWith('signsgd')
          ? majorityVote(perturbed)
          : median(perturbed);
    for (let j = 0; j < problem.d; j++) x[j] -= lr * step[j];
  }
  record(T, problem.localGradients(x));
  return trace;
}
