import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Static imports and re-exports with a relative specifier: `from './x.ts'`, `import './x.ts'`.
const RELATIVE_IMPORT = /(?:\bfrom|^\s*import)\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

/**
 * The project files reachable from `entries` through static relative imports (dynamic imports
 * are not followed), sorted: the code a calibration row measured.
 */
export function staticImportClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const pending = entries.map((entry) => path.normalize(entry));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`sourceFingerprint: ${file} does not exist`);
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      pending.push(path.normalize(path.join(path.dirname(file), match[1])));
    }
  }
  return [...seen].sort();
}

/**
 * SHA-256 (first 16 hex digits) over the paths and contents of the static import closure of
 * `entries`. It covers the code a group runs, not the pass/flag criteria in calibrationGroups.ts
 * (which imports everything): after changing those, run the group afresh, not with RESUME.
 */
export function sourceFingerprint(entries: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of staticImportClosure(entries)) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}
