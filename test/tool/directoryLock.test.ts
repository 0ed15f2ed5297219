import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MedmeanError } from '../../src/errors/MedmeanError.ts';
import { withDirectoryLock } from '../../src/report/directoryLock.ts';

const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), 'medmean-lock-')), 'reports');

describe('withDirectoryLock', () => {
  it('holds DIR.lock while the work runs and removes it after, also when the work throws', () => {
    const target = fresh();
    expect(withDirectoryLock(target, () => existsSync(`${target}.lock`))).toBe(true);
    expect(() =>
      withDirectoryLock(target, () => {
        throw new Error('work failed');
      }),
    ).toThrow('work failed');
    expect(readdirSync(path.dirname(target))).toEqual([]);
  });

  it("is re-entrant within a process: a write inside a caller's lock does not wait for it", () => {
    const target = fresh();
    expect(withDirectoryLock(target, () => withDirectoryLock(target, () => 'inner', 50))).toBe('inner');
    expect(readdirSync(path.dirname(target))).toEqual([]);
  });

  it('waits for a live holder and then gives up with a typed error naming the lock and the process', () => {
    const target = fresh();
    writeFileSync(`${target}.lock`, String(process.pid));
    const started = Date.now();
    expect(() => withDirectoryLock(target, () => 'ran', 200)).toThrow(MedmeanError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(() => withDirectoryLock(target, () => 'ran', 50)).toThrow(
      new RegExp(`reports\\.lock has been held for 0\\.05 s by process ${process.pid}`),
    );
  });

  it('takes over the lock of a process that is gone, and an empty lock older than a second, but waits on a fresh empty one', () => {
    const target = fresh();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${target}.lock`, String(gone));
    expect(withDirectoryLock(target, () => 'ran', 50)).toBe('ran');
    writeFileSync(`${target}.lock`, '');
    const old = (Date.now() - 5000) / 1000;
    utimesSync(`${target}.lock`, old, old);
    expect(withDirectoryLock(target, () => 'ran', 50)).toBe('ran');
    writeFileSync(`${target}.lock`, '');
    expect(() => withDirectoryLock(target, () => 'ran', 50)).toThrow(/a process that has not written its id/);
  });
});
