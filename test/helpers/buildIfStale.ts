import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The newest modification time of any file under `dir`, or 0 when it does not exist. */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * vitest global setup: the tests that spawn bin/medmean.mjs run the compiled dist/, as users do, so
 * dist/ is rebuilt first when a source is newer than it (after an edit; `npm ci` builds it fresh).
 */
export default function buildIfStale(): void {
  const built = existsSync('dist/index.js') ? statSync('dist/index.js').mtimeMs : 0;
  if (built >= newestMtime('src') && built >= statSync('tsconfig.build.json').mtimeMs) return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed: the tests that run the compiled CLI cannot start');
}
