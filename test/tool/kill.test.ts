// A `medmean report` killed at any moment leaves the previous reports intact: the output
// directory holds either the complete previous run or the complete new one, never a mix, and the
// next run completes from what the kill left. The kills are placed, not timed: the preload
// test/helpers/killAtFileOperation.mjs kills the process with SIGKILL just before its k-th change
// to the file system, so the few milliseconds in which the reports are written are hit on every
// run (a kill at a random time almost always falls before or after them).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReport } from '../../src/report/runReport.ts';
import { writeDirectoryAtomically } from '../../src/report/writeDirectoryAtomically.ts';
import { snapshotDirectory } from '../helpers/directorySnapshot.ts';

const bin = path.resolve('bin/medmean.mjs');
const preload = pathToFileURL(path.resolve('test/helpers/killAtFileOperation.mjs')).href;
const writerModule = pathToFileURL(path.resolve('dist/report/writeDirectoryAtomically.js')).href;

type Files = Record<string, string>;

/** Empties `root` and writes `files` into `root/reports`: the state a completed run leaves. */
function restore(root: string, files: Files): void {
  for (const entry of readdirSync(root)) rmSync(path.join(root, entry), { recursive: true, force: true });
  for (const [relative, content] of Object.entries(files)) {
    const destination = path.join(root, 'reports', relative);
    mkdirSync(path.dirname(destination), { recursive: true });
    writeFileSync(destination, content);
  }
}

/** Runs node with `args`, killed before its `killAt`-th file operation under `root` (0: never). */
function runKilledAt(args: readonly string[], root: string, killAt: number, operationsOut?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, MEDMEAN_KILL_UNDER: root, MEDMEAN_KILL_AT: String(killAt) };
  if (operationsOut !== undefined) env.MEDMEAN_OPERATIONS_OUT = operationsOut;
  return spawnSync(process.execPath, ['--import', preload, ...args], { env, encoding: 'utf8' });
}

/** Starts node with `args` and the preload's other hooks (`hooks`: its MEDMEAN_* variables); resolves with the exit code. */
function startWithHooks(args: readonly string[], root: string, hooks: Record<string, string>): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', preload, ...args], {
    env: { ...process.env, MEDMEAN_KILL_UNDER: root, ...hooks },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The files as text that does not depend on the order they were listed in. */
const canonical = (files: Files) => JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Which complete state `root` shows a reader: the reports directory, or the one set aside between the two renames. */
function visibleState(root: string, states: Record<string, Files>): string {
  const reports = path.join(root, 'reports');
  const now = snapshotDirectory(existsSync(reports) ? reports : `${reports}.previous`);
  const name = Object.keys(states).find((key) => canonical(states[key]) === canonical(now));
  return name ?? `neither (${Object.keys(now).sort().join(', ')})`;
}

function operationsOf(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

describe('killing a report write', () => {
  it('writeDirectoryAtomically, killed before each of its file operations, leaves the previous or the new directory, and the next write completes', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'medmean-kill-writer-'));
    const target = path.join(root, 'reports');
    const previous: Files = {
      'README.md': 'old index',
      'a.md': 'old a',
      'figures/a.svg': 'old a.svg',
      'kept.md': 'kept',
    };
    const written: Array<[string, string]> = [
      ['README.md', 'new index'],
      ['a.md', 'new a'],
      ['b.md', 'new b'],
      ['figures/a.svg', 'new a.svg'],
      ['figures/b.svg', 'new b.svg'],
    ];
    // As a report that recomputes some claims writes: the new files, and kept.md carried over.
    const next: Files = { ...Object.fromEntries(written), 'kept.md': 'kept' };
    const write = [
      '--input-type=module',
      '-e',
      `const { writeDirectoryAtomically } = await import(${JSON.stringify(writerModule)});
       writeDirectoryAtomically(${JSON.stringify(target)}, new Map(${JSON.stringify(written)}), (file) => file === 'kept.md');`,
    ];
    const operationsFile = path.join(mkdtempSync(path.join(tmpdir(), 'medmean-kill-log-')), 'operations');
    restore(root, previous);
    expect(runKilledAt(write, root, 0, operationsFile).status).toBe(0);
    expect(snapshotDirectory(target)).toEqual(next);
    const operations = operationsOf(operationsFile);
    expect(operations.length).toBeGreaterThan(written.length);
    const seen = new Set<string>();
    for (let k = 1; k <= operations.length; k++) {
      restore(root, previous);
      const killed = runKilledAt(write, root, k);
      expect(killed.signal, `the kill before ${operations[k - 1]}`).toBe('SIGKILL');
      const state = visibleState(root, { previous, next });
      expect(state, `after a kill before ${operations[k - 1]}`).toMatch(/^(previous|next)$/);
      seen.add(state);
      // The next write, in this process: what it finds is all that matters.
      writeDirectoryAtomically(target, new Map(written), (file) => file === 'kept.md');
      expect(snapshotDirectory(target), `the write after a kill before ${operations[k - 1]}`).toEqual(next);
      expect(readdirSync(root), 'no staging or set-aside directory is left').toEqual(['reports']);
    }
    expect([...seen].sort()).toEqual(['next', 'previous']);
  });
});

