import { MedmeanError } from '../errors/MedmeanError.ts';
import type { RandomStream } from '../rng/RandomStream.ts';

/** Throws unless `stream` is a RandomStream (an object with a `next` method, as deriveStream returns). */
export function requireStream(api: string, stream: unknown): RandomStream {
  if (stream === null || typeof stream !== 'object' || typeof (stream as RandomStream).next !== 'function')
    throw new MedmeanError(api, 'stream', 'a RandomStream (from deriveStream)', stream);
  return stream as RandomStream;
}

/** Throws unless `out` is a Float64Array (the samplers fill it in place and return it). */
export function requireOutputArray(api: string, out: unknown): Float64Array {
  if (!(out instanceof Float64Array)) throw new MedmeanError(api, 'out', 'a Float64Array to fill', out);
  return out;
}
