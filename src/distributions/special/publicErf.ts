// erf and erfc as the public API hands them out: x checked first (MedmeanError naming it), then
// the kernels of ./erfc.ts, which return NaN for NaN as Math's functions do.
import { MedmeanError } from '../../errors/MedmeanError.ts';
import { erf as erfKernel, erfc as erfcKernel } from './erfc.ts';

function requirePoint(api: string, x: unknown): number {
  if (typeof x !== 'number' || Number.isNaN(x)) throw new MedmeanError(api, 'x', 'a number (±Infinity allowed)', x);
  return x;
}

/** The error function, within 2 ulps (docs/package.md). */
export function erf(x: number): number {
  return erfKernel(requirePoint('erf', x));
}

/** The complementary error function 1 − erf(x), without cancellation for large x; within 7 ulps. */
export function erfc(x: number): number {
  return erfcKernel(requirePoint('erfc', x));
}
