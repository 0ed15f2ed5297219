import { MedmeanError } from '../errors/MedmeanError.ts';

/** Sample mean and standard deviation (divisor n − 1) of at least two finite values. */
export function sampleMeanAndSd(
  values: readonly number[],
  api = 'sampleMeanAndSd',
  parameter = 'values',
): { mean: number; sd: number } {
  if (!Array.isArray(values) || values.length < 2)
    throw new MedmeanError(api, parameter, 'an array of at least 2 numbers', values);
  values.forEach((value, index) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new MedmeanError(api, `${parameter}[${index}]`, 'a finite number', value);
  });
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1));
  return { mean, sd };
}
