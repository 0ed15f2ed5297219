// The task pools never require() an ES module (src/parallel/poolEntry.cjs says why: on Node 20.19+
// that path once aborted the process). Checked end to end in a process run as users run medmean,
// with require(esm) as Node sets it, on the compiled package.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURES = 'test/fixtures/pool';

/** Runs one task on a pool (`medmean`'s or one given the ES module host) and lists the .mjs files require()d. */
function runPool(kind: 'medmean' | 'host'): { result: string; esmRequires: string[] } {
  const record = path.join(mkdtempSync(path.join(tmpdir(), 'medmean-pool-')), 'requires.txt');
  writeFileSync(record, '');
  const run = spawnSync(
    process.execPath,
    ['--require', `./${FIXTURES}/recordEsmRequires.cjs`, `${FIXTURES}/runPool.mjs`, kind],
    // NODE_OPTIONS cleared: the test run turns require(esm) off for its children (vitest.config.ts).
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', RECORD_ESM_REQUIRES: record } },
  );
  expect(run.status, run.stderr).toBe(0);
  const esmRequires = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  return { result: run.stdout.trim(), esmRequires };
}

describe('the task pools’ entry', () => {
  it('is CommonJS: a pool runs its task and no thread require()s an ES module', () => {
    expect(runPool('medmean')).toEqual({ result: '[42]', esmRequires: [] });
  });

  it('the check has power: a pool given the ES module host is seen require()ing it', () => {
    const { result, esmRequires } = runPool('host');
    expect(result).toBe('[42]');
    expect(esmRequires.map((file) => path.basename(file))).toContain('workerHost.mjs');
  });
});
