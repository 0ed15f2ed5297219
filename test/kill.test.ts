// A `medmean report` killed at any moment leaves the previous reports intact: the output
// directory holds either the complete previous run or the complete new one, never a mix.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve('bin/medmean.mjs');

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[path.relative(dir, path.join(entry.parentPath, entry.name))] = readFileSync(
        path.join(entry.parentPath, entry.name),
        'utf8',
      );
  }
  return files;
}

const report = (out: string, seed: number) => [
  'report',
  '--quick',
  '--workers',
  '1',
  '--claims',
  'prop1',
  '--seed',
  String(seed),
  '--out',
  out,
];

describe('killing medmean report', () => {
  it('leaves either the previous or the new complete reports, at every kill time', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'medmean-kill-'));
    const out = path.join(root, 'reports');
    const expectedNew = path.join(root, 'expected-new');
    execFileSync(process.execPath, [bin, ...report(out, 1)]);
    const started = performance.now();
    execFileSync(process.execPath, [bin, ...report(expectedNew, 2)]);
    // Kill times are fractions of this machine's own run time, so that they fall inside the run
    // however fast or busy the machine is (a fixed 1.1 s outlasted a 0.9 s run on idle cores).
    const runMs = performance.now() - started;
    const previous = snapshot(out);
    const next = snapshot(expectedNew);
    expect(previous).not.toEqual(next);
    let sawPrevious = 0;
    for (const delayMs of [0.15, 0.5, 0.85, 0.97].map((share) => share * runMs)) {
      const child = spawn(process.execPath, [bin, ...report(out, 2)], { stdio: 'ignore' });
      // Listened for from the start: a run that ends before the kill has already emitted 'exit'.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill('SIGKILL');
      await exited;
      // A kill between the two renames of the swap leaves `reports.previous`; the next run restores
      // it. Readers see the complete previous directory there.
      const visible = existsSync(out) ? out : `${out}.previous`;
      const now = snapshot(visible);
      const isPrevious = JSON.stringify(now) === JSON.stringify(previous);
      const isNext = JSON.stringify(now) === JSON.stringify(next);
      expect(isPrevious || isNext, `after a kill at ${delayMs.toFixed(0)} ms the directory is neither run`).toBe(true);
      if (isPrevious) sawPrevious++;
      // Restore the previous state for the next kill time.
      if (isNext) execFileSync(process.execPath, [bin, ...report(out, 1)]);
    }
    expect(sawPrevious).toBeGreaterThan(0);
  });
});
