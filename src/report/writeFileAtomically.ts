import { renameSync, writeFileSync } from 'node:fs';

/** Writes `content` to `file` through a temporary sibling and a rename: never a half-written file. */
export function writeFileAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
