import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MedmeanError } from '../errors/MedmeanError.ts';

/**
 * Fails before any claim is computed when the reports could not be written to `out`: its parent
 * cannot be created or written (tried with a file of its own, which also finds read-only and
 * special file systems that report write permission), or `out` is a file. Without it, a run
 * spent its minutes and then stopped on an internal error.
 */
export function requireWritableOut(api: string, parameter: string, out: string): void {
  const absolute = path.resolve(out);
  if (existsSync(absolute) && !statSync(absolute).isDirectory())
    throw new MedmeanError(api, parameter, 'a directory, not a file', out);
  const probe = `${absolute}.probe-${process.pid}`;
  try {
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(probe, '');
  } catch (error) {
    throw new MedmeanError(api, parameter, `a directory that can be written (${(error as Error).message})`, out);
  }
  rmSync(probe, { force: true });
}
