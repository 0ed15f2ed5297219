import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrationGroups } from '../../scripts/calibration/calibrationGroups.ts';
import {
  packageFilesRead,
  sourceFingerprint,
  staticImportClosure,
} from '../../scripts/calibration/sourceFingerprint.ts';

describe('calibration source fingerprint', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'medmean-fingerprint-'));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(directory, name), text);
    return path.join(directory, name);
  };
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const entry = file(
    'claim.ts',
    "import { a } from './a.ts';\nexport { b } from './b.ts';\nimport type { T } from './types.ts';\nexport const lazy = () => import('./lazy.ts');\nexport const c: T = a;\n",
  );
  file('a.ts', "import './side.ts';\nexport const a = 1;\n");
  file('b.ts', 'export const b = 2;\n');
  file('types.ts', 'export type T = number;\n');
  file('side.ts', 'globalThis.x = 1;\n');
  file('lazy.ts', 'export const lazy = 3;\n');
  const unrelated = file('unrelated.ts', 'export const u = 4;\n');

  it('follows static imports, re-exports and side-effect imports, not dynamic or type-only imports', () => {
    expect(staticImportClosure([entry]).map((f) => path.basename(f))).toEqual(['a.ts', 'b.ts', 'claim.ts', 'side.ts']);
  });

  it('does not follow an import whose names are used only as types: it loads nothing', () => {
    const typeUse = file('typeUse.ts', "import { T } from './types.ts';\nexport const x: T = 1;\n");
    const valueUse = file('valueUse.ts', "import { b } from './b.ts';\nexport const x = b;\n");
    expect(staticImportClosure([typeUse]).map((f) => path.basename(f))).toEqual(['typeUse.ts']);
    expect(staticImportClosure([valueUse]).map((f) => path.basename(f))).toEqual(['b.ts', 'valueUse.ts']);
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

  it('ignores layout: whitespace, line breaks, quotes, parentheses, trailing commas, semicolons, number spelling', () => {
    const laidOut = file('layout.ts', "export const f = (x) => { return g(x, 'a', 1.50, [1, 2,]) * (x + 1) };\n");
    const before = sourceFingerprint([laidOut]);
    file(
      'layout.ts',
      'export const f = x => {\n  return (g(\n    x,\n    "a",\n    1.5,\n    [1, 2],\n  ) * (x + 1));\n};;\n',
    );
    expect(sourceFingerprint([laidOut])).toBe(before);
  });

  it.each([
    ['a unary operator', 'export const f = (x) => -x;', 'export const f = (x) => !x;'],
    ['an update operator', 'export let i = 0; i++;', 'export let i = 0; i--;'],
    ['precedence', 'export const f = (a, b, c) => (a + b) * c;', 'export const f = (a, b, c) => a + b * c;'],
    ['a binary operator', 'export const f = (a, b) => a < b;', 'export const f = (a, b) => a <= b;'],
    ['let against const', 'export let x = 1;', 'export const x = 1;'],
    ['a string value', "export const s = 'a';", "export const s = 'b';"],
    ['a number', 'export const n = 1.5;', 'export const n = 1.25;'],
    ['a name', 'export const n = Math.min(1, 2);', 'export const n = Math.max(1, 2);'],
    ['optional chaining', 'export const f = (o) => o.x;', 'export const f = (o) => o?.x;'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the strings are source code with template literals
    ['a template part', 'export const f = (x) => `a${x}b`;', 'export const f = (x) => `a${x}c`;'],
    ['a spread', 'export const f = (x) => g(x);', 'export const f = (x) => g(...x);'],
  ])('changes with %s', (_, one, other) => {
    const changing = file('changing.ts', `${one}\n`);
    const before = sourceFingerprint([changing]);
    file('changing.ts', `${other}\n`);
    expect(sourceFingerprint([changing])).not.toBe(before);
  });

  it('covers the bytes of the package files the code reads at run time, and refuses a missing one', () => {
    const reader = file(
      'reader.ts',
      "import path from 'node:path';\nexport const f = () => readFileSync(path.join(packageRoot, 'reference.json'));\n",
    );
    const reference = file('reference.json', '{"mean": "1.000244"}\n');
    expect(packageFilesRead([reader])).toEqual(['reference.json']);
    const before = sourceFingerprint([reader], directory);
    // Layout counts: the file is data, its bytes are what a verdict is judged against.
    file('reference.json', '{"mean": "1.000245"}\n');
    expect(sourceFingerprint([reader], directory)).not.toBe(before);
    file('reference.json', '{"mean": "1.000244"}\n');
    expect(sourceFingerprint([reader], directory)).toBe(before);
    rmSync(reference);
    expect(() => sourceFingerprint([reader], directory)).toThrow(/reference\.json, read at run time, does not exist/);
  });

  it('refuses a missing import', () => {
    const broken = file('broken.ts', "import { gone } from './gone.ts';\nexport const x = gone;\n");
    expect(() => staticImportClosure([broken])).toThrow(/gone\.ts does not exist/);
  });
});

describe('calibration closures of the claims', () => {
  const groups = calibrationGroups(1000, 200);
  const closureOf = (id: string) => staticImportClosure(groups.find((group) => group.id === id)!.entries);
  const trainers = [
    'src/problems/heterogeneousMnist.ts',
    'src/problems/cifarAnalogue.ts',
    'src/problems/twoLayerNetwork.ts',
  ];
  it('leave the network trainers out of the claims that train no network', () => {
    for (const group of groups.filter((group) => group.id !== 'mnist-heterogeneous' && group.id !== 'cifar-analogue'))
      expect(staticImportClosure(group.entries).filter((file) => trainers.includes(file))).toEqual([]);
  });
  it('put each trainer in the closure of the claim that trains with it', () => {
    expect(closureOf('mnist-heterogeneous')).toEqual(expect.arrayContaining([trainers[0], trainers[2]]));
    expect(closureOf('cifar-analogue')).toEqual(expect.arrayContaining([trainers[1]]));
  });
  it("leave the exact engine out of the experiments' closures, and keep it in the claims that use it", () => {
    const engine = 'src/estimators/noisyMedianMoments.ts';
    expect(closureOf('mnist-heterogeneous')).not.toContain(engine);
    expect(closureOf('cifar-analogue')).not.toContain(engine);
    expect(closureOf('thm4a-bias+thm4a-variance+thm4b-symmetry')).toContain(engine);
  });
  it('count the reference data a claim is judged against, in its group only', () => {
    const data = 'data/noisy-median-moments.json';
    const readers = groups.filter((group) => packageFilesRead(staticImportClosure(group.entries)).includes(data));
    expect(readers.map((group) => group.id)).toEqual(['thm4a-bias+thm4a-variance+thm4b-symmetry']);
  });
});
