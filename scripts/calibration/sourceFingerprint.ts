import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Static imports and re-exports with a relative specifier: `from './x.ts'`, `import './x.ts'`.
const RELATIVE_IMPORT = /(?:\bfrom|^\s*import)\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

/**
 * The project files reachable from `entries` through the static relative imports of their runnable
 * code, sorted: the code a calibration row measured. Dynamic imports are not followed, nor are
 * type-only imports (`import type`, or names used only as types), which load nothing.
 */
export function staticImportClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const pending = entries.map((entry) => path.normalize(entry));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`sourceFingerprint: ${file} does not exist`);
    seen.add(file);
    for (const match of runnableCode(file, readFileSync(file, 'utf8')).matchAll(RELATIVE_IMPORT)) {
      pending.push(path.normalize(path.join(path.dirname(file), match[1])));
    }
  }
  return [...seen].sort();
}

/** Fingerprints start with it (earlier forms, now gone from calibration.json, hashed text). */
const SYNTAX_PREFIX = 'syntax:';

/** Canonical syntax by file and text: the groups' closures overlap, so files recur. */
const canonicalByFile = new Map<string, string>();

/**
 * A file as the JavaScript it runs: TypeScript's transpilation with comments and types removed,
 * so that a change of documentation or of a type alone does not change what was measured.
 */
function runnableCode(file: string, text: string): string {
  const key = `${file}\0${text}`;
  let code = runnableByFile.get(key);
  if (code === undefined) {
    code = transpile(file, text);
    runnableByFile.set(key, code);
  }
  return code;
}

/** Transpiled code by file and text: every closure walk and fingerprint reads the same files. */
const runnableByFile = new Map<string, string>();

function transpile(file: string, text: string): string {
  return ts.transpileModule(text, {
    fileName: file,
    compilerOptions: {
      removeComments: true,
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: false,
    },
  }).outputText;
}

// Node fields that carry meaning but are not child nodes: names and literal values (cooked, so
// quote style and digit separators do not count), unary operators, `extends`/`implements`.
const MEANINGFUL_FIELDS = ['escapedText', 'text', 'operator', 'token', 'keywordToken', 'isExportEquals'] as const;
const DECLARATION_KIND = ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using;

/**
 * The syntax tree of runnable code in a canonical text: node kinds with their meaningful fields,
 * without positions, layout, comments, redundant parentheses (the tree already holds precedence),
 * empty statements or trailing commas. Reformatting leaves it unchanged; a change of any
 * operator, name, literal or structure changes it.
 */
function canonicalSyntax(file: string, code: string): string {
  const parts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isParenthesizedExpression(node)) {
      visit(node.expression);
      return;
    }
    if (node.kind === ts.SyntaxKind.EmptyStatement) return;
    parts.push(ts.SyntaxKind[node.kind]);
    // A source file's own `text` is the whole file, layout included.
    if (!ts.isSourceFile(node))
      for (const field of MEANINGFUL_FIELDS) {
        const value = (node as unknown as Record<string, unknown>)[field];
        if (value !== undefined && typeof value !== 'object') parts.push(`${field}=${JSON.stringify(value)}`);
      }
    if (ts.isVariableDeclarationList(node)) parts.push(`declaration=${node.flags & DECLARATION_KIND}`);
    parts.push('(');
    ts.forEachChild(node, visit);
    parts.push(')');
  };
  visit(ts.createSourceFile(file.replace(/\.ts$/, '.js'), code, ts.ScriptTarget.ESNext, false, ts.ScriptKind.JS));
  return parts.join(' ');
}

// A package file a module reads at run time: `path.join(packageRoot, 'data', 'x.json')`, literal
// segments only (the form test/tool/package.test.ts requires to be shipped).
const PACKAGE_FILE_READ = /path\.join\(\s*packageRoot((?:\s*,\s*(?:'[^']*'|"[^"]*"))+)\s*\)/g;

/**
 * The package files the runnable code of `closure` reads at run time through
 * `path.join(packageRoot, …)`, relative to the package root, sorted: the reference data a verdict
 * is judged against is as much what a row measured as the code that reads it.
 */
export function packageFilesRead(closure: readonly string[]): string[] {
  const read = new Set<string>();
  for (const file of closure) {
    for (const match of runnableCode(file, readFileSync(file, 'utf8')).matchAll(PACKAGE_FILE_READ)) {
      const segments = [...match[1].matchAll(/'([^']*)'|"([^"]*)"/g)].map((segment) => segment[1] ?? segment[2]);
      read.add(path.join(...segments));
    }
  }
  return [...read].sort();
}

/**
 * SHA-256 (first 16 hex digits, after `syntax:`) over the paths and the canonical syntax tree of
 * the runnable code (comments, types and layout removed) of the static import closure of
 * `entries`, and over the bytes of the package files that code reads (packageFilesRead, found
 * under the package root `root`). It covers the code a group runs and its reference data, not
 * the pass/flag criteria in calibrationGroups.ts (which imports everything): after changing
 * those, run the group afresh, not with RESUME. Nor does it cover the dependencies in node_modules (pinned by
 * package-lock.json): after upgrading one, re-run the rows whose code imports it.
 */
export function sourceFingerprint(entries: readonly string[], root = process.cwd()): string {
  const hash = createHash('sha256');
  const closure = staticImportClosure(entries);
  for (const file of closure) {
    const text = readFileSync(file, 'utf8');
    const key = `${file}\0${text}`;
    let canonical = canonicalByFile.get(key);
    if (canonical === undefined) {
      canonical = canonicalSyntax(file, runnableCode(file, text));
      canonicalByFile.set(key, canonical);
    }
    hash.update(`${file}\0`).update(canonical).update('\0');
  }
  for (const file of packageFilesRead(closure)) {
    const where = path.join(root, file);
    if (!existsSync(where)) throw new Error(`sourceFingerprint: ${where}, read at run time, does not exist`);
    hash.update(`${file}\0`).update(readFileSync(where)).update('\0');
  }
  return `${SYNTAX_PREFIX}${hash.digest('hex').slice(0, 16)}`;
}
