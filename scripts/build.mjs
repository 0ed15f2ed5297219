// Compiles src/ to dist/ (ESM JavaScript and .d.ts) with tsc, and copies src/'s CommonJS files as
// they are (tsc would turn their import() into require(), which is what they exist to avoid). The
// output is written to a fresh directory and moved into place only when tsc succeeds, so a failed
// build never leaves a partial dist/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staging = path.join(root, 'dist.building');
const target = path.join(root, 'dist');

rmSync(staging, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', staging], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}
for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.cjs')) continue;
  const from = path.join(entry.parentPath, entry.name);
  copyFileSync(from, path.join(staging, path.relative(path.join(root, 'src'), from)));
}
if (existsSync(target)) rmSync(target, { recursive: true, force: true });
renameSync(staging, target);
