import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The packed tarball, installed into a plain Node project as npm would lay it out: the package
// under node_modules/medmean and its required dependencies beside it, none of the optional ones
// (as with `npm install medmean --omit=optional`). The dependencies are linked from this
// checkout's node_modules, so the test needs no network.
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
};
let project: string;
const node = (args: readonly string[]) => spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8' });
const medmean = (...args: string[]) => node(['node_modules/medmean/bin/medmean.mjs', ...args]);
/** The paths in the packed tarball, as `package/<path>`. */
const packedFiles = () =>
  execFileSync('tar', ['-tzf', path.join(project, '..', `medmean-${manifest.version}.tgz`)], {
    encoding: 'utf8',
  }).split('\n');

beforeAll(() => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'medmean-package-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as { filename: string }[];
  project = path.join(scratch, 'project');
  const installed = path.join(project, 'node_modules', 'medmean');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(scratch, packed[0].filename), '-C', installed, '--strip-components', '1']);
  for (const dependency of Object.keys(manifest.dependencies)) {
    mkdirSync(path.dirname(path.join(project, 'node_modules', dependency)), { recursive: true });
    symlinkSync(path.resolve('node_modules', dependency), path.join(project, 'node_modules', dependency), 'dir');
  }
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
}, 120_000);

describe('the packed package in a plain Node project (no tsx, no optional dependencies)', () => {
  it('ships compiled JavaScript and types, not the TypeScript sources or the tests', () => {
    const files = packedFiles();
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files.filter((file) => /^package\/(src|test)\//.test(file))).toEqual([]);
  });

  it('ships every file the code reads from the package root at run time (reference data, bench scripts)', () => {
    const files = new Set(packedFiles());
    // Every `path.join(packageRoot, 'a', 'b', …)` of literal segments in the sources.
    const readAtRunTime = execFileSync('git', ['grep', '-h', '-o', "path.join(packageRoot, '[^)]*')", '--', 'src'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((line) => line !== '')
      .map((call) => [...call.matchAll(/'([^']+)'/g)].map((match) => match[1]).join('/'))
      .filter((relative) => relative !== 'package.json');
    expect(readAtRunTime).toContain('data/noisy-median-moments.json');
    expect(readAtRunTime.filter((relative) => !files.has(`package/${relative}`))).toEqual([]);
  });

  it('imports the library with `import { median } from "medmean"`', () => {
    writeFileSync(
      path.join(project, 'index.mjs'),
      "import { median, majorityVote } from 'medmean';\nconsole.log(JSON.stringify([Array.from(median([[1, 2], [3, 10], [2, 4]])), Array.from(majorityVote([[1, -1], [1, 1], [-1, -1]]))]));\n",
    );
    const result = node(['index.mjs']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      [2, 4],
      [1, -1],
    ]);
  });

  it('type-checks a TypeScript consumer against the shipped .d.ts without vega-lite (skipLibCheck off for them)', () => {
    writeFileSync(
      path.join(project, 'index.ts'),
      "import { median } from 'medmean';\nconst middle: ArrayLike<number> = median([[1, 2], [3, 10], [2, 4]]);\nexport { middle };\n",
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          // Our .d.ts files are checked; TypeScript's own lib files need no checking here.
          skipLibCheck: false,
          skipDefaultLibCheck: true,
          types: [],
        },
        files: ['index.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', project], {
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('runs `medmean check` from the compiled CLI', () => {
    copyFileSync('test/fixtures/aggregators/correct/median-sort.mjs', path.join(project, 'median.mjs'));
    const result = medmean('check', '--rule', 'median', '--runs', '20', '--seed', '1', 'median.mjs');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('names the optional dependency to install when a feature needs one that is absent', () => {
    copyFileSync('test/fixtures/aggregators/correct/median-quickselect.ts', path.join(project, 'median.ts'));
    const typescriptModule = medmean('check', '--rule', 'median', '--runs', '5', 'median.ts');
    expect(typescriptModule.status).toBe(1);
    expect(typescriptModule.stdout + typescriptModule.stderr).toMatch(/optional dependency `tsx`.*npm install tsx/);
    const report = medmean('report', '--quick', '--workers', '1', '--claims', 'prop1', '--out', 'reports');
    expect(report.stderr).toMatch(/needs the optional dependency `vega-lite`.*npm install vega-lite/);
    expect(report.status).toBe(2);
  });
});
