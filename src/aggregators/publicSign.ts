import { MedmeanError } from '../errors/MedmeanError.ts';
import { sign as signKernel } from './sign.ts';

/**
 * sign(x) in {−1, 0, 1}; sign(0) = sign(−0) = 0 (the convention of Proposition 1's vote). NaN has
 * no sign: as the public API hands it out, NaN or anything but a number is a MedmeanError (the
 * kernel in ./sign.ts, called in the vote's hot loop, checks nothing).
 */
export function sign(x: number): number {
  if (typeof x !== 'number' || Number.isNaN(x)) throw new MedmeanError('sign', 'x', 'a number (not NaN)', x);
  return signKernel(x);
}
