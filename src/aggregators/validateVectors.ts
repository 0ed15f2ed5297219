import { MedmeanError } from '../errors/MedmeanError.ts';

/** M vectors of equal length d, the input of every aggregator. */
export type Vectors = ReadonlyArray<ArrayLike<number>>;

/**
 * Checks that `vectors` is a non-empty array of equal-length, non-empty numeric vectors with
 * finite entries, and returns its shape. Throws MedmeanError naming the first offending entry.
 */
export function validateVectors(api: string, vectors: unknown): { M: number; d: number } {
  if (!Array.isArray(vectors) || vectors.length === 0) {
    throw new MedmeanError(api, 'vectors', 'a non-empty array of vectors', vectors);
  }
  const first = vectors[0];
  if (!isNumericVector(first) || first.length === 0) {
    throw new MedmeanError(api, 'vectors[0]', 'a non-empty array or typed array of numbers', first);
  }
  const d = first.length;
  for (let i = 0; i < vectors.length; i++) {
    const vector = vectors[i];
    if (!isNumericVector(vector)) {
      throw new MedmeanError(api, `vectors[${i}]`, 'an array or typed array of numbers', vector);
    }
    if (vector.length !== d) {
      throw new MedmeanError(api, `vectors[${i}].length`, `equal to vectors[0].length (${d})`, vector.length);
    }
    for (let j = 0; j < d; j++) {
      const value = vector[j];
      if (!Number.isFinite(value)) {
        throw new MedmeanError(api, `vectors[${i}][${j}]`, 'a finite number', value);
      }
    }
  }
  return { M: vectors.length, d };
}

function isNumericVector(value: unknown): value is ArrayLike<number> {
  if (Array.isArray(value)) return true;
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}
