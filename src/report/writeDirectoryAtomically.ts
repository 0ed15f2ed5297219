import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withDirectoryLock } from './directoryLock.ts';

/**
 * Replaces the directory `target` with one holding `files` (relative path → content), so that
 * an interrupted run leaves either the old directory or the new one, never a half-written mix.
 *
 * ## Method
 * Files are written into a sibling staging directory (seeded with a copy of the old contents
 * when `keep` is given, so a partial run can update some files); then the old directory is
 * renamed aside, the staging directory renamed into place, and the old one removed. Stale
 * staging or aside directories from a killed run are cleared first; an aside directory left by a
 * run killed between the two renames is restored.
 */
export function writeDirectoryAtomically(
  target: string,
  files: ReadonlyMap<string, string>,
  keep?: (relativePath: string) => boolean,
): void {
  // Under the directory's lock, so that two writers never share the staging directory.
  withDirectoryLock(target, () => {
    const absolute = path.resolve(target);
    const staging = `${absolute}.staging`;
    const aside = `${absolute}.previous`;
    restoreInterruptedWrite(absolute);
    rmSync(staging, { recursive: true, force: true });
    rmSync(aside, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    if (keep !== undefined && existsSync(absolute)) {
      cpSync(absolute, staging, {
        recursive: true,
        filter: (source) => {
          const relative = path.relative(absolute, source);
          return relative === '' || keep(relative.split(path.sep).join('/'));
        },
      });
    }
    for (const [relative, content] of files) {
      const destination = path.join(staging, relative);
      mkdirSync(path.dirname(destination), { recursive: true });
      writeFileSync(destination, content);
    }
    if (existsSync(absolute)) renameSync(absolute, aside);
    renameSync(staging, absolute);
    rmSync(aside, { recursive: true, force: true });
  });
}

/**
 * Puts back the directory a write killed between its two renames left set aside (`target.previous`,
 * with no `target`). A caller that reads the old contents before writing (the previous
 * results.json) calls it first, so that it reads them where they belong.
 */
export function restoreInterruptedWrite(target: string): void {
  const absolute = path.resolve(target);
  const aside = `${absolute}.previous`;
  if (!existsSync(absolute) && existsSync(aside)) renameSync(aside, absolute);
}
