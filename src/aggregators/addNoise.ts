import { requirePositive } from '../errors/validate.ts';
import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import type { RandomStream } from '../rng/RandomStream.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { validateVectors, type Vectors } from './validateVectors.ts';

/** What the noisy aggregators add to each local gradient: b·ξ, ξ with iid coordinates from `noise`. */
export interface NoiseOptions {
  /** The noise scale b > 0. */
  readonly b: number;
  /** A noise family or its name (default 'gaussian'). */
  readonly noise?: NoiseFamily | string;
  /** The random stream the noise is drawn from (see deriveStream). */
  readonly stream: RandomStream;
}

/**
 * Returns fresh copies v_i + b·ξ_i of the M vectors, drawing ξ worker by worker (worker 0's d
 * coordinates first), so the same stream always perturbs the same entries the same way.
 */
export function addNoise(api: string, vectors: Vectors, options: NoiseOptions): Float64Array[] {
  const { M, d } = validateVectors(api, vectors);
  if (options === null || typeof options !== 'object')
    throw new MedmeanError(api, 'options', 'an object { b, noise, stream }', options);
  const b = requirePositive(api, 'options.b', options.b);
  const family = resolveNoiseFamily(options.noise ?? 'gaussian', api, 'options.noise');
  const stream = options.stream;
  if (stream === null || typeof stream !== 'object' || typeof stream.next !== 'function') {
    throw new MedmeanError(api, 'options.stream', 'a RandomStream (see deriveStream)', stream);
  }
  const noisy: Float64Array[] = [];
  for (let i = 0; i < M; i++) {
    const row = family.sample(stream, new Float64Array(d));
    const source = vectors[i];
    for (let j = 0; j < d; j++) row[j] = source[j] + b * row[j];
    noisy.push(row);
  }
  return noisy;
}
