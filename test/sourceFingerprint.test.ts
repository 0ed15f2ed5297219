import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { legacySourceFingerprint, recordedSourceIsCurrent, sourceFingerprint, staticImportClosure } from '../scripts/calibration/sourceFingerprint.ts';

describe('calibration source fingerprint', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'medmean-fingerprint-'));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(directory, name), text);
    return path.join(directory, name);
  };
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const entry = file('claim.ts', "import { a } from './a.ts';\nexport { b } from './b.ts';\nimport type { T } from './types.ts';\nconst lazy = () => import('./lazy.ts');\n");
  file('a.ts', "import './side.ts';\nexport const a = 1;\n");
  file('b.ts', 'export const b = 2;\n');
  file('types.ts', 'export type T = number;\n');
  file('side.ts', 'globalThis.x = 1;\n');
  file('lazy.ts', 'export const lazy = 3;\n');
  const unrelated = file('unrelated.ts', 'export const u = 4;\n');

  it('follows static imports, re-exports and side-effect imports, not dynamic imports', () => {
    expect(staticImportClosure([entry]).map((f) => path.basename(f))).toEqual(['a.ts', 'b.ts', 'claim.ts', 'side.ts', 'types.ts']);
  });

  it('changes when a file in the closure changes, and only then', () => {
    const before = sourceFingerprint([entry]);
    writeFileSync(unrelated, 'export const u = 5;\n');
    expect(sourceFingerprint([entry])).toBe(before);
    file('side.ts', 'globalThis.x = 2;\n');
    expect(sourceFingerprint([entry])).not.toBe(before);
  });

  it('ignores comments and types, not code', () => {
    const typed = file('typed.ts', '// the answer\nexport const typed: number = 42;\n');
    const before = sourceFingerprint([typed]);
    file('typed.ts', '/** The answer, documented. */\nexport const typed: 42 | 43 = 42;\n');
    expect(sourceFingerprint([typed])).toBe(before);
    file('typed.ts', 'export const typed: number = 43;\n');
    expect(sourceFingerprint([typed])).not.toBe(before);
  });

  it('accepts a legacy (byte) fingerprint while the files are unchanged byte for byte, and only then', () => {
    const legacy = file('legacy.ts', 'export const legacy = 1;\n');
    const recorded = legacySourceFingerprint([legacy]);
    expect(recordedSourceIsCurrent(recorded, [legacy])).toBe(true);
    expect(recordedSourceIsCurrent(sourceFingerprint([legacy]), [legacy])).toBe(true);
    expect(recordedSourceIsCurrent(undefined, [legacy])).toBe(false);
    file('legacy.ts', '// a comment\nexport const legacy = 1;\n');
    expect(recordedSourceIsCurrent(recorded, [legacy])).toBe(false);
    expect(recordedSourceIsCurrent(sourceFingerprint([legacy]), [legacy])).toBe(true);
  });

  it('refuses a missing import', () => {
    const broken = file('broken.ts', "import { gone } from './gone.ts';\n");
    expect(() => staticImportClosure([broken])).toThrow(/gone\.ts does not exist/);
  });
});