describe('medmean report writing a directory', () => {
  const report = (claims: string, seed: number, out: string) => [
    bin,
    'report',
    '--quick',
    '--workers',
    '1',
    '--claims',
    claims,
    '--seed',
    String(seed),
    '--out',
    out,
  ];
  /** The same run in this process: for the runs whose process is not under test (no kill, no hooks). */
  const reportHere = async (claims: string, seed: number, out: string) => {
    await runReport({ out, seed, preset: 'quick', claims: claims.split(','), workers: 1 });
    return snapshotDirectory(out);
  };
  // The two cheapest claims at the quick preset (about 1 s and 0.5 s of CPU each): what is tested is
  // the writing, not the claims.
  const [kept, rerun] = ['thm3', 'prop1'];
  /** The reports both tests start from: both claims at seed 1, written once. */
  let previousReports: Files | undefined;
  const previous = async () => {
    previousReports ??= await reportHere(
      `${rerun},${kept}`,
      1,
      path.join(mkdtempSync(path.join(tmpdir(), 'medmean-previous-')), 'reports'),
    );
    return previousReports;
  };

  it('re-running one claim, killed between the two renames that swap the directories, leaves the previous reports; the next run keeps the other claims', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'medmean-kill-report-'));
    const out = path.join(root, 'reports');
    const before = await previous();
    restore(root, before);
    const operationsFile = path.join(mkdtempSync(path.join(tmpdir(), 'medmean-kill-log-')), 'operations');
    expect(runKilledAt(report(rerun, 2, out), root, 0, operationsFile).status).toBe(0);
    const next = snapshotDirectory(out);
    expect(next).not.toEqual(before);
    expect(next[`${kept}.md`]).toBe(before[`${kept}.md`]);
    const operations = operationsOf(operationsFile);
    const intoPlace = operations.findIndex((operation) => operation.startsWith(`renameSync ${out}.staging`)) + 1;
    expect(operations[intoPlace - 2]).toBe(`renameSync ${out}`);
    // Every other moment of the write is killed in the writer's own test above.
    restore(root, before);
    const killed = runKilledAt(report(rerun, 2, out), root, intoPlace);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    expect(visibleState(root, { previous: before, next })).toBe('previous');
    // The next run, in this process: what it finds is all that matters.
    expect(await reportHere(rerun, 2, out)).toEqual(next);
    expect(readdirSync(root), 'no staging, set-aside or lock file is left').toEqual(['reports']);
  });

  it('two runs writing one directory at once take turns: the second reads what the first wrote, and both claims are kept', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'medmean-two-writers-'));
    const out = path.join(root, 'reports');
    restore(root, await previous());
    const expected = await reportHere(
      `${rerun},${kept}`,
      2,
      path.join(mkdtempSync(path.join(tmpdir(), 'medmean-two-writers-expected-')), 'reports'),
    );
    // The first run stops in its write, with the lock taken; the second starts only then, so that
    // it reaches its write while the first holds the lock, and must read the first's results after
    // it to keep them. Its first attempt at the lock lets the first go on.
    const signals = mkdtempSync(path.join(tmpdir(), 'medmean-two-writers-signal-'));
    const [paused, reached] = [path.join(signals, 'first-holds-lock'), path.join(signals, 'second-run-writes')];
    const first = startWithHooks(report(rerun, 2, out), root, {
      MEDMEAN_PAUSE_AFTER: '.lock',
      MEDMEAN_PAUSED_FILE: paused,
      MEDMEAN_PAUSE_UNTIL: reached,
    });
    for (let waited = 0; !existsSync(paused); waited += 10) {
      if (waited > 120_000) throw new Error('the first run never took the lock');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const second = startWithHooks(report(kept, 2, out), root, {
      MEDMEAN_SIGNAL_BEFORE: '.lock',
      MEDMEAN_SIGNAL_FILE: reached,
    });
    expect(await Promise.all([first, second])).toEqual([0, 0]);
    expect(snapshotDirectory(out)).toEqual(expected);
    expect(readdirSync(root)).toEqual(['reports']);
  });
});
