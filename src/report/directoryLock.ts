import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MedmeanError } from '../errors/MedmeanError.ts';

/** How long a writer waits by default for another to finish before it gives up (the lock is held for milliseconds). */
const WAIT_MS = 60_000;
/** A lock file without a process id is being created, unless it is older than this (its writer was killed). */
const EMPTY_LOCK_GRACE_MS = 1000;
const POLL_MS = 20;

const pause = new Int32Array(new SharedArrayBuffer(4));
/** Locks this process holds: a writer inside a caller's lock (reading, then writing) does not wait for itself. */
const held = new Set<string>();

/**
 * Runs `work` while holding `target.lock`, so that two medmean runs writing one directory (two
 * terminals, or parallel CI jobs sharing a workspace) take turns: each reads what the other wrote
 * (a `--claims` run keeps the claims another run just wrote) and neither finds its staging
 * directory removed under it. The lock file holds the writer's process id; a lock whose process
 * is gone was left by a killed run and is taken over. A lock still held after `waitMs` is a
 * MedmeanError naming it and its holder. Re-entrant within a process.
 */
export function withDirectoryLock<T>(target: string, work: () => T, waitMs = WAIT_MS): T {
  const lock = `${path.resolve(target)}.lock`;
  if (held.has(lock)) return work();
  mkdirSync(path.dirname(lock), { recursive: true });
  acquire(lock, waitMs);
  held.add(lock);
  try {
    return work();
  } finally {
    held.delete(lock);
    rmSync(lock, { force: true });
  }
}

function acquire(lock: string, waitMs: number): void {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(lock);
    if (holder === 'released') continue;
    if (holder === 'stale') {
      // Two runs that find the same stale lock at the same moment could both take it; a stale lock
      // needs a killed writer, so that takes a kill and two other runs within microseconds.
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new MedmeanError(
        'withDirectoryLock',
        'target',
        `a directory no other run is writing; ${lock} has been held for ${waitMs / 1000} s by ${holder === 'starting' ? 'a process that has not written its id' : `process ${holder}`}`,
        path.dirname(lock),
      );
    Atomics.wait(pause, 0, 0, POLL_MS);
  }
}

/**
 * Who holds `lock`: a live process id; 'starting' for a lock created a moment ago whose id is not
 * written yet; 'stale' when its writer is gone (killed); 'released' when it was removed meanwhile.
 */
function holderOf(lock: string): number | 'starting' | 'stale' | 'released' {
  let text: string;
  let ageMs: number;
  try {
    text = readFileSync(lock, 'utf8');
    ageMs = Date.now() - statSync(lock).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'released';
    throw error;
  }
  const pid = Number(text);
  if (text === '' || !Number.isInteger(pid) || pid <= 0) return ageMs > EMPTY_LOCK_GRACE_MS ? 'stale' : 'starting';
  return isAlive(pid) ? pid : 'stale';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
