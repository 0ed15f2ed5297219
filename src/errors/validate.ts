import { MedmeanError } from './MedmeanError.ts';

/** Throws unless `value` is a finite number. */
export function requireFinite(api: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MedmeanError(api, parameter, 'a finite number', value);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(api: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new MedmeanError(api, parameter, 'a positive finite number', value);
  }
  return value;
}

/** Throws unless `value` is an integer in [min, max]. */
export function requireInteger(
  api: string,
  parameter: string,
  value: unknown,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new MedmeanError(api, parameter, `an integer ${range}`, value);
  }
  return value;
}

/** Throws unless `value` is a non-empty array-like of finite numbers; returns a private copy. */
export function requireFiniteArray(api: string, parameter: string, value: unknown): Float64Array {
  if (!isArrayLikeOfNumbers(value) || value.length === 0) {
    throw new MedmeanError(api, parameter, 'a non-empty array of finite numbers', value);
  }
  const copy = Float64Array.from(value);
  for (let i = 0; i < copy.length; i++) {
    if (!Number.isFinite(copy[i])) {
      throw new MedmeanError(api, `${parameter}[${i}]`, 'a finite number', value[i]);
    }
  }
  return copy;
}

function isArrayLikeOfNumbers(value: unknown): value is ArrayLike<number> {
  if (value instanceof Float64Array || value instanceof Float32Array) return true;
  if (!Array.isArray(value)) return false;
  return value.every((v) => typeof v === 'number');
}
