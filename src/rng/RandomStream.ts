import seedrandom from 'seedrandom';
import { MedmeanError } from '../errors/MedmeanError.ts';

/** A source of uniform doubles in [0, 1) with 53 bits of resolution. */
export interface RandomStream {
  /** The key this stream was derived from, for reproducibility footers. */
  readonly key: string;
  /** One uniform double in [0, 1). */
  next(): number;
}

/** One part of a stream key: the seed, a claim id, a cell index, a replicate block... */
export type KeyPart = string | number;

/**
 * Derives an independent random stream from a key such as (seed, claim id, cell, block).
 *
 * ## Method
 * The key is serialised as JSON and hashed by seedrandom's ARC4 key schedule (the default
 * `seedrandom` generator), whose first 128 output bits seed seedrandom's `tychei` generator,
 * a ChaCha-quarter-round generator that is fast in bulk. `.double()` gives 53-bit doubles:
 * the 32-bit default would produce exact ties within ~1e5 draws, which matters for medians.
 *
 * Streams depend on the key alone, never on the order in which they are created, so results do
 * not depend on the order of work or on how many workers share it.
 */
export function deriveStream(seed: KeyPart, ...key: KeyPart[]): RandomStream {
  const parts = [seed, ...key];
  parts.forEach((part, index) => {
    const ok = typeof part === 'string' || (typeof part === 'number' && Number.isSafeInteger(part));
    if (!ok)
      throw new MedmeanError(
        'deriveStream',
        index === 0 ? 'seed' : `key[${index - 1}]`,
        'a string or a safe integer',
        part,
      );
  });
  const keyString = JSON.stringify(parts);
  const hash = seedrandom(keyString);
  const words: string[] = [];
  for (let i = 0; i < 4; i++) words.push((hash.int32() >>> 0).toString(16).padStart(8, '0'));
  const generator = seedrandom.tychei(words.join(''));
  return { key: keyString, next: () => generator.double() };
}

/** Fills `out` with uniform doubles in [0, 1) and returns it. */
export function fillUniform(stream: RandomStream, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = stream.next();
  return out;
}
