import { resolveNoiseFamily } from '../distributions/noiseFamilies.ts';
import type { NoiseFamily } from '../distributions/NoiseFamily.ts';
import { MedmeanError } from '../errors/MedmeanError.ts';
import { requirePositive } from '../errors/validate.ts';
import type { RandomStream } from '../rng/RandomStream.ts';

/** What the noisy aggregators add to each local gradient: b·ξ, ξ with iid coordinates from `noise`. */
export interface NoiseOptions {
  /** The noise scale b > 0. */
  readonly b: number;
  /** A noise family or its name (default 'gaussian'). */
  readonly noise?: NoiseFamily | string;
  /** The random stream the noise is drawn from (see deriveStream). */
  readonly stream: RandomStream;
}

/** Checks a noisy aggregator's options; errors name `api` and the offending option. */
export function resolveNoiseOptions(
  api: string,
  options: unknown,
): { readonly b: number; readonly family: NoiseFamily; readonly stream: RandomStream } {
  if (options === null || typeof options !== 'object')
    throw new MedmeanError(api, 'options', 'an object { b, noise, stream }', options);
  const { b, noise, stream } = options as Partial<NoiseOptions>;
  const scale = requirePositive(api, 'options.b', b);
  const family = resolveNoiseFamily(noise ?? 'gaussian', api, 'options.noise');
  if (stream === null || typeof stream !== 'object' || typeof stream.next !== 'function') {
    throw new MedmeanError(api, 'options.stream', 'a RandomStream (see deriveStream)', stream);
  }
  return { b: scale, family, stream };
}
