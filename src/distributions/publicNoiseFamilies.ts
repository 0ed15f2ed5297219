// The noise families as medmean's public API hands them out. The kernels (gaussian.ts, ...) never
// throw and return NaN for NaN input, because the exact engine calls them millions of times inside
// loops that validated their inputs once; the objects here check each argument first and throw
// MedmeanError naming it, then call the kernel. Passed to the engine (noisyMedianMoments(u, b,
// gaussian)) they give the same values as the family's name does.
import { MedmeanError } from '../errors/MedmeanError.ts';
import type { NoiseFamily } from './NoiseFamily.ts';
import { noiseFamilies as kernels, noiseFamilyNames } from './noiseFamilies.ts';
import { requireOutputArray, requireStream } from './requireSamplerArguments.ts';

type PointMethod = 'pdf' | 'cdf' | 'sf' | 'dpdf' | 'd2pdf';

function publicFamily(kernel: NoiseFamily): NoiseFamily {
  const point = (method: PointMethod) => (x: number) => {
    if (typeof x !== 'number' || Number.isNaN(x))
      throw new MedmeanError(`${kernel.name}.${method}`, 'x', 'a number (±Infinity allowed)', x);
    return kernel[method](x);
  };
  return Object.freeze({
    name: kernel.name,
    description: kernel.description,
    support: Object.freeze([...kernel.support]) as unknown as readonly [number, number],
    breakpoints: Object.freeze([...kernel.breakpoints]),
    hypotheses: Object.freeze({ ...kernel.hypotheses }),
    pdf: point('pdf'),
    cdf: point('cdf'),
    sf: point('sf'),
    dpdf: point('dpdf'),
    d2pdf: point('d2pdf'),
    quantile(p: number) {
      if (typeof p !== 'number' || !(p >= 0 && p <= 1))
        throw new MedmeanError(`${kernel.name}.quantile`, 'p', 'a probability in [0, 1]', p);
      return kernel.quantile(p);
    },
    sample(stream, out) {
      const api = `${kernel.name}.sample`;
      return kernel.sample(requireStream(api, stream), requireOutputArray(api, out));
    },
  } satisfies NoiseFamily);
}

/** Every noise family medmean ships, in report order (validating their arguments). */
export const noiseFamilies: readonly NoiseFamily[] = Object.freeze(kernels.map(publicFamily));

const named = (name: string) => noiseFamilies.find((family) => family.name === name) as NoiseFamily;
export const gaussian = named('gaussian');
export const laplace = named('laplace');
export const logistic = named('logistic');
export const uniform = named('uniform');
export const studentT5 = named('student-t');
export const centredExponential = named('centred-exponential');

export { noiseFamilyNames };

/** Looks a family up by name; throws MedmeanError for an unknown name. */
export function getNoiseFamily(name: unknown): NoiseFamily {
  const family = noiseFamilies.find((candidate) => candidate.name === name);
  if (family === undefined)
    throw new MedmeanError('getNoiseFamily', 'name', `one of ${noiseFamilyNames.join(', ')}`, name);
  return family;
}
