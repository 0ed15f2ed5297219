import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { AggregatorUnderTest, CallOutcome } from './AggregatorUnderTest.ts';
import { callTimeoutMs } from './callTimeout.ts';

type Settled =
  | { kind: 'values'; values: Float64Array }
  | { kind: 'mutated'; mutated: string; values: Float64Array }
  | { kind: 'error'; error: string };

/** One response line of the newline-delimited JSON protocol. */
const responseSchema = z.union([
  // `mutated`: a server that compares its input before and after the call says so (medmean_serve.py).
  z.object({ id: z.number(), result: z.array(z.union([z.number(), z.null()])), mutated: z.string().optional() }),
  z.object({ id: z.number(), error: z.string() }),
]);

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs an external program (through the shell) that reads requests `{"id", "vectors"}` (with
 * `"weights"` for the weighted mean) as lines of JSON on stdin and writes `{"id", "result"}` (or
 * `{"id", "error"}`) lines to stdout. Started once and reused; a
 * call that times out kills the program, which is restarted for the next call. The program runs in
 * its own process group, and kills reach the whole group: the shell's children too, which would
 * otherwise hold the pipes open and keep medmean from exiting. Being its own group, it does not get
 * the terminal's Ctrl-C: medmean passes SIGINT, SIGTERM and SIGHUP on as a kill of the group, then
 * dies of the signal as it would have. Until the program has written its first line, a call may
 * take `startupMs` more (by default the larger of `timeoutMs` and 30 s, as a module gets for
 * loading): its start-up is not the aggregator's time.
 */
export async function commandAggregator(
  command: string,
  timeoutMs: number,
  startupMs = Math.max(timeoutMs, 30_000),
): Promise<AggregatorUnderTest> {
  let child: ChildProcessWithoutNullStreams | undefined;
  // Programs that have written a line: until then a call's limit includes the start-up allowance.
  const answered = new WeakSet<ChildProcessWithoutNullStreams>();
  let nextId = 0;
  let stderrTail = '';
  const pending = new Map<
    number,
    { resolve: (outcome: CallOutcome) => void; timer: NodeJS.Timeout; started: number }
  >();

  const settle = (id: number, outcome: Settled) => {
    const waiting = pending.get(id);
    if (waiting === undefined) return;
    clearTimeout(waiting.timer);
    pending.delete(id);
    waiting.resolve({ ...outcome, elapsedMs: performance.now() - waiting.started });
  };

  const kill = (target: ChildProcessWithoutNullStreams) => {
    try {
      if (target.pid !== undefined) process.kill(-target.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    target.stdout.destroy();
    target.stderr.destroy();
  };

  const start = () => {
    // Python buffers a piped stdout in blocks: a program that prints its replies without flushing
    // would never answer. Unbuffered, it does (other languages: see the timeout's message).
    const created = spawn(command, {
      shell: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    });
    created.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-2000);
    });
    created.stdin.on('error', () => undefined);
    createInterface({ input: created.stdout }).on('line', (line) => {
      if (line.trim() === '') return;
      answered.add(created);
      let parsed: unknown;
      try {
        parsed = JSON.parse(withNonFiniteAsNull(line));
      } catch {
        const only = pending.size === 1 ? [...pending.keys()][0] : undefined;
        if (only !== undefined)
          settle(only, { kind: 'error', error: `wrote a line that is not JSON: ${line.slice(0, 200)}` });
        return;
      }
      const response = responseSchema.safeParse(parsed);
      if (!response.success) {
        const id =
          typeof (parsed as { id?: unknown })?.id === 'number'
            ? (parsed as { id: number }).id
            : pending.size === 1
              ? [...pending.keys()][0]
              : undefined;
        if (id !== undefined)
          settle(id, {
            kind: 'error',
            error: `wrote a response that is not {"id", "result": [numbers]}: ${line.slice(0, 200)}`,
          });
        return;
      }
      const data = response.data;
      if ('error' in data) {
        settle(data.id, { kind: 'error', error: `reported an error: ${data.error}` });
        return;
      }
      // JSON has no NaN or Infinity: a non-finite result arrives as null.
      // biome-ignore lint/complexity/useIndexOf: kept as measured by the check-fixtures calibration (same result)
      const nullIndex = data.result.findIndex((value) => value === null);
      if (nullIndex >= 0) {
        settle(data.id, {
          kind: 'error',
          error: `returned a non-finite value (NaN, Infinity or null) at index ${nullIndex}`,
        });
        return;
      }
      const values = Float64Array.from(data.result as number[]);
      settle(
        data.id,
        data.mutated === undefined ? { kind: 'values', values } : { kind: 'mutated', mutated: data.mutated, values },
      );
    });
    created.on('exit', (code, signal) => {
      if (child === created) child = undefined;
      for (const id of [...pending.keys()]) {
        settle(id, {
          kind: 'error',
          error: `the command exited during the call (code ${code ?? signal})${stderrTail ? `; stderr: ${stderrTail.trim().slice(-500)}` : ''}`,
        });
      }
    });
    return created;
  };

  const stopForwarding = () => {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (child !== undefined) kill(child);
    stopForwarding();
    process.kill(process.pid, signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, onSignal);

  child = start();

  return {
    description: `command: ${command}`,
    observesMutation: false,
    call({ vectors, weights }) {
      child ??= start();
      const current = child;
      const id = nextId++;
      // The first calls to a program also wait for its start-up (a cold `import torch` can take
      // longer than a call may), as a module's loading has its own limit.
      const starting = !answered.has(current);
      const limitMs = callTimeoutMs(timeoutMs, vectors) + (starting ? startupMs : 0);
      return new Promise<CallOutcome>((resolve) => {
        const started = performance.now();
        const timer = setTimeout(() => {
          pending.delete(id);
          if (child === current) child = undefined;
          kill(current);
          resolve({
            kind: 'timeout',
            error: `did not answer within ${limitMs} ms${starting ? ` (${startupMs} ms of it for the program's start-up, as it had not answered yet; a program must flush stdout after each reply line)` : ''} (timeout; the command was restarted)`,
            elapsedMs: performance.now() - started,
          });
        }, limitMs);
        pending.set(id, { resolve, timer, started });
        current.stdin.write(
          `{"id":${id},"vectors":[${vectors.map(vectorToJson).join(',')}]${weights === undefined ? '' : `,"weights":${vectorToJson(weights)}`}}\n`,
        );
      });
    },
    async close() {
      stopForwarding();
      const current = child;
      child = undefined;
      if (current !== undefined) {
        current.stdin.end();
        if (current.exitCode === null && current.signalCode === null) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 2000);
            current.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        kill(current);
      }
    },
  };
}

/**
 * Python's json writes NaN, Infinity and -Infinity as bare tokens, which JSON.parse rejects; they
 * are read as null (a non-finite value, reported as such). Strings are skipped, so an error
 * message that mentions Infinity is left alone.
 */
export function withNonFiniteAsNull(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"|-?\b(?:NaN|Infinity)\b/g, (token) => (token.startsWith('"') ? token : 'null'));
}

/** One vector as JSON, with −0 written as -0.0 (JSON.stringify writes 0, and the program would never see −0). */
export function vectorToJson(vector: ArrayLike<number>): string {
  return `[${Array.from(vector, (value) => (Object.is(value, -0) ? '-0.0' : JSON.stringify(value))).join(',')}]`;
}
