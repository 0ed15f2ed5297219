import type { RandomStream } from '../rng/RandomStream.ts';

/**
 * A distributed problem: minimise f(x) = (1/M)·Σ_i f_i(x), x ∈ R^d, where node i only sees f_i.
 */
export interface Problem {
  /** A short spec string, e.g. 'scalar:0,1,5'. */
  readonly name: string;
  /** Number of nodes. */
  readonly M: number;
  /** Dimension. */
  readonly d: number;
  /** Smoothness constant of f (A3). */
  readonly L: number;
  /** min_x f(x), when known (else NaN). */
  readonly minValue: number;
  /** The minimiser of f, when known. */
  readonly minimiser?: Float64Array;
  f(x: Float64Array): number;
  gradient(x: Float64Array): Float64Array;
  /** The M full local gradients ∇f_i(x), freshly allocated. */
  localGradients(x: Float64Array): Float64Array[];
  /**
   * Minibatch local gradients: node i averages the gradients of `batch` of its examples drawn
   * uniformly with replacement from `stream` (problems with finite local data only).
   */
  minibatchGradients?(x: Float64Array, batch: number, stream: RandomStream): Float64Array[];
}
