import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

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

/** Fingerprints of this form start with it; older rows hold a bare legacy fingerprint. */
const CODE_PREFIX = 'code:';

/** Transpiled code by file and text: the groups' closures overlap, so files recur. */
const emitted = new Map<string, string>();

/**
 * A file as the JavaScript it runs: TypeScript's transpilation with comments and types removed,
 * so that a change of documentation or of a type alone does not change what was measured.
 */
function runnableCode(file: string): string {
  const text = readFileSync(file, 'utf8');
  const key = `${file}\0${text}`;
  let code = emitted.get(key);
  if (code === undefined) {
    code = ts.transpileModule(text, {
      fileName: file,
      compilerOptions: { removeComments: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
    }).outputText;
    emitted.set(key, code);
  }
  return code;
}

/**
 * SHA-256 (first 16 hex digits, after `code:`) over the paths and the runnable code (comments and
 * types removed) of the static import closure of `entries`. It covers the code a group runs, not
 * the pass/flag criteria in calibrationGroups.ts (which imports everything): after changing those,
 * run the group afresh, not with RESUME.
 */
export function sourceFingerprint(entries: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of staticImportClosure(entries)) hash.update(`${file}\0`).update(runnableCode(file)).update('\0');
  return `${CODE_PREFIX}${hash.digest('hex').slice(0, 16)}`;
}

/** The fingerprint rows recorded before `code:` fingerprints: SHA-256 over the files' bytes. */
export function legacySourceFingerprint(entries: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of staticImportClosure(entries)) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Whether a row's recorded fingerprint describes the current code of its group: equal to the
 * current fingerprint, or a legacy one equal to the legacy fingerprint of the current files (the
 * files have not changed since, byte for byte).
 */
export function recordedSourceIsCurrent(recorded: string | undefined, entries: readonly string[], current = sourceFingerprint(entries)): boolean {
  if (recorded === undefined) return false;
  if (recorded.startsWith(CODE_PREFIX)) return recorded === current;
  return recorded === legacySourceFingerprint(entries);
}
