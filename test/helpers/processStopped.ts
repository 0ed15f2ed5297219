import { readFileSync } from 'node:fs';

/** 'gone', or the one-letter state in /proc/<pid>/stat ('S' sleeping, 'Z' zombie, …). */
function processState(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0];
  } catch {
    return 'gone';
  }
}

/** The states of a process that no longer runs: gone, or a zombie waiting for init to reap it. */
export const STOPPED_STATES = ['gone', 'Z', 'X'];

export const processStopped = (pid: number) => STOPPED_STATES.includes(processState(pid));

/**
 * Waits until the process no longer runs, up to `timeoutMs`, and returns its last state. A SIGKILL
 * takes effect when the process is next scheduled, so a loaded machine may need some seconds.
 */
export async function waitUntilStopped(pid: number, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!processStopped(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return processState(pid);
}
