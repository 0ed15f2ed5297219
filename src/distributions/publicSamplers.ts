// fillUniform and fillStandardNormal as the public API hands them out: arguments checked first
// (MedmeanError naming the parameter), then the kernels, which trust their callers.
import { fillUniform as fillUniformKernel } from '../rng/RandomStream.ts';
import { fillStandardNormal as fillStandardNormalKernel } from './gaussian.ts';
import { requireOutputArray, requireStream } from './requireSamplerArguments.ts';

/** Fills `out` with independent uniform draws in [0, 1) from `stream` and returns it. */
export function fillUniform(stream: unknown, out: unknown): Float64Array {
  return fillUniformKernel(requireStream('fillUniform', stream), requireOutputArray('fillUniform', out));
}

/** Fills `out` with independent N(0, 1) draws from `stream` (Marsaglia's polar method) and returns it. */
export function fillStandardNormal(stream: unknown, out: unknown): Float64Array {
  return fillStandardNormalKernel(
    requireStream('fillStandardNormal', stream),
    requireOutputArray('fillStandardNormal', out),
  );
}
