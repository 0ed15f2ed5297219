import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The files below `root`, as paths relative to it, sorted. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Every file below `root` and its text, keyed by the path relative to it. */
export function snapshotDirectory(root: string): Record<string, string> {
  return Object.fromEntries(filesUnder(root).map((file) => [file, readFileSync(path.join(root, file), 'utf8')]));
}
