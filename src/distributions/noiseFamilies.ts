import { MedmeanError } from '../errors/MedmeanError.ts';
import type { NoiseFamily } from './NoiseFamily.ts';
import { centredExponential } from './centredExponential.ts';
import { gaussian } from './gaussian.ts';
import { laplace } from './laplace.ts';
import { logistic } from './logistic.ts';
import { studentT5 } from './studentT5.ts';
import { uniform } from './uniform.ts';

/** Every noise family medmean ships, in report order. */
export const noiseFamilies: readonly NoiseFamily[] = [
  gaussian,
  laplace,
  logistic,
  uniform,
  studentT5,
  centredExponential,
];

/** The names accepted by `getNoiseFamily` and the CLI's `--noise`. */
export const noiseFamilyNames: readonly string[] = noiseFamilies.map((family) => family.name);

/** Looks a family up by name; throws MedmeanError for an unknown name. */
export function getNoiseFamily(name: unknown, api = 'getNoiseFamily', parameter = 'noise'): NoiseFamily {
  const family = noiseFamilies.find((candidate) => candidate.name === name);
  if (family === undefined) {
    throw new MedmeanError(api, parameter, `one of ${noiseFamilyNames.join(', ')}`, name);
  }
  return family;
}

/**
 * Accepts a family name or a NoiseFamily object (one of medmean's, or a user's object with the
 * same methods); anything else throws MedmeanError naming `parameter`.
 */
export function resolveNoiseFamily(noise: unknown, api: string, parameter = 'noise'): NoiseFamily {
  if (typeof noise === 'string') return getNoiseFamily(noise, api, parameter);
  if (isNoiseFamily(noise)) return noise;
  throw new MedmeanError(
    api,
    parameter,
    `a noise family name (${noiseFamilyNames.join(', ')}) or a NoiseFamily object`,
    noise,
  );
}

function isNoiseFamily(value: unknown): value is NoiseFamily {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<NoiseFamily>;
  const methods = ['pdf', 'cdf', 'sf', 'dpdf', 'd2pdf', 'quantile', 'sample'] as const;
  return (
    methods.every((name) => typeof candidate[name] === 'function') &&
    Array.isArray(candidate.breakpoints) &&
    Array.isArray(candidate.support) &&
    typeof candidate.hypotheses === 'object' &&
    candidate.hypotheses !== null
  );
}
