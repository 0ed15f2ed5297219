import { UsageError } from './UsageError.ts';

/** Parses an integer flag value, naming the flag on failure. */
export function parseIntegerFlag(flag: string, min: number, max = Number.MAX_SAFE_INTEGER): (raw: string) => number {
  return (raw: string) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`${flag} must be an integer in [${min}, ${max}]. Value: \`${raw}\`.`);
    }
    return value;
  };
}

/** Parses a positive finite number flag value. */
export function parsePositiveFlag(flag: string): (raw: string) => number {
  return (raw: string) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || !(value > 0)) {
      throw new UsageError(`${flag} must be a positive finite number. Value: \`${raw}\`.`);
    }
    return value;
  };
}

/** Parses a comma-separated list of finite numbers. */
export function parseNumberListFlag(flag: string): (raw: string) => number[] {
  return (raw: string) => {
    const parts = raw.split(',').map((part) => part.trim());
    const values = parts.map(Number);
    if (parts.length === 0 || parts.some((part) => part === '') || values.some((value) => !Number.isFinite(value))) {
      throw new UsageError(`${flag} must be a comma-separated list of finite numbers. Value: \`${raw}\`.`);
    }
    return values;
  };
}
