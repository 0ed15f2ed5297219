import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { STOPPED_STATES, processStopped, waitUntilStopped } from '../helpers/processStopped.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A --command program runs in its own process group, so the terminal's Ctrl-C reaches medmean only;
// medmean must take the program down with it rather than leave it running.
it.each(['SIGINT', 'SIGTERM'] as const)(
  'medmean check killed by %s kills the --command program too',
  async (signal) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medmean-signal-'));
    const pidFile = path.join(dir, 'pid');
    const medmean = spawn(
      process.execPath,
      [
        path.resolve('bin/medmean.mjs'),
        'check',
        '--rule',
        'median',
        '--timeout',
        '60000',
        '--command',
        `sleep 1000 & echo $! > ${pidFile}; wait`,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      medmean.on('exit', (_code, received) => resolve(received)),
    );
    let pid = 0;
    try {
      for (let waited = 0; !existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === ''; waited += 50) {
        if (waited > 20_000) throw new Error('the command never started');
        await sleep(50);
      }
      pid = Number(readFileSync(pidFile, 'utf8'));
      medmean.kill(signal);
      expect(await exited).toBe(signal);
      expect(STOPPED_STATES).toContain(await waitUntilStopped(pid));
    } finally {
      if (pid > 0 && !processStopped(pid)) process.kill(pid, 'SIGKILL');
      medmean.kill('SIGKILL');
    }
  },
  40_000,
);
