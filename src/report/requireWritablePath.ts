import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MedmeanError } from '../errors/MedmeanError.ts';

/**
 * Fails before any work when an output could not be written at `target`: its parent cannot be
 * created or written (tried with a file of its own, which also finds read-only and special file
 * systems that report write permission), or `target` exists as the other kind (a file where a
 * directory is written, or the reverse). Without it, a run spent its minutes computing and then
 * stopped on an internal error.
 */
export function requireWritablePath(api: string, parameter: string, target: string, kind: 'directory' | 'file'): void {
  const absolute = path.resolve(target);
  if (existsSync(absolute) && statSync(absolute).isDirectory() !== (kind === 'directory'))
    throw new MedmeanError(
      api,
      parameter,
      `a ${kind} path, not a ${kind === 'directory' ? 'file' : 'directory'}`,
      target,
    );
  const probe = `${absolute}.probe-${process.pid}`;
  try {
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(probe, '');
  } catch (error) {
    throw new MedmeanError(api, parameter, `a ${kind} path that can be written (${(error as Error).message})`, target);
  }
  rmSync(probe, { force: true });
}
